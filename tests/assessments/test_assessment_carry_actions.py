"""A reassessment carries the open actions of the plan, with their owners and dates."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from assessments import services
from assessments.models import ActionItem


@pytest.fixture
def last_time(world):
    assessment = world.objects["assessment"]  # its plan has an owner for own_accountable_owner
    services.action_item_update(
        assessment=assessment,
        criterion_id="ov_monitoring",
        data={"owner_name": "Sunita Rao", "due_date": date(2027, 1, 31), "notes": "Morning check"},
    )
    services.action_item_update(
        assessment=assessment,
        criterion_id="int_real_data",
        data={"owner_name": "Ledgerline", "status": ActionItem.Status.DONE},
    )
    return services.assessment_submit(assessment=assessment)


def test_open_actions_keep_their_owner_due_date_and_notes(last_time, alice):
    draft = services.assessment_start(pilot=last_time.pilot, user=alice)

    carried = services.assessment_carry_actions(assessment=draft, source=last_time)

    assert carried == 2
    monitoring = ActionItem.objects.get(assessment=draft, criterion_id="ov_monitoring")
    assert (monitoring.owner_name, monitoring.due_date, monitoring.notes, monitoring.status) == (
        "Sunita Rao",
        date(2027, 1, 31),
        "Morning check",
        "open",
    )
    assert ActionItem.objects.filter(assessment=draft, criterion_id="own_accountable_owner")
    # The last assessment's plan is left as it was.
    assert ActionItem.objects.filter(assessment=last_time).count() == 3


def test_done_actions_stay_behind(last_time, alice):
    draft = services.assessment_start(pilot=last_time.pilot, user=alice)

    services.assessment_carry_actions(assessment=draft, source=last_time)

    assert not ActionItem.objects.filter(assessment=draft, criterion_id="int_real_data").exists()


def test_an_action_the_draft_already_planned_keeps_its_own_owner(last_time, alice):
    draft = services.assessment_start(pilot=last_time.pilot, user=alice)
    services.action_item_update(
        assessment=draft, criterion_id="ov_monitoring", data={"owner_name": "Owen Hale"}
    )

    services.assessment_carry_actions(assessment=draft, source=last_time)

    assert ActionItem.objects.get(assessment=draft, criterion_id="ov_monitoring").owner_name == (
        "Owen Hale"
    )


def test_an_action_the_rubric_no_longer_knows_is_left_out(last_time, alice):
    ActionItem.objects.create(assessment=last_time, criterion_id="retired_criterion")
    draft = services.assessment_start(pilot=last_time.pilot, user=alice)

    services.assessment_carry_actions(assessment=draft, source=last_time)

    assert not ActionItem.objects.filter(assessment=draft, criterion_id="retired_criterion")


def test_actions_come_only_from_the_same_pilot(world, alice):
    other_pilot = services.pilot_create(client=world.objects["client"], name="Another")
    draft = services.assessment_start(pilot=other_pilot, user=alice)

    with pytest.raises(ValidationError):
        services.assessment_carry_actions(assessment=draft, source=world.objects["assessment"])

    assert not ActionItem.objects.filter(assessment=draft).exists()
