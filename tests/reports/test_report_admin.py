import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


@pytest.mark.parametrize("quoted", ["{ref}", "{digits}", "{ref_lower}", " {ref} ", "{pk}"])
def test_a_report_is_found_by_the_reference_users_quote(client, make_report, quoted):
    wanted, other = make_report(Report.Status.READY), make_report(Report.Status.READY)
    _admin_client(client)
    term = quoted.format(
        ref=wanted.reference,
        digits=wanted.reference.removeprefix("R-"),
        ref_lower=wanted.reference.lower(),
        pk=wanted.pk,
    )

    response = client.get(reverse("admin:reports_report_changelist"), {"q": term})

    assert list(response.context["cl"].result_list) == [wanted]
    assert other.pk != wanted.pk


@pytest.mark.parametrize("term", ["R-", "R-12a", "99999999999999999999999"])
def test_a_search_that_is_no_reference_finds_nothing_and_does_not_fail(client, make_report, term):
    make_report(Report.Status.READY)
    _admin_client(client)

    response = client.get(reverse("admin:reports_report_changelist"), {"q": term})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


@pytest.fixture
def elsewhere_report(charlie) -> Report:
    """A report of charlie's own workspace, client and pilot."""
    from accounts.models import Workspace
    from assessments import services as assessments

    workspace = Workspace.objects.get(memberships__user=charlie)
    client = assessments.client_create(workspace=workspace, name="Brightside Dental")
    pilot = assessments.pilot_create(client=client, name="Recall reminders")
    assessment = assessments.assessment_start(pilot=pilot, user=charlie)
    return Report.objects.create(
        assessment=assessment, requested_by=charlie, snapshot={}, decision="go"
    )


@pytest.mark.parametrize(
    ("term", "of_acme"),
    [
        ("Northwind", True),
        ("Acme Ltd", True),
        ("Quote follow", True),
        ("Brightside", False),
        ("Elsewhere Inc", False),
        ("Recall reminders", False),
    ],
)
def test_reports_are_found_by_client_workspace_and_pilot(
    client, make_report, elsewhere_report, term, of_acme
):
    make_report(Report.Status.READY)
    acme = set(Report.objects.exclude(pk=elsewhere_report.pk))
    _admin_client(client)

    response = client.get(reverse("admin:reports_report_changelist"), {"q": term})

    assert set(response.context["cl"].result_list) == (acme if of_acme else {elsewhere_report})


def test_the_report_list_names_each_reports_client_and_workspace(client, make_report):
    make_report(Report.Status.READY)
    _admin_client(client)

    page = client.get(reverse("admin:reports_report_changelist")).content.decode()

    assert '<td class="field-client">Northwind Plumbing</td>' in page
    assert '<td class="field-workspace">Acme Ltd</td>' in page


def test_a_longer_report_list_takes_no_more_queries(client, make_report, world, alice):
    from assessments import services as assessments

    make_report(Report.Status.READY)
    _admin_client(client)
    url = reverse("admin:reports_report_changelist")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for name in ("Harbour Bakery", "Kettle & Crumb"):
        pilot = assessments.pilot_create(
            client=assessments.client_create(workspace=world.workspace, name=name), name="Intake"
        )
        assessment = assessments.assessment_start(pilot=pilot, user=alice)
        Report.objects.create(assessment=assessment, requested_by=alice, snapshot={}, decision="go")

    assert queries() == few


def test_a_report_page_names_its_decision_in_words(client, make_report):
    report = make_report(Report.Status.READY)
    Report.objects.filter(pk=report.pk).update(decision="go_with_conditions")
    _admin_client(client)

    page = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()

    assert "Go with conditions" in page
    assert "go_with_conditions" not in page
    assert report.reference in page
    assert "Northwind Plumbing" in page
