"""The scoring engine: one pure function from an assessment and a rubric to a scorecard.

It runs on every autosave, so everything that depends only on the rubric is worked
out once into a plan and kept with the rubric; scoring itself is a few passes over
small tuples.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from assessments.rubric.loader import rubric_hash
from assessments.rubric.model import Condition, Criterion, Question, Rubric
from assessments.scoring.checks import CheckFunction, CheckResult
from assessments.scoring.inputs import AnswerIn, AssessmentInput
from assessments.scoring.scorecard import (
    Action,
    CriterionResult,
    GapResult,
    GateFailure,
    Reason,
    Scorecard,
    SignalResult,
)

# Credits within this distance of 1 count as full; it absorbs float noise in weighted sums.
_FULL = 1.0 - 1e-9


@dataclass(frozen=True, slots=True)
class _QuestionPlan:
    id: str
    type: str
    condition: Condition | None
    credits: Mapping[object, float] | None  # choice and yes/no
    bands: tuple[tuple[float, float], ...]  # number
    minimum: float | None
    maximum: float | None
    evidence: bool
    option_values: frozenset[str]


@dataclass(frozen=True, slots=True)
class _CriterionPlan:
    criterion: Criterion
    gap_index: int
    share_of_gap: float  # criterion weight / total criterion weight in its gap
    share_of_overall: float  # share_of_gap * gap weight / total gap weight
    signals: tuple[tuple[str, str, float], ...]  # (kind, ref, weight)
    signal_refs: tuple[tuple[bool, str], ...]  # (is it a question, ref)
    gate_check: str | None


class _ResultCache:
    """Shares equal result objects between scorecards.

    Results are immutable, and an autosave usually changes one answer, so nearly every
    criterion comes out exactly as last time. Reusing the earlier object is much
    cheaper than building a frozen dataclass again. Some tables are keyed by the ids of
    cached results; each such entry's value keeps those results alive, so an id cannot
    be reused by another object while its entry exists.
    """

    limit = 50_000

    def __init__(self) -> None:
        self.answers: dict[tuple[object, ...], tuple[str, float]] = {}
        self.signals: dict[tuple[object, ...], SignalResult] = {}
        self.criteria: dict[tuple[object, ...], tuple[CriterionResult, GateFailure | None]] = {}
        self.actions: dict[int, tuple[CriterionResult, float, Action]] = {}
        self.gaps: dict[tuple[object, ...], GapResult] = {}
        self.rankings: dict[
            tuple[int, ...], tuple[tuple[CriterionResult, ...], tuple[Action, ...]]
        ] = {}
        self.gap_reasons: dict[tuple[str, int], tuple[GapResult, Reason]] = {}

    def trim(self) -> None:
        if len(self.answers) + len(self.signals) + len(self.criteria) > self.limit:
            self.answers.clear()
            self.signals.clear()
            self.criteria.clear()
            self.actions.clear()
            self.gaps.clear()
            self.rankings.clear()
            self.gap_reasons.clear()


@dataclass(frozen=True, slots=True)
class _Plan:
    rubric_hash: str
    questions: tuple[_QuestionPlan, ...]
    checks: tuple[tuple[str, CheckFunction], ...]
    criteria: tuple[_CriterionPlan, ...]
    gap_weights: tuple[float, ...]
    total_gap_weight: float
    gap_members: tuple[tuple[int, ...], ...]  # criterion indexes per gap, in rubric order
    cache: _ResultCache


def _question_plan(question: Question) -> _QuestionPlan:
    credits: dict[object, float] | None = None
    if question.type == "yes_no":
        credits = {True: 1.0, False: 0.0}
    elif question.type == "choice":
        credits = {o.value: (o.credit or 0.0) for o in question.options}
    return _QuestionPlan(
        id=question.id,
        type=question.type,
        condition=question.applies_if,
        credits=credits,
        bands=tuple((b.at_least, b.credit) for b in question.bands),
        minimum=question.min,
        maximum=question.max,
        evidence=question.evidence,
        option_values=frozenset(o.value for o in question.options),
    )


def _build_plan(rubric: Rubric) -> _Plan:
    gap_index = {gap.id: i for i, gap in enumerate(rubric.gaps)}
    gap_weights = tuple(gap.weight for gap in rubric.gaps)
    total_gap_weight = sum(gap_weights)
    weight_in_gap = {
        gap.id: sum(c.weight for c in rubric.criteria_for_gap(gap.id)) for gap in rubric.gaps
    }
    criteria = []
    for criterion in rubric.criteria:
        share = criterion.weight / weight_in_gap[criterion.gap]
        index = gap_index[criterion.gap]
        criteria.append(
            _CriterionPlan(
                criterion=criterion,
                gap_index=index,
                share_of_gap=share,
                share_of_overall=share * gap_weights[index] / total_gap_weight,
                signals=tuple((s.kind, s.ref, s.weight) for s in criterion.signals),
                signal_refs=tuple((s.kind == "question", s.ref) for s in criterion.signals),
                gate_check=criterion.gate.check if criterion.gate is not None else None,
            )
        )
    return _Plan(
        rubric_hash=rubric_hash(rubric),
        questions=tuple(_question_plan(q) for q in rubric.questions),
        checks=tuple(rubric.check_functions.items()),
        criteria=tuple(criteria),
        gap_weights=gap_weights,
        total_gap_weight=total_gap_weight,
        gap_members=tuple(
            tuple(i for i, c in enumerate(criteria) if c.gap_index == g)
            for g in range(len(rubric.gaps))
        ),
        cache=_ResultCache(),
    )


def _plan_for(rubric: Rubric) -> _Plan:
    # Cached on the rubric itself: a Rubric is immutable, so its plan never goes stale.
    plan = rubric.__dict__.get("_scoring_plan")
    if plan is None:
        plan = _build_plan(rubric)
        object.__setattr__(rubric, "_scoring_plan", plan)
    return plan


def _round_score(credit: float) -> int:
    # Half-up rounding keeps scores monotone in credit (banker's rounding would too,
    # but surprises readers at .5).
    return int(credit * 100.0 + 0.5)


def _is_given(value: object) -> bool:
    if value is None:
        return False
    return not (isinstance(value, str) and not value.strip())


def _condition_holds(condition: Condition, inp: AssessmentInput) -> bool:
    """Unknown sources (no answer, "not sure", no record) never make a question apply."""
    if condition.question is not None:
        answer = inp.answers.get(condition.question)
        if answer is None or answer.not_sure:
            return False
        value: object = answer.value
    else:
        assert condition.record is not None
        record_name, _, field_name = condition.record.partition(".")
        record = getattr(inp, record_name)
        if record is None:
            return False
        value = getattr(record, field_name)
    if condition.given:
        return _is_given(value)
    return condition.values is not None and value in condition.values


def _valid_value(plan: _QuestionPlan, value: object) -> bool:
    if plan.type == "yes_no":
        return isinstance(value, bool)
    if plan.type == "choice":
        return isinstance(value, str) and value in plan.option_values
    if plan.type == "number":
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            return False
        return (plan.minimum is None or value >= plan.minimum) and (
            plan.maximum is None or value <= plan.maximum
        )
    return isinstance(value, str) and bool(value.strip())


def evidence_level(evidence: str) -> str:
    """none, text ("documented") or link ("in place and checked")."""
    text = evidence.strip()
    if not text:
        return "none"
    lowered = text.lower()
    if "http://" in lowered or "https://" in lowered:
        return "link"
    return "text"


def _base_credit(plan: _QuestionPlan, value: object) -> float:
    if plan.credits is not None:
        return plan.credits.get(value, 0.0)
    if plan.type == "number":
        credit = 0.0
        for at_least, band_credit in plan.bands:
            if value >= at_least:  # type: ignore[operator]
                credit = band_credit
        return credit
    return 0.0


_SKIPPED = ("skipped", 0.0)
_UNANSWERED = ("unanswered", 0.0)


def _answer_state(plan: _QuestionPlan, answer: AnswerIn, rubric: Rubric) -> tuple[str, float]:
    if answer.not_sure:
        return "not_sure", rubric.thresholds.not_sure_credit
    if not _is_given(answer.value) or not _valid_value(plan, answer.value):
        return _UNANSWERED
    credit = _base_credit(plan, answer.value)
    if plan.evidence and credit > 0.0:
        thresholds = rubric.thresholds
        level = evidence_level(answer.evidence)
        factor = (
            thresholds.evidence_link
            if level == "link"
            else thresholds.evidence_text
            if level == "text"
            else thresholds.evidence_none
        )
        credit *= factor
    return "answered", credit


def _merge(*groups: tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for item in group:
            seen[item] = None
    return tuple(seen)


def _describe_payback(inp: AssessmentInput, months: float, horizon: float) -> str:
    value_case = inp.value_case
    assert value_case is not None
    if math.isinf(months):
        saving = value_case.monthly_saving or 0.0
        return (
            f"The value case never pays back: the monthly saving of {saving:,.0f} does not "
            f"exceed the monthly running cost of {value_case.monthly_run_cost or 0.0:,.0f}."
        )
    return (
        f"The value case needs {months:.1f} months to pay back, beyond the "
        f"{horizon:g}-month horizon."
    )


def score(inp: AssessmentInput, rubric: Rubric) -> Scorecard:
    """Score one assessment against a rubric. Pure: no database, no I/O, no clock."""
    plan = _plan_for(rubric)
    thresholds = rubric.thresholds
    answers = inp.answers

    cache = plan.cache
    cache.trim()
    answer_cache = cache.answers
    question_states: dict[str, tuple[str, float]] = {}
    unanswered: list[str] = []
    not_sure: list[str] = []
    for question in plan.questions:
        if question.condition is not None and not _condition_holds(question.condition, inp):
            question_states[question.id] = _SKIPPED
            continue
        answer = answers.get(question.id)
        if answer is None:
            state = _UNANSWERED
        else:
            # type() is in the key because True == 1 would otherwise share an entry.
            value = answer.value
            key = (question.id, type(value), value, answer.not_sure, answer.evidence)
            state = answer_cache.get(key)
            if state is None:
                state = _answer_state(question, answer, rubric)
                answer_cache[key] = state
        question_states[question.id] = state
        if state[0] == "unanswered":
            unanswered.append(question.id)
        elif state[0] == "not_sure":
            not_sure.append(question.id)

    check_results: dict[str, CheckResult] = {name: check(inp) for name, check in plan.checks}

    failed_gates: list[GateFailure] = []
    criterion_results: list[CriterionResult] = []
    for criterion_index, criterion_plan in enumerate(plan.criteria):
        gate_result = None
        if criterion_plan.gate_check is not None:
            gate_result = check_results[criterion_plan.gate_check]
        # A criterion is a pure function of its signals' states and its gate's result.
        key = (
            criterion_index,
            gate_result,
            *[
                question_states[ref] if is_question else check_results[ref]
                for is_question, ref in criterion_plan.signal_refs
            ],
        )
        cached = cache.criteria.get(key)
        if cached is None:
            cached = _criterion_result(
                criterion_plan, question_states, check_results, gate_result, cache
            )
            cache.criteria[key] = cached
        result, gate_failure = cached
        if gate_failure is not None:
            failed_gates.append(gate_failure)
        criterion_results.append(result)

    gaps: list[GapResult] = []
    for gap_index, member_indexes in enumerate(plan.gap_members):
        members = tuple(criterion_results[i] for i in member_indexes)
        key = (gap_index, *map(id, members))
        gap_result = cache.gaps.get(key)
        if gap_result is None:
            gap_result = _gap_result(gap_index, members, plan, rubric)
            cache.gaps[key] = gap_result
        gaps.append(gap_result)

    overall_credit = (
        sum(w * g.credit for w, g in zip(plan.gap_weights, gaps, strict=True))
        / plan.total_gap_weight
    )
    weakest = min(gaps, key=lambda g: g.score)  # min keeps the first on ties: rubric order

    actions = _rank_actions(plan, criterion_results)

    reasons: list[Reason] = []
    payback_months = inp.value_case.payback_months if inp.value_case is not None else None
    horizon = rubric.decision.payback_horizon_months
    if payback_months is not None and payback_months > horizon:
        reasons.append(
            Reason(
                "stop_payback",
                _describe_payback(inp, payback_months, horizon),
                "outcome",
                None,
                (),
                ("value_case",),
            )
        )
    if _outcome_unmeasurable(inp, rubric):
        reasons.append(
            Reason(
                "stop_unmeasurable",
                "The result this pilot should change cannot be counted, and no outcome metric says "
                "how it would be measured, so its success could never be shown.",
                "outcome",
                None,
                (rubric.decision.unmeasurable_question,),
                ("metrics",),
            )
        )
    stop = bool(reasons)
    for gate in failed_gates:
        reasons.append(
            Reason(
                "gate_failed", gate.text, gate.gap, gate.criterion_id, gate.questions, gate.records
            )
        )
    weak_gaps = [g for g in gaps if g.band == "weak"]
    for gap in weak_gaps:
        reasons.append(_gap_reason("weak_gap", gap, rubric, cache))

    if stop:
        decision = "stop"
    elif failed_gates or weak_gaps:
        decision = "not_yet"
    elif any(g.band != "strong" for g in gaps):
        decision = "go_with_conditions"
    else:
        decision = "go"

    conditions: tuple[Action, ...] = ()
    if decision == "go_with_conditions":
        conditions = tuple(
            next(a for a in actions if a.gap == gap.id) for gap in gaps if gap.band != "strong"
        )
        for gap in gaps:
            if gap.band != "strong":
                reasons.append(_gap_reason("condition", gap, rubric, cache))
    if decision == "go":
        reasons.append(
            Reason(
                "all_strong",
                f"No gate failed and every gap scores at least {thresholds.strong_min}.",
                None,
                None,
                (),
                (),
            )
        )

    return Scorecard(
        rubric_version=rubric.version,
        rubric_hash=plan.rubric_hash,
        gaps=tuple(gaps),
        overall=_round_score(overall_credit),
        weakest_gap=weakest.id,
        weakest_score=weakest.score,
        failed_gates=tuple(failed_gates),
        decision=decision,
        reasons=tuple(reasons),
        actions=actions,
        conditions=conditions,
        unanswered=tuple(unanswered),
        not_sure=tuple(not_sure),
        payback_months=payback_months,
    )


def _outcome_unmeasurable(inp: AssessmentInput, rubric: Rubric) -> bool:
    """Stop when the respondent says the outcome cannot be counted and no record disagrees."""
    answer = inp.answers.get(rubric.decision.unmeasurable_question)
    if answer is None or answer.not_sure or answer.value not in rubric.decision.unmeasurable_values:
        return False
    return not any(m.kind == "outcome" and m.measurement.strip() for m in inp.metrics)


def _gap_reason(kind: str, gap: GapResult, rubric: Rubric, cache: _ResultCache) -> Reason:
    key = (kind, id(gap))
    cached = cache.gap_reasons.get(key)
    if cached is None:
        cached = (gap, _describe_gap(kind, gap, rubric))
        cache.gap_reasons[key] = cached
    return cached[1]


def _describe_gap(kind: str, gap: GapResult, rubric: Rubric) -> Reason:
    thresholds = rubric.thresholds
    lacking = [c for c in gap.criteria if c.credit < _FULL]
    worst = sorted(lacking, key=lambda c: c.credit)[:2]
    worst_titles = "; ".join(f"{c.title.lower()} ({c.score})" for c in worst)
    if kind == "weak_gap":
        text = (
            f"{gap.title} scores {gap.score}, below {thresholds.weak_below}. "
            f"Weakest: {worst_titles}."
        )
    else:
        text = (
            f"{gap.title} scores {gap.score}, short of the {thresholds.strong_min} that counts as "
            f"strong; its most valuable fix is a condition of going live. Weakest: {worst_titles}."
        )
    return Reason(
        kind,
        text,
        gap.id,
        worst[0].id if worst else None,
        _merge(*(c.questions for c in lacking)),
        _merge(*(c.records for c in lacking)),
    )


def _rank_actions(plan: _Plan, results: list[CriterionResult]) -> tuple[Action, ...]:
    """Gate fixes first (each one alone blocks Go), then the largest overall gain."""
    key = tuple(map(id, results))
    cached_ranking = plan.cache.rankings.get(key)
    if cached_ranking is None:
        cached_ranking = (tuple(results), _ranked_actions(plan, results))
        plan.cache.rankings[key] = cached_ranking
    return cached_ranking[1]


def _ranked_actions(plan: _Plan, results: list[CriterionResult]) -> tuple[Action, ...]:
    ranked = []
    actions = plan.cache.actions
    for order, (criterion_plan, result) in enumerate(zip(plan.criteria, results, strict=True)):
        if result.credit >= _FULL:
            continue
        cached = actions.get(id(result))
        if cached is None:
            cached = (result, *_action(criterion_plan, result))
            actions[id(result)] = cached
        _, gain, action = cached
        ranked.append((not result.gate_failed, -gain, order, action))
    ranked.sort(key=lambda row: row[:3])
    return tuple(row[3] for row in ranked)


def _action(criterion_plan: _CriterionPlan, result: CriterionResult) -> tuple[float, Action]:
    missing = 1.0 - result.credit
    gain = criterion_plan.share_of_overall * missing * 100.0
    action = Action(
        criterion_id=result.id,
        gap=result.gap,
        title=result.title,
        recommendation=criterion_plan.criterion.recommendation,
        effort=criterion_plan.criterion.effort,
        gain=round(gain, 1),
        gap_gain=round(criterion_plan.share_of_gap * missing * 100.0, 1),
        fixes_gate=result.gate_failed,
        questions=result.questions,
        records=result.records,
    )
    return gain, action


def _criterion_result(
    criterion_plan: _CriterionPlan,
    question_states: Mapping[str, tuple[str, float]],
    check_results: Mapping[str, CheckResult],
    gate_result: CheckResult | None,
    cache: _ResultCache,
) -> tuple[CriterionResult, GateFailure | None]:
    criterion = criterion_plan.criterion
    signals = []
    weighted = 0.0
    total_weight = 0.0
    lost_questions: list[str] = []
    lost_records: list[str] = []
    for kind, ref, weight in criterion_plan.signals:
        if kind == "question":
            status, credit = question_states[ref]
            questions: tuple[str, ...] = (ref,)
            records: tuple[str, ...] = ()
        else:
            credit, records, questions = check_results[ref]
            status = "record"
        signal_key = (criterion.id, ref, status, credit, questions, records)
        signal = cache.signals.get(signal_key)
        if signal is None:
            signal = SignalResult(kind, ref, weight, status, credit, questions, records)
            cache.signals[signal_key] = signal
        signals.append(signal)
        if status == "skipped":
            continue
        weighted += weight * credit
        total_weight += weight
        if credit < _FULL:
            lost_questions.extend(questions)
            lost_records.extend(records)
    credit = weighted / total_weight if total_weight else 0.0
    gate_failure = None
    if criterion.gate is not None and gate_result is not None and gate_result[0] < _FULL:
        gate_failure = GateFailure(
            criterion.id, criterion.gap, criterion.gate.failure, gate_result[2], gate_result[1]
        )
    result = CriterionResult(
        id=criterion.id,
        gap=criterion.gap,
        title=criterion.title,
        weight=criterion.weight,
        score=_round_score(credit),
        credit=credit,
        is_gate=criterion.gate is not None,
        gate_failed=gate_failure is not None,
        signals=tuple(signals),
        questions=_merge(tuple(lost_questions)),
        records=_merge(tuple(lost_records)),
    )
    return result, gate_failure


def _gap_result(
    gap_index: int, members: tuple[CriterionResult, ...], plan: _Plan, rubric: Rubric
) -> GapResult:
    gap = rubric.gaps[gap_index]
    shares = [plan.criteria[i].share_of_gap for i in plan.gap_members[gap_index]]
    credit = min(sum(share * c.credit for share, c in zip(shares, members, strict=True)), 1.0)
    gap_score = _round_score(credit)
    thresholds = rubric.thresholds
    band = (
        "strong"
        if gap_score >= thresholds.strong_min
        else "weak"
        if gap_score < thresholds.weak_below
        else "moderate"
    )
    return GapResult(gap.id, gap.title, gap.weight, gap_score, credit, band, members)
