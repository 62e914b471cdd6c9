"""The drop-in panel for the results page: latest status and a generate button."""

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from reports.models import Report

PANEL = Template('{% include "reports/_panel.html" with assessment=assessment %}')


def _render(user, assessment) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return PANEL.render(Context({"assessment": assessment, "request": request}))


def test_the_panel_shows_the_latest_report_and_a_generate_form(alice, assessment, make_report):
    latest = make_report(Report.Status.RENDERING)

    html = _render(alice, assessment)

    url = reverse("report_list", args=[assessment.id])
    assert html.lstrip().startswith('<section id="report-panel"')
    assert latest.reference in html
    assert 'hx-trigger="every 2s"' in html
    assert f'<form method="post" action="{url}"' in html
    assert 'hx-target="#report-panel-actions"' in html


def test_a_viewer_gets_no_generate_button(victor, assessment):
    assert "Generate report" not in _render(victor, assessment)
    assert "Generate a new report" not in _render(victor, assessment)


def test_with_a_report_ready_downloading_is_the_main_action(alice, assessment, make_report):
    Report.objects.filter(assessment=assessment).delete()  # the world comes with one
    first = _render(alice, assessment)
    make_report(Report.Status.READY)

    html = _render(alice, assessment)

    assert '<button type="submit" class="button primary">Generate report</button>' in first
    assert '<button type="submit" class="button">Generate a new report</button>' in html
    assert 'class="button small primary" href="' in html, "the download button"


def test_posting_from_the_panel_with_htmx_swaps_its_parts_but_keeps_the_live_region(
    alice_client, assessment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        response = alice_client.post(
            reverse("report_list", args=[assessment.id]),
            headers={"HX-Request": "true", "HX-Target": "report-panel-actions"},
        )

    page = response.content.decode()
    newest = Report.objects.filter(assessment=assessment).latest()
    assert '<section id="report-panel"' not in page, "the panel itself stays in place"
    # The live region's content is swapped into it, not the region replaced.
    assert (
        '<div id="report-panel-latest" role="status" aria-live="polite" hx-swap-oob="innerHTML"'
        in page
    )
    assert newest.reference in page
    assert "Waiting to render" in page
    # The pressed button is replaced by the new one, which takes over the focus.
    assert '<div id="report-panel-actions">' in page
    assert '<button type="submit" class="button" autofocus>Generate a new report</button>' in page


def test_inside_the_panel_the_status_is_not_a_second_live_region(alice, assessment, make_report):
    report = make_report(Report.Status.RENDERING)

    html = _render(alice, assessment)

    assert html.count('aria-live="polite"') == 1
    assert f'<span id="report-{report.id}-status" class="report-status">' in html


def _from_the_draft(make_report) -> Report:
    report = make_report(Report.Status.READY)
    report.snapshot["assessment"]["final"] = False
    report.save(update_fields=["snapshot"])
    return report


def _make_final(assessment) -> None:
    from assessments import services

    services.assessment_submit(assessment=assessment)
    assessment.refresh_from_db()


def test_a_report_made_from_the_draft_says_so(alice, assessment, make_report):
    report = _from_the_draft(make_report)

    html = _render(alice, assessment)

    assert f"Latest: {report.reference} (from the draft)," in html
    assert "Generate the final report" not in html, "the assessment is still a draft"


def test_once_final_a_report_from_the_draft_is_followed_by_the_offer_of_the_final_one(
    alice, assessment, make_report
):
    _from_the_draft(make_report)
    _make_final(assessment)

    html = _render(alice, assessment)

    assert "the assessment has been made final since" in html
    assert '<button type="submit" class="button primary">Generate the final report</button>' in html
    assert "Generate a new report" not in html


def test_a_viewer_is_told_the_report_is_from_the_draft_but_offered_nothing(
    victor, assessment, make_report
):
    _from_the_draft(make_report)
    _make_final(assessment)

    html = _render(victor, assessment)

    assert "(from the draft)" in html
    assert "Generate the final report" not in html


def test_a_final_report_after_the_draft_one_ends_the_offer(alice, assessment, make_report):
    _from_the_draft(make_report)
    _make_final(assessment)
    final = make_report(Report.Status.READY)
    final.snapshot["assessment"]["final"] = True
    final.save(update_fields=["snapshot"])

    html = _render(alice, assessment)

    assert f"Latest: {final.reference}," in html
    assert "from the draft" not in html
    assert "Generate the final report" not in html
