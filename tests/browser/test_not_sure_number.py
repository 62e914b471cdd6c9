"""A number question's "Not sure": typing a number answers it, ticking keeps the number unscored."""

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Answer

from .test_founder_journey import _log_in_with_an_assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOT_SCORED = "The number is kept but not scored while “Not sure” is ticked."


def saving(page: Page):
    """Waits for the next autosave of the section to come back."""
    return page.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/oversight/")
    )


def agreed(assessment, question_id: str) -> Answer:
    return Answer.objects.get(assessment=assessment, respondent=None, question_id=question_id)


def test_typing_a_number_unticks_not_sure_and_ticking_it_says_the_number_is_not_scored(
    page: Page,
):
    assessment = _log_in_with_an_assessment(page, "notsure@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/oversight/")
    question = page.locator("#question-ov_test_cases")
    number = question.get_by_label("Cases")
    not_sure = question.get_by_label("Not sure")
    note = question.locator("#not-scored-ov_test_cases")
    status = page.locator("#status-q-ov_test_cases")

    with saving(page):
        not_sure.check()
    expect(status).to_have_text("Saved")
    expect(note).to_have_text("")

    # Typing a number while "Not sure" is ticked answers the question.
    with saving(page):
        number.press_sequentially("50")
        expect(not_sure).not_to_be_checked()
    expect(status).to_have_text("Saved")
    answer = agreed(assessment, "ov_test_cases")
    assert (answer.value, answer.not_sure) == (50, False)

    # Ticking "Not sure" keeps the number, and the page says it does not count.
    with saving(page):
        not_sure.check()
    expect(note).to_have_text(NOT_SCORED)
    expect(number).to_have_value("50")
    expect(status).to_contain_text("Saved as “Not sure”.")
    answer = agreed(assessment, "ov_test_cases")
    assert (answer.value, answer.not_sure) == (50, True)

    # A reload shows the same; typing again answers it and the note goes.
    page.reload()
    expect(note).to_have_text(NOT_SCORED)
    expect(not_sure).to_be_checked()
    number.focus()
    with saving(page):
        page.keyboard.press("Control+A")
        number.press_sequentially("60")
        expect(not_sure).not_to_be_checked()
        expect(note).to_have_text("")
    expect(status).to_have_text("Saved")
    answer = agreed(assessment, "ov_test_cases")
    assert (answer.value, answer.not_sure) == (60, False)
