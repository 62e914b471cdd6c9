from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

# After this many interrupted renders a report is failed rather than re-queued.
MAX_ATTEMPTS = 3


def lease_seconds() -> int:
    """How long a render holds its claim. The worker's hard time limit kills any task
    before then, so a report still "rendering" past the lease has lost its worker."""
    return settings.CELERY_TASK_TIME_LIMIT + settings.REPORT_LEASE_GRACE_SECONDS


def report_upload_to(report: "Report", filename: str) -> str:
    return f"reports/{report.pk}/{filename}"


class Report(models.Model):
    """One requested go/no-go PDF: a frozen snapshot and the job that renders it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RENDERING = "rendering", "Rendering"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="reports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Everything the PDF shows, taken when the report was requested; see
    # reports/snapshot_format.py. Never changed afterwards.
    snapshot = models.JSONField(editable=False)
    snapshot_sha256 = models.CharField(max_length=64, editable=False)
    # The snapshot's digest without when and by whom it was requested
    # (`snapshot_format.content_digest`): equal for two reports of exactly the same answers.
    content_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    # Copied from the snapshot so lists and admin filters need not open it.
    decision = models.CharField(max_length=20, blank=True, editable=False)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error_message = models.TextField(blank=True)

    file = models.FileField(upload_to=report_upload_to, blank=True, max_length=255)
    sha256 = models.CharField("PDF SHA-256", max_length=64, blank=True)
    page_count = models.PositiveSmallIntegerField(null=True, blank=True)
    size_bytes = models.PositiveIntegerField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"
        indexes = [
            models.Index(fields=["assessment", "-created_at"], name="report_assessment_latest"),
            models.Index(fields=["status", "started_at"], name="report_status_started"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "rendering", "ready", "failed"]),
                name="report_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | (~Q(file="") & ~Q(sha256="")),
                name="report_ready_has_file",
            ),
            models.CheckConstraint(
                condition=~Q(status="rendering") | Q(started_at__isnull=False),
                name="report_rendering_has_lease",
            ),
        ]

    def __str__(self) -> str:
        return f"Report {self.reference}"

    @property
    def reference(self) -> str:
        return f"R-{self.pk:06d}" if self.pk else "R-unsaved"

    @property
    def is_pending(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RENDERING}

    @property
    def lease_expired(self) -> bool:
        return (
            self.status == self.Status.RENDERING
            and self.started_at is not None
            and self.started_at < timezone.now() - timedelta(seconds=lease_seconds())
        )

    @property
    def from_draft(self) -> bool:
        """Made while the assessment was still a draft: the PDF calls it provisional.
        Lists read it in their query (`selectors`); otherwise it comes from the snapshot."""
        annotated = getattr(self, "snapshot_from_draft", None)
        if annotated is not None:
            return annotated
        return (self.snapshot.get("assessment") or {}).get("final") is False

    @property
    def decision_label(self) -> str:
        from assessments.models import Assessment

        labels = dict(Assessment.Decision.choices)
        return labels.get(self.decision, "")

    @property
    def download_name(self) -> str:
        pilot = slugify(self.snapshot.get("pilot", {}).get("name", ""))[:60] or "pilot"
        day = self.created_at.date().isoformat()
        return f"readiness-report-{pilot}-{day}-{self.reference}.pdf"
