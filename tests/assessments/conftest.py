"""An answered, final assessment of the world's pilot, and the reassessment after it."""

import pytest

from assessments.services import (
    answer_save,
    assessment_carry_answers,
    assessment_start,
    assessment_submit,
)

# Last time's agreed answers: a choice with evidence, a yes/no, a number and a written
# answer; own_duties is added as "not sure".
LAST_TIME = {
    "own_named_when": ("before", "https://wiki.example.com/owner"),
    "own_authority": (True, ""),
    "ov_test_cases": (800, "Test set in the shared drive"),
    "basic_if_it_works": ("Sales adopts it and IT connects HubSpot.", ""),
}


@pytest.fixture
def last_time(world, alice):
    """The pilot's first assessment, answered and final."""
    assessment = world.objects["assessment"]
    for question_id, (value, evidence) in LAST_TIME.items():
        answer_save(
            assessment=assessment,
            question_id=question_id,
            value=value,
            evidence=evidence,
            user=alice,
        )
    answer_save(
        assessment=assessment, question_id="own_duties", value=None, not_sure=True, user=alice
    )
    return assessment_submit(assessment=assessment)


@pytest.fixture
def reassessment(last_time, bob):
    """A new draft that started from last time's answers."""
    draft = assessment_start(pilot=last_time.pilot, user=bob)
    assessment_carry_answers(assessment=draft, source=last_time)
    return draft
