"""The scorecard's JSON form and its result objects."""

import json
from dataclasses import FrozenInstanceError, fields, replace

import pytest

from assessments.rubric.loader import bundled_rubric
from assessments.scoring import scorecard
from assessments.scoring.engine import score
from assessments.scoring.samples import (
    claims_without_evidence,
    never_pays_back_pilot,
    ready_pilot,
    varied_pilots,
)
from assessments.scoring.scorecard import payback_to_json, scorecard_from_dict, scorecard_to_dict

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


@pytest.mark.parametrize(
    "inp",
    [
        ready_pilot(),
        claims_without_evidence(ready_pilot()),
        never_pays_back_pilot(),
        *varied_pilots(12),
    ],
)
def test_a_stored_scorecard_reads_back_as_the_same_scorecard(inp):
    card = score(inp, RUBRIC)
    stored = json.loads(json.dumps(scorecard_to_dict(card)))

    again = scorecard_from_dict(stored)

    assert scorecard_to_dict(again) == stored
    assert again.reasons_by_severity() == card.reasons_by_severity()
    assert again.actions == card.actions
    assert again.failed_gates == card.failed_gates


def test_a_scorecard_stored_before_conditions_and_stop_steps_still_reads():
    stored = scorecard_to_dict(score(claims_without_evidence(ready_pilot()), RUBRIC))
    del stored["conditions"], stored["set_aside"]
    for action in stored["actions"]:
        del action["kind"], action["condition"]
    for gap in stored["gaps"]:
        for criterion in gap["criteria"]:
            del criterion["short_of_evidence"]

    card = scorecard_from_dict(stored)

    assert card.conditions == card.set_aside == ()
    assert {action.kind for action in card.actions} == {"fix"}
    assert card.decision_label == "Go with conditions"


def test_a_scorecard_stored_before_reasons_named_their_amounts_reads_with_bare_amounts():
    stored = scorecard_to_dict(score(never_pays_back_pilot(), RUBRIC))
    for reason in stored["reasons"]:
        del reason["template"], reason["amounts"]

    card = scorecard_from_dict(stored)

    stop = next(reason for reason in card.reasons if reason.kind == "stop_payback")
    assert stop.amounts == ()
    assert stop.written(lambda amount: f"€{amount:,.2f}") == stop.text


QUICK_CONSTRUCTORS = [
    (scorecard.SignalResult, scorecard.new_signal_result),
    (scorecard.CriterionResult, scorecard.new_criterion_result),
    (scorecard.GapResult, scorecard.new_gap_result),
    (scorecard.GateFailure, scorecard.new_gate_failure),
    (scorecard.Reason, scorecard.new_reason),
    (scorecard.Action, scorecard.new_action),
    (scorecard.Scorecard, scorecard.new_scorecard),
]


@pytest.mark.parametrize(("cls", "build"), QUICK_CONSTRUCTORS, ids=lambda x: x.__name__)
def test_the_quick_constructors_build_the_same_frozen_objects_as_the_classes(cls, build):
    values = [f"value {i}" for i, _ in enumerate(fields(cls))]
    names = [f.name for f in fields(cls)]

    quick = build(*values)

    assert type(quick) is cls
    assert quick == cls(*values) == build(**dict(zip(names, values, strict=True)))
    assert hash(quick) == hash(cls(*values))
    assert repr(quick) == repr(cls(*values))
    with pytest.raises(FrozenInstanceError):
        setattr(quick, names[0], "changed")
    assert getattr(replace(quick, **{names[0]: "changed"}), names[0]) == "changed"
