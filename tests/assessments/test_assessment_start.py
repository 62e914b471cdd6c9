import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.models import Assessment, RubricVersion
from assessments.rubric.loader import bundled_rubric, rubric_to_dict
from assessments.selectors import assessment_scorecard
from assessments.services import (
    DraftInProgress,
    answer_save,
    assessment_start,
    assessment_submit,
    pilot_create,
)


@pytest.fixture
def pilot(world):
    """The world's pilot, its first assessment made final: ready to be reassessed."""
    assessment_submit(assessment=world.objects["assessment"])
    return world.objects["pilot"]


def test_a_new_assessment_is_a_draft_pinned_to_the_latest_rubric(pilot, bob):
    assessment = assessment_start(pilot=pilot, user=bob)

    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    assert assessment.rubric.version == bundled_rubric().version
    assert assessment.started_by == bob


def test_a_new_assessment_is_scored_straight_away(pilot, bob):
    assessment = assessment_start(pilot=pilot, user=bob)

    assessment.refresh_from_db()
    assert assessment.decision in Assessment.Decision.values
    assert assessment_scorecard(assessment).decision == assessment.decision
    assert assessment.progress_percent == 0


def test_an_assessment_keeps_its_rubric_when_a_newer_one_is_published(world, alice):
    assessment = world.objects["assessment"]
    pinned = assessment.rubric
    newer = rubric_to_dict(bundled_rubric())
    newer["version"] = "99.0.0"
    RubricVersion.objects.create(version="99.0.0", definition=newer, published_at=timezone.now())

    answer_save(assessment=assessment, question_id="own_named_when", value="during", user=alice)

    assessment_submit(assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.rubric == pinned
    assert assessment_start(pilot=world.objects["pilot"], user=alice).rubric.version == "99.0.0"


def test_starting_without_any_rubric_explains_what_to_run(world, alice):
    Assessment.objects.all().delete()
    RubricVersion.objects.all().delete()

    with pytest.raises(ValidationError, match="migrate"):
        assessment_start(pilot=world.objects["pilot"], user=alice)


def test_a_pilot_with_a_draft_is_told_about_it_and_gets_no_second(world, bob):
    draft = world.objects["assessment"]

    with pytest.raises(DraftInProgress) as started:
        assessment_start(pilot=draft.pilot, user=bob)

    assert started.value.draft == draft
    assert list(draft.pilot.assessments.all()) == [draft]


def test_the_database_refuses_a_second_draft_of_a_pilot(world):
    draft = world.objects["assessment"]

    with (
        pytest.raises(IntegrityError, match="assessment_one_draft_per_pilot"),
        transaction.atomic(),
    ):
        Assessment.objects.create(pilot=draft.pilot, rubric=draft.rubric)

    assert list(draft.pilot.assessments.all()) == [draft]


def test_each_pilot_has_a_draft_of_its_own(world, bob):
    other = pilot_create(client=world.objects["client"], name="Invoice matching")

    assessment = assessment_start(pilot=other, user=bob)

    assert assessment.status == Assessment.Status.DRAFT
    assert world.objects["assessment"].status == Assessment.Status.DRAFT
