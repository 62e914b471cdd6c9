import io

import pytest
from pypdf import PdfReader

from reports import services
from reports.models import Report


@pytest.fixture(autouse=True)
def _render_in_process(request):
    """Outside the worker tests, tasks run in-process even when REDIS_URL is set, as
    they do without it, so no test leaves messages on a shared broker."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    from readiness.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _reports_in_memory(settings):
    """Reports go to an in-memory storage: the code must only use the storage API."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def assessment(world):
    return world.objects["assessment"]


@pytest.fixture
def request_report(django_capture_on_commit_callbacks):
    """Request a report and run whatever was queued on commit (eager Celery renders it)."""

    def request(assessment, user) -> Report:
        with django_capture_on_commit_callbacks(execute=True):
            report = services.report_request(assessment=assessment, requested_by=user)
        report.refresh_from_db()
        return report

    return request


@pytest.fixture
def ready_report(assessment, alice, request_report) -> Report:
    report = request_report(assessment, alice)
    assert report.status == Report.Status.READY
    return report


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def make_report(assessment, alice):
    """A report row in any state without rendering anything (fast, for views and admin)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from reports.samples import sample_snapshot
    from reports.snapshot_format import snapshot_digest

    def make(status: str = Report.Status.QUEUED, **fields) -> Report:
        snapshot = sample_snapshot()
        report = Report.objects.create(
            assessment=assessment,
            requested_by=alice,
            snapshot=snapshot,
            snapshot_sha256=snapshot_digest(snapshot),
            decision=snapshot["decision"]["code"],
            **fields,
        )
        if status in {Report.Status.RENDERING, Report.Status.READY}:
            report.started_at = fields.get("started_at") or timezone.now()
        if status == Report.Status.READY:
            report.file.save("R.pdf", ContentFile(b"%PDF-1.7 fake"), save=False)
            report.sha256 = "f" * 64
            report.page_count = 10
        report.status = status
        report.save()
        return report

    return make
