"""A report of exactly the same answers is made once; an assessment with no answers
gets none; the history is paged, newest first."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import Answer
from reports import services
from reports.models import Report
from reports.snapshot_format import content_digest, snapshot_digest

PANEL = {"HX-Request": "true", "HX-Target": "report-panel-actions"}
HISTORY = {"HX-Request": "true", "HX-Target": "report-history"}


@pytest.fixture
def new_reports(world):
    """Reports made during the test (the world already holds one)."""
    return Report.objects.exclude(pk=world.objects["report"].pk)


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    """Request a report and leave it waiting: nothing queued on commit runs."""

    def request(assessment, user) -> Report:
        with django_capture_on_commit_callbacks():
            return services.report_request(assessment=assessment, requested_by=user)

    return request


def _url(assessment) -> str:
    return reverse("report_list", args=[assessment.id])


def _no_answers(assessment) -> None:
    # Priya's own answer stays: only the assessment's own answers make a report.
    Answer.objects.filter(assessment=assessment, respondent__isnull=True).delete()


# The service ---------------------------------------------------------------------------


def test_the_same_answers_asked_again_name_the_report_being_made(assessment, alice, queue):
    first = queue(assessment, alice)

    with pytest.raises(services.SameReportExists) as raised:
        queue(assessment, alice)

    assert raised.value.report == first
    assert Report.objects.filter(content_sha256=first.content_sha256).count() == 1


def test_the_same_answers_asked_by_someone_else_name_the_ready_report(
    ready_report, assessment, bob
):
    with pytest.raises(services.SameReportExists) as raised:
        services.report_request(assessment=assessment, requested_by=bob)

    assert raised.value.report == ready_report


def test_a_changed_answer_makes_a_new_report(assessment, alice, queue):
    first = queue(assessment, alice)
    Report.objects.filter(pk=first.pk).update(status=Report.Status.FAILED)  # one at a time
    assessment_services.answer_save(
        assessment=assessment, question_id="own_authority", value=False, user=alice
    )

    second = queue(assessment, alice)

    assert second != first
    assert second.content_sha256 != first.content_sha256


def test_a_failed_report_is_retried_by_asking_again(assessment, alice, queue):
    first = queue(assessment, alice)
    Report.objects.filter(pk=first.pk).update(status=Report.Status.FAILED)

    second = queue(assessment, alice)

    assert second != first
    assert second.content_sha256 == first.content_sha256


def test_a_copy_can_be_asked_for_on_purpose(assessment, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        first = services.report_request(assessment=assessment, requested_by=alice)
        copy = services.report_request(assessment=assessment, requested_by=alice, again=True)

    assert copy != first


def test_the_content_digest_leaves_out_when_and_by_whom(assessment, alice, queue):
    report = queue(assessment, alice)
    other = {**report.snapshot, "taken_at": "2030-01-01T00:00:00+00:00", "requested_by": "Bob"}

    assert report.content_sha256 == content_digest(report.snapshot) == content_digest(other)
    assert report.snapshot_sha256 == snapshot_digest(report.snapshot) != snapshot_digest(other)


def test_earlier_reports_get_their_content_digest(ready_report):
    migration = importlib.import_module("reports.migrations.0002_report_content_sha256")
    Report.objects.update(content_sha256="")

    migration.fill_content_digests(apps, None)

    ready_report.refresh_from_db()
    assert ready_report.content_sha256 == content_digest(ready_report.snapshot)


def test_an_assessment_with_no_answers_gets_no_report(assessment, alice, new_reports):
    _no_answers(assessment)

    with pytest.raises(ValidationError, match="no answers yet"):
        services.report_request(assessment=assessment, requested_by=alice)

    assert not new_reports.exists()


# The pages -----------------------------------------------------------------------------


def test_the_panel_says_a_report_of_these_answers_is_being_made_and_points_to_it(
    alice_client, assessment, new_reports, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        alice_client.post(_url(assessment), headers=PANEL)
        response = alice_client.post(_url(assessment), headers=PANEL)

    first = new_reports.get()
    page = response.content.decode()
    assert response.status_code == 200
    assert f"A report of these answers is being made: {first.reference}." in page
    assert f'<a href="{reverse("report_status", args=[first.id])}">' in page
    # The reply replaces the button's row; the live region is filled out of band, not doubled.
    assert page.count('id="report-panel-latest"') == 1
    assert (
        'id="report-panel-latest" role="status" aria-live="polite" hx-swap-oob="innerHTML"' in page
    )
    assert "autofocus>Generate a new report</button>" in page, "the focus stays on the button"


def test_the_panel_says_a_ready_report_already_exists(alice_client, assessment, ready_report):
    response = alice_client.post(_url(assessment), headers=PANEL)

    page = response.content.decode()
    assert f"A report of these answers already exists: {ready_report.reference}." in page
    assert "Download or preview it</a>" in page
    assert Report.objects.filter(content_sha256=ready_report.content_sha256).count() == 1


def test_without_javascript_asking_again_leads_to_the_report_already_made(
    alice_client, assessment, new_reports, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        alice_client.post(_url(assessment))
        response = alice_client.post(_url(assessment), follow=True)

    first = new_reports.get()
    assert response.redirect_chain[-1][0] == reverse("report_status", args=[first.id])
    assert f"A report of these answers is being made: {first.reference}." in (
        response.content.decode()
    )


def test_the_history_says_so_too(
    alice_client, assessment, new_reports, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        alice_client.post(_url(assessment), headers=HISTORY)
        response = alice_client.post(_url(assessment), headers=HISTORY)

    page = response.content.decode()
    assert page.lstrip().startswith('<section id="report-history"')
    assert f"A report of these answers is being made: {new_reports.get().reference}." in page


def test_both_buttons_are_disabled_while_their_request_is_under_way(alice_client, assessment):
    results = alice_client.get(reverse("assessment_results", args=[assessment.id]))
    history = alice_client.get(_url(assessment))

    for page in (results, history):
        assert 'hx-disabled-elt="find button"' in page.content.decode()


def test_with_no_answers_the_panel_and_history_say_so_before_any_press(alice_client, assessment):
    _no_answers(assessment)

    results = alice_client.get(reverse("assessment_results", args=[assessment.id]))
    history = alice_client.get(_url(assessment))

    for page in (results.content.decode(), history.content.decode()):
        assert "No question is answered yet, so a report would only say" in page
        assert "Generate report</button>" not in page
        assert "Generate a new report</button>" not in page


def test_with_no_answers_a_request_is_refused_and_makes_nothing(
    alice_client, assessment, new_reports
):
    _no_answers(assessment)

    panel = alice_client.post(_url(assessment), headers=PANEL)
    history = alice_client.post(_url(assessment), headers=HISTORY)
    plain = alice_client.post(_url(assessment), follow=True)

    assert panel.status_code == history.status_code == 422
    for response in (panel, history, plain):
        assert "This assessment has no answers yet" in response.content.decode()
    assert not new_reports.exists()


def test_a_final_assessment_with_no_answers_points_to_a_reassessment(
    alice_client, assessment, new_reports
):
    # As if made final before an empty assessment was refused.
    assessment_services.assessment_submit(assessment=assessment)
    _no_answers(assessment)

    results = alice_client.get(reverse("assessment_results", args=[assessment.id]))
    history = alice_client.get(_url(assessment))
    refused = alice_client.post(_url(assessment), headers=PANEL)

    reassess = reverse("pilot_detail", args=[assessment.pilot_id]) + "#reassess-title"
    for page in (results.content.decode(), history.content.decode()):
        assert (
            "This assessment was made final with no question answered, so a report would only "
            "say that every question is unanswered. Its answers can no longer change: "
            f'<a href="{reassess}">start a reassessment</a> and answer them there.'
        ) in page
        assert "once at least one question is answered" not in page
    assert refused.status_code == 422
    assert "Start a reassessment and answer them there." in refused.content.decode()
    assert not new_reports.exists()


def test_an_outsider_asking_again_gets_404_and_nothing_is_made(
    client, charlie, assessment, new_reports
):
    client.force_login(charlie)

    assert client.post(_url(assessment), headers=PANEL).status_code == 404
    assert not new_reports.exists()


def test_the_history_is_paged_twenty_at_a_time_newest_first(alice_client, assessment, make_report):
    Report.objects.filter(assessment=assessment).delete()
    same_moment = timezone.now()
    made = [make_report(created_at=same_moment) for _ in range(22)]
    older = make_report(created_at=same_moment - timedelta(days=1))

    first = alice_client.get(_url(assessment))
    second = alice_client.get(_url(assessment) + "?page=2")

    newest_first = sorted(made, key=lambda r: r.id, reverse=True)
    assert [r.id for r in first.context["reports"]] == [r.id for r in newest_first[:20]]
    assert [r.id for r in second.context["reports"]] == [r.id for r in newest_first[20:]] + [
        older.id
    ]
    assert "Page 1 of 2" in first.content.decode()
    assert 'href="?page=2">Older →</a>' in first.content.decode()
    assert 'href="?page=1">← Newer</a>' in second.content.decode()
