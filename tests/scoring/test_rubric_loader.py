"""Loading the rubric data, and the loud failures for every kind of bad data."""

import copy

import pytest

from assessments.rubric.loader import (
    RubricError,
    bundled_rubric,
    bundled_rubric_files,
    load_rubric_file,
    rubric_from_dict,
    rubric_hash,
    rubric_to_dict,
)

RUBRIC = bundled_rubric("1.0.0")


def _data():
    return copy.deepcopy(rubric_to_dict(RUBRIC))


def _errors(data):
    with pytest.raises(RubricError) as raised:
        rubric_from_dict(data)
    return "\n".join(raised.value.errors)


def _criterion(data, criterion_id):
    return next(c for c in data["criteria"] if c["id"] == criterion_id)


def _question(data, question_id):
    return next(q for q in data["questions"] if q["id"] == question_id)


def test_the_bundled_rubric_loads_with_five_gaps_in_order():
    assert [gap.id for gap in RUBRIC.gaps] == [
        "ownership",
        "outcome",
        "integration",
        "oversight",
        "adoption",
    ]
    assert bundled_rubric() == RUBRIC


def test_the_rubric_survives_a_round_trip_through_a_plain_dict():
    again = rubric_from_dict(rubric_to_dict(RUBRIC))

    assert again == RUBRIC
    assert rubric_hash(again) == rubric_hash(RUBRIC)


def test_the_hash_changes_when_any_number_changes():
    data = _data()
    data["thresholds"]["strong_min"] = 81

    assert rubric_hash(rubric_from_dict(data)) != rubric_hash(RUBRIC)


def test_asking_for_an_unknown_version_names_the_available_ones():
    with pytest.raises(LookupError, match=r"1\.0\.0"):
        bundled_rubric("9.9.9")


def test_a_file_that_is_not_toml_is_reported_by_name(tmp_path):
    broken = tmp_path / "v9.toml"
    broken.write_text("version = \n", encoding="utf-8")

    with pytest.raises(RubricError, match=r"v9\.toml: not valid TOML"):
        load_rubric_file(broken)


def test_the_bundled_file_is_found_next_to_the_loader():
    assert [path.name for path in bundled_rubric_files()] == ["v1.toml"]


def test_an_unknown_gap_is_rejected():
    data = _data()
    _criterion(data, "own_named_early")["gap"] = "morale"

    assert "unknown gap 'morale'" in _errors(data)


def test_a_gap_outside_the_five_is_rejected():
    data = _data()
    data["gaps"]["morale"] = {"title": "Morale", "weight": 1.0, "summary": "Spirits."}

    assert "gaps.morale: unknown gap" in _errors(data)


@pytest.mark.parametrize("weight", [0, -1.5])
def test_weights_must_be_positive(weight):
    data = _data()
    _criterion(data, "own_named_early")["weight"] = weight
    data["gaps"]["adoption"]["weight"] = weight
    _criterion(data, "out_value_case")["signals"][0]["weight"] = weight

    errors = _errors(data)

    assert errors.count("weight must be positive") == 3


def test_duplicate_ids_are_rejected():
    data = _data()
    data["criteria"].append(copy.deepcopy(_criterion(data, "own_named_early")))
    data["questions"].append(copy.deepcopy(_question(data, "own_authority")))

    errors = _errors(data)

    assert "duplicate criterion id 'own_named_early'" in errors
    assert "duplicate question id 'own_authority'" in errors


def test_a_question_referenced_but_undefined_is_rejected():
    data = _data()
    _criterion(data, "own_named_early")["signals"].append(
        {"question": "own_shoe_size", "weight": 1.0}
    )

    assert "undefined question 'own_shoe_size'" in _errors(data)


def test_a_criterion_without_a_seed_citation_is_rejected():
    data = _data()
    _criterion(data, "own_named_early")["seeds"] = []

    assert "every criterion must cite at least one seed" in _errors(data)


def test_citing_an_undefined_seed_is_rejected():
    data = _data()
    _criterion(data, "own_named_early")["seeds"] = ["S9"]

    assert "cites undefined seed 'S9'" in _errors(data)


def test_options_whose_credits_fall_from_worst_to_best_are_rejected():
    data = _data()
    options = _question(data, "out_scope")["options"]
    options[1]["credit"], options[2]["credit"] = options[2]["credit"], options[1]["credit"]

    assert "question out_scope: option credits must not decrease" in _errors(data)


def test_number_bands_whose_credits_fall_are_rejected():
    data = _data()
    bands = _question(data, "ov_test_cases")["bands"]
    bands[-1]["credit"] = 0.1

    assert "band credits must not decrease" in _errors(data)


def test_a_judgement_question_without_not_sure_is_rejected():
    data = _data()
    _question(data, "own_authority")["not_sure"] = False

    assert "question own_authority: every judgement question must offer 'not sure'" in _errors(data)


def test_a_scored_choice_option_without_credit_is_rejected():
    data = _data()
    del _question(data, "out_scope")["options"][0]["credit"]

    assert "every option needs a credit" in _errors(data)


def test_an_unknown_check_is_rejected():
    data = _data()
    _criterion(data, "own_named_early")["signals"].append(
        {"check": "owner_is_cheerful", "weight": 1.0}
    )

    assert "checks.owner_is_cheerful: no such check" in _errors(data)


def test_check_parameters_that_break_their_order_are_rejected():
    data = _data()
    data["checks"]["involvement"]["consulted"] = 0.9

    assert "checks.involvement: credits for" in _errors(data)


def test_unknown_check_parameters_are_rejected():
    data = _data()
    data["checks"]["owner_time"]["overtime"] = 1

    assert "checks.owner_time: unknown parameters ['overtime']" in _errors(data)


def test_a_condition_on_an_unknown_record_field_is_rejected():
    data = _data()
    _question(data, "ov_threshold_policy")["applies_if"] = {
        "record": "oversight.mood",
        "in": ["calm"],
    }

    assert "unknown record field 'oversight.mood'" in _errors(data)


def test_a_condition_naming_a_value_that_is_not_an_option_is_rejected():
    data = _data()
    _question(data, "own_handover")["applies_if"] = {"question": "basic_built_by", "in": ["elves"]}

    assert "['elves'] are not options of basic_built_by" in _errors(data)


def test_a_criterion_whose_every_signal_may_be_skipped_is_rejected():
    data = _data()
    _criterion(data, "own_operating_duties")["signals"] = [
        {"question": "own_handover", "weight": 1.0}
    ]

    assert "needs at least one signal that always applies" in _errors(data)


def test_thresholds_out_of_order_are_rejected():
    data = _data()
    data["thresholds"]["weak_below"] = 90

    assert "need 0 < weak_below <= strong_min <= 100" in _errors(data)


def test_not_sure_may_not_outscore_a_positive_answer():
    data = _data()
    data["thresholds"]["not_sure_credit"] = 0.3

    assert "'not sure' would score above its weakest positive answer" in _errors(data)


def test_coverage_pointing_at_a_missing_criterion_is_rejected():
    data = _data()
    data["coverage"][0]["criteria"] = ["int_carrier_pigeon"]

    assert "undefined criterion 'int_carrier_pigeon'" in _errors(data)


def test_a_seed_with_no_coverage_entries_is_rejected():
    data = _data()
    data["coverage"] = [item for item in data["coverage"] if item["seed"] != "S3"]

    assert "seeds ['S3'] have no listed failure reasons or fixes" in _errors(data)


def test_typos_in_keys_are_rejected_rather_than_ignored():
    data = _data()
    _criterion(data, "own_named_early")["wieght"] = 2.0

    assert "unknown keys ['wieght']" in _errors(data)


def test_every_problem_is_reported_at_once():
    data = _data()
    _criterion(data, "own_named_early")["gap"] = "morale"
    _question(data, "own_authority")["not_sure"] = False
    data["thresholds"]["weak_below"] = 90

    with pytest.raises(RubricError) as raised:
        rubric_from_dict(data)

    assert len(raised.value.errors) >= 3


def test_gaps_keep_the_rubrics_order_whatever_order_the_stored_keys_come_in():
    data = _data()
    # PostgreSQL's jsonb gives keys back shortest first, then alphabetically.
    data["gaps"] = dict(sorted(data["gaps"].items(), key=lambda item: (len(item[0]), item[0])))
    assert list(data["gaps"]) != [gap.id for gap in RUBRIC.gaps]

    reread = rubric_from_dict(data)

    assert [gap.id for gap in reread.gaps] == [
        "ownership",
        "outcome",
        "integration",
        "oversight",
        "adoption",
    ]
    assert rubric_hash(reread) == rubric_hash(RUBRIC)
