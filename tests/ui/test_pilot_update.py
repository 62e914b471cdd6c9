"""Renaming a pilot: always allowed to editors, never touching final assessments or reports."""

from django.urls import reverse

from assessments import services
from assessments.models import Answer, Assessment, Pilot
from reports.models import Report
from tests.isolation import db_fingerprint


def edit_url(pilot):
    return reverse("pilot_update", args=[pilot.id])


def test_a_pilot_with_a_final_assessment_can_be_renamed(alice_client, world):
    pilot, assessment = world.objects["pilot"], world.objects["assessment"]
    services.assessment_submit(assessment=assessment)
    assessment.refresh_from_db()
    frozen = (assessment.snapshot, assessment.scorecard, assessment.decision)
    answers = list(Answer.objects.filter(assessment=assessment).values_list("question_id", "value"))
    report = world.objects["report"]

    response = alice_client.post(
        edit_url(pilot), {"name": "Quote chasing", "workflow": "Chase every open quote"}
    )

    assert response.status_code == 302
    assert response.url == reverse("pilot_detail", args=[pilot.id])
    page = alice_client.get(response.url).content.decode()
    assert "Saved the pilot Quote chasing." in page
    assert "<h1>Quote chasing</h1>" in page and "Chase every open quote" in page
    pilot.refresh_from_db()
    assert (pilot.name, pilot.workflow) == ("Quote chasing", "Chase every open quote")
    assessment.refresh_from_db()
    assert assessment.is_submitted
    assert (assessment.snapshot, assessment.scorecard, assessment.decision) == frozen
    assert assessment.snapshot["pilot"]["name"] == "Quote follow-ups"
    assert (
        list(Answer.objects.filter(assessment=assessment).values_list("question_id", "value"))
        == answers
    )
    assert Report.objects.get(pk=report.pk).snapshot == report.snapshot


def test_a_draft_shows_the_new_name_in_its_questionnaire(alice_client, world):
    pilot, assessment = world.objects["pilot"], world.objects["assessment"]

    alice_client.post(edit_url(pilot), {"name": "Quote chasing", "workflow": ""})

    page = alice_client.get(
        reverse("assessment_section", args=[assessment.id, "basics"])
    ).content.decode()
    assert 'value="Quote chasing"' in page
    assert Assessment.objects.get(pk=assessment.pk).status == "draft"


def test_the_pilot_page_offers_editing_to_those_who_may(alice_client, world):
    pilot = world.objects["pilot"]

    page = alice_client.get(reverse("pilot_detail", args=[pilot.id])).content.decode()

    assert f'href="{edit_url(pilot)}"' in page


def test_a_member_may_rename_a_pilot(client, bob, world):
    pilot = world.objects["pilot"]
    client.force_login(bob)

    response = client.post(edit_url(pilot), {"name": "Quote chasing", "workflow": ""})

    assert response.status_code == 302
    assert Pilot.objects.get(pk=pilot.pk).name == "Quote chasing"


def test_a_viewer_sees_no_edit_link_and_cannot_rename(client, victor, world):
    pilot = world.objects["pilot"]
    client.force_login(victor)
    before = db_fingerprint()

    page = client.get(reverse("pilot_detail", args=[pilot.id])).content.decode()
    response = client.post(edit_url(pilot), {"name": "Hijacked", "workflow": ""})

    assert f'href="{edit_url(pilot)}"' not in page
    assert client.get(edit_url(pilot)).status_code == 403
    assert response.status_code == 403
    assert db_fingerprint() == before


def test_an_empty_name_is_refused_and_nothing_changes(alice_client, world):
    pilot = world.objects["pilot"]
    before = db_fingerprint()

    response = alice_client.post(edit_url(pilot), {"name": "  ", "workflow": "Something"})

    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert db_fingerprint() == before


def test_renaming_to_a_name_another_pilot_of_the_client_has_is_refused(alice_client, world):
    pilot = world.objects["pilot"]
    services.pilot_create(client=pilot.client, name="Invoice chasing")
    before = db_fingerprint()

    response = alice_client.post(
        edit_url(pilot), {"name": "Invoice Chasing", "workflow": pilot.workflow}
    )

    assert response.status_code == 422
    assert (
        '<p class="error" id="id_name_error">Northwind Plumbing already has a pilot called '
        "“Invoice chasing”."
    ) in response.content.decode()
    assert db_fingerprint() == before


def test_the_questionnaire_refuses_another_pilots_name_beside_the_field(alice_client, world):
    pilot, assessment = world.objects["pilot"], world.objects["assessment"]
    services.pilot_create(client=pilot.client, name="Invoice chasing")
    url = reverse("assessment_section", args=[assessment.id, "basics"])

    response = alice_client.post(url, {"pilot-name": "invoice chasing", "pilot-stage": "pilot"})

    assert response.status_code == 422
    assert (
        '<p id="status-pilot-name" class="save-status invalid" role="status" aria-live="polite">'
        "Northwind Plumbing already has a pilot called “Invoice chasing”."
    ) in response.content.decode()
    pilot.refresh_from_db()
    assert pilot.name == "Quote follow-ups"


def test_autosaving_another_pilots_name_says_why_and_keeps_the_name(alice_client, world):
    pilot, assessment = world.objects["pilot"], world.objects["assessment"]
    services.pilot_create(client=pilot.client, name="Invoice chasing")
    url = reverse("assessment_section", args=[assessment.id, "basics"])

    response = alice_client.post(
        url, {"_unit": "f:name", "pilot-name": "Invoice chasing"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 422
    assert "already has a pilot called “Invoice chasing”" in response.content.decode()
    pilot.refresh_from_db()
    assert pilot.name == "Quote follow-ups"
