"""The database's choice lists are the engine's: a value one accepts, the other must too."""

import pytest

from assessments.models import (
    Assessment,
    ChangePlan,
    Integration,
    OversightPlan,
    Pilot,
    SuccessMetric,
)
from assessments.scoring import inputs
from assessments.scoring.scorecard import DECISIONS


@pytest.mark.parametrize(
    ("choices", "engine_values"),
    [
        (Pilot.Stage, inputs.PILOT_STAGES),
        (SuccessMetric.Kind, inputs.METRIC_KINDS),
        (SuccessMetric.Direction, inputs.METRIC_DIRECTIONS),
        (Integration.Access, inputs.INTEGRATION_ACCESS),
        (Integration.Status, inputs.INTEGRATION_STATUSES),
        (OversightPlan.ReviewMode, inputs.REVIEW_MODES),
        (ChangePlan.Involvement, inputs.INVOLVEMENT_LEVELS),
        (ChangePlan.RolloutCommitment, inputs.ROLLOUT_COMMITMENTS),
    ],
    ids=lambda value: getattr(value, "__qualname__", ""),
)
def test_model_choices_match_the_engine_in_the_same_order(choices, engine_values):
    assert tuple(choices.values) == engine_values


def test_assessment_decisions_are_the_engine_decisions():
    assert set(Assessment.Decision.values) == set(DECISIONS)
