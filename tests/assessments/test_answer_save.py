import pytest
from django.core.exceptions import ValidationError

from assessments.models import Answer
from assessments.scoring.scorecard import scorecard_to_dict
from assessments.selectors import assessment_scorecard
from assessments.services import (
    agreed_answer_adopt,
    answer_clear,
    answer_save,
    assessment_start,
    assessment_submit,
    respondent_add,
)


@pytest.fixture
def assessment(world, alice):
    """A new draft of the world's pilot, started once its first was made final."""
    assessment_submit(assessment=world.objects["assessment"])
    return assessment_start(pilot=world.objects["pilot"], user=alice)


def test_an_answer_is_saved_with_its_evidence_and_author(assessment, bob):
    answer_save(
        assessment=assessment,
        question_id="own_named_when",
        value="before",
        evidence=" https://wiki.example.com/owner ",
        user=bob,
    )

    answer = assessment.answers.get(question_id="own_named_when")
    assert answer.value == "before"
    assert answer.evidence == "https://wiki.example.com/owner"
    assert answer.answered_by == bob
    assert answer.respondent is None


def test_answering_again_replaces_the_answer(assessment, alice):
    answer_save(assessment=assessment, question_id="own_authority", value=False, user=alice)
    answer_save(assessment=assessment, question_id="own_authority", value=True, user=alice)

    assert assessment.answers.get(question_id="own_authority").value is True
    assert assessment.answers.filter(question_id="own_authority").count() == 1


def test_not_sure_is_stored_as_an_answer_without_a_value(assessment, alice):
    answer_save(
        assessment=assessment, question_id="own_duties", value="named", not_sure=True, user=alice
    )

    answer = assessment.answers.get(question_id="own_duties")
    assert (answer.not_sure, answer.value) == (True, None)


def test_a_question_that_needs_an_answer_does_not_accept_not_sure(assessment, alice):
    with pytest.raises(ValidationError) as caught:
        answer_save(
            assessment=assessment,
            question_id="basic_built_by",
            value=None,
            not_sure=True,
            user=alice,
        )

    assert "not_sure" in caught.value.message_dict


@pytest.mark.parametrize(
    ("question_id", "value", "field", "message"),
    [
        ("no_such_question", True, "question_id", "no question"),
        ("own_authority", "yes", "value", "yes or no"),
        ("own_named_when", "someday", "value", "offered answers"),
        ("ov_test_cases", "lots", "value", "number"),
        ("ov_test_cases", -5, "value", "at least 0"),
        ("ov_test_cases", True, "value", "number"),
        ("basic_if_it_works", 42, "value", "text"),
        ("own_named_when", "", "value", "not sure"),
    ],
)
def test_an_invalid_answer_is_refused_with_a_clear_message_and_nothing_saved(
    assessment, alice, question_id, value, field, message
):
    before = assessment.scored_at

    with pytest.raises(ValidationError) as caught:
        answer_save(assessment=assessment, question_id=question_id, value=value, user=alice)

    assert message in " ".join(caught.value.message_dict[field])
    assert not assessment.answers.exists()
    assessment.refresh_from_db()
    assert assessment.scored_at == before


def test_a_number_in_range_is_accepted(assessment, alice):
    answer_save(assessment=assessment, question_id="ov_test_cases", value=250, user=alice)

    assert assessment.answers.get(question_id="ov_test_cases").value == 250


def test_the_agreed_answer_rescores_the_assessment_and_sets_the_resume_point(assessment, alice):
    answer_save(assessment=assessment, question_id="ov_audit_log", value="used", user=alice)

    assessment.refresh_from_db()
    assert assessment.progress_percent > 0
    assert assessment.current_section == "oversight"
    audit = next(
        c
        for gap in scorecard_to_dict(assessment_scorecard(assessment))["gaps"]
        for c in gap["criteria"]
        if c["id"] == "ov_audit_trail"
    )
    assert audit["score"] > 0


def test_a_respondents_answer_sits_beside_the_agreed_one_and_does_not_score(assessment, alice):
    respondent = respondent_add(assessment=assessment, name="Dev Patel", role="Sales")
    answer_save(assessment=assessment, question_id="own_authority", value=True, user=alice)
    progress = type(assessment).objects.get(pk=assessment.pk).progress_percent

    answer_save(
        assessment=assessment,
        question_id="own_authority",
        value=False,
        user=alice,
        respondent=respondent,
    )

    values = dict(assessment.answers.values_list("respondent", "value"))
    assert values == {None: True, respondent.pk: False}
    assessment.refresh_from_db()
    assert assessment.progress_percent == progress


def test_a_respondent_from_another_assessment_is_refused(world, assessment, alice):
    stranger = world.objects["respondent"]  # of the pilot's first, now final, assessment

    with pytest.raises(ValidationError):
        answer_save(
            assessment=assessment,
            question_id="own_authority",
            value=True,
            user=alice,
            respondent=stranger,
        )
    assert not assessment.answers.exists()


def test_a_submitted_assessment_refuses_new_answers(assessment, alice):
    answer_save(assessment=assessment, question_id="own_duties", value="written", user=alice)
    assessment_submit(assessment=assessment)

    with pytest.raises(ValidationError, match="is final"):
        answer_save(assessment=assessment, question_id="own_authority", value=True, user=alice)
    assert not Answer.objects.filter(assessment=assessment, question_id="own_authority").exists()


def test_clearing_an_answer_leaves_the_question_unanswered(assessment, alice):
    answer_save(assessment=assessment, question_id="own_authority", value=True, user=alice)

    answer_clear(assessment=assessment, question_id="own_authority")

    assert not assessment.answers.exists()
    assessment.refresh_from_db()
    assert assessment.progress_percent == 0


def _carried_from(assessment, question_id):
    return assessment.answers.get(respondent=None, question_id=question_id).carried_from_id


def test_saving_a_carried_answer_makes_it_this_assessments_own(reassessment, last_time, alice):
    answer_save(
        assessment=reassessment,
        question_id="own_named_when",
        value="before",
        evidence="https://wiki.example.com/owner",
        user=alice,
    )

    assert _carried_from(reassessment, "own_named_when") is None, "saved unchanged still counts"
    assert _carried_from(reassessment, "own_authority") == last_time.id, "the others stay marked"


def test_taking_back_a_carried_answer_leaves_nothing_marked(reassessment):
    answer_clear(assessment=reassessment, question_id="own_authority")

    assert not reassessment.answers.filter(question_id="own_authority").exists()


def test_adopting_a_persons_answer_over_a_carried_one_unmarks_it(reassessment, alice):
    person = respondent_add(assessment=reassessment, name="Lina Chow")
    answer_save(
        assessment=reassessment,
        question_id="own_authority",
        value=False,
        user=None,
        respondent=person,
    )

    agreed_answer_adopt(
        assessment=reassessment, respondent=person, question_id="own_authority", user=alice
    )

    answer = reassessment.answers.get(respondent=None, question_id="own_authority")
    assert (answer.value, answer.carried_from_id) == (False, None)


def test_a_number_beside_not_sure_is_kept_but_not_scored(assessment, alice):
    answer_save(
        assessment=assessment, question_id="ov_test_cases", value=400, not_sure=True, user=alice
    )

    answer = assessment.answers.get(question_id="ov_test_cases")
    assert (answer.not_sure, answer.value) == (True, 400)
    card = assessment_scorecard(assessment)
    assert "ov_test_cases" in card.not_sure
    assert card.criterion("ov_quality_at_volume").signals[0].status == "not_sure"


def test_a_bad_number_beside_not_sure_is_refused(assessment, alice):
    with pytest.raises(ValidationError):
        answer_save(
            assessment=assessment,
            question_id="ov_test_cases",
            value=-5,
            not_sure=True,
            user=alice,
        )

    assert not assessment.answers.exists()
