"""The render service: claims, re-runs, transient and permanent failures, lost claims."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.storage.memory import InMemoryStorage
from django.utils import timezone

from reports import services
from reports.models import Report


def _files_of(report: Report) -> list[str]:
    try:
        return default_storage.listdir(f"reports/{report.pk}")[1]
    except FileNotFoundError:
        return []


def test_a_queued_report_is_rendered_once_and_a_rerun_changes_nothing(make_report):
    report = make_report()

    first = services.report_render(report_id=report.pk)
    report.refresh_from_db()
    ready_state = (report.status, report.file.name, report.sha256, report.attempts)
    second = services.report_render(report_id=report.pk)
    report.refresh_from_db()

    assert first is not None
    assert second is None
    assert ready_state[0] == Report.Status.READY
    assert (report.status, report.file.name, report.sha256, report.attempts) == ready_state
    assert _files_of(report) == [report.file.name.rsplit("/", 1)[1]]


def test_a_report_rendering_within_its_lease_is_left_alone(make_report):
    report = make_report(Report.Status.RENDERING, attempts=1)

    assert services.report_render(report_id=report.pk) is None
    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING


def test_a_report_whose_lease_expired_can_be_claimed_by_a_redelivered_task(make_report):
    long_ago = timezone.now() - timedelta(hours=1)
    report = make_report(Report.Status.RENDERING, attempts=1, started_at=long_ago)

    assert services.report_render(report_id=report.pk) is not None
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert report.attempts == 2


def test_a_storage_failure_releases_the_claim_and_asks_for_a_retry(make_report, monkeypatch):
    report = make_report()

    def broken_save(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(InMemoryStorage, "save", broken_save)
    with pytest.raises(services.TransientRenderError):
        services.report_render(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED
    assert "retrying" in report.error_message


def test_a_snapshot_that_cannot_be_read_fails_with_a_message_to_act_on(make_report):
    report = make_report()
    Report.objects.filter(pk=report.pk).update(snapshot={"format": 1})

    services.report_render(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "Request a new report" in report.error_message


def test_a_renderer_crash_fails_the_report_without_losing_the_reason(make_report, monkeypatch):
    report = make_report()

    def crash(*args, **kwargs):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(services, "render_pdf", crash)
    services.report_render(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "quote the report reference" in report.error_message
    assert report.finished_at is not None


def test_a_run_that_lost_its_claim_discards_its_file(make_report, monkeypatch):
    report = make_report()
    real_render = services.render_pdf

    def render_then_lose_the_claim(*args, **kwargs):
        result = real_render(*args, **kwargs)
        # Meanwhile the lease expired and another run claimed the report.
        Report.objects.filter(pk=report.pk).update(attempts=5)
        return result

    monkeypatch.setattr(services, "render_pdf", render_then_lose_the_claim)
    assert services.report_render(report_id=report.pk) is None

    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING
    assert report.file.name == ""
    assert _files_of(report) == []


def test_files_left_by_an_interrupted_attempt_are_removed_when_the_report_is_ready(make_report):
    from django.core.files.base import ContentFile

    report = make_report()
    default_storage.save(f"reports/{report.pk}/R-orphan.pdf", ContentFile(b"%PDF half"))

    services.report_render(report_id=report.pk)

    report.refresh_from_db()
    assert _files_of(report) == [report.file.name.rsplit("/", 1)[1]]
