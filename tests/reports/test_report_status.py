from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from reports.models import Report, lease_seconds

HTMX = {"HX-Request": "true"}


def _url(report) -> str:
    return reverse("report_status", kwargs={"report_id": report.id})


def test_a_pending_report_polls_every_two_seconds(alice_client, make_report):
    report = make_report(Report.Status.RENDERING)

    page = alice_client.get(_url(report), headers=HTMX).content.decode()

    # Only the state is swapped: the live region around it stays, so its change is read out.
    assert page.lstrip().startswith('<span class="report-state report-status-rendering"')
    assert 'role="status"' not in page
    assert 'hx-trigger="every 2s"' in page
    assert 'hx-swap="outerHTML"' in page
    assert "Rendering" in page


def test_a_ready_report_stops_polling_and_offers_the_download(alice_client, make_report):
    report = make_report(Report.Status.READY)

    page = alice_client.get(_url(report), headers=HTMX).content.decode()

    assert "hx-trigger" not in page
    assert reverse("report_download", args=[report.id]) in page


def test_a_failed_report_shows_what_to_do(alice_client, make_report):
    report = make_report(Report.Status.FAILED, error_message="Request a new report.")

    page = alice_client.get(_url(report), headers=HTMX).content.decode()

    assert "hx-trigger" not in page
    assert "Request a new report." in page


def test_without_javascript_the_status_page_reloads_itself_while_pending(alice_client, make_report):
    report = make_report(Report.Status.QUEUED)

    page = alice_client.get(_url(report)).content.decode()

    assert "<html" in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert "refresh it now" in page


def test_without_javascript_a_finished_report_page_stops_reloading(alice_client, make_report):
    report = make_report(Report.Status.READY)

    page = alice_client.get(_url(report)).content.decode()

    assert 'http-equiv="refresh"' not in page
    assert reverse("report_download", args=[report.id]) in page


def test_polling_a_report_whose_worker_died_puts_it_back_in_the_queue(
    alice_client, make_report, django_capture_on_commit_callbacks
):
    started = timezone.now() - timedelta(seconds=lease_seconds() + 5)
    report = make_report(Report.Status.RENDERING, attempts=1, started_at=started)

    with django_capture_on_commit_callbacks() as callbacks:
        page = alice_client.get(_url(report), headers=HTMX).content.decode()

    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED
    assert len(callbacks) == 1
    assert "Waiting to render" in page


def test_polling_a_report_interrupted_again_says_which_try_comes_next(
    alice_client, make_report, django_capture_on_commit_callbacks
):
    started = timezone.now() - timedelta(seconds=lease_seconds() + 5)
    report = make_report(Report.Status.RENDERING, attempts=2, started_at=started)

    with django_capture_on_commit_callbacks():
        page = alice_client.get(_url(report), headers=HTMX).content.decode()

    assert "Try 2 was interrupted; trying again (try 3 of 3)." in page
    assert "first try" not in page
