"""What changed since the last final assessment, from two scorecards."""

import json
from dataclasses import replace
from datetime import UTC, datetime

from assessments.comparison import compare
from assessments.rubric.loader import bundled_rubric
from assessments.scoring.engine import score
from assessments.scoring.samples import never_pays_back_pilot, ready_pilot
from assessments.scoring.scorecard import scorecard_to_dict

RUBRIC = bundled_rubric("1.0.0")
THEN = datetime(2026, 8, 3, tzinfo=UTC)


def stored(card) -> dict:
    """A scorecard as a final assessment stores it: JSON, read back."""
    return json.loads(json.dumps(scorecard_to_dict(card)))


def without_accountable_owner(inp):
    owners = tuple(replace(owner, accountable=False) for owner in inp.owners)
    return replace(inp, owners=owners)


def test_fixing_the_owner_gate_shows_the_gate_met_and_the_decision_moving():
    before = score(without_accountable_owner(ready_pilot()), RUBRIC)
    after = score(ready_pilot(), RUBRIC)

    change = compare(stored(before), after, previous_id=7, previous_date=THEN)

    assert before.decision == "not_yet" and after.decision == "go"
    assert change.decision_changed
    assert (change.decision_before_label, change.decision_after_label) == ("Not yet", "Go")
    assert change.overall_delta == after.overall - before.overall > 0
    ownership = next(gap for gap in change.gaps if gap.id == "ownership")
    assert (ownership.before, ownership.after) == (
        before.gap("ownership").score,
        after.gap("ownership").score,
    )
    assert ownership.delta > 0
    assert [g.text for g in change.gates_now_met] == [g.text for g in before.failed_gates]
    assert [g.title for g in change.gates_now_met] == [
        RUBRIC.criteria_by_id[g.criterion_id].title for g in before.failed_gates
    ]
    assert change.gates_now_failing == ()
    assert change.same_rubric and not change.unchanged


def test_a_gate_that_breaks_again_is_reported_as_failing_now():
    before = score(ready_pilot(), RUBRIC)
    after = score(without_accountable_owner(ready_pilot()), RUBRIC)

    change = compare(stored(before), after, previous_id=7)

    assert [g.criterion_id for g in change.gates_now_failing] == [
        g.criterion_id for g in after.failed_gates
    ]
    assert change.gates_now_met == ()
    assert change.overall_delta < 0


def test_the_same_answers_compare_as_unchanged():
    card = score(ready_pilot(), RUBRIC)

    change = compare(stored(card), card, previous_id=7)

    assert change.unchanged
    assert all(gap.delta == 0 for gap in change.gaps)
    assert not change.decision_changed


def test_a_gap_the_earlier_rubric_lacked_has_no_before_and_no_delta():
    card = score(ready_pilot(), RUBRIC)
    earlier = stored(card)
    earlier["gaps"] = [gap for gap in earlier["gaps"] if gap["id"] != "adoption"]
    earlier["rubric_version"] = "0.9.0"

    change = compare(earlier, card, previous_id=7)

    adoption = next(gap for gap in change.gaps if gap.id == "adoption")
    assert (adoption.before, adoption.delta, adoption.band_before) == (None, None, None)
    assert not change.same_rubric
    assert not change.unchanged, "a gap new to the rubric is a change"


def test_last_times_actions_whose_cause_is_gone_are_listed_as_done():
    before = score(without_accountable_owner(ready_pilot()), RUBRIC)
    after = score(ready_pilot(), RUBRIC)

    change = compare(stored(before), after, previous_id=7)

    assert [a.criterion_id for a in change.actions_done] == [a.criterion_id for a in before.actions]
    assert change.actions_done[0].title == RUBRIC.criteria_by_id["own_accountable_owner"].title


def test_an_action_still_open_is_not_done():
    before = score(without_accountable_owner(ready_pilot()), RUBRIC)

    change = compare(stored(before), before, previous_id=7)

    assert change.actions_done == ()
    assert change.unchanged


def test_a_stop_step_is_done_once_no_stop_calls_for_it():
    before = score(never_pays_back_pilot(), RUBRIC)
    after = score(ready_pilot(), RUBRIC)

    change = compare(stored(before), after, previous_id=7)

    assert {"stop_value_case", "stop_lessons"} <= {a.criterion_id for a in change.actions_done}


def test_a_scorecard_stored_before_actions_had_kinds_still_compares():
    before = stored(score(without_accountable_owner(ready_pilot()), RUBRIC))
    for action in before["actions"]:
        del action["kind"]
    del before["set_aside"]

    change = compare(before, score(ready_pilot(), RUBRIC), previous_id=7)

    assert [a.criterion_id for a in change.actions_done] == [
        a["criterion"] for a in before["actions"]
    ]
