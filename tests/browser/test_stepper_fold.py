"""On a phone the questionnaire's steps fold into one line, so each section's heading
is on the first screen; the fold opens from the keyboard, with or without JavaScript."""

import pytest
from playwright.sync_api import Page, expect

from .test_founder_journey import _log_in_with_an_assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _on_a_phone_the_heading_is_on_the_first_screen_and_the_steps_open_by_keyboard(page: Page):
    page.set_viewport_size(PHONE)
    heading = page.get_by_role("heading", level=1, name="Oversight and quality")
    fold = page.locator("#stepper summary")
    expect(fold).to_have_text("Section 5 of 7: Oversight and quality · all sections")
    expect(page.locator("#stepper ol")).to_be_hidden()
    box = heading.bounding_box()
    assert box["y"] + box["height"] < PHONE["height"] / 2, box

    fold.focus()
    page.keyboard.press("Enter")
    adoption = page.locator("#stepper ol").get_by_text("6. Adoption")
    expect(adoption).to_be_visible()
    adoption.click()
    expect(page.get_by_role("heading", level=1, name="Adoption")).to_be_visible()


def test_the_steps_fold_on_a_phone(page: Page, screenshot):
    assessment = _log_in_with_an_assessment(page, "fold@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/oversight/")

    _on_a_phone_the_heading_is_on_the_first_screen_and_the_steps_open_by_keyboard(page)
    page.goto(f"/assessments/{assessment.id}/oversight/")
    screenshot("stepper-fold-phone", page)


def test_the_steps_fold_on_a_phone_without_javascript(browser_without_js: Page):
    page = browser_without_js
    assessment = _log_in_with_an_assessment(page, "foldnojs@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/oversight/")

    _on_a_phone_the_heading_is_on_the_first_screen_and_the_steps_open_by_keyboard(page)


def test_a_wide_screen_shows_every_step_without_the_fold(page: Page):
    assessment = _log_in_with_an_assessment(page, "foldwide@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/oversight/")

    expect(page.locator("#stepper summary")).to_be_hidden()
    expect(page.locator("#stepper ol")).to_be_visible()
    page.locator("#stepper ol").get_by_text("2. Ownership").click()
    expect(page.get_by_role("heading", level=1, name="Ownership")).to_be_visible()
