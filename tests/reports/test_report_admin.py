from django.urls import reverse

from accounts.models import User
from reports.models import Report


def _admin_client(client):
    admin = User.objects.create_superuser(email="root@readiness.test", password="x")
    client.force_login(admin)
    return client


def test_the_report_list_filters_by_status(client, make_report):
    make_report(Report.Status.FAILED, error_message="boom")
    _admin_client(client)

    response = client.get(reverse("admin:reports_report_changelist"), {"status__exact": "failed"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_requeue_sends_failed_reports_round_again_and_leaves_ready_ones(
    client, make_report, django_capture_on_commit_callbacks
):
    failed = make_report(Report.Status.FAILED, error_message="boom", attempts=3)
    ready = make_report(Report.Status.READY)
    _admin_client(client)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("admin:reports_report_changelist"),
            {"action": "requeue", "_selected_action": [failed.pk, ready.pk]},
            follow=True,
        )

    assert response.status_code == 200
    assert len(callbacks) == 1
    failed.refresh_from_db()
    ready.refresh_from_db()
    assert (failed.status, failed.attempts, failed.error_message) == ("queued", 0, "")
    assert ready.status == Report.Status.READY


def test_a_report_page_opens_read_only(client, make_report):
    report = make_report(Report.Status.READY)
    _admin_client(client)

    response = client.get(reverse("admin:reports_report_change", args=[report.pk]))

    assert response.status_code == 200
    assert report.sha256 in response.content.decode()


def test_the_report_list_names_decisions_in_words_and_filters_by_them(client, make_report):
    report = make_report(Report.Status.READY)
    Report.objects.filter(pk=report.pk).update(decision="not_yet")
    other = make_report(Report.Status.READY)
    Report.objects.filter(pk=other.pk).update(decision="go")
    _admin_client(client)

    everything = client.get(reverse("admin:reports_report_changelist"))
    not_yet = client.get(reverse("admin:reports_report_changelist"), {"decision": "not_yet"})

    page = everything.content.decode()
    assert "Readiness administration" in page
    assert '<td class="field-decision_label">Not yet</td>' in page
    assert ">not_yet<" not in page
    expected = Report.objects.filter(decision="not_yet").count()
    assert 0 < not_yet.context["cl"].result_count == expected < Report.objects.count()
