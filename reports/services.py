"""Report writes: request, render (claim -> PDF -> storage -> ready), fail, re-queue, recover.

The render is safe to run any number of times for the same report. A run first
claims the row with a conditional UPDATE (only a queued report, or one whose
render lease has expired, can be claimed) and the claim bumps `attempts`; the
final "ready" UPDATE only succeeds for the run holding the latest claim. So a
redelivered task, a re-queue after a killed worker and a slow original can
never produce two ready transitions or two files.
"""

import base64
import logging
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User
from assessments import selectors as assessment_selectors
from assessments.models import Assessment

from .fetcher import guess_image_type
from .models import MAX_ATTEMPTS, Report, lease_seconds
from .pdf import render_pdf
from .snapshot_format import (
    SnapshotInvalid,
    content_digest,
    snapshot_digest,
    validate_snapshot,
)

logger = logging.getLogger(__name__)

# Logos bigger than this are left out of the snapshot rather than bloating every report.
MAX_LOGO_BYTES = 1_000_000


class TransientRenderError(Exception):
    """A failure worth retrying (storage or network hiccup); the claim was released."""


def _logo_for_snapshot(workspace) -> dict[str, str] | None:
    if not workspace.logo:
        return None
    content_type = guess_image_type(workspace.logo.name)
    if content_type is None:
        return None
    try:
        # Through the storage API, so a logo in a bucket works the same as a local one.
        with workspace.logo.open("rb") as handle:
            content = handle.read(MAX_LOGO_BYTES + 1)
    except OSError:
        logger.warning("Workspace %s logo could not be read; report uses the name", workspace.pk)
        return None
    if len(content) > MAX_LOGO_BYTES:
        return None
    return {"content_type": content_type, "base64": base64.b64encode(content).decode("ascii")}


NO_ANSWERS = (
    "This assessment has no answers yet, so a report would only say that every question "
    "is unanswered. Answer at least one question first."
)
# Made final before an empty assessment was refused: its answers can no longer change.
NO_ANSWERS_FINAL = (
    "This assessment was made final with no question answered, so a report would only say "
    "that every question is unanswered. Start a reassessment and answer them there."
)


class SameReportExists(Exception):
    """A report of exactly these answers is already waiting, rendering or ready."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"Report {report.reference} already shows these answers")
        self.report = report


class ReportPending(Exception):
    """Another report of the assessment is still waiting or rendering: one at a time, so
    one person pressing again and again cannot keep every worker busy."""

    def __init__(self, report: Report) -> None:
        super().__init__(
            f"A report is being made: {report.reference}. Wait for it to finish before you "
            "ask for another."
        )
        self.report = report


def pending_report(assessment: Assessment) -> Report | None:
    """The assessment's newest report still waiting or rendering."""
    return (
        Report.objects.filter(
            assessment=assessment, status__in=[Report.Status.QUEUED, Report.Status.RENDERING]
        )
        .defer("snapshot")
        .order_by("-created_at", "-id")
        .first()
    )


def same_report(assessment: Assessment, digest: str) -> Report | None:
    """The newest report of the assessment showing exactly this content, unless it failed."""
    return (
        Report.objects.filter(assessment=assessment, content_sha256=digest)
        .exclude(status=Report.Status.FAILED)
        .defer("snapshot")
        .order_by("-created_at", "-id")
        .first()
    )


def report_request(
    *, assessment: Assessment, requested_by: User, render_now: bool = False, again: bool = False
) -> Report:
    """Freeze what the report will show and queue its render once the row is committed.

    A report would show nothing of an assessment with no answers: ValidationError. One
    showing exactly what a report already waiting, rendering or ready shows (the same
    answers, records and branding) would only repeat it: SameReportExists names that
    one. Any other report of the assessment still waiting or rendering comes first:
    ReportPending names it. `again` asks for a copy anyway, whatever is pending (the
    benchmark queues many at once). A failed report is no obstacle: asking again is
    how it is retried.

    With `render_now` it is rendered here and now instead, in this process, whatever the
    queue: for commands that set up data, which must not depend on a worker running."""
    from .snapshot_builder import snapshot_for_assessment
    from .tasks import render_report

    if not assessment_selectors.has_agreed_answers(assessment):
        raise ValidationError(NO_ANSWERS_FINAL if assessment.is_submitted else NO_ANSWERS)
    now = timezone.now()
    workspace = assessment.pilot.client.workspace
    snapshot = snapshot_for_assessment(
        assessment,
        requested_by=requested_by.get_full_name(),
        taken_at=now,
        logo=_logo_for_snapshot(workspace),
    )
    validate_snapshot(snapshot)
    digest = content_digest(snapshot)
    with transaction.atomic():
        if not again:
            # Two presses at once: the second waits for the first's row, then finds it.
            Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
            if (existing := same_report(assessment, digest)) is not None:
                raise SameReportExists(existing)
            if (pending := pending_report(assessment)) is not None:
                raise ReportPending(pending)
        report = Report.objects.create(
            assessment=assessment,
            requested_by=requested_by,
            snapshot=snapshot,
            snapshot_sha256=snapshot_digest(snapshot),
            content_sha256=digest,
            decision=snapshot["decision"]["code"],
            created_at=now,
        )
        if not render_now:
            render_report.delay_on_commit(report.pk)
    if render_now:
        report_render(report_id=report.pk)
        report.refresh_from_db()
    return report


def _claim(report_id: int) -> Report | None:
    now = timezone.now()
    expired = now - timedelta(seconds=lease_seconds())
    claimed = Report.objects.filter(
        Q(status=Report.Status.QUEUED) | Q(status=Report.Status.RENDERING, started_at__lt=expired),
        pk=report_id,
    ).update(
        status=Report.Status.RENDERING,
        started_at=now,
        attempts=F("attempts") + 1,
        updated_at=now,
    )
    if not claimed:
        return None
    return Report.objects.get(pk=report_id)


def _holding(report: Report):
    """The row, only while this run still holds its claim."""
    return Report.objects.filter(
        pk=report.pk, status=Report.Status.RENDERING, attempts=report.attempts
    )


def _fail(report: Report, message: str) -> None:
    _holding(report).update(
        status=Report.Status.FAILED,
        error_message=message,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def report_render(*, report_id: int) -> Report | None:
    """Render one report if it can be claimed; returns it when this run made it ready."""
    report = _claim(report_id)
    if report is None:
        logger.info("Report %s is not waiting to render; nothing to do", report_id)
        return None
    try:
        validate_snapshot(report.snapshot)
        rendered = render_pdf(
            report.snapshot, reference=report.reference, snapshot_sha256=report.snapshot_sha256
        )
    except SnapshotInvalid as exc:
        _fail(report, f"The report data is incomplete ({exc}). Request a new report.")
        return None
    except SoftTimeLimitExceeded:
        _fail(
            report,
            "Rendering took too long and was stopped. Try again; if it keeps happening, "
            "shorten the longest answers or contact support.",
        )
        return None
    except Exception:
        logger.exception("Report %s could not be rendered", report.reference)
        _fail(
            report,
            "The PDF could not be produced from this assessment. Request a new report; "
            "if that fails too, contact support and quote the report reference.",
        )
        return None

    try:
        report.file.save(f"{report.reference}.pdf", ContentFile(rendered.content), save=False)
    except Exception as exc:
        # Storage is the usual transient failure: a full disk, a bucket timing out.
        logger.warning("Report %s could not be stored: %s", report.reference, exc)
        _holding(report).update(
            status=Report.Status.QUEUED,
            error_message="The file store did not answer; retrying.",
            updated_at=timezone.now(),
        )
        raise TransientRenderError(str(exc)) from exc

    now = timezone.now()
    made_ready = _holding(report).update(
        status=Report.Status.READY,
        file=report.file.name,
        sha256=rendered.sha256,
        page_count=rendered.page_count,
        size_bytes=len(rendered.content),
        render_seconds=round(rendered.seconds, 3),
        error_message="",
        finished_at=now,
        updated_at=now,
    )
    if not made_ready:
        # Another run took over (our lease expired): its file is the one that counts.
        report.file.storage.delete(report.file.name)
        logger.warning("Report %s: lost the claim while rendering; discarded", report.reference)
        return None
    _remove_leftovers(report, keep=report.file.name)
    logger.info(
        "Report %s is ready: %s pages in %.2fs",
        report.reference,
        rendered.page_count,
        rendered.seconds,
    )
    report.refresh_from_db()
    return report


def _remove_leftovers(report: Report, *, keep: str) -> None:
    """Delete files an interrupted earlier attempt stored but never recorded."""
    storage = report.file.storage
    folder = keep.rsplit("/", 1)[0]
    try:
        _dirs, files = storage.listdir(folder)
    except (OSError, NotImplementedError):
        return
    for name in files:
        path = f"{folder}/{name}"
        if path != keep:
            storage.delete(path)


def report_mark_failed(*, report_id: int, message: str) -> None:
    """Give up on a report that is not ready (used when retries run out)."""
    Report.objects.filter(pk=report_id).exclude(status=Report.Status.READY).update(
        status=Report.Status.FAILED,
        error_message=message,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def report_requeue(*, report: Report) -> bool:
    """Send a failed or stuck report round again (admin action). False if it is fine."""
    from .tasks import render_report

    with transaction.atomic():
        requeued = (
            Report.objects.filter(pk=report.pk)
            .filter(
                Q(status=Report.Status.FAILED)
                | Q(status=Report.Status.QUEUED)
                | Q(
                    status=Report.Status.RENDERING,
                    started_at__lt=timezone.now() - timedelta(seconds=lease_seconds()),
                )
            )
            .update(
                status=Report.Status.QUEUED,
                attempts=0,
                error_message="",
                started_at=None,
                finished_at=None,
                updated_at=timezone.now(),
            )
        )
        if requeued:
            render_report.delay_on_commit(report.pk)
    return bool(requeued)


def report_recover(*, report: Report) -> str | None:
    """Deal with one report whose worker vanished: re-queue it, or fail it after
    MAX_ATTEMPTS. Returns the new status, or None when nothing was stale."""
    from .tasks import render_report

    if not report.lease_expired:
        return None
    stale = Report.objects.filter(
        pk=report.pk, status=Report.Status.RENDERING, attempts=report.attempts
    )
    now = timezone.now()
    with transaction.atomic():
        if report.attempts >= MAX_ATTEMPTS:
            changed = stale.update(
                status=Report.Status.FAILED,
                error_message=(
                    f"Rendering was interrupted {report.attempts} times, so we stopped trying. "
                    "Request a new report; if this happens again, contact support."
                ),
                finished_at=now,
                updated_at=now,
            )
            new_status = Report.Status.FAILED
        else:
            changed = stale.update(
                status=Report.Status.QUEUED,
                error_message=(
                    f"Try {report.attempts} was interrupted; trying again "
                    f"(try {report.attempts + 1} of {MAX_ATTEMPTS})."
                ),
                updated_at=now,
            )
            new_status = Report.Status.QUEUED
            if changed:
                render_report.delay_on_commit(report.pk)
    if changed:
        logger.warning("Report %s lost its worker; now %s", report.reference, new_status)
        return new_status
    return None


def reports_recover_stale() -> dict[str, int]:
    """The periodic sweep: recover every expired render and resend long-queued ones.

    Resending a queued report is harmless (the claim lets only one run through)
    and covers a message lost with a flushed or replaced broker.
    """
    from .tasks import render_report

    cutoff = timezone.now() - timedelta(seconds=lease_seconds())
    counts = {"requeued": 0, "failed": 0, "resent": 0}
    for report in Report.objects.filter(status=Report.Status.RENDERING, started_at__lt=cutoff):
        outcome = report_recover(report=report)
        if outcome == Report.Status.QUEUED:
            counts["requeued"] += 1
        elif outcome == Report.Status.FAILED:
            counts["failed"] += 1
    for report_id in Report.objects.filter(
        status=Report.Status.QUEUED, updated_at__lt=cutoff
    ).values_list("pk", flat=True):
        with transaction.atomic():
            if Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
                updated_at=timezone.now()
            ):
                render_report.delay_on_commit(report_id)
                counts["resent"] += 1
    return counts
