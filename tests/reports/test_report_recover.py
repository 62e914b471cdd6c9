"""A report stuck in "rendering" after its worker died is re-queued or failed, never left."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reports import services
from reports.models import MAX_ATTEMPTS, Report, lease_seconds


def _expired() -> timezone.datetime:
    return timezone.now() - timedelta(seconds=lease_seconds() + 1)


def test_a_render_past_its_lease_is_requeued_and_rendered_again(
    make_report, django_capture_on_commit_callbacks
):
    report = make_report(Report.Status.RENDERING, attempts=1, started_at=_expired())

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.report_recover(report=report) == Report.Status.QUEUED

    assert len(callbacks) == 1
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert report.attempts == 2


@pytest.mark.parametrize("attempts", range(1, MAX_ATTEMPTS))
def test_a_requeued_render_says_which_try_was_interrupted_and_which_comes_next(
    make_report, attempts
):
    report = make_report(Report.Status.RENDERING, attempts=attempts, started_at=_expired())

    services.report_recover(report=report)

    report.refresh_from_db()
    assert report.error_message == (
        f"Try {attempts} was interrupted; trying again (try {attempts + 1} of {MAX_ATTEMPTS})."
    )


def test_a_render_within_its_lease_is_not_touched(make_report, django_capture_on_commit_callbacks):
    report = make_report(Report.Status.RENDERING, attempts=1, started_at=timezone.now())

    with django_capture_on_commit_callbacks() as callbacks:
        assert services.report_recover(report=report) is None

    assert callbacks == []
    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING


def test_a_report_interrupted_too_often_fails_with_an_explanation(make_report):
    report = make_report(Report.Status.RENDERING, attempts=MAX_ATTEMPTS, started_at=_expired())

    assert services.report_recover(report=report) == Report.Status.FAILED

    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert f"interrupted {MAX_ATTEMPTS} times" in report.error_message


def test_the_sweep_recovers_stuck_renders_and_resends_long_queued_reports(
    make_report, django_capture_on_commit_callbacks
):
    stuck = make_report(Report.Status.RENDERING, attempts=1, started_at=_expired())
    hopeless = make_report(Report.Status.RENDERING, attempts=MAX_ATTEMPTS, started_at=_expired())
    forgotten = make_report()
    Report.objects.filter(pk=forgotten.pk).update(updated_at=_expired())
    fresh = make_report()
    busy = make_report(Report.Status.RENDERING, attempts=1, started_at=timezone.now())

    with django_capture_on_commit_callbacks() as callbacks:
        counts = services.reports_recover_stale()

    assert counts == {"requeued": 1, "failed": 1, "resent": 1}
    assert len(callbacks) == 2
    statuses = dict(Report.objects.values_list("pk", "status"))
    assert statuses[stuck.pk] == Report.Status.QUEUED
    assert statuses[hopeless.pk] == Report.Status.FAILED
    assert statuses[forgotten.pk] == Report.Status.QUEUED
    assert statuses[fresh.pk] == Report.Status.QUEUED
    assert statuses[busy.pk] == Report.Status.RENDERING


def test_the_sweep_command_runs_the_same_sweep(make_report):
    from io import StringIO

    from django.core.management import call_command

    stuck = make_report(Report.Status.RENDERING, attempts=MAX_ATTEMPTS, started_at=_expired())
    out = StringIO()

    call_command("sweep_reports", stdout=out)

    stuck.refresh_from_db()
    assert stuck.status == Report.Status.FAILED
    assert "1 failed" in out.getvalue()
