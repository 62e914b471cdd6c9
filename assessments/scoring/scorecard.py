"""What the engine returns: a scorecard of frozen dataclasses, and its JSON form."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields, make_dataclass
from typing import Any

# Worst to best; "never worsens the decision" is measured along this order.
DECISIONS = ("stop", "not_yet", "go_with_conditions", "go")
DECISION_LABELS = {
    "stop": "Stop",
    "not_yet": "Not yet",
    "go_with_conditions": "Go with conditions",
    "go": "Go",
}
BANDS = ("weak", "moderate", "strong")

# What lists say of an assessment with nothing answered yet: the engine still decides
# on empty answers, but that decision says nothing about the pilot.
NOT_ANSWERED = "Not answered yet"


def standing_label(decision: str | None, progress_percent: int) -> str:
    """The decision as lists show it, or NOT_ANSWERED before any progress."""
    if not progress_percent:
        return NOT_ANSWERED
    return DECISION_LABELS.get(decision or "", "")


# Reason kinds, in the order a reader should meet them.
REASON_KINDS = (
    "stop_payback",
    "stop_unmeasurable",
    "gate_failed",
    "weak_gap",
    "condition",
    "all_strong",
    # Not a cause of the decision: answers and records that contradict each other.
    "conflict",
)


@dataclass(frozen=True, slots=True)
class SignalResult:
    kind: str  # question|check
    ref: str
    weight: float
    # answered|not_sure|unanswered|skipped for questions; "record" for checks
    status: str
    credit: float  # 0..1; meaningless when skipped
    questions: tuple[str, ...]
    records: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CriterionResult:
    id: str
    gap: str
    title: str
    weight: float
    score: int  # 0..100
    credit: float  # 0..1, unrounded
    is_gate: bool
    gate_failed: bool
    signals: tuple[SignalResult, ...]
    # The answers and records that cost this criterion points.
    questions: tuple[str, ...]
    records: tuple[str, ...]
    # "none" when its answers already give the best options and only evidence is
    # missing; "text" when that evidence is described but not linked; "" otherwise.
    short_of_evidence: str


@dataclass(frozen=True, slots=True)
class GapResult:
    id: str
    title: str
    weight: float
    score: int  # 0..100
    credit: float  # 0..1, unrounded
    band: str  # weak|moderate|strong
    criteria: tuple[CriterionResult, ...]


@dataclass(frozen=True, slots=True)
class GateFailure:
    criterion_id: str
    gap: str
    text: str
    questions: tuple[str, ...]
    records: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reason:
    kind: str  # one of REASON_KINDS
    text: str  # with any amounts written bare: "the monthly saving of 64.50"
    gap: str | None
    criterion_id: str | None
    questions: tuple[str, ...]
    records: tuple[str, ...]
    # For a reason that quotes amounts, its text with each amount as a named field
    # ("the monthly saving of {saving}") and the amounts by name, so that a page can
    # write them in the client's currency; "" and () for a reason without amounts.
    template: str
    amounts: tuple[tuple[str, float], ...]

    def written(self, write_amount: Callable[[float], str]) -> str:
        """The text with each amount written by `write_amount`, such as "€64.50"."""
        if not self.amounts:
            return self.text
        return fill_amounts(self.template, self.amounts, write_amount)


def fill_amounts(
    template: str, amounts: tuple[tuple[str, float], ...], write_amount: Callable[[float], str]
) -> str:
    """A reason's template with its named amounts written in."""
    return template.format_map({name: write_amount(amount) for name, amount in amounts})


@dataclass(frozen=True, slots=True)
class Action:
    criterion_id: str
    gap: str
    title: str
    recommendation: str
    effort: str
    gain: float  # overall points gained by fixing the criterion fully, one decimal
    gap_gain: float  # points gained in its own gap, one decimal
    fixes_gate: bool
    questions: tuple[str, ...]
    records: tuple[str, ...]
    # "fix" raises a criterion's score; "stop" is a step a Stop decision calls for, with
    # no score of its own (gain 0). Either way `criterion_id` is the action's identity.
    kind: str
    # On Go with conditions: this fix is a condition of going live, the most valuable
    # fix of a gap short of strong. Conditions lead the plan.
    condition: bool


@dataclass(frozen=True, slots=True)
class Scorecard:
    rubric_version: str
    rubric_hash: str
    gaps: tuple[GapResult, ...]
    overall: int  # weighted mean of the gaps, 0..100
    weakest_gap: str
    weakest_score: int
    failed_gates: tuple[GateFailure, ...]
    decision: str  # one of DECISIONS
    reasons: tuple[Reason, ...]
    actions: tuple[Action, ...]  # the plan, ranked, most valuable first
    # Only for go_with_conditions: one per gap short of strong, from the weakest gap up
    # as `reasons_by_severity` lists them (ties in rubric order), the same actions that
    # lead `actions` marked as conditions.
    conditions: tuple[Action, ...]
    unanswered: tuple[str, ...]  # applicable questions with no usable answer
    not_sure: tuple[str, ...]
    payback_months: float | None  # math.inf when it never pays back
    # On Stop, the fixes left out of the plan: those that matter only on the way to
    # production, then those a stop step already covers.
    set_aside: tuple[Action, ...]

    @property
    def decision_label(self) -> str:
        return DECISION_LABELS[self.decision]

    def reasons_by_severity(self) -> list[Reason]:
        """The decision's reasons, most severe first, as the results page and the report
        both list them: what stops the pilot and the failed gates, then the gaps from the
        weakest up. Ties keep the rubric's order."""
        gap_scores = {gap.id: gap.score for gap in self.gaps}

        def severity(reason: Reason) -> tuple[int, int]:
            kinds = len(REASON_KINDS)
            rank = REASON_KINDS.index(reason.kind) if reason.kind in REASON_KINDS else kinds
            if reason.kind in ("weak_gap", "condition"):
                return rank, gap_scores.get(reason.gap or "", 100)
            return rank, 0

        return sorted(self.reasons, key=severity)

    def gap(self, gap_id: str) -> GapResult:
        for gap in self.gaps:
            if gap.id == gap_id:
                return gap
        raise KeyError(gap_id)

    def criterion(self, criterion_id: str) -> CriterionResult:
        for gap in self.gaps:
            for criterion in gap.criteria:
                if criterion.id == criterion_id:
                    return criterion
        raise KeyError(criterion_id)


def _quick_constructor[Frozen](cls: type[Frozen]) -> Callable[..., Frozen]:
    """A constructor for a frozen slots dataclass, about four times faster than cls().

    A frozen dataclass's own __init__ must get past its read-only guard, so it stores
    every field through object.__setattr__. The engine builds some fifty results per
    scorecard, and that was its largest single cost. This builds a plain slots twin
    with the same fields (ordinary attribute stores), whose __post_init__ then makes it
    an instance of cls; Python allows that because both classes have the same slots.
    The object is exactly what cls(...) returns: same type, equality, hash and repr, and
    just as read-only.
    """
    if hasattr(cls, "__post_init__") or any(
        f.default is not MISSING or f.default_factory is not MISSING for f in fields(cls)
    ):
        raise TypeError(f"{cls.__name__} needs its own __init__: it has defaults or checks")

    def become_frozen(self: object) -> None:
        self.__class__ = cls

    twin = make_dataclass(
        f"_{cls.__name__}Twin",
        [(f.name, f.type) for f in fields(cls)],
        namespace={"__post_init__": become_frozen},
        slots=True,
        repr=False,
        eq=False,
        match_args=False,
    )
    return twin


# The engine's constructors; they take the same arguments as the classes.
new_signal_result = _quick_constructor(SignalResult)
new_criterion_result = _quick_constructor(CriterionResult)
new_gap_result = _quick_constructor(GapResult)
new_gate_failure = _quick_constructor(GateFailure)
new_reason = _quick_constructor(Reason)
new_action = _quick_constructor(Action)
new_scorecard = _quick_constructor(Scorecard)


def payback_to_json(months: float | None) -> float | str | None:
    """JSON has no infinity: a value case that never pays back is written "never"."""
    if months is None:
        return None
    if math.isinf(months):
        return "never"
    return round(months, 1)


def _sources(questions: tuple[str, ...], records: tuple[str, ...]) -> dict[str, list[str]]:
    return {"questions": list(questions), "records": list(records)}


def scorecard_to_dict(card: Scorecard) -> dict[str, Any]:
    """The scorecard as plain JSON-ready data."""
    return {
        "rubric_version": card.rubric_version,
        "rubric_hash": card.rubric_hash,
        "decision": card.decision,
        "decision_label": card.decision_label,
        "overall": card.overall,
        "weakest_gap": {"gap": card.weakest_gap, "score": card.weakest_score},
        "gaps": [
            {
                "id": gap.id,
                "title": gap.title,
                "weight": gap.weight,
                "score": gap.score,
                "band": gap.band,
                "criteria": [
                    {
                        "id": c.id,
                        "title": c.title,
                        "weight": c.weight,
                        "score": c.score,
                        "is_gate": c.is_gate,
                        "gate_failed": c.gate_failed,
                        "signals": [
                            {
                                "kind": s.kind,
                                "ref": s.ref,
                                "weight": s.weight,
                                "status": s.status,
                                "credit": round(s.credit, 3),
                            }
                            for s in c.signals
                        ],
                        **_sources(c.questions, c.records),
                        "short_of_evidence": c.short_of_evidence,
                    }
                    for c in gap.criteria
                ],
            }
            for gap in card.gaps
        ],
        "failed_gates": [
            {
                "criterion": g.criterion_id,
                "gap": g.gap,
                "text": g.text,
                **_sources(g.questions, g.records),
            }
            for g in card.failed_gates
        ],
        "reasons": [
            {
                "kind": r.kind,
                "text": r.text,
                "gap": r.gap,
                "criterion": r.criterion_id,
                **_sources(r.questions, r.records),
                "template": r.template,
                "amounts": dict(r.amounts),
            }
            for r in card.reasons
        ],
        "actions": [_action_to_dict(a) for a in card.actions],
        "conditions": [_action_to_dict(a) for a in card.conditions],
        "unanswered": list(card.unanswered),
        "not_sure": list(card.not_sure),
        "payback_months": payback_to_json(card.payback_months),
        "set_aside": [_action_to_dict(a) for a in card.set_aside],
    }


def _action_to_dict(action: Action) -> dict[str, Any]:
    return {
        "criterion": action.criterion_id,
        "gap": action.gap,
        "title": action.title,
        "recommendation": action.recommendation,
        "effort": action.effort,
        "gain": action.gain,
        "gap_gain": action.gap_gain,
        "fixes_gate": action.fixes_gate,
        "kind": action.kind,
        "condition": action.condition,
        **_sources(action.questions, action.records),
    }


def scorecard_from_dict(data: Mapping[str, Any]) -> Scorecard:
    """A scorecard read back from its JSON form, as a final assessment stored it.

    The JSON form keeps what pages and reports show, not the engine's working: the
    unrounded credits and payback come back rounded as stored, and a signal's own
    questions and records come back empty. Fields added since a scorecard was stored
    come back as their "nothing to say" value.
    """
    return Scorecard(
        rubric_version=data["rubric_version"],
        rubric_hash=data["rubric_hash"],
        gaps=tuple(_gap_from_dict(gap) for gap in data["gaps"]),
        overall=data["overall"],
        weakest_gap=data["weakest_gap"]["gap"],
        weakest_score=data["weakest_gap"]["score"],
        failed_gates=tuple(
            GateFailure(
                criterion_id=g["criterion"],
                gap=g["gap"],
                text=g["text"],
                **_sources_from_dict(g),
            )
            for g in data["failed_gates"]
        ),
        decision=data["decision"],
        reasons=tuple(
            Reason(
                kind=r["kind"],
                text=r["text"],
                gap=r["gap"],
                criterion_id=r["criterion"],
                **_sources_from_dict(r),
                # Scorecards stored before reasons kept their amounts by name have none.
                template=r.get("template", ""),
                amounts=tuple((name, float(value)) for name, value in r.get("amounts", {}).items()),
            )
            for r in data["reasons"]
        ),
        actions=tuple(_action_from_dict(a) for a in data["actions"]),
        conditions=tuple(_action_from_dict(a) for a in data.get("conditions", ())),
        unanswered=tuple(data["unanswered"]),
        not_sure=tuple(data["not_sure"]),
        payback_months=_payback_from_json(data["payback_months"]),
        set_aside=tuple(_action_from_dict(a) for a in data.get("set_aside", ())),
    )


def _payback_from_json(months: float | str | None) -> float | None:
    return math.inf if months == "never" else months


def _sources_from_dict(data: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    return {"questions": tuple(data["questions"]), "records": tuple(data["records"])}


def _gap_from_dict(gap: Mapping[str, Any]) -> GapResult:
    return GapResult(
        id=gap["id"],
        title=gap["title"],
        weight=gap["weight"],
        score=gap["score"],
        credit=gap["score"] / 100,
        band=gap["band"],
        criteria=tuple(
            CriterionResult(
                id=c["id"],
                gap=gap["id"],
                title=c["title"],
                weight=c["weight"],
                score=c["score"],
                credit=c["score"] / 100,
                is_gate=c["is_gate"],
                gate_failed=c["gate_failed"],
                signals=tuple(
                    SignalResult(
                        kind=s["kind"],
                        ref=s["ref"],
                        weight=s["weight"],
                        status=s["status"],
                        credit=s["credit"],
                        questions=(),
                        records=(),
                    )
                    for s in c["signals"]
                ),
                **_sources_from_dict(c),
                short_of_evidence=c.get("short_of_evidence", ""),
            )
            for c in gap["criteria"]
        ),
    )


def _action_from_dict(action: Mapping[str, Any]) -> Action:
    return Action(
        criterion_id=action["criterion"],
        gap=action["gap"],
        title=action["title"],
        recommendation=action["recommendation"],
        effort=action["effort"],
        gain=action["gain"],
        gap_gain=action["gap_gain"],
        fixes_gate=action["fixes_gate"],
        **_sources_from_dict(action),
        kind=action.get("kind", "fix"),
        condition=action.get("condition", False),
    )
