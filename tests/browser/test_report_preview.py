"""The report's preview in a browser: a way back, the download, and a phone-sized chart."""

import pytest
from playwright.sync_api import Page, expect

from reports import services as report_services
from reports.models import Report

from .test_focus_after_saves import _with_an_answer
from .test_founder_journey import _log_in_with_an_assessment
from .test_phone_width import reports_in_process  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _preview(page: Page, email: str) -> Report:
    assessment = _with_an_answer(_log_in_with_an_assessment(page, email))
    report = report_services.report_request(
        assessment=assessment, requested_by=assessment.started_by
    )
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    page.goto(f"/assessments/{assessment.id}/results/")
    page.get_by_role("link", name="Preview", exact=True).click()
    return report


@pytest.mark.usefixtures("reports_in_process")
def test_on_a_phone_the_preview_lists_the_gaps_instead_of_a_tiny_chart(page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    _preview(page, "preview@brightwave.test")

    expect(page.locator(".chart-box svg")).to_be_hidden()
    expect(page.locator(".gap-list")).to_be_visible()
    expect(page.locator(".gap-list li")).to_have_count(5)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("link", name="Back to the results").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lead replies")


@pytest.mark.usefixtures("reports_in_process")
def test_on_a_wide_screen_the_preview_keeps_the_chart_and_offers_the_download(page: Page):
    _preview(page, "previewwide@brightwave.test")

    expect(page.locator(".chart-box svg")).to_be_visible()
    expect(page.locator(".gap-list")).to_be_hidden()
    with page.expect_download() as download:
        page.locator(".preview-bar").get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
