import pytest
from django.core.exceptions import ValidationError

from assessments.models import Answer
from assessments.services import (
    answer_save,
    assessment_submit,
    carried_answers_confirm,
)


def carried(assessment) -> set[str]:
    return set(
        assessment.answers.filter(carried_from__isnull=False).values_list("question_id", flat=True)
    )


def test_confirming_a_section_makes_its_carried_answers_the_drafts_own(reassessment, alice):
    confirmed = carried_answers_confirm(assessment=reassessment, section="ownership", user=alice)

    assert confirmed == ["own_named_when", "own_authority", "own_duties"]
    assert carried(reassessment) == {"ov_test_cases", "basic_if_it_works"}, "other sections wait"
    answer = reassessment.answers.get(question_id="own_named_when")
    assert (answer.value, answer.evidence) == ("before", "https://wiki.example.com/owner")
    assert answer.answered_by == alice, "the person who confirmed it answers for it now"


def test_confirming_changes_no_score(reassessment, alice):
    reassessment.refresh_from_db()
    before = (reassessment.decision, reassessment.overall_score, reassessment.progress_percent)

    carried_answers_confirm(assessment=reassessment, section="ownership", user=alice)

    reassessment.refresh_from_db()
    assert (
        reassessment.decision,
        reassessment.overall_score,
        reassessment.progress_percent,
    ) == before


def test_confirming_a_section_with_nothing_carried_confirms_nothing(reassessment, alice):
    assert carried_answers_confirm(assessment=reassessment, section="adoption", user=alice) == []
    assert len(carried(reassessment)) == 5


def test_an_answer_saved_since_is_not_confirmed_again(reassessment, alice, bob):
    answer_save(assessment=reassessment, question_id="own_authority", value=False, user=bob)

    confirmed = carried_answers_confirm(assessment=reassessment, section="ownership", user=alice)

    assert "own_authority" not in confirmed
    assert reassessment.answers.get(question_id="own_authority").answered_by == bob


def test_a_final_assessment_cannot_be_confirmed(reassessment, alice):
    assessment_submit(assessment=reassessment)

    with pytest.raises(ValidationError, match="is final"):
        carried_answers_confirm(assessment=reassessment, section="ownership", user=alice)
    assert len(carried(reassessment)) == 5


def test_an_answer_the_section_does_not_show_stays_marked(reassessment, last_time, alice):
    # Handover applies only to a pilot built by a contractor or vendor; nobody has said so.
    Answer.objects.create(
        assessment=reassessment, question_id="own_handover", value=True, carried_from=last_time
    )

    confirmed = carried_answers_confirm(assessment=reassessment, section="ownership", user=alice)

    assert "own_handover" not in confirmed
    assert "own_handover" in carried(reassessment)
    answer_save(assessment=reassessment, question_id="basic_built_by", value="vendor", user=alice)
    assert carried_answers_confirm(assessment=reassessment, section="ownership", user=alice) == [
        "own_handover"
    ]
