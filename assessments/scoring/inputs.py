"""The scoring engine's input contract.

These dataclasses mirror the assessment's database records field for field, so the
ORM layer, the JSON interchange and the tests can all hand the engine the same shape.
They hold plain values only; nothing here touches Django.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

PILOT_STAGES = ("idea", "pilot", "candidate", "production", "stopped")
METRIC_KINDS = ("outcome", "output")
METRIC_DIRECTIONS = ("increase", "decrease")
INTEGRATION_ACCESS = ("read", "write", "read_write")
# Ordered from furthest to nearest to production; the engine relies on this order.
INTEGRATION_STATUSES = ("none", "extract", "sandbox", "live")
# Ordered from most to least human control.
REVIEW_MODES = ("all", "confidence", "sampled", "autonomous")
# No review mode chosen yet: scored as no review described, never as any of the above.
REVIEW_MODE_UNSET = ""
# Ordered from least to most involvement of the people whose work changes.
INVOLVEMENT_LEVELS = ("informed", "consulted", "involved", "co_designing")
ROLLOUT_COMMITMENTS = ("no", "undecided", "conditional", "committed")
# No involvement or commitment chosen yet: scored as nothing stated, below every choice.
CHANGE_PLAN_UNSET = ""

AnswerValue = bool | int | float | str | None

# A value case whose monthly saving never exceeds its running cost cannot pay back;
# infinity keeps "never" comparable with any finite horizon.
NEVER_PAYS_BACK = math.inf


def _require_choice(field_name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{field_name} must be one of {', '.join(allowed)}; got {value!r}")


@dataclass(frozen=True, slots=True)
class PilotIn:
    name: str
    workflow: str
    problem: str
    weekly_volume: int | None
    stage: str  # idea|pilot|candidate|production|stopped
    prototype_effort_days: float | None

    def __post_init__(self) -> None:
        _require_choice("stage", self.stage, PILOT_STAGES)


@dataclass(frozen=True, slots=True)
class OwnerIn:
    name: str
    email: str
    role: str
    accountable: bool
    hours_per_week: float | None
    in_using_team: bool


@dataclass(frozen=True, slots=True)
class MetricIn:
    name: str
    kind: str  # outcome|output
    unit: str
    baseline: float | None
    target: float | None
    direction: str  # increase|decrease
    measurement: str  # how and where it is measured
    deadline: date | None
    go_threshold: float | None

    def __post_init__(self) -> None:
        _require_choice("kind", self.kind, METRIC_KINDS)
        _require_choice("direction", self.direction, METRIC_DIRECTIONS)


@dataclass(frozen=True, slots=True)
class IntegrationIn:
    system: str
    access: str  # read|write|read_write
    status: str  # none|extract|sandbox|live
    budgeted: bool
    effort_days: float | None

    def __post_init__(self) -> None:
        _require_choice("access", self.access, INTEGRATION_ACCESS)
        _require_choice("status", self.status, INTEGRATION_STATUSES)


@dataclass(frozen=True, slots=True)
class OversightIn:
    review_mode: str  # all|confidence|sampled|autonomous, or "" when not chosen yet
    confidence_threshold: float | None  # 0..1, only meaningful for review_mode "confidence"
    sample_percent: float | None  # 0..100, only meaningful for review_mode "sampled"
    # The four monitoring questions; an empty string means "not answered".
    monitor_runs: str  # did it run?
    monitor_actions: str  # what did it do?
    monitor_quality: str  # was the output any good?
    alert_recipient: str  # who is alerted when it fails?
    escalation_path: str
    exception_handling: str

    def __post_init__(self) -> None:
        _require_choice("review_mode", self.review_mode, (*REVIEW_MODES, REVIEW_MODE_UNSET))

    @property
    def monitoring_answers(self) -> tuple[str, str, str, str]:
        return (self.monitor_runs, self.monitor_actions, self.monitor_quality, self.alert_recipient)

    @property
    def monitoring_answered_count(self) -> int:
        return sum(1 for answer in self.monitoring_answers if answer.strip())


@dataclass(frozen=True, slots=True)
class ChangePlanIn:
    teams_affected: str
    involvement: str  # informed|consulted|involved|co_designing, or "" when not chosen yet
    sponsor_name: str
    training_plan: str
    rollout_phases: str
    rollout_commitment: str  # no|undecided|conditional|committed, or "" when not chosen yet

    def __post_init__(self) -> None:
        _require_choice("involvement", self.involvement, (*INVOLVEMENT_LEVELS, CHANGE_PLAN_UNSET))
        _require_choice(
            "rollout_commitment",
            self.rollout_commitment,
            (*ROLLOUT_COMMITMENTS, CHANGE_PLAN_UNSET),
        )


@dataclass(frozen=True, slots=True)
class ValueCaseIn:
    items_per_month: float | None
    minutes_saved_per_item: float | None
    hourly_cost: float | None
    build_cost: float | None
    monthly_run_cost: float | None

    @property
    def monthly_saving(self) -> float | None:
        """Gross labour saving per month, or None while any of its inputs is missing."""
        items, minutes, rate = self.items_per_month, self.minutes_saved_per_item, self.hourly_cost
        if items is None or minutes is None or rate is None:
            return None
        return items * minutes / 60.0 * rate

    @property
    def payback_months(self) -> float | None:
        """Months until the build cost is recovered by the net monthly saving.

        None when an input is missing; NEVER_PAYS_BACK (infinity) when the monthly
        saving does not exceed the monthly running cost.
        """
        saving = self.monthly_saving
        if saving is None or self.build_cost is None or self.monthly_run_cost is None:
            return None
        net_saving = saving - self.monthly_run_cost
        if net_saving <= 0:
            return NEVER_PAYS_BACK
        return max(self.build_cost, 0.0) / net_saving


@dataclass(frozen=True, slots=True)
class AnswerIn:
    question_id: str
    value: AnswerValue
    not_sure: bool = False
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class AssessmentInput:
    pilot: PilotIn
    owners: tuple[OwnerIn, ...]
    metrics: tuple[MetricIn, ...]
    integrations: tuple[IntegrationIn, ...]
    oversight: OversightIn | None
    change_plan: ChangePlanIn | None
    value_case: ValueCaseIn | None
    answers: Mapping[str, AnswerIn]

    def __post_init__(self) -> None:
        # Callers may pass lists and a plain dict; freezing them keeps the input immutable
        # so a scorecard can never disagree with the input it was computed from.
        object.__setattr__(self, "owners", tuple(self.owners))
        object.__setattr__(self, "metrics", tuple(self.metrics))
        object.__setattr__(self, "integrations", tuple(self.integrations))
        object.__setattr__(self, "answers", MappingProxyType(dict(self.answers)))
