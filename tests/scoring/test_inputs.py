"""The input contract: derived payback and refusal of unknown choices."""

import math

import pytest

from assessments.scoring.inputs import IntegrationIn, OversightIn, PilotIn, ValueCaseIn


def _value_case(**changes):
    fields = {
        "items_per_month": 400.0,
        "minutes_saved_per_item": 6.0,
        "hourly_cost": 40.0,
        "build_cost": 8000.0,
        "monthly_run_cost": 100.0,
    }
    return ValueCaseIn(**{**fields, **changes})


def test_payback_is_build_cost_over_net_monthly_saving():
    # 400 items x 6 minutes = 40 hours x 40 = 1,600 a month, minus 100 running cost.
    assert _value_case().monthly_saving == 1600.0
    assert _value_case().payback_months == pytest.approx(8000.0 / 1500.0)


def test_payback_is_never_when_running_costs_eat_the_saving():
    assert math.isinf(_value_case(monthly_run_cost=1600.0).payback_months)


def test_payback_is_unknown_while_any_figure_is_missing():
    for name in (
        "items_per_month",
        "minutes_saved_per_item",
        "hourly_cost",
        "build_cost",
        "monthly_run_cost",
    ):
        assert _value_case(**{name: None}).payback_months is None


def test_a_free_build_pays_back_at_once():
    assert _value_case(build_cost=0.0).payback_months == 0.0


def test_unknown_choices_are_refused_when_the_record_is_built():
    with pytest.raises(ValueError, match="stage"):
        PilotIn("x", "", "", None, "brainstorm", None)
    with pytest.raises(ValueError, match="status"):
        IntegrationIn("CRM", "read", "carrier_pigeon", False, None)


def test_monitoring_counts_only_the_four_questions_that_are_answered():
    oversight = OversightIn("all", None, None, "run log", " ", "weekly sample", "", "", "")

    assert oversight.monitoring_answered_count == 2
