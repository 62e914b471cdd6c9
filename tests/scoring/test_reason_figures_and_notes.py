"""Figures in the reasons read as the pages write them, and a contradiction is noted."""

from dataclasses import replace

import pytest

from assessments.rubric.loader import bundled_rubric
from assessments.scoring.amounts import plain_amount
from assessments.scoring.engine import score
from assessments.scoring.inputs import AnswerIn, ValueCaseIn
from assessments.scoring.samples import ready_pilot, with_answers
from readiness.money import format_money

RUBRIC = bundled_rubric("1.0.0")


def test_a_never_payback_reason_writes_the_saving_as_the_value_case_does():
    # 43 items a month, 3 minutes each at 30 an hour, save 64.50 a month.
    value_case = ValueCaseIn(43.0, 3.0, 30.0, 5000.0, 200.0)
    card = score(replace(ready_pilot(), value_case=value_case), RUBRIC)

    reason = next(r for r in card.reasons if r.kind == "stop_payback")
    saving = format_money(value_case.monthly_saving, "")
    assert saving == "64.50"
    assert f"the monthly saving of {saving} does not exceed" in reason.text
    assert "monthly running cost of 200." in reason.text


@pytest.mark.parametrize(
    ("amount", "written"),
    [(64.5, "64.50"), (28.0, "28"), (99.994, "99.99"), (450.0, "450"), (9000.4, "9,000")],
)
def test_plain_amounts_follow_the_value_case_rule(amount, written):
    assert plain_amount(amount) == written
    assert format_money(amount, "") == written


def _cannot_be_counted():
    return with_answers(ready_pilot(), out_measurable="impossible")


def test_an_answer_that_cannot_count_beside_a_metric_with_a_baseline_is_noted():
    card = score(_cannot_be_counted(), RUBRIC)

    notes = [r for r in card.reasons if r.kind == "conflict"]
    assert len(notes) == 1
    assert "cannot be counted" in notes[0].text
    assert "“Median time to first reply” has a baseline" in notes[0].text
    assert notes[0].questions == ("out_measurable",)
    assert notes[0].records == ("metrics[0]",)


def test_the_note_changes_nothing_in_the_decision():
    card = score(_cannot_be_counted(), RUBRIC)
    without_note = replace(card, reasons=tuple(r for r in card.reasons if r.kind != "conflict"))

    assert card.decision != "stop"
    assert without_note.decision == card.decision


def test_no_note_when_the_answers_agree_or_nobody_is_sure():
    assert not [r for r in score(ready_pilot(), RUBRIC).reasons if r.kind == "conflict"]
    answers = dict(ready_pilot().answers)
    answers["out_measurable"] = AnswerIn("out_measurable", None, not_sure=True)
    unsure = replace(ready_pilot(), answers=answers)
    assert not [r for r in score(unsure, RUBRIC).reasons if r.kind == "conflict"]
