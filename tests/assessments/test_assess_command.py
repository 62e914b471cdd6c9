"""`manage.py assess FILE.json`: scores a file without touching the database.

None of these tests may use the database, so pytest-django fails any query the
command attempts.
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"


def _assess(path) -> dict:
    out = StringIO()
    call_command("assess", str(path), stdout=out)
    return json.loads(out.getvalue())


def test_the_go_example_prints_a_go_scorecard():
    card = _assess(EXAMPLES / "go-lead-reply.json")

    assert card["decision"] == "go"
    assert card["client"] == "Harbour Plumbing Ltd"
    assert card["weakest_gap"]["gap"] in {gap["id"] for gap in card["gaps"]}
    assert card["failed_gates"] == []
    assert card["unanswered"] == []


def test_the_stop_example_prints_stop_with_its_reasons_and_actions():
    card = _assess(EXAMPLES / "stop-supplier-digest.json")

    assert card["decision"] == "stop"
    assert card["payback_months"] == "never"
    assert card["reasons"][0]["kind"] == "stop_payback"
    # What the stop calls for leads; the gate fixes on the way to production wait.
    assert card["actions"][0]["criterion"] == "stop_value_case"
    assert any(action["fixes_gate"] for action in card["set_aside"])
    assert "own_duties" in card["unanswered"]


def test_an_invalid_file_names_every_offending_field_and_prints_nothing(tmp_path):
    document = json.loads((EXAMPLES / "go-lead-reply.json").read_text(encoding="utf-8"))
    document["owners"][0]["accountable"] = "yes"
    document["answers"][3]["value"] = "maybe"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    out = StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("assess", str(bad), stdout=out)

    assert "owners[0].accountable" in str(raised.value)
    assert "answers[3].value" in str(raised.value)
    assert out.getvalue() == ""


def test_a_file_naming_an_unknown_rubric_version_is_refused(tmp_path):
    document = json.loads((EXAMPLES / "go-lead-reply.json").read_text(encoding="utf-8"))
    document["rubric_version"] = "7.0.0"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document), encoding="utf-8")

    with pytest.raises(CommandError, match="rubric_version"):
        call_command("assess", str(old))


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("assess", str(tmp_path / "absent.json"))
