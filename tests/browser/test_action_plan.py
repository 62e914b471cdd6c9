"""The action plan on the results page, in real headless Chromium."""

import pytest
from playwright.sync_api import Page, expect

from assessments.models import ActionItem

from .test_founder_journey import SAVED, _log_in_with_an_assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owners_and_dates_save_as_they_are_typed_without_pressing_save(page: Page):
    assessment = _log_in_with_an_assessment(page, "plan@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/results/")

    first, second = page.locator(".action").nth(0), page.locator(".action").nth(1)
    first.get_by_label("Who").fill("Fran")
    first.get_by_label("By when").fill("2026-12-31")
    expect(first.locator(".save-status")).to_have_text(SAVED)
    second.get_by_label("Who").fill("Sam")
    expect(second.locator(".save-status")).to_have_text(SAVED)

    page.reload()
    expect(page.locator(".action").nth(0).get_by_label("Who")).to_have_value("Fran")
    expect(page.locator(".action").nth(0).get_by_label("By when")).to_have_value("2026-12-31")
    expect(page.locator(".action").nth(1).get_by_label("Who")).to_have_value("Sam")
    assert ActionItem.objects.filter(assessment=assessment).count() == 2


def test_a_failed_plan_save_says_so_and_can_be_retried(page: Page):
    assessment = _log_in_with_an_assessment(page, "planretry@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/results/")
    page.route("**/actions/**", lambda route: route.abort())

    first = page.locator(".action").first
    first.get_by_label("Who").fill("Fran")
    status = first.locator(".save-status")
    expect(status).to_contain_text("Not saved")

    page.unroute("**/actions/**")
    status.get_by_role("button", name="Try again").click()
    expect(status).to_have_text(SAVED)
    assert ActionItem.objects.get(assessment=assessment).owner_name == "Fran"


def test_without_javascript_the_plans_one_button_saves_every_row(browser_without_js: Page):
    page = browser_without_js
    assessment = _log_in_with_an_assessment(page, "plannojs@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/results/")

    page.locator(".action").nth(0).get_by_label("Who").fill("Fran")
    page.locator(".action").nth(2).get_by_label("Who").fill("Sam")
    page.get_by_role("button", name="Save the plan").click()

    expect(page.get_by_text("Action plan saved.")).to_be_visible()
    owners = set(
        ActionItem.objects.filter(assessment=assessment).values_list("owner_name", flat=True)
    )
    assert owners == {"Fran", "Sam"}
