from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import replace_url

from accounts import limits
from accounts.access import membership_for_user
from assessments import selectors as assessment_selectors
from assessments.access import assessment_for_user
from assessments.models import Assessment

from . import selectors, services
from .access import report_for_user
from .models import Report
from .pdf import render_report_html

REPORTS_PER_PAGE = 20


def _same_message(report: Report) -> str:
    if report.is_pending:
        return f"A report of these answers is being made: {report.reference}."
    return f"A report of these answers already exists: {report.reference}."


def _request_response(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """Ask for a report. Without JavaScript the outcome is a message on the next page;
    with htmx the part of the page that asked is replaced, saying what happened.

    A limit that is reached (another report still being made, or the workspace's
    reports for the hour) refuses with 429, on the page that asked or the history."""
    report = same = pending = limit = refused = None
    workspace_id = assessment.pilot.client.workspace_id
    if (limit := limits.report_request(request, workspace_id)) is not None:
        refused = limit.message
    else:
        try:
            report = services.report_request(assessment=assessment, requested_by=request.user)
        except services.SameReportExists as exists:
            same = exists.report
        except services.ReportPending as waiting:
            pending, refused = waiting.report, str(waiting)
        except ValidationError as error:
            refused = " ".join(error.messages)
        else:
            limits.report_made(request, workspace_id)
    limited = limit is not None or pending is not None
    notice = refused or (_same_message(same) if same else "")
    if not request.htmx and limited:
        return _history(
            request, assessment, notice=notice, pending_report=pending, posted=True, status=429
        )
    if not request.htmx:
        if refused:
            messages.error(request, refused)
        elif same:
            messages.info(request, notice)
            return redirect("report_status", report_id=same.id)
        else:
            messages.success(request, f"Report {report.reference} is being prepared.")
        return redirect("report_list", assessment_id=assessment.id)
    status = 429 if limited else 422 if refused else 200
    if request.htmx.target == "report-panel-actions":
        context = {
            "assessment": assessment,
            "posted": True,
            "can_request": True,
            # Refused for want of answers: the button goes. A limit keeps it for later.
            "has_answers": limited or not refused,
            "notice": notice,
            "same_report": same,
            "pending_report": pending,
        }
        if report is not None:
            context["latest_report"] = report
        return render(request, "reports/_panel.html#body", context, status=status)
    response = _history(
        request,
        assessment,
        notice=notice,
        same_report=same,
        pending_report=pending,
        requested_report=report,
        posted=True,
        status=status,
    )
    # The history shown is its first page, where a new report is; the address drops any
    # ?page= it had, so reloading shows the same.
    return replace_url(response, reverse("report_list", args=[assessment.id]))


def _history(
    request: HttpRequest,
    assessment: Assessment,
    *,
    notice: str = "",
    same_report: Report | None = None,
    pending_report: Report | None = None,
    requested_report: Report | None = None,
    posted: bool = False,
    status: int = 200,
) -> HttpResponse:
    """The history, a page at a time. After a POST it is the first page, with focus on
    the new "Generate" button, or on the notice saying why no report was made."""
    page = Paginator(selectors.reports_for_assessment(assessment), REPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    reports = list(page)
    latest = reports[0] if page.number == 1 and reports else selectors.latest_report(assessment)
    template = "reports/report_list.html"
    if request.htmx:
        template += "#history"
    membership = membership_for_user(request.user, assessment.pilot.client.workspace_id)
    context = {
        "assessment": assessment,
        "reports": reports,
        "page": page,
        "pilot": assessment.pilot,
        # A final assessment whose newest report still speaks for the draft.
        "final_wanted": assessment.is_submitted and latest is not None and latest.from_draft,
        # Viewers read the reports; only those who may request one see the button.
        "can_request": membership.can_edit,
        "has_answers": assessment_selectors.has_agreed_answers(assessment),
        "notice": notice,
        "same_report": same_report,
        "pending_report": pending_report,
        "requested_report": requested_report,
        "posted": posted,
    }
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The report history of one assessment, newest first, a page at a time; POST
    requests a new report, unless one of exactly these answers exists already or a
    limit is reached."""
    assessment = assessment_for_user(request.user, assessment_id, write=request.method == "POST")
    if request.method == "POST":
        return _request_response(request, assessment)
    return _history(request, assessment)


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
