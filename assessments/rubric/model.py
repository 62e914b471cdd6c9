"""The rubric as immutable data: gaps, criteria, questions, thresholds and seed coverage.

Build one with `assessments.rubric.loader`, which validates everything before a
Rubric exists; code holding a Rubric can trust it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from assessments.scoring.checks import CheckFunction, StakesRule

GAP_IDS = ("ownership", "outcome", "integration", "oversight", "adoption")
SECTION_IDS = ("basics", *GAP_IDS, "value")
QUESTION_TYPES = ("yes_no", "choice", "number", "text")
COVERAGE_KINDS = ("failure", "fix")


@dataclass(frozen=True, slots=True)
class Seed:
    id: str
    file: str
    title: str


@dataclass(frozen=True, slots=True)
class Thresholds:
    strong_min: int
    weak_below: int
    evidence_none: float
    evidence_text: float
    evidence_link: float
    not_sure_credit: float


@dataclass(frozen=True, slots=True)
class DecisionRules:
    payback_horizon_months: float
    unmeasurable_question: str
    unmeasurable_values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Gap:
    id: str
    title: str
    weight: float
    summary: str


@dataclass(frozen=True, slots=True)
class Signal:
    """One input to a criterion: a question's answer or a named check on the records."""

    kind: str  # question|check
    ref: str
    weight: float


@dataclass(frozen=True, slots=True)
class Gate:
    check: str
    failure: str


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    gap: str
    title: str
    weight: float
    seeds: tuple[str, ...]
    signals: tuple[Signal, ...]
    gate: Gate | None
    recommendation: str
    effort: str


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str
    credit: float | None


@dataclass(frozen=True, slots=True)
class Band:
    at_least: float
    credit: float


@dataclass(frozen=True, slots=True)
class Condition:
    """When a question applies: another answer, or a field of a pilot record.

    Exactly one of `question` and `record` is set, and exactly one of `values`
    (the source is one of these) and `given` (the source is filled in).
    """

    question: str | None
    record: str | None
    values: tuple[str, ...] | None
    given: bool | None


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    section: str
    prompt: str
    help: str
    type: str
    not_sure: bool
    evidence: bool
    options: tuple[Option, ...] = ()
    bands: tuple[Band, ...] = ()
    unit: str = ""
    min: float | None = None
    max: float | None = None
    applies_if: Condition | None = None

    def option(self, value: object) -> Option | None:
        for option in self.options:
            if option.value == value:
                return option
        return None


@dataclass(frozen=True, slots=True)
class CoverageItem:
    seed: str
    kind: str
    item: str
    criteria: tuple[str, ...]


@dataclass(frozen=True)
class Rubric:
    version: str
    title: str
    seeds: tuple[Seed, ...]
    thresholds: Thresholds
    decision: DecisionRules
    stakes: StakesRule
    gaps: tuple[Gap, ...]
    checks: Mapping[str, Mapping[str, Any]]
    criteria: tuple[Criterion, ...]
    questions: tuple[Question, ...]
    coverage: tuple[CoverageItem, ...]
    # Built by the loader from `checks`; ready to call on every scorecard.
    check_functions: Mapping[str, CheckFunction] = field(
        default_factory=dict, compare=False, repr=False
    )
    questions_by_id: Mapping[str, Question] = field(init=False, compare=False, repr=False)
    criteria_by_id: Mapping[str, Criterion] = field(init=False, compare=False, repr=False)
    gaps_by_id: Mapping[str, Gap] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "checks", MappingProxyType(dict(self.checks)))
        object.__setattr__(self, "check_functions", MappingProxyType(dict(self.check_functions)))
        object.__setattr__(
            self, "questions_by_id", MappingProxyType({q.id: q for q in self.questions})
        )
        object.__setattr__(
            self, "criteria_by_id", MappingProxyType({c.id: c for c in self.criteria})
        )
        object.__setattr__(self, "gaps_by_id", MappingProxyType({g.id: g for g in self.gaps}))

    def criteria_for_gap(self, gap_id: str) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.gap == gap_id)

    def questions_for_section(self, section: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.section == section)

    @property
    def scored_question_ids(self) -> frozenset[str]:
        return frozenset(s.ref for c in self.criteria for s in c.signals if s.kind == "question")
