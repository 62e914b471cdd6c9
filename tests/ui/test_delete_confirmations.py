"""Deleting a client or a pilot says what goes with it: the people asked and their
answers, and the reports, as well as the assessments."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Answer, Pilot, Respondent
from assessments.rubric.loader import bundled_rubric
from reports.models import Report
from reports.samples import sample_snapshot
from reports.snapshot_format import snapshot_digest


def ask(assessment, name: str, answered: int) -> Respondent:
    """Someone asked to answer on their own, who has answered the first questions."""
    person = services.respondent_add(assessment=assessment, name=name)
    for question in [q for q in bundled_rubric().questions if q.type == "yes_no"][:answered]:
        services.respondent_answer_save(
            respondent=person, question=question, value=True, not_sure=False, evidence=""
        )
    return person


def report(assessment, alice) -> Report:
    snapshot = sample_snapshot()
    return Report.objects.create(
        assessment=assessment,
        requested_by=alice,
        snapshot=snapshot,
        snapshot_sha256=snapshot_digest(snapshot),
    )


@pytest.fixture
def answered(assessment, alice):
    """Three people asked, 5 answers between them, and two reports."""
    ask(assessment, "Priya", 3)
    ask(assessment, "Sam", 2)
    ask(assessment, "Jo", 0)
    report(assessment, alice)
    report(assessment, alice)
    return assessment


def test_the_pilot_confirmation_names_the_people_their_answers_and_the_reports(
    alice_client, answered
):
    page = alice_client.get(reverse("pilot_delete", args=[answered.pilot_id])).content.decode()

    assert (
        "1 assessment is deleted with it, with 3 people asked to answer on their own "
        "(5 answers) and 2 reports." in page
    )
    assert "The people who own it, its metrics and its systems go with it." in page
    assert "This cannot be undone." in page


def test_the_client_confirmation_names_them_too(alice_client, answered, client_company):
    page = alice_client.get(reverse("client_delete", args=[client_company.id])).content.decode()

    assert (
        "1 pilot and 1 assessment are deleted with it, with 3 people asked to answer on "
        "their own (5 answers) and 2 reports." in page
    )


def test_one_person_who_has_not_answered_yet_is_named_as_such(alice_client, assessment):
    ask(assessment, "Jo", 0)

    page = alice_client.get(reverse("pilot_delete", args=[assessment.pilot_id])).content.decode()

    assert (
        "1 assessment is deleted with it, with 1 person asked to answer on their own "
        "(no answers yet)." in page
    )


def test_reports_alone_are_named(alice_client, assessment, alice):
    report(assessment, alice)

    page = alice_client.get(reverse("pilot_delete", args=[assessment.pilot_id])).content.decode()

    assert "1 assessment is deleted with it, with 1 report." in page


def test_deleting_the_pilot_takes_the_people_their_answers_and_the_reports(alice_client, answered):
    alice_client.post(reverse("pilot_delete", args=[answered.pilot_id]))

    assert not Pilot.objects.exists()
    assert not Respondent.objects.exists()
    assert not Answer.objects.exists()
    assert not Report.objects.exists()


def test_an_outsider_gets_404_and_nothing_is_deleted(client, charlie, answered):
    client.force_login(charlie)

    assert client.get(reverse("pilot_delete", args=[answered.pilot_id])).status_code == 404
    assert client.post(reverse("pilot_delete", args=[answered.pilot_id])).status_code == 404
    assert Respondent.objects.count() == 3
    assert Report.objects.count() == 2
