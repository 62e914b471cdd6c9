"""The task: thin, retried with backoff on transient errors, failed when retries run out."""

import itertools

import pytest
from django.core.files.storage.memory import InMemoryStorage

from reports import services, tasks
from reports.fetcher import FetchLog
from reports.models import Report
from reports.pdf import RenderedPdf


def _tiny_pdf(*args, **kwargs) -> RenderedPdf:
    """Retries re-render; these tests are about storage, so skip the real layout."""
    return RenderedPdf(b"%PDF-1.7 tiny", 1, "0" * 64, 0.01, FetchLog())


def test_backoff_grows_with_each_retry():
    waits = [tasks.backoff_seconds(n) for n in range(4)]

    assert 4 <= waits[0] <= 6
    assert all(later > earlier for earlier, later in itertools.pairwise(waits))


def test_a_storage_outage_that_outlasts_the_retries_fails_the_report(make_report, monkeypatch):
    report = make_report()
    calls = []

    def broken_save(*args, **kwargs):
        calls.append(1)
        raise OSError("bucket unreachable")

    monkeypatch.setattr(InMemoryStorage, "save", broken_save)
    monkeypatch.setattr(tasks, "backoff_seconds", lambda retries: 0)
    monkeypatch.setattr(services, "render_pdf", _tiny_pdf)

    tasks.render_report.apply(args=[report.pk])

    report.refresh_from_db()
    assert len(calls) == tasks.MAX_RETRIES + 1
    assert report.status == Report.Status.FAILED
    assert "storage" in report.error_message


def test_a_storage_hiccup_is_retried_and_the_report_ends_ready(make_report, monkeypatch):
    report = make_report()
    real_save = InMemoryStorage.save
    failures = iter([OSError("timeout")])

    def flaky_save(self, *args, **kwargs):
        error = next(failures, None)
        if error:
            raise error
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(InMemoryStorage, "save", flaky_save)
    monkeypatch.setattr(tasks, "backoff_seconds", lambda retries: 0)

    tasks.render_report.apply(args=[report.pk])

    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert report.attempts == 2


@pytest.mark.parametrize("status", [Report.Status.READY, Report.Status.FAILED])
def test_a_task_for_a_finished_report_does_nothing(make_report, status):
    report = make_report(status)
    before = (report.status, report.file.name, report.attempts)

    tasks.render_report.apply(args=[report.pk])

    report.refresh_from_db()
    assert (report.status, report.file.name, report.attempts) == before
