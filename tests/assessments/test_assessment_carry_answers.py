import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.models import Answer, RubricVersion
from assessments.rubric.loader import bundled_rubric, rubric_to_dict
from assessments.selectors import assessment_scorecard
from assessments.services import (
    answer_save,
    assessment_carry_answers,
    assessment_start,
    assessment_submit,
    pilot_create,
)


def agreed(assessment) -> dict[str, Answer]:
    return {a.question_id: a for a in assessment.answers.filter(respondent=None)}


def newer_rubric() -> RubricVersion:
    """A later rubric: one question gone, one option gone and a lower limit on a number."""
    definition = rubric_to_dict(bundled_rubric())
    definition["version"] = "2.0.0"
    definition["questions"] = [q for q in definition["questions"] if q["id"] != "own_authority"]
    for criterion in definition["criteria"]:
        criterion["signals"] = [
            s for s in criterion["signals"] if s.get("question") != "own_authority"
        ]
    for question in definition["questions"]:
        if question["id"] == "own_named_when":
            question["options"] = [o for o in question["options"] if o["value"] != "before"]
        if question["id"] == "ov_test_cases":
            question["max"] = 500.0
    return RubricVersion.objects.create(
        version="2.0.0", definition=definition, published_at=timezone.now()
    )


def test_every_agreed_answer_is_carried_with_its_evidence_and_not_sure(last_time, alice, bob):
    draft = assessment_start(pilot=last_time.pilot, user=bob)

    result = assessment_carry_answers(assessment=draft, source=last_time)

    assert (result.carried, result.left_out) == (5, 0)
    answers = agreed(draft)
    assert answers["own_named_when"].value == "before"
    assert answers["own_named_when"].evidence == "https://wiki.example.com/owner"
    assert answers["ov_test_cases"].value == 800
    assert (answers["own_duties"].not_sure, answers["own_duties"].value) == (True, None)
    assert answers["basic_if_it_works"].value == "Sales adopts it and IT connects HubSpot."
    assert {a.carried_from_id for a in answers.values()} == {last_time.id}
    assert answers["own_named_when"].answered_by == alice, "whoever gave the answer"


def test_the_source_keeps_its_answers_and_the_draft_is_rescored(last_time, alice):
    draft = assessment_start(pilot=last_time.pilot, user=alice)
    before = set(agreed(last_time))

    assessment_carry_answers(assessment=draft, source=last_time)

    draft.refresh_from_db()
    card = assessment_scorecard(draft)
    assert (draft.decision, draft.overall_score) == (card.decision, card.overall)
    assert draft.progress_percent > 0
    assert set(agreed(last_time)) == before
    assert all(a.carried_from_id is None for a in agreed(last_time).values())


def test_peoples_own_answers_are_not_carried(last_time, alice):
    # The world's person answered own_authority on their own; add one for a fresh question.
    person = last_time.respondents.get()
    Answer.objects.create(
        assessment=last_time, respondent=person, question_id="own_handover", value=True
    )
    draft = assessment_start(pilot=last_time.pilot, user=alice)

    assessment_carry_answers(assessment=draft, source=last_time)

    assert not draft.answers.filter(respondent__isnull=False).exists()
    assert not draft.respondents.exists()
    assert "own_handover" not in agreed(draft)
    assert agreed(draft)["own_authority"].value is True, "the agreed answer, not the person's"


def test_answers_the_newer_rubric_no_longer_asks_or_accepts_are_left_out(last_time, alice):
    draft = assessment_start(pilot=last_time.pilot, user=alice, rubric=newer_rubric())

    result = assessment_carry_answers(assessment=draft, source=last_time)

    # Gone: own_authority. No longer an option: "before". Above the new limit: 800.
    assert (result.carried, result.left_out) == (2, 3)
    assert set(agreed(draft)) == {"own_duties", "basic_if_it_works"}


def test_a_stored_value_that_is_no_longer_valid_is_left_out(last_time, alice):
    # Written straight to the table, as an old import or a hand edit in the admin could.
    Answer.objects.filter(assessment=last_time, question_id="own_named_when").update(
        value="sometime"
    )
    Answer.objects.filter(assessment=last_time, question_id="own_authority").update(value="yes")
    draft = assessment_start(pilot=last_time.pilot, user=alice)

    result = assessment_carry_answers(assessment=draft, source=last_time)

    assert (result.carried, result.left_out) == (3, 2)
    assert "own_named_when" not in agreed(draft)
    assert "own_authority" not in agreed(draft)


def test_an_answer_the_draft_already_has_is_kept(last_time, alice):
    draft = assessment_start(pilot=last_time.pilot, user=alice)
    answer_save(assessment=draft, question_id="own_authority", value=False, user=alice)

    result = assessment_carry_answers(assessment=draft, source=last_time)

    assert (result.carried, result.left_out) == (4, 1)
    kept = agreed(draft)["own_authority"]
    assert (kept.value, kept.carried_from_id) == (False, None)


def test_answers_come_only_from_the_same_pilot(last_time, alice, world):
    other = pilot_create(client=world.objects["client"], name="Invoice chasing")
    draft = assessment_start(pilot=other, user=alice)

    with pytest.raises(ValidationError, match="same pilot"):
        assessment_carry_answers(assessment=draft, source=last_time)
    assert not draft.answers.exists()


def test_a_final_assessment_takes_no_carried_answers(last_time, alice):
    later = assessment_start(pilot=last_time.pilot, user=alice)
    answer_save(assessment=later, question_id="own_authority", value=False, user=alice)
    assessment_submit(assessment=later)

    with pytest.raises(ValidationError, match="is final"):
        assessment_carry_answers(assessment=later, source=last_time)
    assert list(later.answers.values_list("question_id", "carried_from")) == [
        ("own_authority", None)
    ]
