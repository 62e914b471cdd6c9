import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.models import Assessment, RubricVersion
from assessments.rubric.loader import bundled_rubric, rubric_to_dict
from assessments.selectors import assessment_scorecard
from assessments.services import answer_save, assessment_start


def test_a_new_assessment_is_a_draft_pinned_to_the_latest_rubric(world, bob):
    assessment = assessment_start(pilot=world.objects["pilot"], user=bob)

    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    assert assessment.rubric.version == bundled_rubric().version
    assert assessment.started_by == bob


def test_a_new_assessment_is_scored_straight_away(world, bob):
    assessment = assessment_start(pilot=world.objects["pilot"], user=bob)

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

    assessment.refresh_from_db()
    assert assessment.rubric == pinned
    assert assessment_start(pilot=world.objects["pilot"], user=alice).rubric.version == "99.0.0"


def test_starting_without_any_rubric_explains_what_to_run(world, alice):
    Assessment.objects.all().delete()
    RubricVersion.objects.all().delete()

    with pytest.raises(ValidationError, match="migrate"):
        assessment_start(pilot=world.objects["pilot"], user=alice)
