"""Ninety days on, Alice reassesses a pilot from last time's answers.

She starts from the last final assessment's answers, changes the one that no longer
holds, and confirms the rest of the section at once; without JavaScript the same
works by plain form posts. Screenshots go to var/screenshots/.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from assessments import services
from assessments.models import Answer, Assessment
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = re.compile(r"Saved")


def first_assessment(workspace, user) -> Assessment:
    client = services.client_create(workspace=workspace, name="Acme Ltd", is_own_company=True)
    pilot = services.pilot_create(client=client, name="Invoice matching")
    assessment = services.assessment_start(pilot=pilot, user=user)
    for question_id, value in {
        "own_named_when": "before",
        "own_authority": True,
        "own_duties": "named",
    }.items():
        services.answer_save(assessment=assessment, question_id=question_id, value=value, user=user)
    return services.assessment_submit(assessment=assessment)


def log_in(page: Page, email: str) -> None:
    page.goto("/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def start_from_last_time(page: Page, last_time: Assessment) -> Assessment:
    page.goto(f"/pilots/{last_time.pilot_id}/")
    expect(
        page.get_by_role("radio", name=re.compile(r"^Start from the answers of"))
    ).to_be_checked()
    page.get_by_role("button", name="Start the reassessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pilot basics")
    expect(page.locator(".messages")).to_contain_text("3 answers carried over")
    return last_time.pilot.assessments.get(status=Assessment.Status.DRAFT)


def still_carried(assessment) -> set[str]:
    return set(
        Answer.objects.filter(assessment=assessment, carried_from__isnull=False).values_list(
            "question_id", flat=True
        )
    )


def test_a_founder_reassesses_from_last_times_answers(page: Page, alice, workspace, screenshot):
    last_time = first_assessment(workspace, alice)
    log_in(page, alice.email)
    draft = start_from_last_time(page, last_time)

    page.goto(f"/assessments/{draft.id}/ownership/")
    notice = page.locator("#carried-notice")
    expect(notice).to_contain_text("3 answers in this section came from the assessment of")
    expect(page.locator(".pill-carried")).to_have_count(3)
    screenshot("20-reassessment-from-last-time", page)

    # The owner lost their authority since: changing the answer unmarks it at once.
    page.locator('#question-own_authority input[value="no"]').check()
    expect(page.locator("#status-q-own_authority")).to_have_text(SAVED)
    expect(page.locator("#question-own_authority legend")).not_to_contain_text("From last time")
    expect(notice).to_contain_text("2 answers in this section came from")

    page.get_by_role("button", name="These still hold", exact=True).click()
    expect(page.locator("#carried-notice")).to_contain_text("Confirmed 2 answers from last time")
    expect(page.locator(".pill-carried")).to_have_count(0)
    assert still_carried(draft) == set()
    assert Answer.objects.get(assessment=draft, question_id="own_authority").value is False


def test_reassessing_works_without_javascript(browser_without_js: Page, alice, workspace):
    page = browser_without_js
    last_time = first_assessment(workspace, alice)
    log_in(page, alice.email)
    draft = start_from_last_time(page, last_time)

    page.goto(f"/assessments/{draft.id}/ownership/")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome and value")
    assert still_carried(draft) == {"own_named_when", "own_authority", "own_duties"}, (
        "moving on is not confirming"
    )

    page.goto(f"/assessments/{draft.id}/ownership/")
    page.get_by_role("button", name="These still hold", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Confirmed 3 answers from last time")
    expect(page.locator(".pill-carried")).to_have_count(0)
    assert still_carried(draft) == set()
