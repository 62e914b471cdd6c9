"""When the answers already give the best options and only evidence is missing, the plan
asks for the evidence instead of telling the team to do what they say is done."""

from dataclasses import replace

from assessments.rubric.loader import bundled_rubric
from assessments.scoring.engine import score
from assessments.scoring.inputs import AnswerIn
from assessments.scoring.samples import (
    EVIDENCE_LINK,
    claims_without_evidence,
    ready_pilot,
    with_answers,
)

RUBRIC = bundled_rubric("1.0.0")


def _action(card, criterion_id):
    return next(a for a in card.actions if a.criterion_id == criterion_id)


def _with_evidence(inp, question_id, evidence):
    answers = dict(inp.answers)
    answers[question_id] = replace(answers[question_id], evidence=evidence)
    return replace(inp, answers=answers)


def test_best_answers_without_evidence_ask_for_the_evidence_not_the_work():
    card = score(claims_without_evidence(ready_pilot()), RUBRIC)

    action = _action(card, "int_real_data")
    assert action.title == (
        "Back it with evidence: tested on real, messy data that looks like production"
    )
    assert "only the evidence is missing" in action.recommendation
    assert action.recommendation.startswith(
        "Add evidence to the answer to “What data has the pilot been tested on?” It already "
        "gives the best option"
    )
    assert "a bare answer earns 50% of its credit" in action.recommendation
    assert "Pull an untouched sample" not in action.recommendation
    assert action.effort == "under an hour"
    # Still traced to its criterion and the answer that lacks evidence.
    assert action.questions == ("int_test_data",)
    assert action.gain > 0


def test_the_production_scope_is_not_asked_for_again_when_it_is_funded():
    card = score(claims_without_evidence(ready_pilot()), RUBRIC)

    action = _action(card, "int_production_scope")
    assert action.title.startswith("Back it with evidence: ")
    assert "Estimate the production work" not in action.recommendation


def test_the_gap_reason_says_no_evidence_was_given():
    card = score(claims_without_evidence(ready_pilot()), RUBRIC)

    integration = next(r for r in card.reasons if r.gap == "integration")
    assert "tested on real, messy data that looks like production (50, no evidence given)" in (
        integration.text
    )


def test_evidence_described_in_words_asks_only_for_a_link():
    inp = _with_evidence(
        claims_without_evidence(ready_pilot()), "int_test_data", "kept in the QA folder"
    )

    card = score(inp, RUBRIC)

    action = _action(card, "int_real_data")
    assert action.title.startswith("Back it with evidence: ")
    assert "only a link to it is missing" in action.recommendation
    assert "evidence for the answer to “What data has the pilot been tested on?”" in (
        action.recommendation
    )
    assert card.criterion("int_real_data").short_of_evidence == "text"


def test_a_weaker_answer_keeps_the_rubric_recommendation():
    inp = claims_without_evidence(with_answers(ready_pilot(), int_test_data="tidied"))

    card = score(inp, RUBRIC)

    action = _action(card, "int_real_data")
    assert action.title == "Tested on real, messy data that looks like production"
    assert action.recommendation == RUBRIC.criteria_by_id["int_real_data"].recommendation
    assert card.criterion("int_real_data").short_of_evidence == ""


def test_a_missing_record_keeps_the_rubric_recommendation_even_with_best_answers():
    # The sponsor question is answered yes, bare, but no sponsor is recorded.
    ready = claims_without_evidence(ready_pilot())
    answers = dict(ready.answers)
    answers["ado_sponsor_active"] = AnswerIn("ado_sponsor_active", True)
    inp = replace(ready, change_plan=replace(ready.change_plan, sponsor_name=""), answers=answers)

    card = score(inp, RUBRIC)

    assert card.criterion("ado_sponsor").short_of_evidence == ""
    assert _action(card, "ado_sponsor").recommendation == (
        RUBRIC.criteria_by_id["ado_sponsor"].recommendation
    )


def test_a_go_pilot_whose_only_gap_is_a_bare_answer_asks_only_for_its_evidence():
    inp = _with_evidence(ready_pilot(), "ado_sponsor_active", "")

    card = score(inp, RUBRIC)

    assert card.decision == "go"
    assert [a.criterion_id for a in card.actions] == ["ado_sponsor"]
    assert card.actions[0].title == (
        "Back it with evidence: a sponsor inside the team that will use it"
    )
    assert "Find a respected person" not in card.actions[0].recommendation


def test_full_evidence_leaves_nothing_to_back():
    card = score(ready_pilot(), RUBRIC)

    assert not any(a.title.startswith("Back it with evidence") for a in card.actions)
    assert all(c.short_of_evidence == "" for g in card.gaps for c in g.criteria)


def test_several_answers_short_of_evidence_are_all_named_in_one_sentence():
    card = score(claims_without_evidence(ready_pilot()), RUBRIC)

    action = _action(card, "int_written_context")
    prompts = [RUBRIC.questions_by_id[q].prompt for q in ("int_process_written", "int_flow_mapped")]
    assert action.recommendation.startswith(
        f"Add evidence to the answers to “{prompts[0]}” and “{prompts[1]}” They already give "
        "the best options"
    )


def test_only_the_answers_that_lack_evidence_are_named():
    inp = _with_evidence(claims_without_evidence(ready_pilot()), "int_flow_mapped", EVIDENCE_LINK)

    card = score(inp, RUBRIC)

    action = _action(card, "int_written_context")
    assert action.questions == ("int_process_written",)
    assert RUBRIC.questions_by_id["int_flow_mapped"].prompt not in action.recommendation
    assert "the answer to “How well is the process written down" in action.recommendation
