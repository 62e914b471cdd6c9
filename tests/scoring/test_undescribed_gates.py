"""A gate that fails because nothing was filled in says so; one answered badly keeps the
rubric's text."""

from dataclasses import replace

from assessments.rubric.loader import bundled_rubric
from assessments.scoring.engine import score
from assessments.scoring.inputs import AnswerIn, OwnerIn
from assessments.scoring.samples import ready_pilot, with_answers, without_answers

RUBRIC = bundled_rubric("1.0.0")


def _gate_text(card, criterion_id):
    return next(g.text for g in card.failed_gates if g.criterion_id == criterion_id)


def _rubric_text(criterion_id):
    return RUBRIC.criteria_by_id[criterion_id].gate.failure


def test_no_oversight_plan_and_no_stakes_says_oversight_is_not_described():
    inp = without_answers(replace(ready_pilot(), oversight=None), "ov_stakes")

    text = _gate_text(score(inp, RUBRIC), "ov_human_review")

    assert text.startswith("Oversight is not described yet: nobody has said how bad")
    assert "go out without a person approving them" not in text


def test_no_oversight_plan_with_high_stakes_answered_says_the_plan_is_missing():
    inp = with_answers(replace(ready_pilot(), oversight=None), ov_stakes="high")

    text = _gate_text(score(inp, RUBRIC), "ov_human_review")

    assert text == (
        "Oversight is not described yet: nobody has said who reviews outputs or what "
        "monitoring runs, so both are treated as missing."
    )


def test_stakes_not_known_with_a_plan_that_would_not_do_says_the_stakes_are_unknown():
    ready = ready_pilot()
    inp = replace(ready, oversight=replace(ready.oversight, review_mode="autonomous"))
    answers = dict(inp.answers)
    answers["ov_stakes"] = AnswerIn("ov_stakes", None, not_sure=True)

    text = _gate_text(score(replace(inp, answers=answers), RUBRIC), "ov_human_review")

    assert text.startswith("How bad a wrong output would be is not known yet")


def test_a_plan_answered_badly_for_high_stakes_keeps_the_rubric_text():
    ready = with_answers(ready_pilot(), ov_stakes="high")
    inp = replace(ready, oversight=replace(ready.oversight, review_mode="autonomous"))

    text = _gate_text(score(inp, RUBRIC), "ov_human_review")

    assert text == _rubric_text("ov_human_review")


def test_no_owner_no_metric_and_no_system_recorded_say_so():
    card = score(replace(ready_pilot(), owners=(), metrics=(), integrations=()), RUBRIC)

    assert _gate_text(card, "own_accountable_owner").startswith("Ownership is not described yet")
    assert _gate_text(card, "out_outcome_metric").startswith("The outcome is not described yet")
    assert _gate_text(card, "int_live_path").startswith("The systems are not described yet")


def test_records_that_fall_short_keep_the_rubric_texts():
    ready = ready_pilot()
    nobody_accountable = tuple(replace(o, accountable=False) for o in ready.owners)
    no_baseline = tuple(replace(m, baseline=None) for m in ready.metrics)
    stranded = (replace(ready.integrations[0], status="extract", budgeted=False),)
    inp = replace(ready, owners=nobody_accountable, metrics=no_baseline, integrations=stranded)

    card = score(inp, RUBRIC)

    for criterion_id in ("own_accountable_owner", "out_outcome_metric", "int_live_path"):
        assert _gate_text(card, criterion_id) == _rubric_text(criterion_id)


def test_the_reason_for_a_gate_carries_the_same_text():
    card = score(replace(ready_pilot(), owners=(OwnerIn("", "", "", True, None, False),)), RUBRIC)

    gate = next(g for g in card.failed_gates if g.criterion_id == "own_accountable_owner")
    # A record with no name is a record given badly, not one missing.
    assert gate.text == _rubric_text("own_accountable_owner")
    assert gate.text in [r.text for r in card.reasons if r.kind == "gate_failed"]
