"""Owners, metrics and integrations: added, changed and removed through the services."""

import pytest
from django.core.exceptions import ValidationError

from assessments.models import Assessment, Integration, Owner, SuccessMetric
from assessments.selectors import assessment_scorecard
from assessments.services import (
    integration_add,
    integration_update,
    metric_add,
    metric_update,
    owner_add,
    owner_update,
    record_remove,
)


def test_an_owner_is_added_to_the_pilot(world):
    pilot = world.objects["pilot"]

    owner = owner_add(
        pilot=pilot,
        name="Tom Reed",
        email="tom@northwind.test",
        hours_per_week=3,
        in_using_team=True,
    )

    assert owner in pilot.owners.all()
    assert owner.to_input().hours_per_week == 3


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "not-an-email"), ("hours_per_week", -1), ("hours_per_week", 200)],
)
def test_an_owner_with_an_invalid_field_is_refused(world, field, value):
    with pytest.raises(ValidationError) as caught:
        owner_add(pilot=world.objects["pilot"], name="Tom Reed", **{field: value})

    assert field in caught.value.message_dict
    assert Owner.objects.count() == 1


def test_changing_an_owner_saves_it(world):
    owner = world.objects["owner"]

    owner_update(owner=owner, data={"role": "Operations lead", "hours_per_week": 4})

    owner.refresh_from_db()
    assert (owner.role, owner.hours_per_week) == ("Operations lead", 4)


def test_a_metric_may_be_saved_without_a_baseline(world):
    """The rubric reports a missing baseline; the data model must be able to hold one."""
    metric = metric_add(pilot=world.objects["pilot"], name="Reply time", unit="hours")

    assert metric.baseline is None
    assert metric.to_input().kind == "outcome"


def test_a_metric_with_an_unknown_direction_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        metric_add(pilot=world.objects["pilot"], name="Reply time", direction="sideways")

    assert "direction" in caught.value.message_dict


def test_changing_a_metric_saves_it(world):
    metric = world.objects["metric"]

    metric_update(metric=metric, data={"go_threshold": 28, "measurement": "CRM report"})

    metric.refresh_from_db()
    assert (metric.go_threshold, metric.measurement) == (28, "CRM report")


def test_an_integration_keeps_a_system_outside_the_catalogue(world):
    integration = integration_add(
        pilot=world.objects["pilot"], system="Bespoke job tracker", status="extract"
    )

    integration.refresh_from_db()
    assert integration.system == "Bespoke job tracker"


def test_an_integration_with_negative_effort_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        integration_add(pilot=world.objects["pilot"], system="Xero", effort_days=-2)

    assert "effort_days" in caught.value.message_dict
    assert Integration.objects.count() == 1


def test_changing_an_integration_saves_it(world):
    integration = world.objects["integration"]

    integration_update(integration=integration, data={"status": "live", "access": "read_write"})

    integration.refresh_from_db()
    assert (integration.status, integration.access) == ("live", "read_write")


@pytest.mark.parametrize("kind", ["owner", "metric", "integration"])
def test_a_record_can_be_removed(world, kind):
    record = world.objects[kind]

    record_remove(record=record)

    assert not type(record).objects.filter(pk=record.pk).exists()


def test_removing_the_accountable_owner_rescores_the_draft_assessment(world):
    assessment = world.objects["assessment"]
    assessment.refresh_from_db()
    gates_before = {g.criterion_id for g in assessment_scorecard(assessment).failed_gates}
    Assessment.objects.filter(pk=assessment.pk).update(decision="", overall_score=None)

    record_remove(record=world.objects["owner"])

    assessment.refresh_from_db()
    card = assessment_scorecard(assessment)
    gates_after = {g.criterion_id for g in card.failed_gates}
    # The stored result was blanked above, so only a rescore can have put it back.
    assert (assessment.decision, assessment.overall_score) == (card.decision, card.overall)
    assert "own_accountable_owner" not in gates_before
    assert "own_accountable_owner" in gates_after
    assert assessment.decision == "not_yet"


def test_metric_and_integration_rows_round_trip_to_the_engine(world):
    assert isinstance(world.objects["metric"], SuccessMetric)
    assert world.objects["metric"].to_input().baseline == 22
    assert world.objects["integration"].to_input().system == "HubSpot"
