"""Pilot basics asks the volume a week; the value case's monthly figure follows it."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import ValueCase
from assessments.selectors import assessment_input


@pytest.fixture
def pilot(world):
    return world.objects["pilot"]


def _items(pilot) -> float | None:
    return ValueCase.objects.get(pilot=pilot).items_per_month


def test_a_weekly_volume_fills_in_an_empty_value_case(world, pilot):
    ValueCase.objects.filter(pilot=pilot).delete()

    services.pilot_update(pilot=pilot, data={"weekly_volume": 80})

    assert _items(pilot) == 347


def test_the_monthly_figure_follows_while_it_is_the_one_worked_out(world, pilot):
    services.value_case_save(pilot=pilot, data={"items_per_month": None})
    services.pilot_update(pilot=pilot, data={"weekly_volume": 30})
    assert _items(pilot) == 130

    services.pilot_update(pilot=pilot, data={"weekly_volume": 60})

    assert _items(pilot) == 260


def test_a_monthly_figure_of_ones_own_is_left_alone(world, pilot):
    services.value_case_save(pilot=pilot, data={"items_per_month": 500})

    services.pilot_update(pilot=pilot, data={"weekly_volume": 60})

    assert _items(pilot) == 500


def test_clearing_the_weekly_volume_keeps_the_monthly_figure(world, pilot):
    services.value_case_save(pilot=pilot, data={"items_per_month": None})
    services.pilot_update(pilot=pilot, data={"weekly_volume": 30})

    services.pilot_update(pilot=pilot, data={"weekly_volume": None})

    assert _items(pilot) == 130


def test_the_draft_is_scored_with_the_monthly_figure_worked_out(world, pilot):
    services.value_case_save(pilot=pilot, data={"items_per_month": None})

    services.pilot_update(pilot=pilot, data={"weekly_volume": 30})

    assert assessment_input(world.objects["assessment"]).value_case.items_per_month == 130


def test_the_value_section_says_where_its_monthly_figure_comes_from(alice_client, world, pilot):
    services.pilot_update(pilot=pilot, data={"weekly_volume": 1200})
    url = reverse("assessment_section", args=[world.objects["assessment"].id, "value"])

    page = alice_client.get(url).content.decode()

    assert "1,200 a week under Pilot basics is about 5,200 a month." in page
