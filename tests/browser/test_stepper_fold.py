"""On a phone the questionnaire's steps fold into one line, so each section's heading
is on the first screen; the fold opens from the keyboard, with or without JavaScript,
and stays open while answers save."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

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


# An autosave that moves the progress brings the stepper's new counts; a fold the person
# opened stays open under their finger, and focus stays where they are.

ANSWERED_ONE = re.compile(r"^1 of \d+ questions?$")


def _open_the_fold(page: Page) -> Locator:
    page.set_viewport_size(PHONE)
    page.locator("#stepper summary").click()
    expect(page.locator("#stepper ol")).to_be_visible()
    return page.locator("#stepper details")


def _step_count(page: Page, name: str) -> Locator:
    return page.locator("#stepper li", has_text=name).locator(".step-meta")


def test_an_open_fold_stays_open_while_an_answer_saves(page: Page):
    assessment = _log_in_with_an_assessment(page, "foldsave@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/ownership/")
    fold = _open_the_fold(page)
    expect(_step_count(page, "2. Ownership")).to_contain_text("0 of ")

    yes = page.locator('#question-own_authority input[value="yes"]')
    yes.check()

    expect(page.locator("#status-q-own_authority")).to_contain_text("Saved")
    expect(_step_count(page, "2. Ownership")).to_have_text(ANSWERED_ONE)
    expect(page.locator("#stepper-progress")).to_contain_text(re.compile(r"\b[1-9]\d*% answered"))
    expect(fold).to_have_attribute("open", "")
    expect(page.locator("#stepper ol")).to_be_visible()
    expect(yes).to_be_focused()


def test_focus_in_the_open_fold_stays_there_while_an_answer_saves(page: Page):
    assessment = _log_in_with_an_assessment(page, "foldfocus@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/basics/")
    fold = _open_the_fold(page)

    # The typing is saved a moment later, once the person has moved on to the steps.
    page.locator("#q-basic_if_it_works-input").fill("Replies go out within the hour.")
    step = page.locator("#stepper ol").get_by_role("button", name=re.compile("Ownership"))
    step.focus()

    expect(page.locator(".save-status", has_text="Saved")).to_be_visible()
    expect(_step_count(page, "1. Pilot basics")).to_have_text(ANSWERED_ONE)
    expect(fold).to_have_attribute("open", "")
    expect(step).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Ownership")).to_be_visible()


def test_an_open_fold_stays_open_while_a_person_answering_by_link_saves(
    page: Page, alice, workspace
):
    from assessments import services

    client = services.client_create(workspace=workspace, name="Acme Ltd")
    pilot = services.pilot_create(client=client, name="Invoice matching")
    assessment = services.assessment_start(pilot=pilot, user=alice)
    person = services.respondent_add(assessment=assessment, name="Sam Ortiz")
    page.goto(f"/answer/{person.invite_token}/ownership/")
    fold = _open_the_fold(page)

    yes = page.locator('#question-own_authority input[value="yes"]')
    yes.check()

    expect(page.locator("#status-q-own_authority")).to_contain_text("Saved")
    expect(_step_count(page, "2. Ownership")).to_have_text(ANSWERED_ONE)
    expect(fold).to_have_attribute("open", "")
    expect(page.locator("#stepper ol")).to_be_visible()
    expect(yes).to_be_focused()


def test_an_open_fold_stays_open_when_answers_from_last_time_are_confirmed(page: Page):
    from assessments import services

    first = _log_in_with_an_assessment(page, "foldcarried@brightwave.test")
    user = first.started_by
    services.answer_save(assessment=first, question_id="own_authority", value=True, user=user)
    services.assessment_submit(assessment=first)
    again = services.assessment_start(pilot=first.pilot, user=user)
    services.assessment_carry_answers(assessment=again, source=first)
    page.goto(f"/assessments/{again.id}/ownership/")
    fold = _open_the_fold(page)
    review = page.locator("#stepper li", has_text="2. Ownership").locator(".step-review")
    expect(review).to_have_text("1 from last time to review")

    page.get_by_role("button", name="This still holds", exact=True).click()

    confirmation = page.locator("#carried-notice [role=status]")
    expect(confirmation).to_contain_text("Confirmed")
    expect(confirmation).to_be_focused()
    expect(review).to_have_count(0)
    expect(fold).to_have_attribute("open", "")
    expect(page.locator("#stepper ol")).to_be_visible()
