"""Figures in the reasons read as the pages write them, and a contradiction is noted."""

from dataclasses import replace

import pytest

from assessments.rubric.loader import bundled_rubric
from assessments.scoring.amounts import plain_amount
from assessments.scoring.engine import score
from assessments.scoring.inputs import AnswerIn, ValueCaseIn
from assessments.scoring.samples import ready_pilot, with_answers
from assessments.scoring.scorecard import scorecard_to_dict
from readiness.money import format_money, reason_text

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


def _never_pays_back():
    # 43 items a month, 3 minutes each at 30 an hour, save 64.50 a month.
    value_case = ValueCaseIn(43.0, 3.0, 30.0, 5000.0, 200.0)
    return score(replace(ready_pilot(), value_case=value_case), RUBRIC), value_case


def test_a_never_payback_reason_keeps_its_amounts_by_name_for_the_pages_to_write():
    card, value_case = _never_pays_back()

    reason = next(r for r in card.reasons if r.kind == "stop_payback")
    assert dict(reason.amounts) == {"saving": value_case.monthly_saving, "run_cost": 200.0}
    assert reason.template == (
        "The value case never pays back: the monthly saving of {saving} does not exceed the "
        "monthly running cost of {run_cost}."
    )
    assert reason.written(lambda amount: f"<{amount:.1f}>") == (
        "The value case never pays back: the monthly saving of <64.5> does not exceed the "
        "monthly running cost of <200.0>."
    )
    assert reason.written(plain_amount) == reason.text


def test_a_never_payback_reason_is_written_in_the_clients_currency_or_bare_without_one():
    card, _ = _never_pays_back()
    reason = next(r for r in card.reasons if r.kind == "stop_payback")

    assert reason_text(reason, "EUR") == (
        "The value case never pays back: the monthly saving of €64.50 does not exceed the "
        "monthly running cost of €200."
    )
    assert "saving of CHF\u00a064.50 does not exceed the monthly running cost of CHF\u00a0200" in (
        reason_text(reason, "CHF")
    )
    assert reason_text(reason, "") == reason.text


def test_the_scorecards_json_carries_a_reasons_amounts_and_its_template():
    card, value_case = _never_pays_back()

    stop = next(r for r in scorecard_to_dict(card)["reasons"] if r["kind"] == "stop_payback")

    assert stop["amounts"] == {"saving": value_case.monthly_saving, "run_cost": 200.0}
    assert "{saving}" in stop["template"]
    assert "saving of 64.50" in stop["text"]


def test_reasons_without_amounts_have_none_and_read_the_same_in_any_currency():
    # 64.50 a month against nothing to run, after 2,000 to build: 31 months, past 24.
    slow = replace(ready_pilot(), value_case=ValueCaseIn(43.0, 3.0, 30.0, 2000.0, 0.0))
    cards = [score(slow, RUBRIC), score(with_answers(ready_pilot(), own_duties="nobody"), RUBRIC)]

    reasons = [reason for card in cards for reason in card.reasons]
    assert {r.kind for r in reasons} >= {"stop_payback", "condition"}
    for reason in reasons:
        assert (reason.template, reason.amounts) == ("", ())
        assert reason_text(reason, "GBP") == reason.text


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
