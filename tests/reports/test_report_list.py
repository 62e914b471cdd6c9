import pytest
from django.urls import reverse

from reports.models import Report


@pytest.fixture
def new_reports(world):
    """Reports made during the test (the world already holds one)."""
    return Report.objects.exclude(pk=world.objects["report"].pk)


def _url(assessment) -> str:
    return reverse("report_list", kwargs={"assessment_id": assessment.id})


def test_the_history_shows_who_asked_when_the_decision_then_and_the_status(
    alice_client, assessment, make_report
):
    make_report(Report.Status.READY)
    make_report(Report.Status.FAILED, error_message="The file store did not answer.")

    response = alice_client.get(_url(assessment))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Alice Owner" in page
    assert "Not yet" in page
    assert "Download PDF" in page
    assert "The file store did not answer." in page
    assert "Generate report" in page


def test_generating_without_javascript_queues_a_report_and_redirects_back(
    alice_client, assessment, new_reports, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = alice_client.post(_url(assessment))

    assert response.status_code == 302
    assert response.url == _url(assessment)
    report = new_reports.get()
    assert report.assessment == assessment
    assert report.status == Report.Status.QUEUED
    assert len(callbacks) == 1


def test_generating_with_htmx_returns_the_history_with_a_polling_status(
    alice_client, assessment, new_reports, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        response = alice_client.post(
            _url(assessment), headers={"HX-Request": "true", "HX-Target": "report-history"}
        )

    page = response.content.decode()
    report = new_reports.get()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section id="report-history"')
    assert "<html" not in page
    assert f'hx-get="{reverse("report_status", args=[report.id])}"' in page
    assert 'hx-trigger="every 2s"' in page


def test_the_generate_button_is_a_real_form_that_htmx_enhances(alice_client, assessment):
    page = alice_client.get(_url(assessment)).content.decode()

    assert f'<form method="post" action="{_url(assessment)}"' in page
    assert f'hx-post="{_url(assessment)}"' in page
    assert 'hx-swap="outerHTML"' in page


def test_a_viewer_sees_the_history_but_cannot_generate(client, victor, assessment, new_reports):
    client.force_login(victor)

    page = client.get(_url(assessment))

    assert page.status_code == 200
    assert "Generate report" not in page.content.decode(), "no button that would only refuse"
    assert client.post(_url(assessment)).status_code == 403
    assert not new_reports.exists()


def test_a_member_is_offered_the_button(client, bob, assessment):
    client.force_login(bob)

    assert "Generate report</button>" in client.get(_url(assessment)).content.decode()


def test_a_member_can_generate(
    client, bob, assessment, new_reports, django_capture_on_commit_callbacks
):
    client.force_login(bob)

    with django_capture_on_commit_callbacks():
        response = client.post(_url(assessment))

    assert response.status_code == 302
    assert new_reports.get().requested_by == bob


def test_an_outsider_cannot_see_or_request_reports(client, charlie, assessment, new_reports):
    client.force_login(charlie)

    assert client.get(_url(assessment)).status_code == 404
    assert client.post(_url(assessment)).status_code == 404
    assert not new_reports.exists()


def test_signed_out_visitors_are_sent_to_log_in(client, assessment):
    response = client.get(_url(assessment))

    assert response.status_code == 302
    assert "/login/" in response.url


def test_reports_made_from_the_draft_are_labelled_and_the_final_one_is_offered(
    alice_client, assessment, make_report, new_reports
):
    from assessments import services

    draft_report = make_report(Report.Status.READY)
    draft_report.snapshot["assessment"]["final"] = False
    draft_report.save(update_fields=["snapshot"])
    services.assessment_submit(assessment=assessment)

    page = alice_client.get(_url(assessment)).content.decode()

    assert f'{draft_report.reference} <span class="muted">from the draft</span>' in page
    assert "its latest report was made from the draft" in page
    assert '<button type="submit" class="button primary">Generate the final report</button>' in page


def test_a_draft_assessment_is_not_offered_a_final_report(alice_client, assessment, make_report):
    draft_report = make_report(Report.Status.READY)
    draft_report.snapshot["assessment"]["final"] = False
    draft_report.save(update_fields=["snapshot"])

    page = alice_client.get(_url(assessment)).content.decode()

    assert "from the draft" in page
    assert "Generate the final report" not in page


# After "Generate": focus, page and address ---------------------------------------------

HISTORY = {"HX-Request": "true", "HX-Target": "report-history"}
NEW_BUTTON = '<button type="submit" class="button primary" autofocus>Generate report</button>'
FOCUSED_NOTICE = 'data-testid="report-notice" tabindex="-1" autofocus>'


def _press(client, assessment, capture, headers=HISTORY):
    with capture():
        return client.post(_url(assessment), headers=headers)


def test_the_page_as_loaded_moves_no_focus(alice_client, assessment):
    page = alice_client.get(_url(assessment)).content.decode()

    assert "autofocus" not in page


def test_the_new_button_keeps_the_focus_the_pressed_one_had(
    alice_client, assessment, django_capture_on_commit_callbacks
):
    response = _press(alice_client, assessment, django_capture_on_commit_callbacks)

    page = response.content.decode()
    assert response.status_code == 200
    assert NEW_BUTTON in page
    assert page.count("autofocus") == 1


def test_the_same_answers_again_put_focus_on_the_notice_naming_the_report(
    alice_client, assessment, new_reports, django_capture_on_commit_callbacks
):
    _press(alice_client, assessment, django_capture_on_commit_callbacks)

    response = _press(alice_client, assessment, django_capture_on_commit_callbacks)

    page = response.content.decode()
    assert f"A report of these answers is being made: {new_reports.get().reference}." in page
    assert FOCUSED_NOTICE in page
    assert page.count("autofocus") == 1, "the button, still there, does not take it back"


def test_a_limit_puts_focus_on_the_notice_saying_so(
    alice_client, alice, assessment, new_reports, django_capture_on_commit_callbacks
):
    from assessments import services as assessment_services

    _press(alice_client, assessment, django_capture_on_commit_callbacks)
    assessment_services.answer_save(
        assessment=assessment, question_id="ov_test_cases", value=40, user=alice
    )

    response = _press(alice_client, assessment, django_capture_on_commit_callbacks)

    page = response.content.decode()
    assert response.status_code == 429
    assert f"A report is being made: {new_reports.get().reference}." in page
    assert FOCUSED_NOTICE in page
    assert page.count("autofocus") == 1


def test_without_answers_the_refusal_takes_the_focus_from_the_button_that_goes(
    alice_client, assessment, new_reports
):
    from assessments.models import Answer

    Answer.objects.filter(assessment=assessment, respondent__isnull=True).delete()

    response = alice_client.post(_url(assessment), headers=HISTORY)

    page = response.content.decode()
    assert response.status_code == 422
    assert FOCUSED_NOTICE in page
    assert "Generate report</button>" not in page
    assert not new_reports.exists()


def test_generating_from_an_older_page_shows_the_first_with_the_address_to_match(
    alice_client, assessment, make_report, new_reports, django_capture_on_commit_callbacks
):
    for _ in range(21):
        make_report(Report.Status.READY)
    older = alice_client.get(_url(assessment), {"page": 2}).content.decode()
    assert "Page 2 of 2" in older

    headers = {**HISTORY, "HX-Current-URL": f"http://testserver{_url(assessment)}?page=2"}
    response = _press(alice_client, assessment, django_capture_on_commit_callbacks, headers)

    page = response.content.decode()
    new = new_reports.latest("created_at", "id")
    assert new.status == Report.Status.QUEUED
    assert f'<tr id="report-{new.id}"' in page
    assert "Page 1 of 2" in page
    assert response["HX-Replace-Url"] == _url(assessment)


def test_a_refusal_also_shows_the_first_page_at_its_address(
    alice_client, assessment, django_capture_on_commit_callbacks
):
    _press(alice_client, assessment, django_capture_on_commit_callbacks)

    response = _press(alice_client, assessment, django_capture_on_commit_callbacks)

    assert response["HX-Replace-Url"] == _url(assessment)


# The empty history ---------------------------------------------------------------------


@pytest.fixture
def no_reports(assessment):
    Report.objects.filter(assessment=assessment).delete()


def test_an_empty_history_offers_to_generate_one_beside_the_button(
    alice_client, assessment, no_reports
):
    page = alice_client.get(_url(assessment)).content.decode()

    assert "No reports yet. Generate one to get a PDF you can share." in page
    assert "Generate report</button>" in page


def test_with_no_answers_the_empty_history_offers_nothing_it_cannot_do(
    alice_client, assessment, no_reports
):
    from assessments.models import Answer

    Answer.objects.filter(assessment=assessment, respondent__isnull=True).delete()

    page = alice_client.get(_url(assessment)).content.decode()

    assert '<p class="empty">No reports yet.</p>' in page
    assert "No question is answered yet" in page
    assert "Generate report</button>" not in page


def test_a_viewer_is_told_who_can_generate_one(client, victor, assessment, no_reports):
    client.force_login(victor)

    page = client.get(_url(assessment)).content.decode()

    assert (
        '<p class="empty">No reports yet. Someone who can edit this assessment can generate one.</p>'
        in page
    )
    assert "Generate one to get" not in page


# Queries -------------------------------------------------------------------------------


def test_the_history_costs_the_same_queries_for_one_report_or_a_full_page(
    alice_client, assessment, make_report
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(**options) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert alice_client.get(_url(assessment), **options).status_code == 200
        return len(queries)

    few, few_htmx = count(), count(headers=HISTORY)
    for _ in range(24):
        make_report(Report.Status.READY)
    make_report(Report.Status.FAILED, error_message="The file store did not answer.")

    assert count() == few
    assert count(headers=HISTORY) == few_htmx
    # A later page reads the newest report on its own, for the "from the draft" notice.
    assert count(data={"page": 2}) == few + 1
