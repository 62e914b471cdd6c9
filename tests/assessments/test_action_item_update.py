from datetime import date

import pytest
from django.core.exceptions import ValidationError

from assessments.models import ActionItem
from assessments.services import action_item_update


def test_an_action_gets_an_owner_and_a_due_date(world):
    assessment = world.objects["assessment"]

    action = action_item_update(
        assessment=assessment,
        criterion_id="ov_monitoring",
        data={"owner_name": "Priya Shah", "due_date": date(2027, 2, 1)},
    )

    action.refresh_from_db()
    assert (action.owner_name, action.due_date, action.status) == (
        "Priya Shah",
        date(2027, 2, 1),
        "open",
    )


def test_updating_the_same_action_again_keeps_one_row(world):
    assessment = world.objects["assessment"]

    action_item_update(
        assessment=assessment, criterion_id="own_accountable_owner", data={"status": "done"}
    )

    action = ActionItem.objects.get(assessment=assessment, criterion_id="own_accountable_owner")
    assert (action.owner_name, action.status) == ("Priya Shah", "done")
    assert ActionItem.objects.filter(assessment=assessment).count() == 1


def test_an_unknown_criterion_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        action_item_update(
            assessment=world.objects["assessment"], criterion_id="made_up", data={"notes": "x"}
        )

    assert "criterion_id" in caught.value.message_dict
    assert ActionItem.objects.count() == 1


def test_an_unknown_status_is_refused(world):
    action = world.objects["action"]

    with pytest.raises(ValidationError):
        action_item_update(
            assessment=action.assessment,
            criterion_id=action.criterion_id,
            data={"status": "maybe"},
        )

    action.refresh_from_db()
    assert action.status == "open"


def test_a_stop_step_takes_an_owner_and_a_date_like_any_action(world):
    assessment = world.objects["assessment"]

    action_item_update(
        assessment=assessment,
        criterion_id="stop_lessons",
        data={"owner_name": "Dana Ortiz", "due_date": date(2027, 3, 1)},
    )

    action = ActionItem.objects.get(assessment=assessment, criterion_id="stop_lessons")
    assert (action.owner_name, action.due_date) == ("Dana Ortiz", date(2027, 3, 1))
