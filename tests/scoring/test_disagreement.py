"""The pure comparison of independent answers: what counts as a disagreement."""

from assessments.disagreement import (
    AGREE,
    DISAGREE,
    SIDE_BY_SIDE,
    SINGLE,
    UNSURE,
    Person,
    answer_text,
    spread,
)
from assessments.rubric.loader import bundled_rubric
from assessments.scoring.inputs import AnswerIn

RUBRIC = bundled_rubric()
ANA, BEN, CAL = Person(1, "Ana"), Person(2, "Ben"), Person(3, "Cal")


def _q(kind, section=None):
    return next(
        q for q in RUBRIC.questions if q.type == kind and (section is None or q.section == section)
    )


def _a(question, value=None, not_sure=False):
    return AnswerIn(question_id=question.id, value=value, not_sure=not_sure, evidence="")


def _verdict(question, by_person, agreed=None):
    people = [p for p in (ANA, BEN, CAL) if p.id in by_person]
    answers = {pid: {question.id: a} for pid, a in by_person.items()}
    result = spread(RUBRIC, people, answers, {question.id: agreed} if agreed else {})
    (found,) = [q for q in result.questions if q.id == question.id]
    return found


def test_two_different_choices_disagree():
    q = _q("choice")
    found = _verdict(q, {1: _a(q, q.options[0].value), 2: _a(q, q.options[1].value)})
    assert found.verdict == DISAGREE
    assert found.note == "2 different answers."


def test_the_same_choice_agrees():
    q = _q("yes_no")
    found = _verdict(q, {1: _a(q, True), 2: _a(q, True)})
    assert found.verdict == AGREE


def test_the_assessments_own_answer_counts_as_a_voice():
    q = _q("yes_no")
    found = _verdict(q, {1: _a(q, False), 2: _a(q, False)}, agreed=_a(q, True))
    assert found.verdict == DISAGREE
    assert found.agreed_text == "Yes"


def test_not_sure_is_counted_but_is_not_a_disagreement():
    q = next(q for q in RUBRIC.questions if q.type == "choice" and q.not_sure)
    found = _verdict(q, {1: _a(q, q.options[0].value), 2: _a(q, not_sure=True)})
    assert found.verdict == UNSURE
    assert found.note == "“Not sure” in 1 of the 2 answers given."
    assert found.to_talk_through and not found.disagree


def test_the_assessment_being_unsure_is_counted_too():
    q = next(q for q in RUBRIC.questions if q.type == "choice" and q.not_sure)
    found = _verdict(q, {1: _a(q, q.options[0].value)}, agreed=_a(q, not_sure=True))
    assert found.verdict == UNSURE


def test_a_question_only_the_assessment_answered_is_not_listed():
    q = _q("yes_no")
    result = spread(RUBRIC, [ANA], {}, {q.id: _a(q, True)})
    assert result.questions == ()
    assert result.unanswered == len(RUBRIC.questions)


def test_numbers_a_little_apart_agree_and_far_apart_disagree():
    q = _q("number")
    assert _verdict(q, {1: _a(q, 40), 2: _a(q, 45)}).verdict == AGREE
    far = _verdict(q, {1: _a(q, 5), 2: _a(q, 40)})
    assert far.verdict == DISAGREE
    assert far.note == "Answers range from 5 to 40."


def test_written_answers_are_shown_side_by_side_and_never_flagged():
    q = _q("text")
    found = _verdict(q, {1: _a(q, "Sales runs it"), 2: _a(q, "Ops runs it")})
    assert found.verdict == SIDE_BY_SIDE
    assert not found.disagree


def test_one_answer_alone_is_not_compared():
    q = _q("yes_no")
    assert _verdict(q, {1: _a(q, True)}).verdict == SINGLE


def test_questions_nobody_answered_are_counted_not_listed():
    q = _q("yes_no")
    result = spread(RUBRIC, [ANA], {1: {q.id: _a(q, True)}}, {})
    assert [found.id for found in result.questions] == [q.id]
    assert result.unanswered == len(RUBRIC.questions) - 1


def test_a_person_who_did_not_answer_shows_as_no_answer():
    q = _q("yes_no")
    found = _verdict(q, {1: _a(q, True), 2: _a(q, False), 3: None})
    texts = [row.text for row in found.people]
    assert texts == ["Yes", "No", "No answer"]


def test_answers_read_as_a_person_would_say_them():
    choice = _q("choice")
    number = _q("number")
    assert answer_text(choice, _a(choice, choice.options[0].value)) == choice.options[0].label
    assert answer_text(number, _a(number, 12.5)) == f"12.5 {number.unit}".strip()
    assert answer_text(number, _a(number, not_sure=True)) == "Not sure"
    assert answer_text(number, None) == "No answer"


def test_sections_follow_the_questionnaire_and_count_their_disagreements():
    yes_no = _q("yes_no", "ownership")
    choice = _q("choice", "outcome")
    answers = {
        1: {yes_no.id: _a(yes_no, True), choice.id: _a(choice, choice.options[0].value)},
        2: {yes_no.id: _a(yes_no, False), choice.id: _a(choice, choice.options[0].value)},
    }
    result = spread(RUBRIC, [ANA, BEN], answers, {})
    assert [s.id for s in result.sections] == ["ownership", "outcome"]
    assert [s.disagreements for s in result.sections] == [1, 0]
    assert [q.id for q in result.disagreements] == [yes_no.id]
