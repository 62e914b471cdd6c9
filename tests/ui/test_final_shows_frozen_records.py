"""A final assessment shows the records as they were made final, whatever the pilot says now.

The reassessment changes the pilot's records; the final assessment's pages, export and
report must keep saying what it was scored on, while the new draft shows the changes.
"""

import json
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Assessment, Integration
from reports.snapshot_builder import snapshot_for_assessment


@pytest.fixture
def final(world) -> Assessment:
    services.integration_update(
        integration=world.objects["integration"], data={"status": Integration.Status.SANDBOX}
    )
    services.oversight_save(pilot=world.objects["pilot"], data={"alert_recipient": "Priya Shah"})
    return services.assessment_submit(assessment=world.objects["assessment"])


@pytest.fixture
def reassessed(final, world, alice) -> Assessment:
    """A reassessment that changes every kind of record the final assessment froze."""
    pilot = world.objects["pilot"]
    draft = services.assessment_start(pilot=pilot, user=alice)
    services.integration_update(
        integration=world.objects["integration"], data={"status": Integration.Status.LIVE}
    )
    services.integration_add(pilot=pilot, system="Xero")
    services.owner_update(owner=world.objects["owner"], data={"name": "Jordan Lee"})
    services.metric_update(metric=world.objects["metric"], data={"baseline": 25})
    services.oversight_save(pilot=pilot, data={"alert_recipient": "The on-call rota"})
    services.change_plan_save(pilot=pilot, data={"sponsor_name": "Robin Hale"})
    services.value_case_save(pilot=pilot, data={"items_per_month": 120})
    services.pilot_update(pilot=pilot, data={"name": "Quote chasing"})
    return draft


def page(client, assessment, section) -> str:
    response = client.get(reverse("assessment_section", args=[assessment.id, section]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_final_integration_section_lists_the_systems_as_they_were(
    alice_client, final, reassessed
):
    text = page(alice_client, final, "integration")

    assert "HubSpot" in text
    assert "Connected to a sandbox" in text
    assert "Connected to the live system" not in text
    assert "Xero" not in text


def test_the_reassessment_lists_the_systems_as_they_are_now(alice_client, final, reassessed):
    text = page(alice_client, reassessed, "integration")

    assert "Connected to the live system" in text
    assert "Xero" in text


def test_the_final_sections_show_the_frozen_owner_metric_and_plans(alice_client, final, reassessed):
    assert "Priya Shah" in page(alice_client, final, "ownership")
    assert "Jordan Lee" not in page(alice_client, final, "ownership")
    assert "Baseline 22 %" in page(alice_client, final, "outcome")
    oversight = page(alice_client, final, "oversight")
    assert 'value="Priya Shah"' in oversight and "The on-call rota" not in oversight
    adoption = page(alice_client, final, "adoption")
    assert 'value="Sam Ortiz"' in adoption and "Robin Hale" not in adoption
    value = page(alice_client, final, "value")
    assert 'value="80"' in value and 'value="120"' not in value
    basics = page(alice_client, final, "basics")
    assert 'value="Quote follow-ups"' in basics and 'value="Quote chasing"' not in basics


def test_the_final_sections_offer_no_editing_of_the_frozen_records(alice_client, final, reassessed):
    text = page(alice_client, final, "integration")

    assert "Edit<span" not in text
    assert 'id="integrations-None"' not in text
    assert reverse("record_create", args=[final.id, "integrations"]) not in text


def test_the_draft_sections_show_the_live_records_with_their_edit_links(
    alice_client, world, final, reassessed
):
    text = page(alice_client, reassessed, "ownership")

    assert "Jordan Lee" in text
    owner = world.objects["owner"]
    assert reverse("record_update", args=[reassessed.id, "owners", owner.id]) in text


def test_the_final_results_name_the_pilot_as_it_was_assessed(alice_client, final, reassessed):
    text = alice_client.get(reverse("assessment_results", args=[final.id])).content.decode()

    assert "Is “Quote follow-ups” ready for production?" in text
    draft = alice_client.get(reverse("assessment_results", args=[reassessed.id])).content.decode()
    assert "Is “Quote chasing” ready for production?" in draft


def test_the_export_and_the_report_agree_with_the_page(alice_client, final, reassessed):
    exported = json.loads(
        alice_client.get(reverse("assessment_export", args=[final.id])).content.decode()
    )
    snapshot = snapshot_for_assessment(
        Assessment.objects.get(pk=final.pk),
        requested_by="Alice Owner",
        taken_at=datetime(2026, 6, 1, tzinfo=UTC),
    )

    assert [i["status"] for i in exported["integrations"]] == ["sandbox"]
    integrations = [r for r in snapshot["records"] if r["kind"] == "Integration"]
    assert [r["label"] for r in integrations] == ["HubSpot"]
    assert integrations[0]["lines"][0].startswith("Connected to a sandbox")
    assert snapshot["pilot"]["name"] == "Quote follow-ups"
