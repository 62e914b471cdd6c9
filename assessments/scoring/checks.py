"""Named checks that turn the structured pilot records into credit.

A check is built once per rubric from its `[checks.<name>]` parameters and then called
for every scorecard. It returns a credit between 0 and 1 and the record paths (and any
question ids) the credit was based on, so reasons can point at what caused them.

Every check is monotone: moving a record field in its better direction never lowers
the credit. The parameter validation below enforces the orderings that guarantee it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from assessments.scoring.inputs import (
    CHANGE_PLAN_UNSET,
    INTEGRATION_STATUSES,
    INVOLVEMENT_LEVELS,
    REVIEW_MODE_UNSET,
    ROLLOUT_COMMITMENTS,
    AssessmentInput,
    OwnerIn,
)

# Worst to best for scoring: more human control is safer, and confidence-based review
# keeps that safety without a person re-checking every item.
REVIEW_MODE_ORDER = ("autonomous", "sampled", "all", "confidence")

CheckResult = tuple[float, tuple[str, ...], tuple[str, ...]]
CheckFunction = Callable[[AssessmentInput], CheckResult]

_NO_QUESTIONS: tuple[str, ...] = ()


class CheckParameterError(ValueError):
    """A check's parameters in the rubric data are missing, unknown or inconsistent."""


@dataclass(frozen=True, slots=True)
class StakesRule:
    """Which answer to which question makes an output low-stakes."""

    question: str
    low_values: tuple[str, ...]

    def is_high(self, inp: AssessmentInput) -> bool:
        answer = inp.answers.get(self.question)
        if answer is None or answer.not_sure:
            return True
        return answer.value not in self.low_values


class _Params:
    """Reads one check's parameters and fails on anything missing, mistyped or extra."""

    def __init__(self, check: str, params: Mapping[str, Any]) -> None:
        self.check = check
        self.params = params
        self.read: set[str] = set()

    def fail(self, message: str) -> CheckParameterError:
        return CheckParameterError(f"checks.{self.check}: {message}")

    def credit(self, key: str) -> float:
        self.read.add(key)
        value = self.params.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"'{key}' must be a number")
        if not 0.0 <= value <= 1.0:
            raise self.fail(f"'{key}' must be a credit between 0 and 1, got {value}")
        return float(value)

    def whole_number(self, key: str) -> int:
        self.read.add(key)
        value = self.params.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(f"'{key}' must be a whole number of at least 0")
        return value

    def strings(self, key: str, allowed: Sequence[str]) -> tuple[str, ...]:
        self.read.add(key)
        value = self.params.get(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(f"'{key}' must be a list of strings")
        unknown = [item for item in value if item not in allowed]
        if unknown:
            raise self.fail(f"'{key}' has unknown values {unknown}; allowed: {list(allowed)}")
        return tuple(value)

    def ordered_credits(self, keys: Sequence[str], prefix: str = "") -> tuple[float, ...]:
        credits = tuple(self.credit(prefix + key) for key in keys)
        if any(later < earlier for earlier, later in itertools.pairwise(credits)):
            raise self.fail(f"credits for {list(keys)} must not decrease in that order")
        return credits

    def table(self, key: str, keys: Sequence[str]) -> tuple[float, ...]:
        self.read.add(key)
        value = self.params.get(key)
        if not isinstance(value, Mapping):
            raise self.fail(f"'{key}' must be a table")
        inner = _Params(f"{self.check}.{key}", value)
        credits = inner.ordered_credits(keys)
        inner.finish()
        return credits

    def bands(
        self, key: str, bound: str, *, credit_falls: bool = False
    ) -> tuple[tuple[float, float], ...]:
        self.read.add(key)
        value = self.params.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(f"'{key}' must be a non-empty list of bands")
        bands: list[tuple[float, float]] = []
        for index, band in enumerate(value):
            inner = _Params(
                f"{self.check}.{key}[{index}]", band if isinstance(band, Mapping) else {}
            )
            limit = inner.params.get(bound)
            if isinstance(limit, bool) or not isinstance(limit, int | float):
                raise self.fail(f"'{key}[{index}].{bound}' must be a number")
            inner.read.add(bound)
            bands.append((float(limit), inner.credit("credit")))
            inner.finish()
        limits = [limit for limit, _ in bands]
        credits = [credit for _, credit in bands]
        if limits != sorted(set(limits)):
            raise self.fail(f"'{key}' bands must have strictly increasing '{bound}'")
        steps = list(itertools.pairwise(credits))
        if credit_falls and any(later > earlier for earlier, later in steps):
            raise self.fail(f"'{key}' credits must not rise as '{bound}' grows")
        if not credit_falls and any(later < earlier for earlier, later in steps):
            raise self.fail(f"'{key}' credits must not fall as '{bound}' grows")
        return tuple(bands)

    def finish(self) -> None:
        extra = sorted(set(self.params) - self.read)
        if extra:
            raise self.fail(f"unknown parameters {extra}")


def _band_credit(bands: tuple[tuple[float, float], ...], value: float | None) -> float:
    if value is None:
        return 0.0
    credit = 0.0
    for at_least, band_credit in bands:
        if value >= at_least:
            credit = band_credit
    return credit


def _given(text: str) -> bool:
    return bool(text.strip())


def _accountable_owners(inp: AssessmentInput) -> list[tuple[int, OwnerIn]]:
    return [
        (i, owner) for i, owner in enumerate(inp.owners) if owner.accountable and _given(owner.name)
    ]


def _outcome_metrics(inp: AssessmentInput) -> list[int]:
    return [i for i, metric in enumerate(inp.metrics) if metric.kind == "outcome"]


_CREDIT = itemgetter(0)


def _best(scored: list[tuple[float, int]], collection: str) -> CheckResult:
    """The best (credit, index) of a collection's records, pointing at that record.

    The first record wins a tie; an empty list points at the collection itself.
    """
    if not scored:
        return 0.0, (collection,), _NO_QUESTIONS
    credit, index = max(scored, key=_CREDIT)
    return min(credit, 1.0), (f"{collection}[{index}]",), _NO_QUESTIONS


# --- ownership ------------------------------------------------------------------------


def _build_accountable_owner(p: _Params, stakes: StakesRule) -> CheckFunction:
    named, contact, in_team = p.credit("named"), p.credit("contact"), p.credit("in_using_team")
    if named + contact + in_team > 1.0 + 1e-9:
        raise p.fail("named + contact + in_using_team must not exceed 1")

    def check(inp: AssessmentInput) -> CheckResult:
        scored = [
            (
                named
                + (contact if _given(owner.email) else 0.0)
                + (in_team if owner.in_using_team else 0.0),
                i,
            )
            for i, owner in _accountable_owners(inp)
        ]
        return _best(scored, "owners")

    return check


def _build_accountable_owner_named(p: _Params, stakes: StakesRule) -> CheckFunction:
    def check(inp: AssessmentInput) -> CheckResult:
        owners = _accountable_owners(inp)
        if owners:
            return 1.0, (f"owners[{owners[0][0]}]",), _NO_QUESTIONS
        return 0.0, ("owners",), _NO_QUESTIONS

    return check


def _build_single_accountable_owner(p: _Params, stakes: StakesRule) -> CheckFunction:
    committee_credit = p.credit("committee_credit")

    def check(inp: AssessmentInput) -> CheckResult:
        count = len(_accountable_owners(inp))
        credit = 0.0 if count == 0 else 1.0 if count == 1 else committee_credit
        return credit, ("owners",), _NO_QUESTIONS

    return check


def _build_owner_time(p: _Params, stakes: StakesRule) -> CheckFunction:
    bands = p.bands("bands", "at_least")

    def check(inp: AssessmentInput) -> CheckResult:
        scored = [
            (_band_credit(bands, owner.hours_per_week), i) for i, owner in _accountable_owners(inp)
        ]
        return _best(scored, "owners")

    return check


# --- outcome --------------------------------------------------------------------------


def _build_outcome_metric(p: _Params, stakes: StakesRule) -> CheckFunction:
    baseline, target, measurement = (
        p.credit("baseline"),
        p.credit("target"),
        p.credit("measurement"),
    )
    if baseline + target + measurement > 1.0 + 1e-9:
        raise p.fail("baseline + target + measurement must not exceed 1")

    def check(inp: AssessmentInput) -> CheckResult:
        scored = []
        for i in _outcome_metrics(inp):
            metric = inp.metrics[i]
            credit = (
                (baseline if metric.baseline is not None else 0.0)
                + (target if metric.target is not None else 0.0)
                + (measurement if _given(metric.measurement) else 0.0)
            )
            scored.append((credit, i))
        return _best(scored, "metrics")

    return check


def _build_outcome_baseline(p: _Params, stakes: StakesRule) -> CheckFunction:
    def check(inp: AssessmentInput) -> CheckResult:
        for i in _outcome_metrics(inp):
            if inp.metrics[i].baseline is not None:
                return 1.0, (f"metrics[{i}]",), _NO_QUESTIONS
        return 0.0, ("metrics",), _NO_QUESTIONS

    return check


def _build_metric_decision_rule(p: _Params, stakes: StakesRule) -> CheckFunction:
    go_threshold, deadline = p.credit("go_threshold"), p.credit("deadline")
    if go_threshold + deadline > 1.0 + 1e-9:
        raise p.fail("go_threshold + deadline must not exceed 1")

    def check(inp: AssessmentInput) -> CheckResult:
        scored = [
            (
                (go_threshold if inp.metrics[i].go_threshold is not None else 0.0)
                + (deadline if inp.metrics[i].deadline is not None else 0.0),
                i,
            )
            for i in _outcome_metrics(inp)
        ]
        return _best(scored, "metrics")

    return check


def _build_metric_measurement(p: _Params, stakes: StakesRule) -> CheckFunction:
    def check(inp: AssessmentInput) -> CheckResult:
        for i in _outcome_metrics(inp):
            if _given(inp.metrics[i].measurement):
                return 1.0, (f"metrics[{i}]",), _NO_QUESTIONS
        return 0.0, ("metrics",), _NO_QUESTIONS

    return check


def _build_pilot_volume(p: _Params, stakes: StakesRule) -> CheckFunction:
    bands = p.bands("bands", "at_least")

    def check(inp: AssessmentInput) -> CheckResult:
        volume = inp.pilot.weekly_volume
        return (
            _band_credit(bands, None if volume is None else float(volume)),
            ("pilot",),
            _NO_QUESTIONS,
        )

    return check


def payback_credit(bands: tuple[tuple[float, float], ...], months: float | None) -> float:
    if months is None or math.isinf(months):
        return 0.0
    for up_to_months, credit in bands:
        if months <= up_to_months:
            return credit
    return 0.0


def _build_payback(p: _Params, stakes: StakesRule) -> CheckFunction:
    bands = p.bands("bands", "up_to_months", credit_falls=True)

    def check(inp: AssessmentInput) -> CheckResult:
        months = inp.value_case.payback_months if inp.value_case is not None else None
        return payback_credit(bands, months), ("value_case",), _NO_QUESTIONS

    return check


# --- integration ----------------------------------------------------------------------


def _build_integration_path(p: _Params, stakes: StakesRule) -> CheckFunction:
    status_credit = dict(
        zip(INTEGRATION_STATUSES, p.ordered_credits(INTEGRATION_STATUSES, "status_"), strict=True)
    )
    floor, bonus = p.credit("budgeted_floor"), p.credit("estimate_bonus")
    if floor + bonus > status_credit["live"]:
        raise p.fail("budgeted_floor + estimate_bonus must not exceed status_live")

    def integration_credit(status: str, budgeted: bool, estimated: bool) -> float:
        if status == "live":
            return status_credit["live"]
        credit = max(status_credit[status], floor) if budgeted else status_credit[status]
        return min(credit + (bonus if estimated else 0.0), 1.0)

    def check(inp: AssessmentInput) -> CheckResult:
        if not inp.integrations:
            return 0.0, ("integrations",), _NO_QUESTIONS
        credits = [
            integration_credit(item.status, item.budgeted, item.effort_days is not None)
            for item in inp.integrations
        ]
        lacking = tuple(f"integrations[{i}]" for i, credit in enumerate(credits) if credit < 1.0)
        return sum(credits) / len(credits), lacking or ("integrations",), _NO_QUESTIONS

    return check


def _build_integration_path_funded(p: _Params, stakes: StakesRule) -> CheckFunction:
    def check(inp: AssessmentInput) -> CheckResult:
        if not inp.integrations:
            return 0.0, ("integrations",), _NO_QUESTIONS
        stranded = tuple(
            f"integrations[{i}]"
            for i, item in enumerate(inp.integrations)
            if item.status in ("none", "extract") and not item.budgeted
        )
        return (
            (0.0, stranded, _NO_QUESTIONS) if stranded else (1.0, ("integrations",), _NO_QUESTIONS)
        )

    return check


def _build_integration_writes_back(p: _Params, stakes: StakesRule) -> CheckFunction:
    status_credit = dict(
        zip(INTEGRATION_STATUSES, p.ordered_credits(INTEGRATION_STATUSES, "status_"), strict=True)
    )

    def check(inp: AssessmentInput) -> CheckResult:
        scored = [
            (status_credit[item.status], i)
            for i, item in enumerate(inp.integrations)
            if item.access in ("write", "read_write")
        ]
        return _best(scored, "integrations")

    return check


def _build_integration_effort_estimated(p: _Params, stakes: StakesRule) -> CheckFunction:
    def check(inp: AssessmentInput) -> CheckResult:
        if not inp.integrations:
            return 0.0, ("integrations",), _NO_QUESTIONS
        pending = [(i, item) for i, item in enumerate(inp.integrations) if item.status != "live"]
        if not pending:
            return 1.0, ("integrations",), _NO_QUESTIONS
        unestimated = tuple(f"integrations[{i}]" for i, item in pending if item.effort_days is None)
        credit = 1.0 - len(unestimated) / len(pending)
        return credit, unestimated or ("integrations",), _NO_QUESTIONS

    return check


# --- oversight ------------------------------------------------------------------------


def _build_review_design(p: _Params, stakes: StakesRule) -> CheckFunction:
    high = dict(zip(REVIEW_MODE_ORDER, p.table("high_stakes", REVIEW_MODE_ORDER), strict=True))
    low = dict(zip(REVIEW_MODE_ORDER, p.table("low_stakes", REVIEW_MODE_ORDER), strict=True))
    bonus = p.credit("threshold_bonus")
    if any(low[mode] < high[mode] for mode in REVIEW_MODE_ORDER):
        raise p.fail("low_stakes credits must not be below high_stakes credits")
    if max(high["confidence"], low["confidence"]) + bonus > 1.0 + 1e-9:
        raise p.fail("confidence credit + threshold_bonus must not exceed 1")
    stakes_questions = (stakes.question,)

    def check(inp: AssessmentInput) -> CheckResult:
        oversight = inp.oversight
        if oversight is None:
            return 0.0, ("oversight",), stakes_questions
        if oversight.review_mode == REVIEW_MODE_UNSET:
            return 0.0, ("oversight",), stakes_questions
        table = high if stakes.is_high(inp) else low
        credit = table[oversight.review_mode]
        if oversight.review_mode == "confidence" and oversight.confidence_threshold is not None:
            credit += bonus
        return min(credit, 1.0), ("oversight",), stakes_questions

    return check


def _build_high_stakes_guarded(p: _Params, stakes: StakesRule) -> CheckFunction:
    review_modes = p.strings("review_modes", REVIEW_MODE_ORDER)
    min_answers = p.whole_number("min_monitoring_answers")
    if min_answers > 4:
        raise p.fail("min_monitoring_answers cannot exceed the four monitoring questions")
    # A safer mode must never fail where a less safe one passes.
    if review_modes and set(review_modes) != set(REVIEW_MODE_ORDER[-len(review_modes) :]):
        raise p.fail(
            f"review_modes must be the safest modes in the order {list(REVIEW_MODE_ORDER)}"
        )
    stakes_questions = (stakes.question,)

    def check(inp: AssessmentInput) -> CheckResult:
        if not stakes.is_high(inp):
            return 1.0, (), stakes_questions
        oversight = inp.oversight
        if oversight is None:
            return 0.0, ("oversight",), stakes_questions
        guarded = (
            oversight.review_mode in review_modes
            and oversight.monitoring_answered_count >= min_answers
        )
        return (1.0 if guarded else 0.0), ("oversight",), stakes_questions

    return check


def _build_monitoring_coverage(p: _Params, stakes: StakesRule) -> CheckFunction:
    def check(inp: AssessmentInput) -> CheckResult:
        if inp.oversight is None:
            return 0.0, ("oversight",), _NO_QUESTIONS
        return inp.oversight.monitoring_answered_count / 4.0, ("oversight",), _NO_QUESTIONS

    return check


def _build_exception_path(p: _Params, stakes: StakesRule) -> CheckFunction:
    def check(inp: AssessmentInput) -> CheckResult:
        oversight = inp.oversight
        if oversight is None:
            return 0.0, ("oversight",), _NO_QUESTIONS
        credit = 0.5 * _given(oversight.exception_handling) + 0.5 * _given(
            oversight.escalation_path
        )
        return credit, ("oversight",), _NO_QUESTIONS

    return check


# --- adoption -------------------------------------------------------------------------


def _build_involvement(p: _Params, stakes: StakesRule) -> CheckFunction:
    credits = dict(zip(INVOLVEMENT_LEVELS, p.ordered_credits(INVOLVEMENT_LEVELS), strict=True))

    def check(inp: AssessmentInput) -> CheckResult:
        if inp.change_plan is None or inp.change_plan.involvement == CHANGE_PLAN_UNSET:
            return 0.0, ("change_plan",), _NO_QUESTIONS
        return credits[inp.change_plan.involvement], ("change_plan",), _NO_QUESTIONS

    return check


def _build_sponsor_named(p: _Params, stakes: StakesRule) -> CheckFunction:
    def check(inp: AssessmentInput) -> CheckResult:
        named = inp.change_plan is not None and _given(inp.change_plan.sponsor_name)
        return (1.0 if named else 0.0), ("change_plan",), _NO_QUESTIONS

    return check


def _build_change_plan_written(p: _Params, stakes: StakesRule) -> CheckFunction:
    def check(inp: AssessmentInput) -> CheckResult:
        plan = inp.change_plan
        if plan is None:
            return 0.0, ("change_plan",), _NO_QUESTIONS
        parts = (plan.teams_affected, plan.training_plan, plan.rollout_phases)
        return sum(_given(part) for part in parts) / len(parts), ("change_plan",), _NO_QUESTIONS

    return check


def _build_rollout_commitment(p: _Params, stakes: StakesRule) -> CheckFunction:
    credits = dict(zip(ROLLOUT_COMMITMENTS, p.ordered_credits(ROLLOUT_COMMITMENTS), strict=True))

    def check(inp: AssessmentInput) -> CheckResult:
        if inp.change_plan is None or inp.change_plan.rollout_commitment == CHANGE_PLAN_UNSET:
            return 0.0, ("change_plan",), _NO_QUESTIONS
        return credits[inp.change_plan.rollout_commitment], ("change_plan",), _NO_QUESTIONS

    return check


CheckBuilder = Callable[[_Params, StakesRule], CheckFunction]

CHECK_BUILDERS: Mapping[str, CheckBuilder] = {
    "accountable_owner": _build_accountable_owner,
    "accountable_owner_named": _build_accountable_owner_named,
    "single_accountable_owner": _build_single_accountable_owner,
    "owner_time": _build_owner_time,
    "outcome_metric": _build_outcome_metric,
    "outcome_baseline": _build_outcome_baseline,
    "metric_decision_rule": _build_metric_decision_rule,
    "metric_measurement": _build_metric_measurement,
    "pilot_volume": _build_pilot_volume,
    "payback": _build_payback,
    "integration_path": _build_integration_path,
    "integration_path_funded": _build_integration_path_funded,
    "integration_writes_back": _build_integration_writes_back,
    "integration_effort_estimated": _build_integration_effort_estimated,
    "review_design": _build_review_design,
    "high_stakes_guarded": _build_high_stakes_guarded,
    "monitoring_coverage": _build_monitoring_coverage,
    "exception_path": _build_exception_path,
    "involvement": _build_involvement,
    "sponsor_named": _build_sponsor_named,
    "change_plan_written": _build_change_plan_written,
    "rollout_commitment": _build_rollout_commitment,
}

# Plain-language description of what each check reads, for the rubric document.
CHECK_DESCRIPTIONS: Mapping[str, str] = {
    "accountable_owner": "best accountable owner: named, has an email, in the using team",
    "accountable_owner_named": "at least one owner record is marked accountable and has a name",
    "single_accountable_owner": "exactly one person is marked accountable (several is a committee)",
    "owner_time": "hours per week the accountable owner can give",
    "outcome_metric": "best outcome metric: baseline, target, how it is measured",
    "outcome_baseline": "at least one outcome (not output) metric has a baseline",
    "metric_decision_rule": "best outcome metric: go threshold and deadline set",
    "metric_measurement": "an outcome metric says how and where it is measured",
    "pilot_volume": "weekly volume of the workflow",
    "payback": "payback months from the value case",
    "integration_path": "mean over integrations of status (live best), budget and estimate",
    "integration_path_funded": "every integration is live, in a sandbox, or budgeted",
    "integration_writes_back": "best status among integrations that write results back",
    "integration_effort_estimated": "share of unfinished integrations with an effort estimate",
    "review_design": "review mode for the stakes, and a confidence threshold when used",
    "high_stakes_guarded": "high-stakes output has a person before it and monitoring",
    "monitoring_coverage": "share of the four monitoring questions answered",
    "exception_path": "exception handling and escalation path written in the oversight plan",
    "involvement": "how involved the daily users are in the change plan",
    "sponsor_named": "a sponsor in the using team is named",
    "change_plan_written": "teams affected, training plan and rollout phases written",
    "rollout_commitment": "commitment to roll out if it works",
}


def build_check(name: str, params: Mapping[str, Any], stakes: StakesRule) -> CheckFunction:
    """Build one named check, raising CheckParameterError when its parameters are wrong."""
    builder = CHECK_BUILDERS.get(name)
    if builder is None:
        raise CheckParameterError(f"checks.{name}: no such check; known: {sorted(CHECK_BUILDERS)}")
    reader = _Params(name, params)
    check = builder(reader, stakes)
    reader.finish()
    return check
