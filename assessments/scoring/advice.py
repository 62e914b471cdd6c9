"""What an action recommends when the records show part of the work already done.

A criterion's recommendation in the rubric describes the whole job ("name one person
as the accountable owner; record their name and email"). When the records show most of
it done, repeating that tells the team to do again what they have just recorded. So
for the checks that read records, the action says only what is short, chosen by the
part of the check that fell short: the owner's email, the budget for one system.

Each advice is built once per rubric from its check's parameters and called only when
that check's signal is short of full credit. It returns the sentence to use, or None
when nothing recorded narrows the job down; the rubric's recommendation then stands.
Published rubric versions never change, so these texts live here, in code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from assessments.scoring.inputs import AssessmentInput, MetricIn, OwnerIn

Advice = Callable[[AssessmentInput], str | None]


def in_words(items: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _given(text: str) -> bool:
    return bool(text.strip())


def _first_best[T](items: Sequence[T], credit: Callable[[T], float]) -> T | None:
    """The item with the most credit, the first on a tie, as the checks pick it."""
    return max(items, key=credit) if items else None


def _accountable(inp: AssessmentInput) -> list[OwnerIn]:
    return [owner for owner in inp.owners if owner.accountable and _given(owner.name)]


def _outcome_metrics(inp: AssessmentInput) -> list[MetricIn]:
    return [metric for metric in inp.metrics if metric.kind == "outcome"]


def _hours(value: float) -> str:
    return f"{value:g} hour{'' if value == 1 else 's'}"


# --- ownership ------------------------------------------------------------------------


def _accountable_owner(params: Mapping[str, Any]) -> Advice:
    contact, in_team = params["contact"], params["in_using_team"]

    def advise(inp: AssessmentInput) -> str | None:
        owner = _first_best(
            _accountable(inp),
            lambda o: (contact if _given(o.email) else 0.0) + (in_team if o.in_using_team else 0.0),
        )
        if owner is None:
            return None
        parts = []
        if not owner.in_using_team:
            parts.append(
                "Make sure the accountable owner sits in the team that uses the workflow: "
                f"{owner.name} is recorded as working outside it."
            )
        if not _given(owner.email):
            parts.append(
                f"Record {owner.name}’s email, so the accountable owner can be reached when "
                "something goes wrong."
            )
        return " ".join(parts) or None

    return advise


def _single_accountable_owner(params: Mapping[str, Any]) -> Advice:
    def advise(inp: AssessmentInput) -> str | None:
        owners = _accountable(inp)
        if len(owners) < 2:
            return None
        return (
            f"Choose one of the {len(owners)} people marked accountable "
            f"({in_words([o.name for o in owners])}) to own the workflow in production, and "
            "record the others as supporting them: a committee is not an owner."
        )

    return advise


def _owner_time(params: Mapping[str, Any]) -> Advice:
    bands = sorted((band["at_least"], band["credit"]) for band in params["bands"])
    full = min((at_least for at_least, credit in bands if credit >= 1.0), default=None)

    def band_credit(hours: float | None) -> float:
        credit = 0.0
        for at_least, band in bands:
            if hours is not None and hours >= at_least:
                credit = band
        return credit

    def advise(inp: AssessmentInput) -> str | None:
        owner = _first_best(_accountable(inp), lambda o: band_credit(o.hours_per_week))
        if owner is None or full is None:
            return None
        recorded = (
            "no hours are recorded yet"
            if owner.hours_per_week is None
            else f"{_hours(owner.hours_per_week)} a week {'is' if owner.hours_per_week == 1 else 'are'} recorded"
        )
        return (
            f"Agree in writing that {owner.name} gives the workflow at least {_hours(full)} a "
            f"week, and record it: {recorded}."
        )

    return advise


# --- outcome --------------------------------------------------------------------------


def _outcome_metric(params: Mapping[str, Any]) -> Advice:
    baseline, target, measurement = params["baseline"], params["target"], params["measurement"]

    def advise(inp: AssessmentInput) -> str | None:
        metric = _first_best(
            _outcome_metrics(inp),
            lambda m: (
                (baseline if m.baseline is not None else 0.0)
                + (target if m.target is not None else 0.0)
                + (measurement if _given(m.measurement) else 0.0)
            ),
        )
        if metric is None:
            return None
        parts = []
        if metric.baseline is None:
            parts.append("measure today’s value as its baseline")
        if metric.target is None:
            parts.append("set its target")
        if not _given(metric.measurement):
            parts.append("write down how and where it is measured")
        return f"For the outcome metric “{metric.name}”, {in_words(parts)}." if parts else None

    return advise


def _metric_decision_rule(params: Mapping[str, Any]) -> Advice:
    threshold, deadline = params["go_threshold"], params["deadline"]

    def advise(inp: AssessmentInput) -> str | None:
        metric = _first_best(
            _outcome_metrics(inp),
            lambda m: (
                (threshold if m.go_threshold is not None else 0.0)
                + (deadline if m.deadline is not None else 0.0)
            ),
        )
        if metric is None:
            return None
        parts = []
        if metric.go_threshold is None:
            parts.append("write down the value it must reach for the workflow to go live")
        if metric.deadline is None:
            parts.append("set the date by which it must reach it")
        if not parts:
            return None
        return (
            f"For the outcome metric “{metric.name}”, {in_words(parts)}, and have the person "
            "who signs off agree to it before more work is done."
        )

    return advise


def _metric_measurement(params: Mapping[str, Any]) -> Advice:
    def advise(inp: AssessmentInput) -> str | None:
        metrics = _outcome_metrics(inp)
        if not metrics:
            return None
        return (
            f"Write down how and where “{metrics[0].name}” is measured (a report in the CRM, "
            "the helpdesk, a weekly tally), and start recording it now."
        )

    return advise


# --- integration ----------------------------------------------------------------------


def _integration_path(params: Mapping[str, Any]) -> Advice:
    def advise(inp: AssessmentInput) -> str | None:
        pending = [item for item in inp.integrations if item.status != "live"]
        if not pending:
            return None
        finish = [i.system for i in pending if i.budgeted and i.effort_days is not None]
        estimate = [i.system for i in pending if i.budgeted and i.effort_days is None]
        budget = [i.system for i in pending if not i.budgeted and i.effort_days is not None]
        both = [i.system for i in pending if not i.budgeted and i.effort_days is None]
        parts = []
        if finish:
            parts.append(
                f"Finish connecting {in_words(finish)} to the live system"
                f"{'s' if len(finish) > 1 else ''}: the work is already budgeted and estimated."
            )
        if estimate:
            parts.append(
                f"Estimate the work to connect {in_words(estimate)} to the live system"
                f"{'s' if len(estimate) > 1 else ''}: it is already budgeted."
            )
        if budget:
            parts.append(
                f"Budget the connection to {in_words(budget)}: its estimate is recorded."
                if len(budget) == 1
                else f"Budget the connections to {in_words(budget)}: their estimates are recorded."
            )
        if both:
            parts.append(
                f"Estimate and budget the connection{'s' if len(both) > 1 else ''} to "
                f"{in_words(both)}."
            )
        return " ".join(parts)

    return advise


def _integration_effort_estimated(params: Mapping[str, Any]) -> Advice:
    def advise(inp: AssessmentInput) -> str | None:
        unestimated = [
            item.system
            for item in inp.integrations
            if item.status != "live" and item.effort_days is None
        ]
        if not unestimated:
            return None
        return (
            f"Estimate the work to connect {in_words(unestimated)} to the live system"
            f"{'s' if len(unestimated) > 1 else ''}, and record the estimate."
        )

    return advise


_HOW_FAR = {
    "none": "is not connected yet",
    "extract": "works from a data extract",
    "sandbox": "is connected to a sandbox",
}


def _integration_writes_back(params: Mapping[str, Any]) -> Advice:
    def advise(inp: AssessmentInput) -> str | None:
        writer = _first_best(
            [i for i in inp.integrations if i.access in ("write", "read_write")],
            lambda i: params[f"status_{i.status}"],
        )
        if writer is None or writer.status == "live":
            return None
        return (
            f"Take the connection that writes results back to {writer.system} live: it "
            f"{_HOW_FAR[writer.status]} so far."
        )

    return advise


# --- oversight ------------------------------------------------------------------------


def _review_design(params: Mapping[str, Any]) -> Advice:
    def advise(inp: AssessmentInput) -> str | None:
        oversight = inp.oversight
        if oversight is None or oversight.review_mode != "confidence":
            return None
        if oversight.confidence_threshold is not None:
            return None
        return (
            "Set the confidence threshold below which an output waits for a person, and record "
            "it in the oversight plan: start cautious and relax it only as measured accuracy "
            "earns it."
        )

    return advise


def _high_stakes_guarded(params: Mapping[str, Any]) -> Advice:
    review_modes, needed = params["review_modes"], params["min_monitoring_answers"]

    def advise(inp: AssessmentInput) -> str | None:
        oversight = inp.oversight
        if oversight is None or oversight.review_mode not in review_modes:
            return None
        if oversight.monitoring_answered_count >= needed:
            return None
        return (
            f"Answer at least {needed} of the four monitoring questions in the oversight "
            "plan, so that a wrong high-stakes output is caught."
        )

    return advise


_MONITORING_PARTS = (
    "how you will know it ran",
    "how you will see what it did",
    "how you will check its output was any good",
    "who is alerted when it fails",
)


def _monitoring_coverage(params: Mapping[str, Any]) -> Advice:
    def advise(inp: AssessmentInput) -> str | None:
        if inp.oversight is None:
            return None
        missing = [
            part
            for part, answer in zip(
                _MONITORING_PARTS, inp.oversight.monitoring_answers, strict=True
            )
            if not _given(answer)
        ]
        if not missing:
            return None
        return f"Complete the monitoring in the oversight plan: say {in_words(missing)}."

    return advise


def _exception_path(params: Mapping[str, Any]) -> Advice:
    def advise(inp: AssessmentInput) -> str | None:
        oversight = inp.oversight
        if oversight is None:
            return None
        parts = []
        if not _given(oversight.exception_handling):
            parts.append("what happens to an item the system cannot handle")
        if not _given(oversight.escalation_path):
            parts.append("who is told when something goes wrong, and how fast they act")
        return f"Write in the oversight plan {in_words(parts)}." if parts else None

    return advise


# --- adoption -------------------------------------------------------------------------


def _change_plan_written(params: Mapping[str, Any]) -> Advice:
    def advise(inp: AssessmentInput) -> str | None:
        plan = inp.change_plan
        if plan is None:
            return None
        parts = []
        if not _given(plan.teams_affected):
            parts.append("which teams’ work changes")
        if not _given(plan.training_plan):
            parts.append("how they will be trained")
        if not _given(plan.rollout_phases):
            parts.append("the rollout in phases, starting with the lowest-risk group")
        return f"Write in the change plan {in_words(parts)}." if parts else None

    return advise


_BUILDERS: Mapping[str, Callable[[Mapping[str, Any]], Advice]] = {
    "accountable_owner": _accountable_owner,
    "single_accountable_owner": _single_accountable_owner,
    "owner_time": _owner_time,
    "outcome_metric": _outcome_metric,
    "metric_decision_rule": _metric_decision_rule,
    "metric_measurement": _metric_measurement,
    "integration_path": _integration_path,
    "integration_effort_estimated": _integration_effort_estimated,
    "integration_writes_back": _integration_writes_back,
    "review_design": _review_design,
    "high_stakes_guarded": _high_stakes_guarded,
    "monitoring_coverage": _monitoring_coverage,
    "exception_path": _exception_path,
    "change_plan_written": _change_plan_written,
}

# What each advice says instead of the rubric's recommendation, for the rubric document.
ADVICE_DESCRIPTIONS: Mapping[str, str] = {
    "accountable_owner": "the owner should sit in the using team; record the owner's email",
    "single_accountable_owner": "choose one of the people marked accountable",
    "owner_time": "agree and record the hours the owner gives, at least the full-credit band",
    "outcome_metric": "the outcome metric's missing baseline, target or measurement",
    "metric_decision_rule": "the outcome metric's missing go threshold or deadline",
    "metric_measurement": "write down how and where the outcome metric is measured",
    "integration_path": "by system: finish connecting it, estimate it, or budget it",
    "integration_effort_estimated": "estimate the systems not yet estimated",
    "integration_writes_back": "take the system that results are written back to live",
    "review_design": "set the confidence threshold",
    "high_stakes_guarded": "answer enough monitoring questions for a high-stakes output",
    "monitoring_coverage": "the monitoring questions not yet answered",
    "exception_path": "the missing exception handling or escalation path",
    "change_plan_written": "the change plan's missing teams, training or rollout phases",
}


def build_advice(check: str, params: Mapping[str, Any]) -> Advice | None:
    """The advice for a check's signal, or None when the check has none."""
    builder = _BUILDERS.get(check)
    return builder(params) if builder is not None else None
