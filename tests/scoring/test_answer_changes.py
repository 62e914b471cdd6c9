"""Which answers changed since the last final assessment, and whether each got better."""

from dataclasses import replace

from assessments.comparison import BETTER, CHANGED, WORSE, answer_changes
from assessments.rubric.loader import bundled_rubric
from assessments.scoring.inputs import AnswerIn
from assessments.scoring.samples import (
    ready_pilot,
    with_answers,
    without_answers,
)

RUBRIC = bundled_rubric("1.0.0")
PROMPT = {q.id: q.prompt for q in RUBRIC.questions}


def lines(changes) -> list[tuple[str, str, str, str]]:
    return [(c.question_id, c.before, c.after, c.direction) for c in changes]


def test_the_same_answers_again_change_nothing():
    assert answer_changes(RUBRIC, ready_pilot(), ready_pilot()) == ()


def test_a_better_option_is_listed_as_better_with_both_labels():
    before = with_answers(ready_pilot(), own_named_when="after")

    (change,) = answer_changes(RUBRIC, before, ready_pilot())

    assert change.prompt == PROMPT["own_named_when"]
    assert (change.before, change.after) == (
        "After the pilot finished",
        "Before the pilot began, and they helped design it",
    )
    assert change.direction == BETTER


def test_a_yes_turned_no_is_worse():
    after = with_answers(ready_pilot(), own_authority=False)

    assert lines(answer_changes(RUBRIC, ready_pilot(), after)) == [
        ("own_authority", "Yes", "No", WORSE)
    ]


def test_a_question_answered_for_the_first_time_is_listed_from_no_answer():
    before = without_answers(ready_pilot(), "own_duties")

    assert lines(answer_changes(RUBRIC, before, ready_pilot())) == [
        (
            "own_duties",
            "No answer",
            RUBRIC.questions_by_id["own_duties"].option("rehearsed").label,
            BETTER,
        )
    ]


def test_an_answer_removed_is_listed_as_no_answer_now():
    after = without_answers(ready_pilot(), "ov_test_cases")

    assert lines(answer_changes(RUBRIC, ready_pilot(), after)) == [
        ("ov_test_cases", "400 cases", "No answer", WORSE)
    ]


def test_not_sure_in_place_of_the_best_answer_is_worse():
    answers = dict(ready_pilot().answers)
    answers["out_pain"] = AnswerIn("out_pain", None, not_sure=True)
    after = replace(ready_pilot(), answers=answers)

    (change,) = answer_changes(RUBRIC, ready_pilot(), after)

    assert (change.after, change.direction) == ("Not sure", WORSE)


def test_a_question_that_applied_neither_then_nor_now_is_skipped_whatever_it_holds():
    # Built by the team itself, so the hand-over question is never asked.
    before = with_answers(ready_pilot(), own_handover=True)
    after = with_answers(ready_pilot(), own_handover=False)

    assert answer_changes(RUBRIC, before, after) == ()


def test_a_question_that_comes_to_apply_is_a_change_neither_better_nor_worse():
    after = with_answers(ready_pilot(), basic_built_by="contractor", own_handover=True)

    assert lines(answer_changes(RUBRIC, ready_pilot(), after)) == [
        ("basic_built_by", "Our own team", "A contractor or agency", CHANGED),
        ("own_handover", "Did not apply", "Yes", CHANGED),
    ]


def test_an_answer_whose_question_no_longer_applies_says_so():
    before = with_answers(ready_pilot(), basic_built_by="vendor", own_handover=False)

    assert lines(answer_changes(RUBRIC, before, ready_pilot()))[1] == (
        "own_handover",
        "No",
        "No longer applies",
        CHANGED,
    )


def test_a_written_answer_rewritten_is_another_change():
    after = with_answers(ready_pilot(), basic_if_it_works="Support takes it on too.")

    (change,) = answer_changes(RUBRIC, ready_pilot(), after)

    assert (change.after, change.direction) == ("Support takes it on too.", CHANGED)


def with_evidence(inp, **evidence: str):
    answers = dict(inp.answers)
    for question_id, text in evidence.items():
        answers[question_id] = replace(answers[question_id], evidence=text)
    return replace(inp, answers=answers)


def test_a_note_turned_link_is_better_with_the_answer_as_it_was():
    before = with_evidence(
        with_answers(ready_pilot(), own_named_when="during"), own_named_when="see the notes"
    )
    after = with_answers(ready_pilot(), own_named_when="during")

    (change,) = answer_changes(RUBRIC, before, after)

    assert (change.question_id, change.before, change.after, change.direction) == (
        "own_named_when",
        "Part way through the pilot",
        "Part way through the pilot",
        BETTER,
    )
    assert change.evidence == "evidence: a note → a link"
    assert change.same_answer


def test_evidence_removed_is_worse():
    after = with_evidence(ready_pilot(), own_authority="")

    (change,) = answer_changes(RUBRIC, ready_pilot(), after)

    assert (change.question_id, change.direction, change.evidence) == (
        "own_authority",
        WORSE,
        "evidence removed",
    )


def test_evidence_added_says_what_kind():
    before = with_evidence(ready_pilot(), own_authority="")
    after = with_evidence(ready_pilot(), own_authority="The owner's mandate, signed in May")

    (change,) = answer_changes(RUBRIC, before, after)

    assert (change.direction, change.evidence) == (BETTER, "evidence added: a note")


def test_evidence_reworded_or_relinked_is_no_change():
    before = with_evidence(ready_pilot(), own_authority="https://wiki.example.com/old-page")

    assert answer_changes(RUBRIC, before, ready_pilot()) == ()
    noted = with_evidence(ready_pilot(), own_authority="a note")
    assert answer_changes(RUBRIC, noted, with_evidence(noted, own_authority="another")) == ()


def test_evidence_changed_with_the_answer_is_said_beside_it():
    before = with_evidence(with_answers(ready_pilot(), own_named_when="after"), own_named_when="")

    (change,) = answer_changes(RUBRIC, before, ready_pilot())

    assert (change.before, change.after, change.evidence) == (
        "After the pilot finished",
        "Before the pilot began, and they helped design it",
        "evidence added: a link",
    )
    assert not change.same_answer


def test_evidence_on_an_answer_that_earns_nothing_is_listed_as_another_change():
    before = with_evidence(
        with_answers(ready_pilot(), own_named_when="not_named"), own_named_when=""
    )
    after = with_answers(ready_pilot(), own_named_when="not_named")

    (change,) = answer_changes(RUBRIC, before, after)

    assert (change.direction, change.evidence) == (CHANGED, "evidence added: a link")


def test_an_answer_given_for_the_first_time_says_nothing_of_its_evidence():
    before = without_answers(ready_pilot(), "own_duties")

    (change,) = answer_changes(RUBRIC, before, ready_pilot())

    assert change.evidence == ""


def test_changes_follow_the_rubric_gap_by_gap():
    before = with_answers(
        ready_pilot(),
        val_cost_complete="prototype",
        ado_rollout_budget=False,
        own_authority=False,
        basic_built_by="vendor",
        ov_audit_log="none",
        own_named_when="after",
    )

    order = [c.question_id for c in answer_changes(RUBRIC, before, ready_pilot())]

    # The hand-over question applied then, to a pilot a vendor built, and was unanswered.
    assert order == [
        "basic_built_by",
        "own_named_when",
        "own_authority",
        "ov_audit_log",
        "ado_rollout_budget",
        "val_cost_complete",
    ]
