"""The one-per-pilot records: oversight plan, change plan and value case."""

import math

import pytest
from django.core.exceptions import ValidationError

from assessments.models import OversightPlan, ValueCase
from assessments.services import change_plan_save, oversight_save, value_case_save


def test_saving_the_oversight_plan_again_updates_the_same_row(world):
    pilot = world.objects["pilot"]

    oversight_save(
        pilot=pilot,
        data={"review_mode": "confidence", "confidence_threshold": 0.8, "alert_recipient": "Priya"},
    )

    assert OversightPlan.objects.filter(pilot=pilot).count() == 1
    plan = OversightPlan.objects.get(pilot=pilot)
    assert (plan.review_mode, plan.confidence_threshold) == ("confidence", 0.8)


@pytest.mark.parametrize(
    ("field", "value"),
    [("confidence_threshold", 1.5), ("confidence_threshold", -0.1), ("sample_percent", 101)],
)
def test_oversight_numbers_out_of_range_are_refused(world, field, value):
    pilot = world.objects["pilot"]

    with pytest.raises(ValidationError) as caught:
        oversight_save(pilot=pilot, data={field: value})

    assert field in caught.value.message_dict
    assert getattr(OversightPlan.objects.get(pilot=pilot), field) is None


def test_the_change_plan_is_created_then_updated(world):
    pilot = world.objects["pilot"]

    change_plan_save(pilot=pilot, data={"involvement": "co_designing"})

    plan = pilot.change_plan
    plan.refresh_from_db()
    assert (plan.involvement, plan.sponsor_name) == ("co_designing", "Sam Ortiz")


def test_a_value_case_reports_its_payback_through_the_engine(world):
    value_case = value_case_save(
        pilot=world.objects["pilot"],
        data={
            "items_per_month": 100,
            "minutes_saved_per_item": 30,
            "hourly_cost": 40,
            "build_cost": 6000,
            "monthly_run_cost": 500,
        },
    )

    # 100 items x 30 min = 50 h x 40 = 2000 a month, less 500 running cost: 6000 / 1500.
    assert value_case.payback_months == 4


def test_a_value_case_that_cannot_cover_its_running_cost_never_pays_back(world):
    value_case = value_case_save(
        pilot=world.objects["pilot"],
        data={"minutes_saved_per_item": 1, "hourly_cost": 20, "build_cost": 1000},
    )
    value_case = value_case_save(pilot=world.objects["pilot"], data={"monthly_run_cost": 300})

    assert math.isinf(value_case.payback_months)


def test_a_negative_cost_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        value_case_save(pilot=world.objects["pilot"], data={"build_cost": -10})

    assert "build_cost" in caught.value.message_dict
    assert ValueCase.objects.get().build_cost is None
