from assessments.models import Answer, Assessment
from assessments.selectors import assessment_to_carry_forward
from assessments.services import (
    answer_save,
    assessment_start,
    assessment_submit,
    respondent_add,
)


def test_a_pilot_never_assessed_has_nothing_to_start_from(world):
    Assessment.objects.all().delete()

    assert assessment_to_carry_forward(world.objects["pilot"]) is None


def test_the_latest_final_assessment_is_offered_with_its_answer_count(last_time, alice):
    later = assessment_start(pilot=last_time.pilot, user=alice)
    answer_save(assessment=later, question_id="own_authority", value=False, user=alice)
    person = respondent_add(assessment=later, name="Lina Chow")
    answer_save(
        assessment=later, question_id="own_duties", value="nobody", user=None, respondent=person
    )
    assessment_submit(assessment=later)

    offered = assessment_to_carry_forward(last_time.pilot)

    assert offered == later
    assert offered.agreed_count == 1, "people's own answers are not counted"


def test_a_final_assessment_is_preferred_to_a_later_draft(last_time, alice):
    draft = assessment_start(pilot=last_time.pilot, user=alice)
    answer_save(assessment=draft, question_id="own_authority", value=False, user=alice)

    assert assessment_to_carry_forward(last_time.pilot) == last_time


def test_a_draft_is_offered_while_nothing_is_final(world):
    assert assessment_to_carry_forward(world.objects["pilot"]) == world.objects["assessment"]


def test_an_assessment_without_agreed_answers_offers_nothing(last_time, alice):
    Answer.objects.filter(assessment=last_time, respondent=None).delete()

    assert assessment_to_carry_forward(last_time.pilot) is None
