"""The JSON interchange format: round trips, the example files, and precise errors."""

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from assessments.interchange import (
    ActionIn,
    InterchangeError,
    assessment_input_to_dict,
    assessment_input_to_json,
    parse_assessment_json,
    read_rubric_version,
)
from assessments.rubric.loader import bundled_rubric
from assessments.scoring.engine import score
from assessments.scoring.inputs import AnswerIn
from assessments.scoring.samples import never_pays_back_pilot, ready_pilot

ROOT = Path(__file__).resolve().parents[2]
RUBRIC = bundled_rubric("1.0.0")


def _document():
    return assessment_input_to_dict(ready_pilot(), rubric_version=RUBRIC.version, client="Acme")


def _error_paths(document):
    text = document if isinstance(document, str) else json.dumps(document)
    with pytest.raises(InterchangeError) as raised:
        parse_assessment_json(text, RUBRIC)
    return {error.path: error.message for error in raised.value.errors}


def test_an_exported_assessment_parses_back_to_the_same_input():
    respondents = {"own_authority": "dana@example.com"}
    text = assessment_input_to_json(
        never_pays_back_pilot(),
        rubric_version=RUBRIC.version,
        client="Acme",
        respondents=respondents,
    )

    parsed = parse_assessment_json(text, RUBRIC)

    assert parsed.assessment == never_pays_back_pilot()
    assert parsed.client == "Acme"
    assert parsed.rubric_version == "1.0.0"
    assert dict(parsed.respondents) == respondents


def test_the_action_plan_parses_back_as_it_was_written():
    actions = (
        ActionIn("ov_human_review", "Sam Ortiz", date(2026, 7, 1), "done"),
        ActionIn("own_accountable_owner"),
    )
    text = assessment_input_to_json(
        never_pays_back_pilot(), rubric_version=RUBRIC.version, actions=actions
    )

    parsed = parse_assessment_json(text, RUBRIC)

    assert parsed.actions == actions
    assert json.loads(text)["actions"][1] == {
        "criterion_id": "own_accountable_owner",
        "owner_name": "",
        "due_date": None,
        "status": "open",
    }


def test_a_file_without_an_action_plan_has_none_and_writes_none():
    document = _document()

    assert "actions" not in document
    assert parse_assessment_json(json.dumps(document), RUBRIC).actions == ()


@pytest.mark.parametrize(
    ("name", "decision"),
    [("go-lead-reply.json", "go"), ("stop-supplier-digest.json", "stop")],
)
def test_the_example_files_parse_and_score_as_documented(name, decision):
    text = (ROOT / "docs" / "examples" / name).read_text(encoding="utf-8")

    parsed = parse_assessment_json(text, RUBRIC)

    assert score(parsed.assessment, RUBRIC).decision == decision


def test_truncated_json_reports_line_and_column():
    text = assessment_input_to_json(ready_pilot(), rubric_version=RUBRIC.version)[:200]

    errors = _error_paths(text)

    assert list(errors) == ["$"]
    assert "not valid JSON" in errors["$"]
    assert "line" in errors["$"] and "column" in errors["$"]


def test_every_offending_field_is_named_in_one_error():
    document = _document()
    document["owners"][0]["hours_per_week"] = "lots"
    document["owners"][1].pop("email")
    document["pilot"]["stage"] = "dreaming"
    document["integrations"][0]["status"] = "telepathy"
    document["oversight"]["confidence_threshold"] = 1.5
    document["value_case"]["build_cost"] = -10
    document["metrics"][0]["deadline"] = "2026-02-30"
    document["surprise"] = True

    errors = _error_paths(document)

    assert set(errors) == {
        "owners[0].hours_per_week",
        "owners[1].email",
        "pilot.stage",
        "integrations[0].status",
        "oversight.confidence_threshold",
        "value_case.build_cost",
        "metrics[0].deadline",
        "surprise",
    }
    assert errors["owners[1].email"] == "is required"
    assert errors["oversight.confidence_threshold"] == "must be at most 1"
    assert errors["metrics[0].deadline"] == "is not a real date"


def test_answers_are_checked_against_the_rubric():
    document = _document()
    document["answers"] += [
        {"question_id": "own_favourite_colour", "value": "blue"},
        {"question_id": "out_scope", "value": "galactic"},
        {"question_id": "ov_test_cases", "value": -3},
        {"question_id": "own_authority", "value": "yes"},
        {"question_id": "basic_built_by", "value": None, "not_sure": True},
    ]
    first_new = len(document["answers"]) - 5

    errors = _error_paths(document)

    assert "is not a question of the rubric" in errors[f"answers[{first_new}].question_id"]
    assert "is not an option" in errors[f"answers[{first_new + 1}].value"]
    assert "must be at least 0" in errors[f"answers[{first_new + 2}].value"]
    assert errors[f"answers[{first_new + 3}].value"] == "must be true or false"
    assert "does not offer 'not sure'" in errors[f"answers[{first_new + 4}].not_sure"]


def test_a_question_answered_twice_is_an_error():
    document = _document()
    document["answers"].append({"question_id": "own_authority", "value": False})

    errors = _error_paths(document)

    assert list(errors.values()) == ["'own_authority' is answered twice"]


def test_a_file_for_another_rubric_version_is_refused():
    document = _document()
    document["rubric_version"] = "0.9.0"

    assert "rubric_version" in _error_paths(document)


def test_the_rubric_version_can_be_read_before_choosing_a_rubric():
    assert read_rubric_version(json.dumps(_document())) == "1.0.0"
    with pytest.raises(InterchangeError):
        read_rubric_version("{}")


def test_a_file_that_is_not_an_object_is_refused():
    assert _error_paths("[1, 2]") == {"$": "is not a JSON object of named fields"}


def test_the_format_marker_is_required():
    document = _document()
    document["format"] = "spreadsheet"

    assert _error_paths(document) == {"format": 'is "spreadsheet", not "readiness.assessment"'}


def test_the_clients_currency_travels_with_the_file():
    text = assessment_input_to_json(
        ready_pilot(), rubric_version=RUBRIC.version, client="Acme", currency="EUR"
    )

    parsed = parse_assessment_json(text, RUBRIC)

    assert json.loads(text)["currency"] == "EUR"
    assert parsed.currency == "EUR"
    assert parsed.assessment == ready_pilot()


def test_a_client_without_a_currency_writes_none_and_a_file_without_one_is_read():
    document = _document()

    parsed = parse_assessment_json(json.dumps(document), RUBRIC)

    assert "currency" not in document
    assert parsed.currency == ""


def test_an_empty_currency_means_not_set():
    document = _document() | {"currency": ""}

    assert parse_assessment_json(json.dumps(document), RUBRIC).currency == ""


@pytest.mark.parametrize("currency", ["gbp", "BTC", "£", 826])
def test_a_currency_that_is_not_a_known_code_is_named_at_its_path(currency):
    errors = _error_paths(_document() | {"currency": currency})

    assert list(errors) == ["currency"]
    assert errors["currency"].startswith('must be one of "", "GBP", "EUR"')


def test_the_format_knows_exactly_the_currencies_a_client_can_have():
    from readiness.money import Currency

    schema = json.loads(
        (ROOT / "assessments" / "interchange" / "assessment.schema.json").read_text()
    )

    assert schema["properties"]["currency"]["enum"] == ["", *Currency.values]


@pytest.mark.parametrize("depth", [2_000, 100_000])
def test_a_file_nested_too_deeply_to_read_is_refused_as_such(depth):
    with pytest.raises(InterchangeError) as refused:
        parse_assessment_json("[" * depth + "]" * depth, RUBRIC)

    assert [str(error) for error in refused.value.errors] == ["$: is nested too deeply to read"]


@pytest.mark.parametrize(
    ("literal", "message"),
    [
        ("NaN", "has NaN, which is not a number; write a number, or null for none"),
        ("Infinity", "has Infinity, which is not a number; write a number, or null for none"),
        ("1e400", "has 1e400, too large a number"),
    ],
)
def test_numbers_json_does_not_allow_are_refused(literal, message):
    document = _document()
    document["value_case"]["build_cost"] = "PLACEHOLDER"
    text = json.dumps(document).replace('"PLACEHOLDER"', literal)

    assert _error_paths(text) == {"$": message}


def test_a_number_kept_beside_not_sure_is_exported_as_null_and_reads_back():
    inp = ready_pilot()
    answers = {**inp.answers, "ov_test_cases": AnswerIn("ov_test_cases", 400, not_sure=True)}
    text = assessment_input_to_json(replace(inp, answers=answers), rubric_version=RUBRIC.version)

    row = next(a for a in json.loads(text)["answers"] if a["question_id"] == "ov_test_cases")
    assert row == {"question_id": "ov_test_cases", "value": None, "not_sure": True}
    parsed = parse_assessment_json(text, RUBRIC)
    assert parsed.assessment.answers["ov_test_cases"].not_sure
