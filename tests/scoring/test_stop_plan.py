"""A Stop's action plan: what the stop calls for, and every fix set aside."""

from dataclasses import replace

from assessments.rubric.loader import bundled_rubric
from assessments.scoring.engine import STOP_STEP_IDS, score
from assessments.scoring.samples import never_pays_back_pilot, ready_pilot, with_answers
from assessments.scoring.scorecard import scorecard_to_dict

RUBRIC = bundled_rubric("1.0.0")

PRODUCTION_WORK = {
    "int_live_path",
    "int_end_to_end",
    "ado_training_rollout",
    "ado_rollout_commitment",
    "own_accountable_owner",
}


def _never_pays_back_and_not_ready():
    """Never pays back, with no owner, no integration and no change plan either."""
    return replace(never_pays_back_pilot(), owners=(), integrations=(), change_plan=None)


def _unmeasurable():
    ready = with_answers(ready_pilot(), out_measurable="impossible")
    return replace(ready, metrics=tuple(replace(m, measurement="") for m in ready.metrics))


def test_a_stop_on_payback_is_the_value_case_and_what_was_learned():
    card = score(_never_pays_back_and_not_ready(), RUBRIC)

    assert card.decision == "stop"
    assert [a.criterion_id for a in card.actions] == ["stop_value_case", "stop_lessons"]
    assert card.actions[0].title == "Re-examine the value case, or close the pilot"


def test_the_value_case_fix_is_not_repeated_after_the_step_that_asks_for_it():
    card = score(_never_pays_back_and_not_ready(), RUBRIC)

    titles = [a.title for a in card.actions]
    assert "The value case pays back within the horizon" not in titles
    # Left out, not lost: after the production work, as the step already covers it.
    assert card.set_aside[-1].criterion_id == "out_value_case"
    assert {a.criterion_id for a in card.set_aside[:-1]} >= PRODUCTION_WORK


def test_every_item_of_a_stop_plan_is_a_step_worth_no_points():
    for inp in (_never_pays_back_and_not_ready(), _unmeasurable()):
        card = score(inp, RUBRIC)

        assert card.decision == "stop"
        assert all(a.kind == "stop" and a.gain == 0 for a in card.actions)


def test_a_stop_leaves_out_rollout_integration_and_other_production_work():
    card = score(_never_pays_back_and_not_ready(), RUBRIC)

    in_plan = {a.criterion_id for a in card.actions}
    assert in_plan.isdisjoint(PRODUCTION_WORK)
    assert {a.criterion_id for a in card.set_aside} >= PRODUCTION_WORK
    # Set aside, not lost: every criterion short of full credit is in one list or the
    # other, exactly once.
    fixes = [a.criterion_id for a in card.actions if a.kind == "fix"]
    fixes += [a.criterion_id for a in card.set_aside]
    short = [c.id for gap in card.gaps for c in gap.criteria if c.credit < 1.0 - 1e-9]
    assert sorted(fixes) == sorted(short)


def test_a_stop_on_an_outcome_nobody_can_count_leads_with_defining_one():
    card = score(_unmeasurable(), RUBRIC)

    assert card.decision == "stop"
    assert [a.criterion_id for a in card.actions] == ["stop_measurable_outcome", "stop_lessons"]
    assert "out_measurable" in {a.criterion_id for a in card.set_aside}


def test_a_stop_for_both_reasons_answers_each_before_recording_what_was_learned():
    both = replace(_unmeasurable(), value_case=never_pays_back_pilot().value_case)

    card = score(both, RUBRIC)

    assert [a.criterion_id for a in card.actions[:3]] == [
        "stop_value_case",
        "stop_measurable_outcome",
        "stop_lessons",
    ]


def test_stop_steps_earn_no_points_and_are_marked_as_such():
    card = score(_never_pays_back_and_not_ready(), RUBRIC)

    steps = [a for a in card.actions if a.kind == "stop"]
    assert {a.criterion_id for a in steps} <= STOP_STEP_IDS
    assert all(a.gain == 0 and not a.fixes_gate for a in steps)
    assert steps[0].records == ("value_case",)


def test_other_decisions_keep_every_fix_and_set_nothing_aside():
    card = score(replace(ready_pilot(), owners=(), change_plan=None), RUBRIC)

    assert card.decision != "stop"
    assert card.set_aside == ()
    assert all(a.kind == "fix" for a in card.actions)
    assert card.actions[0].criterion_id == "own_accountable_owner"


def test_the_set_aside_fixes_are_in_the_scorecard_json():
    data = scorecard_to_dict(score(_never_pays_back_and_not_ready(), RUBRIC))

    assert data["actions"][0]["kind"] == "stop"
    assert "int_live_path" in {a["criterion"] for a in data["set_aside"]}
