"""Example assessments: a well-prepared pilot and ways of spoiling it.

The tests, the benchmark and the documentation examples all start from these, so
"a well-prepared pilot" means the same thing everywhere.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from assessments.scoring.inputs import (
    AnswerIn,
    AnswerValue,
    AssessmentInput,
    ChangePlanIn,
    IntegrationIn,
    MetricIn,
    OversightIn,
    OwnerIn,
    PilotIn,
    ValueCaseIn,
)

EVIDENCE_LINK = "https://wiki.example.com/lead-reply-pilot"

# Best answer to every question of rubric v1, each backed by a link.
READY_ANSWERS: dict[str, AnswerValue] = {
    "basic_built_by": "own_team",
    "basic_if_it_works": "Sales adopts it for all inbound leads; the CRM connection goes live.",
    "own_named_when": "before",
    "own_authority": True,
    "own_duties": "rehearsed",
    "out_pain": "counted",
    "out_scope": "held",
    "out_measurable": "in_system",
    "out_criteria_agreed": "before_written",
    "int_end_to_end": "end_to_end",
    "int_test_data": "raw_kept",
    "int_process_written": "used",
    "int_flow_mapped": True,
    "int_production_estimate": "funded",
    "int_it_involved": True,
    "ov_stakes": "high",
    "ov_threshold_policy": "reviewed",
    "ov_test_cases": 400,
    "ov_edge_cases": "tested",
    "ov_error_handling": True,
    "ov_audit_log": "used",
    "ov_monitoring_live": "routine",
    "ov_expand_rule": "written",
    "ado_users_tested": True,
    "ado_sponsor_active": True,
    "ado_fits_tools": "shaped",
    "ado_training_done": "delivered",
    "ado_rollout_budget": True,
    "val_cost_complete": "itemised",
    "val_saving_measured": "measured",
}

_CONTEXT_QUESTIONS = frozenset({"basic_built_by", "basic_if_it_works", "ov_stakes"})


def answers_from(
    values: dict[str, AnswerValue], evidence: str = EVIDENCE_LINK
) -> dict[str, AnswerIn]:
    return {
        question_id: AnswerIn(
            question_id, value, evidence="" if question_id in _CONTEXT_QUESTIONS else evidence
        )
        for question_id, value in values.items()
    }


def ready_pilot() -> AssessmentInput:
    """A pilot that has done its homework: every gap strong, every gate passed."""
    return AssessmentInput(
        pilot=PilotIn(
            name="Inbound lead reply",
            workflow="Qualify each inbound web lead and draft the first reply in the CRM",
            problem="Leads wait half a day for a first reply and some are never answered",
            weekly_volume=120,
            stage="candidate",
            prototype_effort_days=6.0,
        ),
        owners=(
            OwnerIn(
                name="Dana Ortiz",
                email="dana@example.com",
                role="Head of sales operations",
                accountable=True,
                hours_per_week=5.0,
                in_using_team=True,
            ),
            OwnerIn(
                name="Sam Lee",
                email="sam@example.com",
                role="Founder",
                accountable=False,
                hours_per_week=1.0,
                in_using_team=False,
            ),
        ),
        metrics=(
            MetricIn(
                name="Median time to first reply",
                kind="outcome",
                unit="minutes",
                baseline=720.0,
                target=15.0,
                direction="decrease",
                measurement="CRM report of first-reply timestamps, reviewed every Monday",
                deadline=date(2026, 6, 30),
                go_threshold=60.0,
            ),
            MetricIn(
                name="Drafts generated",
                kind="output",
                unit="drafts",
                baseline=None,
                target=None,
                direction="increase",
                measurement="",
                deadline=None,
                go_threshold=None,
            ),
        ),
        integrations=(
            IntegrationIn(
                system="CRM", access="read_write", status="live", budgeted=True, effort_days=4.0
            ),
            IntegrationIn(
                system="Email", access="write", status="live", budgeted=True, effort_days=2.0
            ),
        ),
        oversight=OversightIn(
            review_mode="confidence",
            confidence_threshold=0.85,
            sample_percent=None,
            monitor_runs="Run log with a daily count of leads handled",
            monitor_actions="Every draft and CRM update is stored with the lead",
            monitor_quality="Weekly review of 20 random replies against a checklist",
            alert_recipient="Dana Ortiz by email and chat",
            escalation_path="Unclear leads go to the sales lead within two hours",
            exception_handling="Unreadable or duplicate leads are parked in a review queue",
        ),
        change_plan=ChangePlanIn(
            teams_affected="Sales",
            involvement="co_designing",
            sponsor_name="Priya Shah",
            training_plan="Two short workshops and a one-page guide",
            rollout_phases="One rep for two weeks, then the whole team",
            rollout_commitment="committed",
        ),
        value_case=ValueCaseIn(
            items_per_month=520.0,
            minutes_saved_per_item=6.0,
            hourly_cost=40.0,
            build_cost=9000.0,
            monthly_run_cost=250.0,
        ),
        answers=answers_from(READY_ANSWERS),
    )


def claims_without_evidence(inp: AssessmentInput) -> AssessmentInput:
    """The same answers with every piece of evidence removed: claims only."""
    stripped = {qid: replace(answer, evidence="") for qid, answer in inp.answers.items()}
    return replace(inp, answers=stripped)


def with_answers(inp: AssessmentInput, **values: AnswerValue) -> AssessmentInput:
    answers = dict(inp.answers)
    for question_id, value in values.items():
        answers[question_id] = AnswerIn(question_id, value, evidence=EVIDENCE_LINK)
    return replace(inp, answers=answers)


def without_answers(inp: AssessmentInput, *question_ids: str) -> AssessmentInput:
    return replace(inp, answers={q: a for q, a in inp.answers.items() if q not in question_ids})


def never_pays_back_pilot() -> AssessmentInput:
    """A pilot whose running cost eats the whole saving: the value case never pays back."""
    ready = ready_pilot()
    return replace(
        ready,
        value_case=ValueCaseIn(
            items_per_month=40.0,
            minutes_saved_per_item=3.0,
            hourly_cost=30.0,
            build_cost=15000.0,
            monthly_run_cost=400.0,
        ),
    )


def _spoiled_records(ready: AssessmentInput) -> list[dict[str, object]]:
    """Ways the ready pilot's records can fall short, each enough to move a gap or more."""
    owners, metrics, integrations = ready.owners, ready.metrics, ready.integrations
    oversight, change_plan = ready.oversight, ready.change_plan
    assert oversight is not None and change_plan is not None
    return [
        {"owners": tuple(replace(o, accountable=False) for o in owners)},
        {"owners": (replace(owners[0], email="", hours_per_week=1.0), owners[1])},
        {"owners": tuple(replace(o, accountable=True) for o in owners)},
        {"metrics": (metrics[1],)},
        {"metrics": (replace(metrics[0], baseline=None, go_threshold=None), metrics[1])},
        {"integrations": (replace(integrations[0], status="extract", budgeted=False),)},
        {
            "integrations": tuple(
                replace(i, status="sandbox", effort_days=None) for i in integrations
            )
        },
        {"oversight": None},
        {"oversight": replace(oversight, review_mode="autonomous", monitor_quality="")},
        {"change_plan": None},
        {"change_plan": replace(change_plan, involvement="informed", training_plan="")},
        {"value_case": never_pays_back_pilot().value_case},
        {"value_case": None},
        {"pilot": replace(ready.pilot, weekly_volume=None)},
    ]


def varied_pilots(count: int = 64, seed: int = 1) -> list[AssessmentInput]:
    """Distinct assessments spread over every decision, for benchmarks and smoke tests.

    Each starts from the ready pilot and, at random but reproducibly, leaves questions
    unanswered or "not sure", turns yes into no, weakens or drops evidence, and spoils a
    record or two, so that consecutive assessments share little.
    """
    rng = random.Random(seed)
    ready = ready_pilot()
    spoilers = _spoiled_records(ready)
    evidence_options = (EVIDENCE_LINK, EVIDENCE_LINK, "see the notes", "")
    pilots = []
    for _ in range(count):
        answers: dict[str, AnswerIn] = {}
        for question_id, answer in ready.answers.items():
            # 10% unanswered, 5% "not sure", 10% of the yes answers turned to no.
            roll = rng.random()
            if roll < 0.1:
                continue
            if roll < 0.15:
                answers[question_id] = AnswerIn(question_id, None, not_sure=True)
            elif roll < 0.25 and answer.value is True:
                answers[question_id] = replace(answer, value=False)
            elif answer.evidence:
                answers[question_id] = replace(answer, evidence=rng.choice(evidence_options))
            else:
                answers[question_id] = answer
        changes: dict[str, object] = {"answers": answers}
        for spoiler in rng.sample(spoilers, rng.choice((0, 0, 1, 1, 2))):
            changes.update(spoiler)
        pilots.append(replace(ready, **changes))  # type: ignore[arg-type]
    return pilots
