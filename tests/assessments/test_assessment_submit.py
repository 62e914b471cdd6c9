import pytest
from django.core.exceptions import ValidationError

from assessments.models import Answer, Assessment
from assessments.selectors import assessment_input
from assessments.services import assessment_submit, integration_update, owner_update, pilot_update


def test_submitting_freezes_the_records_and_stamps_the_time(world):
    assessment = world.objects["assessment"]

    assessment_submit(assessment=assessment)

    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    assert assessment.submitted_at is not None
    assert assessment.snapshot["owners"][0]["name"] == "Priya Shah"
    assert assessment.snapshot["metrics"][0]["baseline"] == 22


def test_later_edits_to_the_pilot_do_not_change_a_submitted_assessment(world):
    assessment = world.objects["assessment"]
    assessment_submit(assessment=assessment)
    assessment.refresh_from_db()
    frozen_input = assessment_input(assessment)
    frozen_card = assessment.scorecard

    owner_update(owner=world.objects["owner"], data={"accountable": False, "name": "Someone"})
    integration_update(integration=world.objects["integration"], data={"status": "live"})
    pilot_update(pilot=world.objects["pilot"], data={"name": "Renamed"})

    assessment.refresh_from_db()
    assert assessment_input(assessment) == frozen_input
    assert assessment.scorecard == frozen_card
    assert assessment_input(assessment).owners[0].name == "Priya Shah"


def test_a_submitted_assessment_cannot_be_submitted_again(world):
    assessment = world.objects["assessment"]
    assessment_submit(assessment=assessment)
    submitted_at = Assessment.objects.get(pk=assessment.pk).submitted_at

    with pytest.raises(ValidationError, match="is final"):
        assessment_submit(assessment=assessment)
    assert Assessment.objects.get(pk=assessment.pk).submitted_at == submitted_at


def test_an_assessment_with_no_answer_is_refused_and_stays_a_draft(world):
    assessment = world.objects["assessment"]
    # Priya's own answer stays: only the assessment's own answers count.
    Answer.objects.filter(assessment=assessment, respondent__isnull=True).delete()

    with pytest.raises(ValidationError, match="No question is answered yet, so there is nothing"):
        assessment_submit(assessment=assessment)

    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    assert assessment.submitted_at is None
