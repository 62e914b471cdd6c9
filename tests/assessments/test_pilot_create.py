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


# One name per pilot within a client -------------------------------------------------------


TAKEN = "Fenwick Dental already has a pilot called “Appointment reminders”."


@pytest.mark.parametrize(
    "name", ["Appointment reminders", "  appointment   REMINDERS ", "Appóintment reminders"]
)
def test_a_name_the_client_already_uses_is_refused_and_nothing_is_saved(client_company, name):
    pilot_create(client=client_company, name="Appointment reminders")

    with pytest.raises(ValidationError) as caught:
        pilot_create(client=client_company, name=name)

    assert caught.value.message_dict["name"] == [
        f"{TAKEN} Give this one a name that tells them apart."
    ]
    assert Pilot.objects.count() == 1


def test_an_archived_pilots_name_is_refused_with_the_way_back_to_it(client_company):
    pilot_archive(pilot=pilot_create(client=client_company, name="Appointment reminders"))

    with pytest.raises(ValidationError) as caught:
        pilot_create(client=client_company, name="Appointment reminders")

    assert "“Appointment reminders”, now archived. Restore that one" in str(caught.value)


def test_another_client_may_use_the_same_pilot_name(workspace, client_company):
    pilot_create(client=client_company, name="Appointment reminders")
    other = client_create(workspace=workspace, name="Harbour Dental")

    assert pilot_create(client=other, name="Appointment reminders").client == other


def test_renaming_to_another_pilots_name_is_refused_and_nothing_changes(client_company):
    pilot_create(client=client_company, name="Appointment reminders")
    pilot = pilot_create(client=client_company, name="Recall letters")

    with pytest.raises(ValidationError) as caught:
        pilot_update(pilot=pilot, data={"name": "APPOINTMENT reminders"})

    assert TAKEN in caught.value.message_dict["name"][0]
    pilot.refresh_from_db()
    assert pilot.name == "Recall letters"


def test_a_pilot_may_change_the_case_of_its_own_name(client_company):
    pilot = pilot_create(client=client_company, name="Recall letters")

    pilot_update(pilot=pilot, data={"name": "Recall Letters"})

    pilot.refresh_from_db()
    assert pilot.name == "Recall Letters"


def test_twins_from_before_the_rule_can_still_be_edited(client_company):
    Pilot.objects.create(client=client_company, name="Recall letters")
    twin = Pilot.objects.create(client=client_company, name="Recall letters")

    pilot_update(pilot=twin, data={"name": "Recall letters", "weekly_volume": 40})

    twin.refresh_from_db()
    assert twin.weekly_volume == 40
