"""The scorecard's JSON form."""

import json

from assessments.rubric.loader import bundled_rubric
from assessments.scoring.engine import score
from assessments.scoring.samples import claims_without_evidence, never_pays_back_pilot, ready_pilot
from assessments.scoring.scorecard import payback_to_json, scorecard_to_dict

RUBRIC = bundled_rubric("1.0.0")


def test_a_scorecard_becomes_plain_json_with_labels_and_traced_reasons():
    card = scorecard_to_dict(score(claims_without_evidence(ready_pilot()), RUBRIC))

    again = json.loads(json.dumps(card))

    assert again["decision"] == "go_with_conditions"
    assert again["decision_label"] == "Go with conditions"
    assert [gap["id"] for gap in again["gaps"]] == [g.id for g in RUBRIC.gaps]
    assert again["weakest_gap"]["score"] == min(gap["score"] for gap in again["gaps"])
    assert again["conditions"]
    assert all(set(r) >= {"questions", "records"} for r in again["reasons"])


def test_a_value_case_that_never_pays_back_is_written_never():
    card = scorecard_to_dict(score(never_pays_back_pilot(), RUBRIC))

    assert card["payback_months"] == "never"
    assert json.loads(json.dumps(card))["decision"] == "stop"


def test_payback_months_are_rounded_to_one_decimal_and_unknown_is_null():
    assert payback_to_json(4.9180) == 4.9
    assert payback_to_json(None) is None
