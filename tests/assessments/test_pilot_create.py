import pytest
from django.core.exceptions import ValidationError

from assessments.models import Pilot
from assessments.selectors import pilots_for_workspace
from assessments.services import (
    client_create,
    pilot_archive,
    pilot_create,
    pilot_delete,
    pilot_unarchive,
    pilot_update,
)


@pytest.fixture
def client_company(workspace):
    return client_create(workspace=workspace, name="Fenwick Dental")


def test_a_pilot_is_created_for_a_client(client_company):
    pilot = pilot_create(
        client=client_company,
        name="Appointment reminders",
        workflow="Text patients the day before",
        weekly_volume=140,
        stage="candidate",
        prototype_effort_days=4.5,
    )

    pilot.refresh_from_db()
    assert pilot.client == client_company
    assert pilot.weekly_volume == 140
    assert pilot.get_stage_display() == "Production candidate"


@pytest.mark.parametrize(
    ("field", "value"),
    [("stage", "scaling"), ("weekly_volume", -3), ("prototype_effort_days", -1.0)],
)
def test_invalid_pilot_fields_are_refused_and_nothing_is_saved(client_company, field, value):
    with pytest.raises(ValidationError) as caught:
        pilot_create(client=client_company, name="Reminders", **{field: value})

    assert field in caught.value.message_dict
    assert not Pilot.objects.exists()


def test_updating_a_pilot_changes_its_fields(world):
    pilot = world.objects["pilot"]

    pilot_update(pilot=pilot, data={"stage": "candidate", "weekly_volume": 60})

    pilot.refresh_from_db()
    assert (pilot.stage, pilot.weekly_volume) == ("candidate", 60)


def test_an_archived_pilot_leaves_the_list_but_keeps_its_assessments(world):
    pilot = world.objects["pilot"]

    pilot_archive(pilot=pilot)

    assert pilot not in pilots_for_workspace(world.workspace)
    assert pilot in pilots_for_workspace(world.workspace, include_archived=True)
    assert pilot.assessments.count() == 1


def test_an_archived_pilot_can_be_brought_back(world):
    pilot = world.objects["pilot"]
    pilot_archive(pilot=pilot)

    pilot_unarchive(pilot=pilot)

    assert pilot in pilots_for_workspace(world.workspace)


def test_deleting_a_pilot_removes_its_records_and_assessments(world):
    pilot = world.objects["pilot"]

    pilot_delete(pilot=pilot)

    assert not Pilot.objects.exists()
    assert not type(world.objects["owner"]).objects.exists()
    assert not type(world.objects["assessment"]).objects.exists()
