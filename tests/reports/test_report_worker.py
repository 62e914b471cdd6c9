"""End to end with a real Celery worker on Redis and PostgreSQL.

The worker is a separate process, so these tests commit their rows
(transactional database) and share a media folder with it. Each test uses its
own queue so no other worker on the same Redis can take its messages.
"""

import time

import pytest
from django.urls import reverse
from django.utils import timezone

from readiness.celery import app as celery_app
from reports import services
from reports.models import Report, lease_seconds

from .conftest import pdf_text
from .workers import HARD_TIME_LIMIT, SOFT_TIME_LIMIT, Workers, unique_queue, wait_for

pytestmark = [pytest.mark.services, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def workers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.CELERY_TASK_SOFT_TIME_LIMIT = SOFT_TIME_LIMIT
    settings.CELERY_TASK_TIME_LIMIT = HARD_TIME_LIMIT
    settings.REPORT_LEASE_GRACE_SECONDS = 1
    queue = unique_queue()
    previous_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    (tmp_path / "logs").mkdir()
    pool = Workers(queue=queue, media_root=settings.MEDIA_ROOT, logs=tmp_path / "logs")
    yield pool
    pool.stop_all()
    celery_app.conf.task_default_queue = previous_queue
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_delete(queue)


def _status(report: Report) -> str:
    report.refresh_from_db()
    return report.status


def _stored_files(workers: Workers, report: Report) -> list[str]:
    folder = workers.media_root / "reports" / str(report.pk)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_worker_renders_a_requested_report_end_to_end(workers, alice_client, assessment):
    workers.start()

    response = alice_client.post(reverse("report_list", args=[assessment.id]))
    report = Report.objects.filter(assessment=assessment).latest()
    wait_for(lambda: _status(report) in {"ready", "failed"}, 60, interval=0.2)

    assert response.status_code == 302
    assert report.status == Report.Status.READY, report.error_message
    download = alice_client.get(reverse("report_download", args=[report.id]))
    pdf = b"".join(download.streaming_content)
    assert assessment.pilot.name in pdf_text(pdf)
    assert _stored_files(workers, report) == [report.file.name.rsplit("/", 1)[1]]


def test_a_report_whose_worker_is_killed_mid_render_ends_ready_exactly_once(
    workers, assessment, alice
):
    worker = workers.start()
    for _round in range(3):
        # The same answers each round: a copy is asked for on purpose.
        report = services.report_request(assessment=assessment, requested_by=alice, again=True)
        wait_for(lambda report=report: _status(report) == "rendering", 30)

        worker.kill()
        worker = workers.start()
        # Nothing will finish the dead render: wait out its lease, then sweep as beat would.
        expires = report.started_at.timestamp() + lease_seconds() + 0.2
        time.sleep(max(0.0, expires - timezone.now().timestamp()))
        assert _status(report) == "rendering"
        services.reports_recover_stale()
        wait_for(lambda report=report: _status(report) in {"ready", "failed"}, 60, interval=0.1)

        assert report.status == Report.Status.READY, report.error_message
        assert report.attempts == 2
        assert _stored_files(workers, report) == [report.file.name.rsplit("/", 1)[1]]
        assert workers.output().count(f"Report {report.reference} is ready") == 1
