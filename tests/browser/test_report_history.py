"""Keyboard focus and the address after "Generate report" on the report history."""

import pytest
from playwright.sync_api import Page, expect

from assessments import services as assessment_services
from reports import services as report_services
from reports.models import Report
from reports.samples import sample_snapshot
from reports.snapshot_format import snapshot_digest

from .test_focus_after_saves import _with_an_answer, reports_rendered_by_the_test  # noqa: F401
from .test_founder_journey import _log_in_with_an_assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _older_reports(assessment, count: int) -> None:
    snapshot = sample_snapshot()
    Report.objects.bulk_create(
        Report(
            assessment=assessment,
            requested_by=None,
            snapshot=snapshot,
            snapshot_sha256=snapshot_digest(snapshot),
            status=Report.Status.FAILED,
            error_message="The file store did not answer.",
        )
        for _ in range(count)
    )


def _generate_and_settle(page: Page) -> None:
    """Press "Generate" and wait until htmx has taken over the form swapped in, so the
    next press is sent by htmx too."""
    page.evaluate(
        "document.addEventListener('htmx:afterSettle', () => { window.historySettled = true; })"
    )
    page.get_by_role("button", name="Generate report").click()
    page.wait_for_function("window.historySettled === true")
    expect(page.locator("#report-history")).to_contain_text("Waiting to render")


def test_generate_keeps_focus_on_the_new_button_then_offers_the_download(
    page: Page,
    reports_rendered_by_the_test,  # noqa: F811
):
    assessment = _with_an_answer(_log_in_with_an_assessment(page, "history@brightwave.test"))
    page.goto(f"/assessments/{assessment.id}/reports/")

    page.get_by_role("button", name="Generate report").focus()
    page.keyboard.press("Enter")

    history = page.locator("#report-history")
    expect(history).to_contain_text("Waiting to render")
    expect(page.get_by_role("button", name="Generate report")).to_be_focused()

    report_services.report_render(report_id=Report.objects.get(assessment=assessment).id)

    expect(history.get_by_role("link", name="Download PDF")).to_be_focused()


def test_the_same_answers_again_put_focus_on_the_notice(
    page: Page,
    reports_rendered_by_the_test,  # noqa: F811
):
    assessment = _with_an_answer(_log_in_with_an_assessment(page, "again@brightwave.test"))
    page.goto(f"/assessments/{assessment.id}/reports/")
    _generate_and_settle(page)

    page.get_by_role("button", name="Generate report").press("Enter")

    notice = page.get_by_test_id("report-notice")
    expect(notice).to_contain_text("A report of these answers is being made")
    expect(notice).to_be_focused()
    page.keyboard.press("Tab")
    expect(notice.get_by_role("link", name="Follow it until it is ready")).to_be_focused()


def test_a_report_being_made_puts_focus_on_the_notice_saying_so(
    page: Page,
    reports_rendered_by_the_test,  # noqa: F811
):
    assessment = _with_an_answer(_log_in_with_an_assessment(page, "limit@brightwave.test"))
    page.goto(f"/assessments/{assessment.id}/reports/")
    _generate_and_settle(page)
    assessment_services.answer_save(
        assessment=assessment, question_id="own_authority", value=False, user=None
    )

    page.get_by_role("button", name="Generate report").press("Enter")

    notice = page.get_by_test_id("report-notice")
    expect(notice).to_contain_text("A report is being made")
    expect(notice).to_be_focused()
    assert Report.objects.filter(assessment=assessment).count() == 1


def test_generating_on_an_older_page_shows_the_newest_and_says_so_in_the_address(
    page: Page,
    reports_rendered_by_the_test,  # noqa: F811
):
    assessment = _with_an_answer(_log_in_with_an_assessment(page, "paged@brightwave.test"))
    _older_reports(assessment, 21)
    url = f"/assessments/{assessment.id}/reports/"
    page.goto(f"{url}?page=2")
    expect(page.locator("#report-history")).to_contain_text("Page 2 of 2")

    page.get_by_role("button", name="Generate report").click()

    history = page.locator("#report-history")
    expect(history).to_contain_text("Page 1 of 2")
    newest = Report.objects.filter(assessment=assessment).latest("created_at", "id")
    expect(page.locator(f"#report-{newest.id}")).to_contain_text("Waiting to render")
    expect(page).to_have_url(f"{page.url.split('/assessments/')[0]}{url}")
    page.reload()
    expect(page.locator(f"#report-{newest.id}")).to_be_visible()
