"""The seeds' own examples, scored end to end, and the engine's bookkeeping."""

import math
from dataclasses import replace

import pytest

from assessments.rubric.loader import bundled_rubric
from assessments.scoring.engine import score
from assessments.scoring.inputs import AnswerIn, IntegrationIn, MetricIn, OwnerIn, ValueCaseIn
from assessments.scoring.samples import (
    claims_without_evidence,
    never_pays_back_pilot,
    ready_pilot,
    varied_pilots,
    with_answers,
    without_answers,
)

RUBRIC = bundled_rubric("1.0.0")


def _failed_gates(card):
    return {gate.criterion_id for gate in card.failed_gates}


def test_a_well_prepared_pilot_is_go():
    card = score(ready_pilot(), RUBRIC)

    assert card.decision == "go"
    assert card.decision_label == "Go"
    assert card.failed_gates == ()
    assert {gap.band for gap in card.gaps} == {"strong"}
    assert [reason.kind for reason in card.reasons] == ["all_strong"]
    assert card.unanswered == ()


def test_a_pilot_everyone_likes_but_nobody_owns_is_not_yet_with_the_ownership_gate_failed():
    ready = ready_pilot()
    unowned = replace(ready, owners=tuple(replace(o, accountable=False) for o in ready.owners))

    card = score(unowned, RUBRIC)

    assert card.decision == "not_yet"
    assert _failed_gates(card) == {"own_accountable_owner"}
    gate_reason = next(r for r in card.reasons if r.kind == "gate_failed")
    assert gate_reason.records == ("owners",)
    assert card.actions[0].criterion_id == "own_accountable_owner"
    assert card.actions[0].fixes_gate


def test_a_pilot_whose_only_metric_is_an_output_fails_the_outcome_gate():
    output_only = MetricIn(
        name="The AI generated a response",
        kind="output",
        unit="responses",
        baseline=0.0,
        target=400.0,
        direction="increase",
        measurement="Count of generated replies",
        deadline=None,
        go_threshold=300.0,
    )

    card = score(replace(ready_pilot(), metrics=(output_only,)), RUBRIC)

    assert "out_outcome_metric" in _failed_gates(card)
    assert card.decision == "not_yet"


def test_a_pilot_on_a_spreadsheet_extract_with_unbudgeted_integration_is_not_go():
    extract = IntegrationIn(
        system="CRM", access="read_write", status="extract", budgeted=False, effort_days=None
    )

    card = score(replace(ready_pilot(), integrations=(extract,)), RUBRIC)

    assert card.decision == "not_yet"
    assert "int_live_path" in _failed_gates(card)
    gate = next(g for g in card.failed_gates if g.criterion_id == "int_live_path")
    assert gate.records == ("integrations[0]",)


def test_budgeting_the_extract_integration_passes_the_integration_gate():
    budgeted = IntegrationIn(
        system="CRM", access="read_write", status="extract", budgeted=True, effort_days=8.0
    )

    card = score(replace(ready_pilot(), integrations=(budgeted,)), RUBRIC)

    assert "int_live_path" not in _failed_gates(card)


def test_a_value_case_that_never_pays_back_is_stop():
    card = score(never_pays_back_pilot(), RUBRIC)

    assert card.decision == "stop"
    assert card.decision_label == "Stop"
    assert math.isinf(card.payback_months)
    stop_reason = card.reasons[0]
    assert stop_reason.kind == "stop_payback"
    assert stop_reason.records == ("value_case",)
    assert "never pays back" in stop_reason.text


def test_payback_beyond_the_horizon_is_stop_and_within_it_is_not():
    # Net saving 500 a month: 12,500 pays back in 25 months, 11,500 in 23.
    slow = ValueCaseIn(
        items_per_month=100.0,
        minutes_saved_per_item=6.0,
        hourly_cost=60.0,
        build_cost=12500.0,
        monthly_run_cost=100.0,
    )
    ready = ready_pilot()

    assert score(replace(ready, value_case=slow), RUBRIC).decision == "stop"
    assert (
        score(replace(ready, value_case=replace(slow, build_cost=11500.0)), RUBRIC).decision
        != "stop"
    )


def test_an_incomplete_value_case_is_not_a_reason_to_stop():
    incomplete = ValueCaseIn(
        items_per_month=None,
        minutes_saved_per_item=6.0,
        hourly_cost=40.0,
        build_cost=9000.0,
        monthly_run_cost=250.0,
    )

    card = score(replace(ready_pilot(), value_case=incomplete), RUBRIC)

    assert card.payback_months is None
    assert card.decision != "stop"
    assert card.criterion("out_value_case").credit < 1.0


def test_an_outcome_that_cannot_be_counted_is_stop_unless_a_metric_says_how_to_measure_it():
    ready = with_answers(ready_pilot(), out_measurable="impossible")
    unmeasured = replace(ready, metrics=tuple(replace(m, measurement="") for m in ready.metrics))

    assert score(unmeasured, RUBRIC).decision == "stop"
    assert score(unmeasured, RUBRIC).reasons[0].kind == "stop_unmeasurable"
    assert score(unmeasured, RUBRIC).reasons[0].questions == ("out_measurable",)
    assert score(ready, RUBRIC).decision != "stop"


def test_stop_wins_over_a_failed_gate_and_both_are_given_as_reasons():
    never = never_pays_back_pilot()
    unowned = replace(never, owners=())

    card = score(unowned, RUBRIC)

    assert card.decision == "stop"
    assert [r.kind for r in card.reasons][:2] == ["stop_payback", "gate_failed"]


def test_claims_without_evidence_earn_less_than_the_same_answers_with_evidence():
    with_evidence = score(ready_pilot(), RUBRIC)
    claims_only = score(claims_without_evidence(ready_pilot()), RUBRIC)

    assert claims_only.overall < with_evidence.overall
    assert claims_only.decision == "go_with_conditions"


def test_a_pilot_with_a_couple_of_moderate_gaps_is_go_with_conditions_naming_their_top_actions():
    ready = ready_pilot()
    plan = replace(ready.change_plan, involvement="consulted", training_plan="")
    moderate = with_answers(
        replace(ready, change_plan=plan),
        int_test_data="tidied",
        int_process_written="partial",
        int_flow_mapped=False,
        ado_fits_tools="new_screen",
    )

    card = score(moderate, RUBRIC)

    non_strong = [gap.id for gap in card.gaps if gap.band != "strong"]
    assert card.decision == "go_with_conditions"
    assert non_strong == ["integration", "adoption"]
    assert {a.gap for a in card.conditions} == set(non_strong)
    assert {a.criterion_id for a in card.conditions} == {
        "int_written_context",
        "ado_users_involved",
    }
    assert {r.kind for r in card.reasons} == {"condition"}


def _moderate_pilot():
    ready = ready_pilot()
    plan = replace(ready.change_plan, involvement="consulted", training_plan="")
    return with_answers(
        replace(ready, change_plan=plan),
        int_test_data="tidied",
        int_process_written="partial",
        int_flow_mapped=False,
        ado_fits_tools="new_screen",
    )


def test_go_with_conditions_puts_the_conditions_first_in_the_plan_marked_as_conditions():
    card = score(_moderate_pilot(), RUBRIC)

    assert card.decision == "go_with_conditions"
    leading = card.actions[: len(card.conditions)]
    assert [a.criterion_id for a in leading] == ["ado_users_involved", "int_written_context"]
    assert all(a.condition for a in leading)
    assert leading == card.conditions
    assert not any(a.condition for a in card.actions[len(card.conditions) :])
    ids = [a.criterion_id for a in card.actions]
    assert len(ids) == len(set(ids)), "a condition is listed once, not again further down"


def test_the_conditions_go_from_the_weakest_gap_up_as_the_reasons_do():
    card = score(_moderate_pilot(), RUBRIC)

    scores = {gap.id: gap.score for gap in card.gaps}
    assert (scores["integration"], scores["adoption"]) == (75, 74), "adoption is weaker"
    assert [a.gap for a in card.conditions] == ["adoption", "integration"]
    assert [a.gap for a in card.conditions] == [
        r.gap for r in card.reasons_by_severity() if r.kind == "condition"
    ]


def test_conditions_of_gaps_with_the_same_score_keep_the_rubric_order():
    card = score(with_answers(_moderate_pilot(), own_duties="nobody"), RUBRIC)

    scores = {gap.id: gap.score for gap in card.gaps}
    assert scores["ownership"] == scores["integration"] > scores["adoption"]
    assert [a.gap for a in card.conditions] == ["adoption", "ownership", "integration"]
    assert [a.gap for a in card.conditions] == [
        r.gap for r in card.reasons_by_severity() if r.kind == "condition"
    ]
    assert card.actions[: len(card.conditions)] == card.conditions


def test_the_rest_of_a_conditional_plan_keeps_its_rank_order():
    card = score(_moderate_pilot(), RUBRIC)

    rest = card.actions[len(card.conditions) :]
    assert [(not a.fixes_gate, -a.gain) for a in rest] == sorted(
        (not a.fixes_gate, -a.gain) for a in rest
    )


def test_no_action_is_a_condition_unless_the_decision_is_go_with_conditions():
    for inp in (ready_pilot(), replace(ready_pilot(), owners=()), never_pays_back_pilot()):
        card = score(inp, RUBRIC)

        assert card.decision != "go_with_conditions"
        assert card.conditions == ()
        assert not any(a.condition for a in (*card.actions, *card.set_aside))


def test_a_weak_gap_alone_makes_it_not_yet():
    ready = ready_pilot()
    weak_adoption = replace(ready, change_plan=None)
    weak_adoption = without_answers(
        weak_adoption,
        "ado_users_tested",
        "ado_fits_tools",
        "ado_training_done",
        "ado_rollout_budget",
    )

    card = score(weak_adoption, RUBRIC)

    assert card.failed_gates == ()
    assert card.gap("adoption").band == "weak"
    assert card.decision == "not_yet"
    assert card.weakest_gap == "adoption"
    weak_reason = next(r for r in card.reasons if r.kind == "weak_gap")
    assert "change_plan" in weak_reason.records
    assert "ado_fits_tools" in weak_reason.questions


@pytest.mark.parametrize(
    ("stakes", "review_mode", "gate_fails"),
    [
        ("high", "autonomous", True),
        ("high", "sampled", True),
        ("high", "all", False),
        ("high", "confidence", False),
        ("high", "", True),
        ("low", "autonomous", False),
        ("low", "", False),
    ],
)
def test_high_stakes_output_needs_a_person_before_it(stakes, review_mode, gate_fails):
    ready = with_answers(ready_pilot(), ov_stakes=stakes)
    inp = replace(ready, oversight=replace(ready.oversight, review_mode=review_mode))

    assert ("ov_human_review" in _failed_gates(score(inp, RUBRIC))) is gate_fails


@pytest.mark.parametrize("stakes", ["high", "low"])
def test_a_review_mode_not_chosen_earns_no_review_credit(stakes):
    ready = with_answers(ready_pilot(), ov_stakes=stakes)
    unset = replace(ready, oversight=replace(ready.oversight, review_mode=""))
    autonomous = replace(ready, oversight=replace(ready.oversight, review_mode="autonomous"))

    unset_card, autonomous_card = score(unset, RUBRIC), score(autonomous, RUBRIC)

    review = unset_card.criterion("ov_human_review")
    assert review.credit < score(ready, RUBRIC).criterion("ov_human_review").credit
    assert review.credit <= autonomous_card.criterion("ov_human_review").credit
    assert unset_card.gap("oversight").score <= autonomous_card.gap("oversight").score


@pytest.mark.parametrize(
    ("field", "criterion_id", "weakest"),
    [
        ("rollout_commitment", "ado_rollout_commitment", "no"),
        ("involvement", "ado_users_involved", "informed"),
    ],
)
def test_a_change_plan_choice_not_made_earns_no_more_than_its_weakest_option(
    field, criterion_id, weakest
):
    ready = ready_pilot()
    unset = replace(ready, change_plan=replace(ready.change_plan, **{field: ""}))
    weak = replace(ready, change_plan=replace(ready.change_plan, **{field: weakest}))

    unset_card, weak_card = score(unset, RUBRIC), score(weak, RUBRIC)

    credit = unset_card.criterion(criterion_id).credit
    assert credit < score(ready, RUBRIC).criterion(criterion_id).credit
    assert credit <= weak_card.criterion(criterion_id).credit
    assert unset_card.gap("adoption").score <= weak_card.gap("adoption").score


def test_an_undecided_commitment_still_earns_more_than_one_never_chosen():
    ready = ready_pilot()
    undecided = replace(
        ready, change_plan=replace(ready.change_plan, rollout_commitment="undecided")
    )
    unset = replace(ready, change_plan=replace(ready.change_plan, rollout_commitment=""))

    assert (
        score(unset, RUBRIC).criterion("ado_rollout_commitment").credit
        < score(undecided, RUBRIC).criterion("ado_rollout_commitment").credit
    )


def test_high_stakes_output_without_monitoring_fails_the_oversight_gate():
    ready = ready_pilot()
    blind = replace(
        ready.oversight, monitor_runs="", monitor_actions="", monitor_quality="", alert_recipient=""
    )

    card = score(replace(ready, oversight=blind), RUBRIC)

    assert "ov_human_review" in _failed_gates(card)


def test_unknown_stakes_count_as_high():
    ready = ready_pilot()
    inp = without_answers(
        replace(ready, oversight=replace(ready.oversight, review_mode="autonomous")), "ov_stakes"
    )

    assert "ov_human_review" in _failed_gates(score(inp, RUBRIC))


def test_a_second_accountable_owner_is_a_committee_and_scores_lower():
    ready = ready_pilot()
    committee = replace(ready, owners=tuple(replace(o, accountable=True) for o in ready.owners))

    assert score(committee, RUBRIC).criterion("own_accountable_owner").credit < 1.0
    assert "own_accountable_owner" not in _failed_gates(score(committee, RUBRIC))


def test_unanswered_questions_are_listed_not_silently_scored():
    inp = without_answers(ready_pilot(), "own_authority", "ov_audit_log")

    card = score(inp, RUBRIC)

    assert card.unanswered == ("own_authority", "ov_audit_log")
    signal = next(s for s in card.criterion("ov_audit_trail").signals if s.ref == "ov_audit_log")
    assert signal.status == "unanswered"
    assert signal.credit == 0.0


def test_not_sure_answers_are_listed_separately():
    inp = replace(
        ready_pilot(),
        answers={
            **ready_pilot().answers,
            "own_authority": AnswerIn("own_authority", None, not_sure=True),
        },
    )

    card = score(inp, RUBRIC)

    assert card.not_sure == ("own_authority",)
    assert "own_authority" not in card.unanswered


def test_skipped_questions_are_neither_unanswered_nor_scored():
    ready = ready_pilot()
    # Built in-house, so the hand-over question does not apply; review of all outputs,
    # so the confidence-threshold question does not either.
    inp = replace(ready, oversight=replace(ready.oversight, review_mode="all"))
    inp = without_answers(inp, "own_handover", "ov_threshold_policy")

    card = score(inp, RUBRIC)

    assert "own_handover" not in card.unanswered
    assert "ov_threshold_policy" not in card.unanswered
    statuses = {s.ref: s.status for s in card.criterion("ov_human_review").signals}
    assert statuses["ov_threshold_policy"] == "skipped"


def test_a_question_that_starts_to_apply_is_then_reported_when_unanswered():
    inp = with_answers(ready_pilot(), basic_built_by="contractor")

    assert score(inp, RUBRIC).unanswered == ("own_handover",)


def test_actions_put_gate_fixes_first_then_the_largest_gain():
    ready = ready_pilot()
    inp = replace(ready, owners=(), change_plan=None)

    actions = score(inp, RUBRIC).actions

    assert actions[0].criterion_id == "own_accountable_owner"
    rest = [a.gain for a in actions if not a.fixes_gate]
    assert rest == sorted(rest, reverse=True)
    assert all(a.gain > 0 for a in actions)


def test_fully_met_criteria_produce_no_action():
    card = score(ready_pilot(), RUBRIC)

    assert card.actions == ()


def test_the_weakest_gap_is_the_lowest_scoring_one():
    inp = replace(ready_pilot(), integrations=())

    card = score(inp, RUBRIC)

    assert card.weakest_gap == "integration"
    assert card.weakest_score == min(g.score for g in card.gaps)


def test_an_owner_in_the_using_team_with_an_email_earns_more_than_a_bare_name():
    bare = OwnerIn(
        name="Dana", email="", role="", accountable=True, hours_per_week=5.0, in_using_team=False
    )
    ready = ready_pilot()

    bare_card = score(replace(ready, owners=(bare,)), RUBRIC)
    full_card = score(ready, RUBRIC)

    assert (
        bare_card.criterion("own_accountable_owner").credit
        < full_card.criterion("own_accountable_owner").credit
    )


def test_evidence_with_a_link_beats_evidence_in_words_which_beats_none():
    def credit(evidence):
        answers = {
            **ready_pilot().answers,
            "own_authority": AnswerIn("own_authority", True, evidence=evidence),
        }
        card = score(replace(ready_pilot(), answers=answers), RUBRIC)
        return next(
            s for s in card.criterion("own_time_authority").signals if s.ref == "own_authority"
        ).credit

    assert (
        credit("")
        < credit("Signed off in the March board notes")
        < credit("https://example.com/notes")
    )


def test_the_same_input_scores_identically_from_a_warm_or_a_cold_rubric():
    from assessments.rubric.loader import rubric_from_dict, rubric_to_dict
    from assessments.scoring.scorecard import scorecard_to_dict

    inp = claims_without_evidence(ready_pilot())
    warm = score(inp, RUBRIC)
    cold = score(inp, rubric_from_dict(rubric_to_dict(RUBRIC)))

    assert scorecard_to_dict(warm) == scorecard_to_dict(cold)


def test_the_varied_sample_pilots_are_distinct_and_reach_every_decision():
    pilots = varied_pilots()

    assert len({repr(p) for p in pilots}) == len(pilots)
    assert {score(p, RUBRIC).decision for p in pilots} == {
        "stop",
        "not_yet",
        "go_with_conditions",
        "go",
    }
