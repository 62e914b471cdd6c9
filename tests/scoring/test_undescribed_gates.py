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


def test_no_oversight_plan_and_no_stakes_says_what_is_missing():
    inp = without_answers(replace(ready_pilot(), oversight=None), "ov_stakes")

    text = _gate_text(score(inp, RUBRIC), "ov_human_review")

    assert text == (
        "How bad a wrong output would be is not known yet, so it counts as high-stakes. "
        "No oversight plan is recorded, so nobody is set to check outputs before they go out "
        "and no monitoring would catch a failure."
    )
    assert "not described" not in text
    assert "go out without a person approving them" not in text


def test_no_oversight_plan_with_high_stakes_answered_says_the_plan_is_missing():
    inp = with_answers(replace(ready_pilot(), oversight=None), ov_stakes="high")

    text = _gate_text(score(inp, RUBRIC), "ov_human_review")

    assert text == (
        "The output is high-stakes and no oversight plan is recorded, so nobody is set to "
        "check outputs before they go out and no monitoring would catch a failure."
    )


def _stakes_not_sure(inp):
    answers = dict(inp.answers)
    answers["ov_stakes"] = AnswerIn("ov_stakes", None, not_sure=True)
    return replace(inp, answers=answers)


def test_stakes_not_known_and_no_person_before_outputs_names_only_the_review():
    ready = ready_pilot()
    inp = replace(ready, oversight=replace(ready.oversight, review_mode="autonomous"))

    text = _gate_text(score(_stakes_not_sure(inp), RUBRIC), "ov_human_review")

    assert text == (
        "How bad a wrong output would be is not known yet, so it counts as high-stakes. "
        "The oversight plan does not have a person check outputs before they go out."
    )


def test_stakes_not_known_and_thin_monitoring_names_only_the_monitoring():
    ready = ready_pilot()
    oversight = replace(
        ready.oversight, monitor_runs="", monitor_actions="", monitor_quality="", alert_recipient=""
    )
    inp = replace(ready, oversight=oversight)

    text = _gate_text(score(_stakes_not_sure(inp), RUBRIC), "ov_human_review")

    assert text == (
        "How bad a wrong output would be is not known yet, so it counts as high-stakes. "
        "The oversight plan answers fewer than two of the four monitoring questions, so a "
        "failure could go unnoticed."
    )


def test_stakes_not_known_with_neither_safeguard_names_both():
    ready = ready_pilot()
    oversight = replace(
        ready.oversight,
        review_mode="",
        monitor_runs="",
        monitor_actions="",
        monitor_quality="",
        alert_recipient="",
    )
    inp = replace(ready, oversight=oversight)

    text = _gate_text(score(_stakes_not_sure(inp), RUBRIC), "ov_human_review")

    assert text.startswith("How bad a wrong output would be is not known yet")
    assert text.endswith(
        "does not have a person check outputs before they go out, and answers fewer than "
        "two of the four monitoring questions."
    )


def test_a_plan_answered_badly_for_high_stakes_keeps_the_rubric_text():
    ready = with_answers(ready_pilot(), ov_stakes="high")
    inp = replace(ready, oversight=replace(ready.oversight, review_mode="autonomous"))

    text = _gate_text(score(inp, RUBRIC), "ov_human_review")

    assert text == _rubric_text("ov_human_review")


def test_no_owner_no_metric_and_no_system_recorded_say_so():
    card = score(replace(ready_pilot(), owners=(), metrics=(), integrations=()), RUBRIC)

    assert _gate_text(card, "own_accountable_owner") == (
        "No owner is recorded, so nobody is named as accountable for the workflow in production."
    )
    assert _gate_text(card, "out_outcome_metric") == (
        "No success metric is recorded, so there is no baseline or target to judge the outcome by."
    )
    assert _gate_text(card, "int_live_path") == (
        "No system is recorded for the workflow to read from or write to, so there is no "
        "route into the live systems."
    )
    assert not any("not described" in gate.text for gate in card.failed_gates)


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


def test_an_unmeasurable_stop_does_not_repeat_the_missing_metric_as_a_second_reason():
    inp = with_answers(replace(ready_pilot(), metrics=()), out_measurable="impossible")

    card = score(inp, RUBRIC)

    assert card.decision == "stop"
    assert "out_outcome_metric" in [g.criterion_id for g in card.failed_gates]
    kinds = [r.kind for r in card.reasons]
    assert "stop_unmeasurable" in kinds
    metric_gate = _gate_text(card, "out_outcome_metric")
    assert metric_gate not in [r.text for r in card.reasons]


def test_without_a_stop_the_missing_metric_is_a_reason():
    card = score(replace(ready_pilot(), metrics=()), RUBRIC)

    assert card.decision == "not_yet"
    assert _gate_text(card, "out_outcome_metric") in [r.text for r in card.reasons]
