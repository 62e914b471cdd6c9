"""Limits on asking for reports: one at a time per assessment, and so many an hour per
workspace. Each render costs a worker seconds and keeps its PDF."""

import pytest
from django.urls import reverse

from assessments import services as assessment_services
from reports import services
from reports.models import Report

PANEL = {"HX-Request": "true", "HX-Target": "report-panel-actions"}
HISTORY = {"HX-Request": "true", "HX-Target": "report-history"}


@pytest.fixture
def new_reports(world):
    """Reports made during the test (the world already holds one)."""
    return Report.objects.exclude(pk=world.objects["report"].pk)


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    """Request a report and leave it waiting: nothing queued on commit runs."""

    def request(assessment, user, **options) -> Report:
        with django_capture_on_commit_callbacks():
            return services.report_request(assessment=assessment, requested_by=user, **options)

    return request


@pytest.fixture
def press(django_capture_on_commit_callbacks):
    """Press "Generate" on the page; what it queues waits, as behind a busy worker."""

    def post(client, assessment, headers=None):
        with django_capture_on_commit_callbacks():
            return client.post(_url(assessment), headers=headers or {})

    return post


def _url(assessment) -> str:
    return reverse("report_list", args=[assessment.id])


def _change_an_answer(assessment, user, value: int) -> None:
    assessment_services.answer_save(
        assessment=assessment, question_id="ov_test_cases", value=value, user=user
    )


def _all_ready() -> None:
    """What a worker would do, without rendering anything."""
    Report.objects.filter(status=Report.Status.QUEUED).update(
        status=Report.Status.READY, file="reports/R.pdf", sha256="f" * 64
    )


PENDING = "A report is being made: {}. Wait for it to finish before you ask for another."


# One at a time per assessment ----------------------------------------------------------


def test_another_report_while_one_is_being_made_is_refused_naming_it(
    assessment, alice, queue, new_reports
):
    first = queue(assessment, alice)
    _change_an_answer(assessment, alice, 40)

    with pytest.raises(services.ReportPending) as refused:
        queue(assessment, alice)

    assert refused.value.report == first
    assert str(refused.value) == PENDING.format(first.reference)
    assert list(new_reports) == [first]


@pytest.mark.parametrize("status", [Report.Status.RENDERING, Report.Status.QUEUED])
def test_a_report_rendering_or_waiting_holds_back_the_next(
    assessment, alice, queue, make_report, status
):
    waiting = make_report(status)

    with pytest.raises(services.ReportPending) as refused:
        queue(assessment, alice)

    assert refused.value.report == waiting


@pytest.mark.parametrize("status", [Report.Status.READY, Report.Status.FAILED])
def test_once_it_is_ready_or_failed_the_next_can_be_asked_for(
    assessment, alice, queue, new_reports, status
):
    first = queue(assessment, alice)
    Report.objects.filter(pk=first.pk).update(status=status, file="reports/R.pdf", sha256="f" * 64)
    _change_an_answer(assessment, alice, 40)

    second = queue(assessment, alice)

    assert set(new_reports) == {first, second}


def test_a_report_waiting_for_another_assessment_holds_nothing_back(
    world, assessment, alice, queue
):
    pilot = assessment_services.pilot_create(client=world.objects["client"], name="Invoices")
    other = assessment_services.assessment_start(pilot=pilot, user=alice)
    _change_an_answer(other, alice, 12)
    queue(other, alice)

    assert queue(assessment, alice).assessment == assessment


def test_copies_asked_for_on_purpose_are_queued_all_together(assessment, alice, queue):
    # The benchmark queues many copies at once to measure the worker.
    copies = [queue(assessment, alice, again=True) for _ in range(3)]

    assert len({copy.pk for copy in copies}) == 3
    assert {copy.status for copy in copies} == {Report.Status.QUEUED}


def test_the_panel_says_a_report_is_being_made_and_keeps_the_button(
    alice_client, alice, assessment, new_reports, press
):
    press(alice_client, assessment, PANEL)
    first = new_reports.get()
    _change_an_answer(assessment, alice, 40)

    response = press(alice_client, assessment, PANEL)

    page = response.content.decode()
    assert response.status_code == 429
    assert PENDING.format(first.reference) in page
    assert f'<a href="{reverse("report_status", args=[first.id])}">Follow it' in page
    assert "Generate a new report</button>" in page, "to press once it is ready"
    assert list(new_reports) == [first]


def test_the_history_says_so_too(alice_client, alice, assessment, new_reports, press):
    press(alice_client, assessment, HISTORY)
    _change_an_answer(assessment, alice, 40)

    response = press(alice_client, assessment, HISTORY)

    page = response.content.decode()
    assert response.status_code == 429
    assert page.lstrip().startswith('<section id="report-history"')
    assert PENDING.format(new_reports.get().reference) in page


def test_without_javascript_the_report_list_says_so(
    alice_client, alice, assessment, new_reports, press
):
    press(alice_client, assessment)
    _change_an_answer(assessment, alice, 40)

    response = press(alice_client, assessment)

    page = response.content.decode()
    assert response.status_code == 429
    assert "<h1>Go/no-go reports</h1>" in page
    assert PENDING.format(new_reports.get().reference) in page
    assert new_reports.count() == 1


def test_htmx_shows_what_a_refusal_for_a_limit_says(alice_client, assessment):
    page = alice_client.get(reverse("assessment_results", args=[assessment.id])).content.decode()

    assert '{"code": "429", "swap": true}' in page


# So many an hour per workspace ---------------------------------------------------------


@pytest.fixture
def two_an_hour(settings):
    settings.REPORTS_PER_WORKSPACE_HOUR = 2


def _make(client, user, assessment, press, value: int, headers=None):
    _change_an_answer(assessment, user, value)
    response = press(client, assessment, headers)
    _all_ready()
    return response


def test_a_workspace_asks_for_at_most_so_many_reports_an_hour(
    alice_client, alice, assessment, new_reports, press, two_an_hour
):
    for value in (1, 2):
        assert _make(alice_client, alice, assessment, press, value).status_code == 302

    panel = _make(alice_client, alice, assessment, press, 3, PANEL)
    plain = _make(alice_client, alice, assessment, press, 4)

    for response in (panel, plain):
        assert response.status_code == 429
        assert "This workspace has asked for 2 reports in the last hour, the most it may." in (
            response.content.decode()
        )
    assert "Generate a new report</button>" in panel.content.decode()
    assert new_reports.count() == 2


def test_presses_that_make_no_report_use_up_nothing(
    alice_client, alice, assessment, new_reports, press, two_an_hour
):
    _make(alice_client, alice, assessment, press, 1)
    for _ in range(3):
        assert press(alice_client, assessment, PANEL).status_code == 200  # the same report

    assert _make(alice_client, alice, assessment, press, 2).status_code == 302
    assert new_reports.count() == 2


def test_the_limit_counts_the_whole_workspace(
    client, alice, bob, assessment, new_reports, press, two_an_hour
):
    for value, user in ((1, alice), (2, bob)):
        client.force_login(user)
        _make(client, user, assessment, press, value)

    response = _make(client, bob, assessment, press, 3)

    assert response.status_code == 429
    assert new_reports.count() == 2


def test_the_service_itself_knows_no_hourly_limit(assessment, alice, queue, two_an_hour):
    # Commands that set up data (the demo) ask the service directly; only pages are limited.
    for value in (1, 2, 3):
        _change_an_answer(assessment, alice, value)
        queue(assessment, alice)
        _all_ready()

    assert Report.objects.filter(assessment=assessment).count() == 4
