from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import membership_for_user
from assessments.access import assessment_for_user

from . import selectors, services
from .access import report_for_user
from .pdf import render_report_html


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The report history of one assessment; POST requests a new report."""
    assessment = assessment_for_user(request.user, assessment_id, write=request.method == "POST")
    if request.method == "POST":
        report = services.report_request(assessment=assessment, requested_by=request.user)
        if not request.htmx:
            messages.success(request, f"Report {report.reference} is being prepared.")
            return redirect("report_list", assessment_id=assessment.id)
        if request.htmx.target == "report-panel-actions":
            return render(
                request,
                "reports/_panel.html#body",
                {
                    "assessment": assessment,
                    "latest_report": report,
                    "can_request": True,
                    "generated": True,
                },
            )
    reports = list(selectors.reports_for_assessment(assessment))
    template = "reports/report_list.html"
    if request.htmx:
        template += "#history"
    membership = membership_for_user(request.user, assessment.pilot.client.workspace_id)
    return render(
        request,
        template,
        {
            "assessment": assessment,
            "reports": reports,
            "pilot": assessment.pilot,
            # A final assessment whose newest report still speaks for the draft.
            "final_wanted": assessment.is_submitted and bool(reports) and reports[0].from_draft,
            # Viewers read the reports; only those who may request one see the button.
            "can_request": membership.can_edit,
        },
    )


@login_required
@require_GET
def report_status(request: HttpRequest, report_id: int) -> HttpResponse:
    report = report_for_user(request.user, report_id)
    if report.lease_expired:
        # A worker that died mid-render is noticed here, without waiting for the sweep.
        services.report_recover(report=report)
        report.refresh_from_db()
    # Polling swaps only the state inside the status's live region, which stays put.
    template = "reports/_status.html#state" if request.htmx else "reports/report_status.html"
    return render(request, template, {"report": report})


@login_required
@require_GET
def report_download(request: HttpRequest, report_id: int) -> FileResponse:
    report = report_for_user(request.user, report_id)
    if report.status != report.Status.READY or not report.file:
        raise Http404("This report is not ready")
    # Opened through the storage API, so a file in a bucket streams the same way.
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=report.download_name,
        content_type="application/pdf",
    )


@login_required
@require_GET
def report_preview(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report as a web page, from the same template and snapshot as the PDF."""
    report = report_for_user(request.user, report_id)
    html = render_report_html(
        report.snapshot,
        reference=report.reference,
        snapshot_sha256=report.snapshot_sha256,
        preview=True,
        back_url=reverse("assessment_results", args=[report.assessment_id]),
        download_url=reverse("report_download", args=[report.id])
        if report.status == report.Status.READY and report.file
        else "",
    )
    return HttpResponse(html)
