"""Keyboard focus after "Generate report" and after a section save that was refused."""

import pytest
from playwright.sync_api import Page, expect

from assessments import services as assessment_services
from reports import services as report_services
from reports.models import Report

from .test_founder_journey import _log_in_with_an_assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _with_an_answer(assessment):
    """A report needs at least one answer to be offered."""
    assessment_services.answer_save(
        assessment=assessment, question_id="own_authority", value=True, user=None
    )
    return assessment


@pytest.fixture
def reports_rendered_by_the_test(settings, monkeypatch):
    """A requested report waits in the queue until the test renders it, into memory."""
    from reports import tasks

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    monkeypatch.setattr(tasks.render_report, "delay_on_commit", lambda report_id: None)


def test_generate_report_keeps_focus_and_the_live_region_then_offers_the_download(
    page: Page, reports_rendered_by_the_test
):
    assessment = _with_an_answer(_log_in_with_an_assessment(page, "panel@brightwave.test"))
    page.goto(f"/assessments/{assessment.id}/results/")
    live = page.locator("#report-panel-latest")
    live.evaluate("region => { region.dataset.original = 'yes'; }")

    page.get_by_role("button", name="Generate report").focus()
    page.keyboard.press("Enter")

    expect(live).to_contain_text("Waiting to render")
    expect(live).to_have_attribute("data-original", "yes")  # the same region, new content
    expect(live).to_have_attribute("aria-live", "polite")
    expect(page.get_by_role("button", name="Generate a new report")).to_be_focused()

    report = Report.objects.get(assessment=assessment)
    report_services.report_render(report_id=report.id)

    download = page.get_by_role("link", name="Download PDF")
    expect(download).to_be_focused()
    expect(live).to_have_attribute("data-original", "yes")


def test_a_report_ready_while_focus_is_elsewhere_leaves_focus_there(
    page: Page, reports_rendered_by_the_test
):
    assessment = _with_an_answer(_log_in_with_an_assessment(page, "panelaway@brightwave.test"))
    page.goto(f"/assessments/{assessment.id}/results/")
    page.evaluate(
        "document.addEventListener('htmx:afterSettle', () => { window.panelSettled = true; })"
    )
    page.get_by_role("button", name="Generate report").click()
    expect(page.locator("#report-panel-latest")).to_contain_text("Waiting to render")
    # The panel first keeps focus on its new button, which htmx focuses again as the swap
    # settles; only then does the reader move on.
    page.wait_for_function("window.panelSettled === true")
    expect(page.get_by_role("button", name="Generate a new report")).to_be_focused()
    who = page.locator(".action").first.get_by_label("Who")
    who.focus()
    expect(who).to_be_focused()

    report_services.report_render(report_id=Report.objects.get(assessment=assessment).id)

    expect(page.get_by_role("link", name="Download PDF")).to_be_visible()
    expect(who).to_be_focused()


def test_a_refused_section_save_puts_focus_on_the_summary(page: Page):
    assessment = _log_in_with_an_assessment(page, "refused@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/value/")

    items = page.get_by_label("Items per month")
    items.fill("-100")
    page.get_by_role("button", name="Save and see results").focus()
    page.keyboard.press("Enter")

    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Nothing in this section was saved")
    expect(summary).to_be_focused()
    # The summary's link leads straight to the field to correct.
    summary.get_by_role("link", name="Items per month").click()
    expect(page.locator("#id_value_case-items_per_month")).to_be_focused()
