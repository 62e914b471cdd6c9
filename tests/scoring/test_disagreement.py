"""The pure comparison of independent answers: what counts as a disagreement."""

from types import SimpleNamespace

from assessments.disagreement import (
    AGREE,
    DISAGREE,
    SIDE_BY_SIDE,
    SINGLE,
    UNSURE,
    Person,
    answer_text,
    choices,
    people_of,
    spread,
    talk_through,
    workshop_stage,
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
    # It has an answer all the same: only the others have none at all.
    assert result.no_answer == len(RUBRIC.questions) - 1


def test_questions_skip_logic_hides_are_not_counted_as_unanswered():
    hidden = {q.id for q in RUBRIC.questions if q.applies_if is not None}
    result = spread(RUBRIC, [ANA], {}, {}, applies=lambda question: question.id not in hidden)
    assert hidden
    assert result.unanswered == result.no_answer == len(RUBRIC.questions) - len(hidden)


def test_a_question_skip_logic_hides_is_left_out_even_when_someone_answered_it():
    hidden = next(q for q in RUBRIC.questions if q.applies_if is not None)
    answers = {ANA.id: {hidden.id: _a(hidden, True)}, BEN.id: {hidden.id: _a(hidden, False)}}

    shown = spread(RUBRIC, [ANA, BEN], answers, {})
    skipped = spread(
        RUBRIC, [ANA, BEN], answers, {}, applies=lambda question: question.id != hidden.id
    )

    assert [q.id for q in shown.questions] == [hidden.id]
    assert skipped.questions == ()
    assert skipped.unanswered == shown.unanswered


def test_questions_with_no_answer_at_all_are_counted_by_section():
    q = _q("yes_no", "ownership")
    result = spread(RUBRIC, [ANA], {}, {q.id: _a(q, True)})
    ownership = len(RUBRIC.questions_for_section("ownership"))
    assert result.no_answer_by_section["ownership"] == ownership - 1
    assert result.no_answer_by_section["value"] == len(RUBRIC.questions_for_section("value"))
    assert sum(result.no_answer_by_section.values()) == result.no_answer


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


# The workshop's tally: every allowed answer with the people who gave it.


def _tally(question, by_person, agreed=None):
    return {c.label: c for c in choices(_verdict(question, by_person, agreed))}


def test_a_choice_lists_every_option_in_the_rubrics_order_with_who_chose_it():
    q = _q("choice", "ownership")
    first, last = q.options[0], q.options[-1]
    found = choices(
        _verdict(q, {1: _a(q, first.value), 2: _a(q, first.value), 3: _a(q, last.value)})
    )
    assert [c.label for c in found] == [o.label for o in q.options]
    assert [c.value for c in found] == [o.value for o in q.options]
    assert found[0].people == (ANA, BEN)
    assert found[-1].people == (CAL,)
    assert all(c.people == () for c in found[1:-1])


def test_the_agreed_answer_is_marked_even_when_nobody_gave_it():
    q = _q("choice", "ownership")
    middle = q.options[1]
    tally = _tally(q, {1: _a(q, q.options[0].value)}, agreed=_a(q, middle.value))
    assert tally[middle.label].agreed
    assert tally[middle.label].people == ()
    assert sum(c.agreed for c in tally.values()) == 1


def test_yes_no_counts_yes_and_no_with_the_values_the_form_posts():
    q = _q("yes_no", "ownership")
    tally = _tally(q, {1: _a(q, True), 2: _a(q, False), 3: _a(q, False)}, agreed=_a(q, True))
    assert list(tally) == ["Yes", "No"]
    assert (tally["Yes"].value, tally["No"].value) == ("yes", "no")
    assert tally["Yes"].people == (ANA,) and tally["Yes"].agreed
    assert tally["No"].people == (BEN, CAL) and not tally["No"].agreed


def test_not_sure_is_offered_last_only_when_someone_chose_it():
    q = _q("yes_no", "ownership")
    assert "Not sure" not in _tally(q, {1: _a(q, True), 2: _a(q, False)})
    tally = _tally(q, {1: _a(q, True), 2: _a(q, not_sure=True)})
    assert list(tally)[-1] == "Not sure"
    assert tally["Not sure"].people == (BEN,)
    assert tally["Not sure"].value == "__not_sure__"


def test_numbers_and_written_answers_have_no_tally():
    number, text = _q("number"), _q("text")
    assert choices(_verdict(number, {1: _a(number, 10), 2: _a(number, 50)})) == ()
    assert choices(_verdict(text, {1: _a(text, "one"), 2: _a(text, "two")})) == ()


# Where a question stands in a workshop.


def _stage(question, by_person, agreed=None, agreed_since=False):
    return workshop_stage(_verdict(question, by_person, agreed), agreed_since=agreed_since)


def test_a_difference_is_talked_through_until_the_room_records_an_answer():
    q = _q("yes_no")
    differ = {1: _a(q, True), 2: _a(q, False)}
    assert _stage(q, differ) == "talk"
    assert _stage(q, differ, agreed=_a(q, True)) == "talk"
    assert _stage(q, differ, agreed=_a(q, True), agreed_since=True) == "settled"


def test_a_doubt_is_talked_through():
    q = _q("yes_no")
    assert _stage(q, {1: _a(q, True), 2: _a(q, not_sure=True)}) == "talk"


def test_everyone_alike_is_settled_once_the_agreed_answer_says_the_same():
    q = _q("choice")
    same = {1: _a(q, q.options[0].value), 2: _a(q, q.options[0].value)}
    assert _stage(q, same) == "unrecorded"
    assert _stage(q, same, agreed=_a(q, q.options[0].value)) == "settled"


def test_written_answers_are_read_together_and_a_lone_answer_waits():
    text, q = _q("text"), _q("yes_no")
    assert _stage(text, {1: _a(text, "one"), 2: _a(text, "two")}) == "written"
    assert _stage(q, {1: _a(q, True)}) == "one-voice"
    assert _stage(q, {1: _a(q, True)}, agreed=_a(q, False), agreed_since=True) == "settled"


def test_people_sharing_a_name_whatever_its_case_and_spacing_are_known_by_their_roles():
    rows = [
        SimpleNamespace(id=1, name="Lina Chow", role="Sales"),
        SimpleNamespace(id=2, name="lina  CHOW", role="Support"),
        SimpleNamespace(id=3, name="Sam Ortiz", role="Finance"),
    ]

    assert [p.known_as for p in people_of(rows)] == [
        "Lina Chow (Sales)",
        "lina  CHOW (Support)",
        "Sam Ortiz",
    ]


def test_people_whose_names_differ_only_by_accents_are_known_by_their_roles():
    rows = [
        SimpleNamespace(id=1, name="Lina Chow", role="Finance"),
        SimpleNamespace(id=2, name="Lína Chow", role="Account manager"),
    ]

    assert [p.known_as for p in people_of(rows)] == [
        "Lina Chow (Finance)",
        "Lína Chow (Account manager)",
    ]


# What there is to talk through, counted once for every page.


def _staged(question, by_person, agreed=None, agreed_since=False):
    row = _verdict(question, by_person, agreed)
    return row, workshop_stage(row, agreed_since=agreed_since)


def test_differences_and_doubts_are_counted_apart_and_said_together():
    q = _q("yes_no")
    differ = _staged(q, {1: _a(q, True), 2: _a(q, False)})
    unsure = _staged(q, {1: _a(q, True), 2: _a(q, not_sure=True)})
    agree = _staged(q, {1: _a(q, True), 2: _a(q, True)})

    talk = talk_through([differ, differ, unsure, agree])

    assert (talk.differ, talk.unsure, talk.agreed, talk.total) == (2, 1, 0, 3)
    assert talk.headline + talk.detail == (
        "3 questions to talk through: 2 where answers differ, and 1 more where someone is not sure"
    )


def test_one_reason_is_said_once():
    q = _q("yes_no")
    differ = _staged(q, {1: _a(q, True), 2: _a(q, False)})
    unsure = _staged(q, {1: _a(q, True), 2: _a(q, not_sure=True)})

    only_differ, only_unsure = talk_through([differ]), talk_through([unsure, unsure])

    assert only_differ.headline + only_differ.detail == (
        "1 question to talk through, where answers differ"
    )
    assert only_unsure.headline + only_unsure.detail == (
        "2 questions to talk through, where someone is not sure"
    )
    assert talk_through([]).headline + talk_through([]).detail == "Nothing to talk through"


def test_a_difference_the_room_agreed_on_since_is_no_longer_to_talk_through():
    q = _q("yes_no")
    settled = _staged(q, {1: _a(q, True), 2: _a(q, False)}, agreed=_a(q, True), agreed_since=True)

    talk = talk_through([settled])

    assert (talk.total, talk.agreed) == (0, 1)
