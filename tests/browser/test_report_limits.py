"""A limit refusing a report is shown in the panel, where the button was pressed."""

import pytest
from playwright.sync_api import Page, expect

from assessments import services as assessment_services
from reports.models import Report

from .test_focus_after_saves import _with_an_answer, reports_rendered_by_the_test  # noqa: F401
from .test_founder_journey import _log_in_with_an_assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_asking_again_while_a_report_is_being_made_says_so_in_the_panel(
    page: Page,
    reports_rendered_by_the_test,  # noqa: F811
):
    assessment = _with_an_answer(_log_in_with_an_assessment(page, "twice@brightwave.test"))
    page.goto(f"/assessments/{assessment.id}/results/")
    page.get_by_role("button", name="Generate report").click()
    expect(page.locator("#report-panel-latest")).to_contain_text("Waiting to render")
    assessment_services.answer_save(
        assessment=assessment, question_id="own_authority", value=False, user=None
    )

    page.get_by_role("button", name="Generate a new report").click()

    report = Report.objects.get(assessment=assessment)
    expect(page.locator("#report-panel-actions")).to_contain_text(
        f"A report is being made: {report.reference}. Wait for it to finish"
    )
    expect(page.get_by_role("button", name="Generate a new report")).to_be_enabled()
    assert Report.objects.filter(assessment=assessment).count() == 1
