"""The scoring engine: one pure function from an assessment and a rubric to a scorecard.

It runs on every autosave, so everything that depends only on the rubric is worked
out once into a plan and kept with the rubric: how each answer maps to credit, the
signal results a question can produce, every result of the criteria that read answers
alone, criterion and gap shares, and the fixed reason texts. Scoring itself is a few
passes over small tuples and keeps nothing between calls, so each scorecard costs the
same whether or not its assessment has been scored before.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import mul

from assessments.rubric.loader import rubric_hash
from assessments.rubric.model import Condition, Gap, Question, Rubric, Signal, Thresholds
from assessments.scoring.advice import Advice, build_advice, in_words
from assessments.scoring.amounts import plain_amount
from assessments.scoring.checks import CheckFunction, CheckResult
from assessments.scoring.inputs import AssessmentInput
from assessments.scoring.scorecard import (
    Action,
    CriterionResult,
    GapResult,
    GateFailure,
    Reason,
    Scorecard,
    SignalResult,
    fill_amounts,
    new_action,
    new_criterion_result,
    new_gap_result,
    new_gate_failure,
    new_reason,
    new_scorecard,
    new_signal_result,
)

# Credits within this distance of 1 count as full; it absorbs float noise in weighted sums.
_FULL = 1.0 - 1e-9

# A criterion read from answers alone is worked out in advance for every combination of
# its questions' states, unless there are more combinations than this.
_MAX_OUTCOMES = 4096

# How an action ranks (see _action_row), with the action itself last.
_ActionRow = tuple[bool, float, int, Action]


@dataclass(frozen=True, slots=True)
class StopStep:
    """A step a Stop decision calls for: not a fix that raises a score, but what to do
    when the honest answer is that the pilot should not go on.

    `reason` is the kind of stop reason it answers, or None for a step every Stop takes.
    Its `id` names it in the action plan as a criterion's id names a fix.
    """

    id: str
    reason: str | None
    title: str
    recommendation: str
    effort: str


STOP_STEPS: tuple[StopStep, ...] = (
    StopStep(
        "stop_value_case",
        "stop_payback",
        "Re-examine the value case, or close the pilot",
        "Check each figure behind the payback against what the pilot actually measured: "
        "volume, minutes saved, the cost to build and to run. If no honest change (a "
        "narrower scope, a cheaper build, lower running costs) brings payback inside the "
        "horizon, close the pilot and put the effort elsewhere.",
        "half a day",
    ),
    StopStep(
        "stop_measurable_outcome",
        "stop_unmeasurable",
        "Define an outcome that can be counted, or close the pilot",
        "Name the one business number this workflow should move and the report or tally "
        "it would be read from. If no such number exists, nobody will ever be able to show "
        "that the pilot worked: close it rather than keep paying for it.",
        "half a day",
    ),
    StopStep(
        "stop_lessons",
        None,
        "Record what was learned",
        "Write a short note of what the pilot tried, what it showed, why it stops and what "
        "would have to change to try again, and share it with the people who took part, so "
        "the next idea starts from it instead of repeating it.",
        "an hour",
    ),
)
STOP_STEP_IDS = frozenset(step.id for step in STOP_STEPS)


# When a criterion's answers already give the best options and only their evidence is
# missing, its action asks for that evidence instead of repeating the recommendation,
# which would tell the team to do what they have just said is done.
EVIDENCE_TITLE_PREFIX = "Back it with evidence: "
EVIDENCE_EFFORT = "under an hour"


class _EvidenceAdvice:
    """What an action asks for when only evidence is missing, naming the answers that
    lack it. Built once per criterion; each text is kept once made, as the questions
    short of evidence come from a short fixed list."""

    def __init__(self, prompts: Mapping[str, str], thresholds: Thresholds) -> None:
        self.prompts = prompts
        self.thresholds = thresholds
        self.texts: dict[tuple[str, tuple[str, ...]], str] = {}

    def answers(self, questions: Sequence[str]) -> str:
        quoted = [f"“{self.prompts[q]}”" for q in questions if q in self.prompts]
        return f"the answer{'s' if len(quoted) > 1 else ''} to {in_words(quoted)}"

    def __call__(self, level: str, questions: tuple[str, ...]) -> str:
        text = self.texts.get((level, questions))
        if text is None:
            text = self.texts[(level, questions)] = self._text(level, questions)
        return text

    def _text(self, level: str, questions: tuple[str, ...]) -> str:
        t, answers = self.thresholds, self.answers(questions)
        they = (
            "They already give the best options"
            if len(questions) > 1
            else ("It already gives the best option")
        )
        if level == "text":
            return (
                f"{end_sentence(f'Add a link someone can open to the evidence for {answers}')} "
                f"{they} and describe{'' if len(questions) > 1 else 's'} the evidence, so only "
                f"a link to it is missing: described evidence earns {t.evidence_text:.0%} of "
                f"the credit, a link {t.evidence_link:.0%}."
            )
        return (
            f"{end_sentence(f'Add evidence to {answers}')} {they}, so only the evidence is "
            f"missing: a bare answer earns {t.evidence_none:.0%} of its credit, one with its "
            f"evidence described {t.evidence_text:.0%}, and one with a link someone can open "
            f"{t.evidence_link:.0%}."
        )


def end_sentence(text: str) -> str:
    """The text with a full stop, unless it ends on a quoted question or sentence."""
    return text if text.endswith(("?”", ".”", "!”")) else f"{text}."


# How a gap reason marks a weakest criterion whose only shortfall is evidence.
_EVIDENCE_NOTES = {"none": ", no evidence given", "text": ", evidence described but not linked"}


@dataclass(frozen=True, slots=True)
class UndescribedGate:
    """What a failed gate says when what it reads has not been filled in yet.

    The rubric's failure text describes an answer given badly; a gate that fails only
    because its records or answers are missing says what is missing instead, so nobody
    reads as fact something they never said. `check` is the gate's check, `when` the
    case in words. `{needed}` in the text stands for how many of the four monitoring
    questions the high-stakes gate asks for, in words.

    `said_by` names the stop reason that already says the same thing: when the decision
    is Stop for that reason, the gate still fails but is not given as a reason again.
    """

    id: str
    check: str
    when: str
    text: str
    said_by: str = ""


_STAKES_UNKNOWN = "How bad a wrong output would be is not known yet, so it counts as high-stakes."

UNDESCRIBED_GATES: tuple[UndescribedGate, ...] = (
    UndescribedGate(
        "no_owners",
        "accountable_owner_named",
        "no owner is recorded",
        "No owner is recorded, so nobody is named as accountable for the workflow in production.",
    ),
    UndescribedGate(
        "no_metrics",
        "outcome_baseline",
        "no success metric is recorded",
        "No success metric is recorded, so there is no baseline or target to judge the outcome by.",
        said_by="stop_unmeasurable",
    ),
    UndescribedGate(
        "no_integrations",
        "integration_path_funded",
        "no integration is recorded",
        "No system is recorded for the workflow to read from or write to, so there is no "
        "route into the live systems.",
    ),
    UndescribedGate(
        "no_oversight",
        "high_stakes_guarded",
        "no oversight plan, with the stakes answered",
        "The output is high-stakes and no oversight plan is recorded, so nobody is set to "
        "check outputs before they go out and no monitoring would catch a failure.",
    ),
    UndescribedGate(
        "no_oversight_no_stakes",
        "high_stakes_guarded",
        "no oversight plan, and the stakes not answered (or not sure)",
        f"{_STAKES_UNKNOWN} No oversight plan is recorded, so nobody is set to check "
        "outputs before they go out and no monitoring would catch a failure.",
    ),
    UndescribedGate(
        "no_stakes_review",
        "high_stakes_guarded",
        "the stakes not answered (or not sure), and an oversight plan with no person "
        "checking outputs",
        f"{_STAKES_UNKNOWN} The oversight plan does not have a person check outputs before "
        "they go out.",
    ),
    UndescribedGate(
        "no_stakes_monitoring",
        "high_stakes_guarded",
        "the stakes not answered (or not sure), and too few monitoring questions answered",
        f"{_STAKES_UNKNOWN} The oversight plan answers fewer than {{needed}} of the four "
        "monitoring questions, so a failure could go unnoticed.",
    ),
    UndescribedGate(
        "no_stakes_both",
        "high_stakes_guarded",
        "the stakes not answered (or not sure), no person checking outputs and too few "
        "monitoring questions answered",
        f"{_STAKES_UNKNOWN} The oversight plan does not have a person check outputs before "
        "they go out, and answers fewer than {needed} of the four monitoring questions.",
    ),
)

_NUMBER_WORDS = ("none", "one", "two", "three", "four")


def undescribed_gate_text(gate: UndescribedGate, rubric: Rubric) -> str:
    """A gate's text with the rubric's own figures in it."""
    guarded = rubric.checks.get("high_stakes_guarded", {})
    needed = int(guarded.get("min_monitoring_answers", 0))
    return gate.text.format(needed=_NUMBER_WORDS[needed] if 0 <= needed < 5 else needed)


def _undescribed_gate(check: str, inp: AssessmentInput, rubric: Rubric) -> str | None:
    """The id of the case of a failed gate whose inputs are not filled in; None when they are."""
    if check == "accountable_owner_named":
        return None if inp.owners else "no_owners"
    if check == "outcome_baseline":
        return None if inp.metrics else "no_metrics"
    if check == "integration_path_funded":
        return None if inp.integrations else "no_integrations"
    if check != "high_stakes_guarded":
        return None
    stakes = inp.answers.get(rubric.stakes.question)
    stakes_known = stakes is not None and not stakes.not_sure and is_given(stakes.value)
    oversight = inp.oversight
    if oversight is None:
        return "no_oversight" if stakes_known else "no_oversight_no_stakes"
    if stakes_known:
        return None
    guarded = rubric.checks.get("high_stakes_guarded", {})
    no_review = oversight.review_mode not in guarded.get("review_modes", ())
    thin = oversight.monitoring_answered_count < int(guarded.get("min_monitoring_answers", 0))
    if no_review and thin:
        return "no_stakes_both"
    return "no_stakes_monitoring" if thin else "no_stakes_review"


def is_action_id(action_id: str, rubric: Rubric) -> bool:
    """Whether an action plan can hold this action: a criterion's fix or a stop step."""
    return action_id in rubric.criteria_by_id or action_id in STOP_STEP_IDS


@dataclass(frozen=True, slots=True)
class _QuestionState:
    """One way a question can stand in a scorecard.

    A question's credit comes from a fixed list (options, bands, evidence factors), so
    every state it can reach is built with the plan; `index` is its position in the
    question's `states`, which lets each signal keep a ready result per state.
    """

    index: int
    status: str  # answered|not_sure|unanswered|skipped
    credit: float
    # "none" or "text" when the answer is the best there is and only its evidence (none,
    # or described but not linked) keeps it short of full credit; "" otherwise.
    evidence_short: str = ""


@dataclass(frozen=True, slots=True)
class _AnsweredStates:
    """The state of one valid answer: fixed, or chosen by how well its evidence backs it."""

    fixed: _QuestionState | None
    by_evidence: Mapping[str, _QuestionState]  # evidence level -> state, when not fixed


@dataclass(frozen=True, slots=True)
class _QuestionPlan:
    id: str
    condition: Condition | None
    condition_record: tuple[str, str] | None  # (record, field) of a record condition
    # The answered states a value selects, or None when the value is no usable answer.
    read: Callable[[object], _AnsweredStates | None]
    skipped: _QuestionState
    unanswered: _QuestionState
    not_sure: _QuestionState
    states: tuple[_QuestionState, ...]


@dataclass(frozen=True, slots=True)
class _SignalPlan:
    kind: str  # question|check
    ref: str
    weight: float
    # A question signal reads states[source] and takes results[state.index]; a check
    # signal reads check_results[source].
    source: int
    is_question: bool
    results: tuple[SignalResult, ...]


@dataclass(frozen=True, slots=True)
class _CriterionPlan:
    order: int  # position in the rubric; breaks ties between actions
    id: str
    gap: str
    title: str
    lowered_title: str  # as it appears inside a gap reason
    weight: float
    signals: tuple[_SignalPlan, ...]
    is_gate: bool
    gate_source: int  # index into check_results; -1 when the criterion is no gate
    gate_check: str  # the gate's check; "" when the criterion is no gate
    gate_failure_text: str
    recommendation: str
    effort: str
    # The action when only evidence is missing: its title, and its recommendation by
    # how much evidence there is ("none", "text") and which answers lack it.
    evidence_title: str
    evidence_advice: _EvidenceAdvice
    # Per signal, what to recommend when that check falls short and the records show
    # the rest done (see advice.py); None for questions and checks without advice.
    # Empty when none of its checks has advice.
    advice: tuple[Advice | None, ...]
    share_of_gap: float  # criterion weight / total criterion weight in its gap
    share_of_overall: float  # share_of_gap * gap weight / total gap weight
    # For a criterion read from answers alone: its result and action row for every
    # combination of its questions' states, at sum(state.index * stride) over
    # outcome_strides, a (question index, stride) pair per signal. None otherwise.
    outcomes: tuple[tuple[CriterionResult, _ActionRow | None], ...] | None = None
    outcome_strides: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class _GapPlan:
    gap: Gap
    members: tuple[int, ...]  # criterion indexes, in rubric order
    shares: tuple[float, ...]  # each member's share_of_gap
    # Reason texts around the gap's score, up to the list of its weakest criteria.
    score_prefix: str
    weak_suffix: str
    condition_suffix: str


@dataclass(frozen=True, slots=True)
class _Plan:
    rubric_hash: str
    questions: tuple[_QuestionPlan, ...]
    checks: tuple[CheckFunction, ...]
    criteria: tuple[_CriterionPlan, ...]
    gaps: tuple[_GapPlan, ...]
    gap_weights: tuple[float, ...]
    total_gap_weight: float
    strong_min: int
    weak_below: int
    all_strong_reason: Reason
    unmeasurable_reason: Reason
    # A failed gate's text and the stop reason that already says it, by undescribed case.
    undescribed: Mapping[str, tuple[str, str]]
    # The steps of a Stop's plan: by the reason kind they answer, and those for any Stop.
    stop_steps: Mapping[str, Action]
    every_stop_steps: tuple[Action, ...]


def _question_plan(question: Question, rubric: Rubric) -> _QuestionPlan:
    thresholds = rubric.thresholds
    factors = {
        "link": thresholds.evidence_link,
        "text": thresholds.evidence_text,
        "none": thresholds.evidence_none,
    }
    states: list[_QuestionState] = []

    def state(status: str, credit: float, evidence_short: str = "") -> _QuestionState:
        states.append(_QuestionState(len(states), status, credit, evidence_short))
        return states[-1]

    def answered(base_credit: float) -> _AnsweredStates:
        if question.evidence and base_credit > 0.0:
            best = base_credit >= _FULL
            return _AnsweredStates(
                None,
                {
                    level: state(
                        "answered",
                        base_credit * factors[level],
                        level if best and factors[level] < _FULL else "",
                    )
                    for level in factors
                },
            )
        return _AnsweredStates(state("answered", base_credit), {})

    skipped = state("skipped", 0.0)
    unanswered = state("unanswered", 0.0)
    not_sure = state("not_sure", thresholds.not_sure_credit)
    read = _answer_reader(question, answered)

    condition = question.applies_if
    condition_record = None
    if condition is not None and condition.record is not None:
        record_name, _, field_name = condition.record.partition(".")
        condition_record = (record_name, field_name)
    return _QuestionPlan(
        id=question.id,
        condition=condition,
        condition_record=condition_record,
        read=read,
        skipped=skipped,
        unanswered=unanswered,
        not_sure=not_sure,
        states=tuple(states),
    )


def _answer_reader(
    question: Question, answered: Callable[[float], _AnsweredStates]
) -> Callable[[object], _AnsweredStates | None]:
    """How an answer's value selects its credit, for this question's type.

    A value that is missing, blank, of the wrong type, not an option or out of range is
    no usable answer; the question then counts as unanswered.
    """
    if question.type == "yes_no":
        by_answer = {True: answered(1.0), False: answered(0.0)}

        def read_yes_no(value: object) -> _AnsweredStates | None:
            # Only real booleans: 1 and 0 are not yes and no.
            return by_answer[value] if isinstance(value, bool) else None

        return read_yes_no

    if question.type == "choice":
        by_option = {o.value: answered(o.credit or 0.0) for o in question.options}

        def read_choice(value: object) -> _AnsweredStates | None:
            if isinstance(value, str) and value.strip():
                return by_option.get(value)
            return None

        return read_choice

    if question.type == "number":
        # Credit comes from the last band whose at_least the value reaches.
        band_floors = tuple(band.at_least for band in question.bands)
        by_band = {-1: answered(0.0)}
        for index, band in enumerate(question.bands):
            by_band[index] = answered(band.credit)
        minimum, maximum = question.min, question.max

        def read_number(value: object) -> _AnsweredStates | None:
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
            ):
                return None
            if not (
                (minimum is None or value >= minimum) and (maximum is None or value <= maximum)
            ):
                return None
            reached = -1
            for index, floor in enumerate(band_floors):
                if value >= floor:
                    reached = index
            return by_band[reached]

        return read_number

    written = answered(0.0)

    def read_text(value: object) -> _AnsweredStates | None:
        return written if isinstance(value, str) and value.strip() else None

    return read_text


def _stop_action(step: StopStep, reason: Reason | None) -> Action:
    return Action(
        criterion_id=step.id,
        gap=reason.gap if reason is not None and reason.gap else "outcome",
        title=step.title,
        recommendation=step.recommendation,
        effort=step.effort,
        gain=0.0,
        gap_gain=0.0,
        fixes_gate=False,
        questions=reason.questions if reason is not None else (),
        records=reason.records if reason is not None else (),
        kind="stop",
        condition=False,
    )


def _build_plan(rubric: Rubric) -> _Plan:
    thresholds = rubric.thresholds
    questions = tuple(_question_plan(q, rubric) for q in rubric.questions)
    question_index = {q.id: i for i, q in enumerate(questions)}
    check_names = tuple(rubric.check_functions)
    check_index = {name: i for i, name in enumerate(check_names)}

    gap_weights = tuple(gap.weight for gap in rubric.gaps)
    total_gap_weight = sum(gap_weights)
    gap_index = {gap.id: i for i, gap in enumerate(rubric.gaps)}
    weight_in_gap = {
        gap.id: sum(c.weight for c in rubric.criteria_for_gap(gap.id)) for gap in rubric.gaps
    }

    def signal_plan(kind: str, ref: str, weight: float) -> _SignalPlan:
        if kind != "question":
            return _SignalPlan(kind, ref, weight, check_index[ref], False, ())
        question = questions[question_index[ref]]
        results = tuple(
            SignalResult(kind, ref, weight, s.status, s.credit, (ref,), ()) for s in question.states
        )
        return _SignalPlan(kind, ref, weight, question_index[ref], True, results)

    criteria = []
    for order, criterion in enumerate(rubric.criteria):
        share = criterion.weight / weight_in_gap[criterion.gap]
        gap_weight = gap_weights[gap_index[criterion.gap]]
        criteria.append(
            _CriterionPlan(
                order=order,
                id=criterion.id,
                gap=criterion.gap,
                title=criterion.title,
                lowered_title=criterion.title.lower(),
                weight=criterion.weight,
                signals=tuple(signal_plan(s.kind, s.ref, s.weight) for s in criterion.signals),
                is_gate=criterion.gate is not None,
                gate_source=check_index[criterion.gate.check] if criterion.gate else -1,
                gate_check=criterion.gate.check if criterion.gate else "",
                gate_failure_text=criterion.gate.failure if criterion.gate else "",
                recommendation=criterion.recommendation,
                effort=criterion.effort,
                evidence_title=f"{EVIDENCE_TITLE_PREFIX}{criterion.title.lower()}",
                evidence_advice=_EvidenceAdvice(
                    {
                        s.ref: rubric.questions_by_id[s.ref].prompt
                        for s in criterion.signals
                        if s.kind == "question"
                    },
                    thresholds,
                ),
                advice=_signal_advice(criterion.signals, rubric),
                share_of_gap=share,
                share_of_overall=share * gap_weight / total_gap_weight,
            )
        )
    criteria = [_with_outcomes(criterion, questions) for criterion in criteria]

    gaps = []
    for gap in rubric.gaps:
        members = tuple(i for i, c in enumerate(criteria) if c.gap == gap.id)
        gaps.append(
            _GapPlan(
                gap=gap,
                members=members,
                shares=tuple(criteria[i].share_of_gap for i in members),
                score_prefix=f"{gap.title} scores ",
                weak_suffix=f", below {thresholds.weak_below}. Weakest: ",
                condition_suffix=(
                    f", short of the {thresholds.strong_min} that counts as strong; its most "
                    "valuable fix is a condition of going live. Weakest: "
                ),
            )
        )

    unmeasurable_reason = Reason(
        "stop_unmeasurable",
        "The result this pilot should change cannot be counted, and no outcome metric says "
        "how it would be measured, so its success could never be shown.",
        "outcome",
        None,
        (rubric.decision.unmeasurable_question,),
        ("metrics",),
        "",
        (),
    )
    # The payback reason's text carries figures, but its gap and sources are fixed.
    reason_sources = {
        "stop_payback": Reason("stop_payback", "", "outcome", None, (), ("value_case",), "", ()),
        "stop_unmeasurable": unmeasurable_reason,
    }
    return _Plan(
        rubric_hash=rubric_hash(rubric),
        questions=questions,
        checks=tuple(rubric.check_functions[name] for name in check_names),
        criteria=tuple(criteria),
        gaps=tuple(gaps),
        gap_weights=gap_weights,
        total_gap_weight=total_gap_weight,
        strong_min=thresholds.strong_min,
        weak_below=thresholds.weak_below,
        all_strong_reason=Reason(
            "all_strong",
            f"No gate failed and every gap scores at least {thresholds.strong_min}.",
            None,
            None,
            (),
            (),
            "",
            (),
        ),
        unmeasurable_reason=unmeasurable_reason,
        undescribed={
            gate.id: (undescribed_gate_text(gate, rubric), gate.said_by)
            for gate in UNDESCRIBED_GATES
        },
        stop_steps={
            step.reason: _stop_action(step, reason_sources[step.reason])
            for step in STOP_STEPS
            if step.reason is not None
        },
        every_stop_steps=tuple(_stop_action(s, None) for s in STOP_STEPS if s.reason is None),
    )


def _signal_advice(signals: Iterable[Signal], rubric: Rubric) -> tuple[Advice | None, ...]:
    advice = tuple(
        build_advice(s.ref, rubric.checks.get(s.ref, {})) if s.kind == "check" else None
        for s in signals
    )
    return advice if any(advice) else ()


def _with_outcomes(
    criterion: _CriterionPlan, questions: tuple[_QuestionPlan, ...]
) -> _CriterionPlan:
    """Work out every result of a criterion that reads answers only.

    Such a criterion depends on nothing but its questions' states, and each question
    has a short fixed list of those, so its results can all be built once, by the same
    code that scores the rest.
    """
    if criterion.is_gate or not all(signal.is_question for signal in criterion.signals):
        return criterion
    sources = [signal.source for signal in criterion.signals]
    state_lists = [questions[source].states for source in sources]
    sizes = [len(states) for states in state_lists]
    if math.prod(sizes) > _MAX_OUTCOMES:
        return criterion
    # itertools.product varies the last signal fastest: mixed-radix positions.
    strides = [math.prod(sizes[position + 1 :]) for position in range(len(sizes))]
    outcomes = []
    for combination in itertools.product(*state_lists):
        states_by_source = dict(zip(sources, combination, strict=True))
        result = _criterion_result(criterion, states_by_source, [])
        outcomes.append((result, _action_row(criterion, result)))
    return replace(
        criterion,
        outcomes=tuple(outcomes),
        outcome_strides=tuple(zip(sources, strides, strict=True)),
    )


def _plan_for(rubric: Rubric) -> _Plan:
    # Kept on the rubric itself: a Rubric is immutable, so its plan never goes stale.
    plan = rubric.__dict__.get("_scoring_plan")
    if plan is None:
        plan = _build_plan(rubric)
        object.__setattr__(rubric, "_scoring_plan", plan)
    return plan


def _round_score(credit: float) -> int:
    # Half-up rounding keeps scores monotone in credit (banker's rounding would too,
    # but surprises readers at .5).
    return int(credit * 100.0 + 0.5)


def is_given(value: object) -> bool:
    """An answer or field that says something: not None and not blank text."""
    if value is None:
        return False
    return not (isinstance(value, str) and not value.strip())


def _holds(condition: Condition, record_path: tuple[str, str] | None, inp: AssessmentInput) -> bool:
    """Unknown sources (no answer, "not sure", no record) never make a question apply."""
    if condition.question is not None:
        answer = inp.answers.get(condition.question)
        if answer is None or answer.not_sure:
            return False
        value: object = answer.value
    else:
        assert record_path is not None
        record_name, field_name = record_path
        record = getattr(inp, record_name, None)
        if record is None:
            return False
        value = getattr(record, field_name)
    if condition.given:
        return is_given(value)
    return condition.values is not None and value in condition.values


def condition_holds(condition: Condition, inp: AssessmentInput) -> bool:
    """Whether a question's `applies_if` holds: the rule the engine scores with, for pages."""
    record_name, _, field_name = (condition.record or "").partition(".")
    return _holds(condition, (record_name, field_name) if condition.record else None, inp)


def _condition_holds(question: _QuestionPlan, inp: AssessmentInput) -> bool:
    # The plan split the record path once per rubric, keeping this hot path lean.
    assert question.condition is not None
    return _holds(question.condition, question.condition_record, inp)


def evidence_level(evidence: str) -> str:
    """none, text ("documented") or link ("in place and checked")."""
    text = evidence.strip()
    if not text:
        return "none"
    lowered = text.lower()
    if "http://" in lowered or "https://" in lowered:
        return "link"
    return "text"


_NEVER_PAYS_BACK = (
    "The value case never pays back: the monthly saving of {saving} does not exceed the "
    "monthly running cost of {run_cost}."
)


def _payback_reason(inp: AssessmentInput, months: float, horizon: float) -> Reason:
    """Why the value case stops the pilot. The amounts it quotes are kept by name, for
    the pages to write in the client's currency; its text writes them bare, by the
    same rule as the value case."""
    value_case = inp.value_case
    assert value_case is not None
    if math.isinf(months):
        template = _NEVER_PAYS_BACK
        amounts = (
            ("saving", value_case.monthly_saving or 0.0),
            ("run_cost", value_case.monthly_run_cost or 0.0),
        )
        text = fill_amounts(template, amounts, plain_amount)
    else:
        template, amounts = "", ()
        text = (
            f"The value case needs {months:.1f} months to pay back, beyond the "
            f"{horizon:g}-month horizon."
        )
    return new_reason("stop_payback", text, "outcome", None, (), ("value_case",), template, amounts)


def score(inp: AssessmentInput, rubric: Rubric) -> Scorecard:
    """Score one assessment against a rubric. Pure: no database, no I/O, no clock."""
    plan = _plan_for(rubric)
    answers = inp.answers

    question_states: list[_QuestionState] = []
    unanswered: list[str] = []
    not_sure: list[str] = []
    for question in plan.questions:
        if question.condition is not None and not _condition_holds(question, inp):
            question_states.append(question.skipped)
            continue
        answer = answers.get(question.id)
        if answer is None:
            state = question.unanswered
        elif answer.not_sure:
            state = question.not_sure
        else:
            answered = question.read(answer.value)
            if answered is None:
                state = question.unanswered
            elif answered.fixed is not None:
                state = answered.fixed
            else:
                state = answered.by_evidence[evidence_level(answer.evidence)]
        question_states.append(state)
        if state is question.unanswered:
            unanswered.append(question.id)
        elif state is question.not_sure:
            not_sure.append(question.id)

    check_results = [check(inp) for check in plan.checks]

    failed_gates: list[GateFailure] = []
    gates_said_by: list[str] = []  # per failed gate: the stop reason that says it already
    criterion_results: list[CriterionResult] = []
    action_rows: list[_ActionRow] = []
    for criterion in plan.criteria:
        if criterion.outcomes is not None:
            outcome = 0
            for source, stride in criterion.outcome_strides:
                outcome += question_states[source].index * stride
            result, action_row = criterion.outcomes[outcome]
        else:
            result = _criterion_result(criterion, question_states, check_results)
            action_row = _action_row(criterion, result)
            # Advice is for records short of the mark: no record lost points, none to give.
            if action_row is not None and result.records and criterion.advice:
                action_row = _advised(criterion, result, action_row, inp, question_states)
        if action_row is not None:
            action_rows.append(action_row)
        if result.gate_failed:
            _, gate_records, gate_questions = check_results[criterion.gate_source]
            case = _undescribed_gate(criterion.gate_check, inp, rubric)
            text, said_by = plan.undescribed[case] if case else (criterion.gate_failure_text, "")
            failed_gates.append(
                new_gate_failure(criterion.id, criterion.gap, text, gate_questions, gate_records)
            )
            gates_said_by.append(said_by)
        criterion_results.append(result)

    gaps = [_gap_result(gap, criterion_results, plan) for gap in plan.gaps]

    overall_credit = (
        sum(w * g.credit for w, g in zip(plan.gap_weights, gaps, strict=True))
        / plan.total_gap_weight
    )
    weakest = min(gaps, key=lambda g: g.score)  # min keeps the first on ties: rubric order

    # Gate fixes first (each one alone blocks Go), then the largest overall gain.
    action_rows.sort()
    actions = tuple([row[3] for row in action_rows])

    reasons: list[Reason] = []
    payback_months = inp.value_case.payback_months if inp.value_case is not None else None
    horizon = rubric.decision.payback_horizon_months
    if payback_months is not None and payback_months > horizon:
        reasons.append(_payback_reason(inp, payback_months, horizon))
    if _outcome_unmeasurable(inp, rubric):
        reasons.append(plan.unmeasurable_reason)
    stop = bool(reasons)
    set_aside: tuple[Action, ...] = ()
    if stop:
        actions, set_aside = _stop_plan(plan, reasons, actions)
    stop_kinds = {reason.kind for reason in reasons}
    for gate, said_by in zip(failed_gates, gates_said_by, strict=True):
        if said_by in stop_kinds:
            # The gate still fails, but the Stop has said why already: no second reason.
            continue
        reasons.append(
            new_reason(
                "gate_failed",
                gate.text,
                gate.gap,
                gate.criterion_id,
                gate.questions,
                gate.records,
                "",
                (),
            )
        )
    weak_gaps = False
    for gap_plan, gap in zip(plan.gaps, gaps, strict=True):
        if gap.band == "weak":
            weak_gaps = True
            reasons.append(_gap_reason("weak_gap", gap_plan, gap, plan))

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
        conditions, actions = _conditions_first(actions, gaps)
        for gap_plan, gap in zip(plan.gaps, gaps, strict=True):
            if gap.band != "strong":
                reasons.append(_gap_reason("condition", gap_plan, gap, plan))
    if decision == "go":
        reasons.append(plan.all_strong_reason)
    conflict = _measurability_conflict(inp, rubric)
    if conflict is not None:
        reasons.append(conflict)

    return new_scorecard(
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
        set_aside=set_aside,
    )


def _conditions_first(
    actions: tuple[Action, ...], gaps: Sequence[GapResult]
) -> tuple[tuple[Action, ...], tuple[Action, ...]]:
    """The conditions of going live, and the plan with them first.

    Each gap short of strong gives one condition: its most valuable fix, the first of its
    actions in rank order. They lead the plan marked as conditions, from the weakest gap
    up as the reasons are read (ties in rubric order); the other fixes follow in their
    own order.
    """
    first_of_gap: dict[str, Action] = {}
    for action in actions:
        first_of_gap.setdefault(action.gap, action)
    short = sorted((gap for gap in gaps if gap.band != "strong"), key=lambda gap: gap.score)
    chosen = [first_of_gap[gap.id] for gap in short]
    conditions = tuple(replace(action, condition=True) for action in chosen)
    chosen_ids = {action.criterion_id for action in chosen}
    rest = tuple(action for action in actions if action.criterion_id not in chosen_ids)
    return conditions, conditions + rest


def _stop_plan(
    plan: _Plan, stop_reasons: Sequence[Reason], fixes: tuple[Action, ...]
) -> tuple[tuple[Action, ...], tuple[Action, ...]]:
    """A Stop's plan, and the fixes it leaves out.

    The plan is what the stop reasons call for, then the steps every Stop takes: each
    one an action with no points, since a Stop rules production out. The fixes set
    aside come in two groups. First those that matter only on the way to production, in
    rank order. Then those that work on what a stop reason traces to (the value case,
    the outcome question, the metrics): the step answering that reason already asks for
    them, so listing them again in the plan would repeat it.
    """
    questions = {q for reason in stop_reasons for q in reason.questions}
    records = {r for reason in stop_reasons for r in reason.records}
    production, covered = [], []
    for fix in fixes:
        traced = not questions.isdisjoint(fix.questions) or not records.isdisjoint(fix.records)
        (covered if traced else production).append(fix)
    steps = [plan.stop_steps[reason.kind] for reason in stop_reasons]
    return (*steps, *plan.every_stop_steps), (*production, *covered)


def _outcome_unmeasurable(inp: AssessmentInput, rubric: Rubric) -> bool:
    """Stop when the respondent says the outcome cannot be counted and no record disagrees."""
    answer = inp.answers.get(rubric.decision.unmeasurable_question)
    if answer is None or answer.not_sure or answer.value not in rubric.decision.unmeasurable_values:
        return False
    return not any(m.kind == "outcome" and m.measurement.strip() for m in inp.metrics)


def _measurability_conflict(inp: AssessmentInput, rubric: Rubric) -> Reason | None:
    """A note when the answer says the outcome cannot be counted but a metric counts it.

    One of the two is wrong, and only the team can say which; the note changes nothing
    in the decision.
    """
    question = rubric.decision.unmeasurable_question
    answer = inp.answers.get(question)
    if answer is None or answer.not_sure or answer.value not in rubric.decision.unmeasurable_values:
        return None
    for index, metric in enumerate(inp.metrics):
        if metric.kind != "outcome":
            continue
        if metric.baseline is not None:
            shows = "has a baseline"
        elif metric.measurement.strip():
            shows = "says how it is measured"
        else:
            continue
        return new_reason(
            "conflict",
            f"The answers say the outcome cannot be counted, but the outcome metric "
            f"“{metric.name}” {shows}. Check one of them: if the metric is real, change the "
            "answer; if it is not, correct the metric.",
            "outcome",
            question,
            (question,),
            (f"metrics[{index}]",),
            "",
            (),
        )
    return None


def _gap_reason(kind: str, gap_plan: _GapPlan, gap: GapResult, plan: _Plan) -> Reason:
    members = [
        (plan.criteria[index], result)
        for index, result in zip(gap_plan.members, gap.criteria, strict=True)
        if result.credit < _FULL
    ]
    worst = sorted(members, key=lambda member: member[1].credit)[:2]
    worst_titles = "; ".join(
        [
            f"{criterion.lowered_title} ({result.score}"
            f"{_EVIDENCE_NOTES.get(result.short_of_evidence, '')})"
            for criterion, result in worst
        ]
    )
    suffix = gap_plan.weak_suffix if kind == "weak_gap" else gap_plan.condition_suffix
    return new_reason(
        kind,
        f"{gap_plan.score_prefix}{gap.score}{suffix}{worst_titles}.",
        gap.id,
        worst[0][1].id if worst else None,
        _merge([result.questions for _, result in members]),
        _merge([result.records for _, result in members]),
        "",
        (),
    )


def _merge(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """The items of several tuples, each once, in order of first appearance."""
    seen: dict[str, None] = {}
    for group in groups:
        for item in group:
            seen[item] = None
    return tuple(seen)


def _action_row(criterion: _CriterionPlan, result: CriterionResult) -> _ActionRow | None:
    """The action that would fix a criterion, with its sort key; None when it has full credit.

    Rows sort gate fixes first, then by the largest overall gain, then in rubric order;
    the order is unique, so a comparison never reaches the action itself.
    """
    if result.credit >= _FULL:
        return None
    missing = 1.0 - result.credit
    gain = criterion.share_of_overall * missing * 100.0
    if result.short_of_evidence:
        # The answers already say it is done: ask for the proof, not for the work again.
        title = criterion.evidence_title
        recommendation = criterion.evidence_advice(result.short_of_evidence, result.questions)
        effort = EVIDENCE_EFFORT
    else:
        title, recommendation, effort = result.title, criterion.recommendation, criterion.effort
    # Positional arguments in field order: keywords make this call twice as slow.
    action = new_action(
        result.id,
        result.gap,
        title,
        recommendation,
        effort,
        round(gain, 1),  # gain
        round(criterion.share_of_gap * missing * 100.0, 1),  # gap_gain
        result.gate_failed,  # fixes_gate
        result.questions,
        result.records,
        "fix",  # kind
        False,  # condition: decided once the decision is known
    )
    return (not result.gate_failed, -gain, criterion.order, action)


def _advised(
    criterion: _CriterionPlan,
    result: CriterionResult,
    row: _ActionRow,
    inp: AssessmentInput,
    question_states: Sequence[_QuestionState],
) -> _ActionRow:
    """The row with a recommendation that names only what is short, when it can.

    That is when every short check has advice for how it fell short, and every short
    answer lacks only its evidence; otherwise the rubric's recommendation stands.
    """
    # Look at every short signal before asking any advice: most criteria that fall
    # short have an answer short of more than evidence, and keep the rubric's text.
    short_checks: list[Advice] = []
    evidence: list[str] = []
    for signal, signal_result, advice in zip(
        criterion.signals, result.signals, criterion.advice, strict=True
    ):
        if signal_result.credit >= _FULL or signal_result.status == "skipped":
            continue
        if signal.is_question:
            if not question_states[signal.source].evidence_short:
                return row
            evidence.append(signal.ref)
        elif advice is None:
            return row
        else:
            short_checks.append(advice)
    parts: list[str] = []
    for advice in short_checks:
        text = advice(inp)
        if text is None:
            return row
        parts.append(text)
    if not parts:
        return row
    if evidence:
        parts.append(
            end_sentence(f"Then add evidence to {criterion.evidence_advice.answers(evidence)}")
        )
    a = row[3]
    # Positional arguments in field order, as in _action_row: this runs on every autosave.
    action = new_action(
        a.criterion_id,
        a.gap,
        a.title,
        " ".join(parts),
        a.effort,
        a.gain,
        a.gap_gain,
        a.fixes_gate,
        a.questions,
        a.records,
        a.kind,
        a.condition,
    )
    return (row[0], row[1], row[2], action)


def _criterion_result(
    criterion: _CriterionPlan,
    question_states: Sequence[_QuestionState] | Mapping[int, _QuestionState],
    check_results: Sequence[CheckResult],
) -> CriterionResult:
    signals = []
    weighted = 0.0
    total_weight = 0.0
    lost_questions: list[str] = []
    lost_records: list[str] = []
    # Whether every point it lost is for want of evidence behind a best answer, and how
    # much evidence those answers have: none beats text, as the one more to add.
    only_evidence = True
    evidence_short = ""
    for signal in criterion.signals:
        if signal.is_question:
            state = question_states[signal.source]
            signals.append(signal.results[state.index])
            if state.status == "skipped":
                continue
            credit = state.credit
            weighted += signal.weight * credit
            total_weight += signal.weight
            if credit < _FULL:
                lost_questions.append(signal.ref)
                if not state.evidence_short:
                    only_evidence = False
                elif evidence_short != "none":
                    evidence_short = state.evidence_short
        else:
            credit, records, questions = check_results[signal.source]
            signals.append(
                new_signal_result(
                    signal.kind, signal.ref, signal.weight, "record", credit, questions, records
                )
            )
            weighted += signal.weight * credit
            total_weight += signal.weight
            if credit < _FULL:
                only_evidence = False
                lost_questions.extend(questions)
                lost_records.extend(records)
    credit = weighted / total_weight if total_weight else 0.0
    gate_failed = criterion.is_gate and check_results[criterion.gate_source][0] < _FULL
    # Positional arguments in field order: keywords make this call twice as slow.
    return new_criterion_result(
        criterion.id,
        criterion.gap,
        criterion.title,
        criterion.weight,
        _round_score(credit),  # score
        credit,
        criterion.is_gate,
        gate_failed,
        tuple(signals),
        _distinct(lost_questions),  # questions
        _distinct(lost_records),  # records
        evidence_short if only_evidence else "",  # short_of_evidence
    )


def _distinct(items: list[str]) -> tuple[str, ...]:
    """The items, each once, in order of first appearance."""
    # Most criteria lose points on one source or none; skip the dict for those.
    return tuple(items) if len(items) < 2 else tuple(dict.fromkeys(items))


def _gap_result(gap_plan: _GapPlan, results: list[CriterionResult], plan: _Plan) -> GapResult:
    gap = gap_plan.gap
    members = tuple([results[i] for i in gap_plan.members])
    credit = min(sum(map(mul, gap_plan.shares, [c.credit for c in members])), 1.0)
    gap_score = _round_score(credit)
    band = (
        "strong"
        if gap_score >= plan.strong_min
        else "weak"
        if gap_score < plan.weak_below
        else "moderate"
    )
    return new_gap_result(gap.id, gap.title, gap.weight, gap_score, credit, band, members)
