"""Build a report snapshot (see snapshot_format.py) from the engine's input and scorecard.

Pure: no queries. The service gathers the assessment's input, scorecard,
branding, action owners, the comparison with the pilot's last final assessment and
the answers people gave on their own, and this turns them into the plain,
display-ready data the template reads, with every finding traced to answers and records.
"""

import math
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from django.db.models import TextChoices

from assessments.comparison import Comparison
from assessments.disagreement import AGREE, SIDE_BY_SIDE, SINGLE, Person, spread
from assessments.feeds import answer_feeds

# Only for the labels of the records' choices, as the forms show them: no queries.
from assessments.models import (
    ChangePlan,
    Integration,
    OversightPlan,
    SuccessMetric,
    monthly_from_weekly,
)
from assessments.names import name_key
from assessments.questionnaire import SECTIONS, applies, progress
from assessments.rubric.model import Question, Rubric
from assessments.scoring.advice import in_words
from assessments.scoring.engine import evidence_level
from assessments.scoring.inputs import AnswerIn, AssessmentInput
from assessments.scoring.payback import payback_basis
from assessments.scoring.scorecard import Action, GateFailure, Scorecard
from readiness.money import format_money, reason_text

from .effort import production_effort
from .snapshot_format import CLEARS_A_GATE, SNAPSHOT_FORMAT

# The sections that are not gaps, by the names the questionnaire gives them.
SECTION_TITLES = {s.id: s.title for s in SECTIONS if s.id in {"basics", "value"}}
_RECORD_REF = re.compile(r"^(?P<kind>[a-z_]+)(?:\[(?P<index>\d+)\])?$")


@dataclass(frozen=True)
class Branding:
    workspace: str
    prepared_by: str
    accent_colour: str
    logo: dict[str, str] | None = None  # {content_type, base64}


@dataclass(frozen=True)
class PlannedAction:
    """What the team has agreed for one criterion's action: who, by when, and whether
    it is done."""

    owner: str
    due: date | None
    status: str = "open"


@dataclass(frozen=True)
class TeamMember:
    """Someone who answered the questionnaire on their own, through their link."""

    name: str
    role: str
    finished: bool
    answers: Mapping[str, AnswerIn]


def _format_number(value: float | int | None, unit: str = "") -> str:
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{text} {unit}".strip()


def answer_text(question: Question, value: Any) -> str:
    if value is None or value == "":
        return ""
    if question.type == "yes_no":
        return "Yes" if value is True else "No" if value is False else str(value)
    if question.type == "choice":
        option = question.option(value)
        return option.label if option else str(value)
    if question.type == "number" and isinstance(value, int | float):
        return _format_number(value, question.unit)
    return str(value)


def describe_record(ref: str, inp: AssessmentInput, check: str = "") -> str:
    """A record a finding is traced to, in words: the record itself, what the check that
    read it found, or that nothing is recorded. `check` names that check, when known."""
    match = _RECORD_REF.match(ref)
    if not match:
        return ref
    kind, index = match["kind"], match["index"]
    collection = {
        "owners": inp.owners,
        "metrics": inp.metrics,
        "integrations": inp.integrations,
    }.get(kind)
    if collection is not None and index is not None and int(index) < len(collection):
        item = collection[int(index)]
        if kind == "owners":
            return f"Owner record: {item.name}"
        if kind == "metrics":
            return f"Metric record: {item.name}"
        return f"Integration record: {item.system}"
    if kind == "owners":
        return _owners_in_words(inp)
    if kind == "metrics":
        return _metrics_in_words(inp, check)
    if kind == "integrations":
        if not inp.integrations:
            return "No system recorded"
        return f"Systems: {in_words([i.system for i in inp.integrations])}"
    if kind == "oversight":
        return _oversight_in_words(inp, check)
    if kind == "change_plan":
        return _change_plan_in_words(inp, check)
    if kind == "value_case":
        return "Value case" if inp.value_case else "No value case"
    if kind == "pilot":
        volume = inp.pilot.weekly_volume
        return (
            "Pilot: weekly volume not recorded"
            if volume is None
            else f"Pilot: {_format_number(volume)} items a week"
        )
    return ref.replace("_", " ").capitalize()


def _owners_in_words(inp: AssessmentInput) -> str:
    if not inp.owners:
        return "No owner recorded"
    accountable = [o.name for o in inp.owners if o.accountable and o.name.strip()]
    if not accountable:
        return "No owner is marked accountable"
    return f"Marked accountable: {in_words(accountable)}"


def _metrics_in_words(inp: AssessmentInput, check: str) -> str:
    if not inp.metrics:
        return "No success metric recorded"
    outcome = [m for m in inp.metrics if m.kind == "outcome"]
    if not outcome:
        return "No outcome metric recorded, only output metrics"
    if check == "outcome_baseline" and all(m.baseline is None for m in outcome):
        return "No outcome metric has a baseline"
    if check == "metric_measurement" and not any(m.measurement.strip() for m in outcome):
        return "No outcome metric says how it is measured"
    return f"Outcome metrics: {in_words([m.name for m in outcome])}"


def _oversight_in_words(inp: AssessmentInput, check: str) -> str:
    o = inp.oversight
    if o is None:
        return "No oversight plan"
    if check in ("review_design", "high_stakes_guarded"):
        if not o.review_mode:
            return "Oversight plan: no review mode chosen"
        review = f"Oversight plan: {_label(OversightPlan.ReviewMode, o.review_mode).lower()}"
        if check == "high_stakes_guarded":
            review += f"; {o.monitoring_answered_count} of 4 monitoring questions answered"
        return review
    if check == "monitoring_coverage":
        return f"Oversight plan: {o.monitoring_answered_count} of 4 monitoring questions answered"
    if check == "exception_path":
        missing = [
            words
            for words, text in (
                ("no exception handling", o.exception_handling),
                ("no escalation path", o.escalation_path),
            )
            if not text.strip()
        ]
        return f"Oversight plan: {', '.join(missing)}" if missing else "Oversight plan"
    return "Oversight plan"


def _change_plan_in_words(inp: AssessmentInput, check: str) -> str:
    c = inp.change_plan
    if c is None:
        return "No change plan"
    if check == "sponsor_named":
        name = c.sponsor_name.strip()
        return f"Change plan: sponsor {name}" if name else "Change plan: no sponsor named"
    if check == "involvement":
        if not c.involvement:
            return "Change plan: how involved the daily users are not chosen yet"
        return f"Change plan: daily users {_label(ChangePlan.Involvement, c.involvement).lower()}"
    if check == "rollout_commitment":
        if not c.rollout_commitment:
            return "Change plan: commitment to roll out not chosen yet"
        label = _label(ChangePlan.RolloutCommitment, c.rollout_commitment)
        return f"Change plan: commitment to roll out: {label.lower()}"
    if check == "change_plan_written":
        missing = [
            words
            for words, text in (
                ("no teams affected", c.teams_affected),
                ("no training plan", c.training_plan),
                ("no rollout phases", c.rollout_phases),
            )
            if not text.strip()
        ]
        return f"Change plan: {', '.join(missing)}" if missing else "Change plan"
    return "Change plan"


def _sources(
    questions: tuple[str, ...],
    records: tuple[str, ...],
    inp: AssessmentInput,
    rubric: Rubric,
    checks: Mapping[str, str] | None = None,
) -> list[str]:
    """The answers and records, in words. `checks` says which check read each record."""
    out = []
    for qid in questions:
        question = rubric.questions_by_id.get(qid)
        prompt = question.prompt if question else qid
        answer = inp.answers.get(qid)
        if answer is None:
            shown = "not answered"
        elif answer.not_sure:
            shown = "not sure"
        else:
            shown = answer_text(question, answer.value) if question else str(answer.value)
        out.append(f"Answer to “{prompt}”: {shown or 'not answered'}")
    # A collection beside one of its own records adds nothing the record does not say.
    listed = {ref.partition("[")[0] for ref in records if "[" in ref}
    for ref in records:
        if ref in listed:
            continue
        text = describe_record(ref, inp, (checks or {}).get(ref, ""))
        if text not in out:
            out.append(text)
    return out


def _gate_checks(gate: GateFailure, rubric: Rubric) -> dict[str, str]:
    criterion = rubric.criteria_by_id.get(gate.criterion_id)
    check = criterion.gate.check if criterion is not None and criterion.gate else ""
    return dict.fromkeys(gate.records, check)


def _evidence_needed(
    actions: Sequence[Action], inp: AssessmentInput, rubric: Rubric
) -> list[dict[str, Any]]:
    """The answers these evidence-only actions name, each once, in plan order."""
    out: dict[str, dict[str, Any]] = {}
    for action in actions:
        for question_id in action.questions:
            question = rubric.questions_by_id.get(question_id)
            answer = inp.answers.get(question_id)
            if question is None or question_id in out:
                continue
            described = answer is not None and evidence_level(answer.evidence) == "text"
            out[question_id] = {"prompt": question.prompt, "described": described}
    return list(out.values())


def _verdict(score: int, gate_failed: bool) -> str:
    if gate_failed:
        return "gate failed"
    if score >= 100:
        return "in place"
    if score >= 75:
        return "largely in place"
    if score >= 40:
        return "partly in place"
    if score > 0:
        return "barely started"
    return "missing"


def _payback(inp: AssessmentInput, card: Scorecard, rubric: Rubric) -> dict[str, Any] | None:
    value = inp.value_case
    if value is None:
        return None
    months = card.payback_months
    never = months is not None and math.isinf(months)
    return {
        "months": None if months is None or never else round(months, 1),
        "never_pays_back": never,
        "monthly_saving": value.monthly_saving,
        "build_cost": value.build_cost,
        "monthly_run_cost": value.monthly_run_cost,
        "basis": payback_basis(card, inp, rubric),
    }


def _label(choices: type[TextChoices], value: str) -> str:
    """A stored choice as the forms offer it; the value itself if no longer a choice."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value.replace("_", " ")


def _records(inp: AssessmentInput, currency: str) -> list[dict[str, Any]]:
    """The structured records in words, for the appendix; amounts in the client's currency."""
    out: list[dict[str, Any]] = []
    for owner in inp.owners:
        lines = [owner.role or "Role not given"]
        if owner.accountable:
            lines.append("Accountable for the workflow in production")
        if owner.hours_per_week is not None:
            lines.append(f"{_format_number(owner.hours_per_week)} hours a week")
        lines.append(
            "In the team that uses it" if owner.in_using_team else "Outside the using team"
        )
        out.append({"kind": "Owner", "label": owner.name, "lines": lines})
    for metric in inp.metrics:
        lines = [
            f"{_label(SuccessMetric.Kind, metric.kind)}; "
            f"{_label(SuccessMetric.Direction, metric.direction).lower()}",
            f"Baseline {_format_number(metric.baseline, metric.unit) or 'not measured'}; "
            f"target {_format_number(metric.target, metric.unit) or 'not set'}; "
            f"go threshold {_format_number(metric.go_threshold, metric.unit) or 'not agreed'}",
            f"Deadline for the go/no-go: {f'{metric.deadline:%-d %B %Y}' if metric.deadline else 'not set'}",
        ]
        if metric.measurement:
            lines.append(f"Measured: {metric.measurement}")
        out.append({"kind": "Success metric", "label": metric.name, "lines": lines})
    for integration in inp.integrations:
        lines = [
            f"{_label(Integration.Status, integration.status)}; "
            f"{_label(Integration.Access, integration.access).lower()}",
            ("Budgeted" if integration.budgeted else "Not budgeted")
            + (
                f"; estimated {_format_number(integration.effort_days)} days"
                if integration.effort_days is not None
                else "; not estimated"
            ),
        ]
        out.append({"kind": "Integration", "label": integration.system, "lines": lines})
    if inp.oversight:
        o = inp.oversight
        review = (
            _label(OversightPlan.ReviewMode, o.review_mode) if o.review_mode else "not chosen yet"
        )
        if o.review_mode == "confidence":
            review += (
                # Stored as a fraction, entered and shown everywhere else as a percentage.
                f", set at {format(round(o.confidence_threshold * 100, 4), 'g')}%"
                if o.confidence_threshold is not None
                else "; the threshold is not set"
            )
        elif o.review_mode == "sampled" and o.sample_percent is not None:
            review += f" of {_format_number(o.sample_percent)}% of outputs"
        lines = [f"Review: {review}"]
        for label, text in (
            ("Did it run", o.monitor_runs),
            ("What it did", o.monitor_actions),
            ("Was it any good", o.monitor_quality),
            ("Who is alerted", o.alert_recipient),
            ("Escalation", o.escalation_path),
            ("Exceptions", o.exception_handling),
        ):
            lines.append(f"{label}: {text or 'not answered'}")
        out.append({"kind": "Oversight plan", "label": "", "lines": lines})
    if inp.change_plan:
        c = inp.change_plan
        out.append(
            {
                "kind": "Change plan",
                "label": "",
                "lines": [
                    f"Teams affected: {c.teams_affected or 'not answered'}",
                    "How involved the daily users are: "
                    + (
                        _label(ChangePlan.Involvement, c.involvement)
                        if c.involvement
                        else "not chosen yet"
                    ),
                    f"Sponsor: {c.sponsor_name or 'none named'}",
                    f"Training: {c.training_plan or 'no plan'}",
                    f"Rollout: {c.rollout_phases or 'no phases'}",
                    "Commitment to roll out if it works: "
                    + (
                        _label(ChangePlan.RolloutCommitment, c.rollout_commitment)
                        if c.rollout_commitment
                        else "not chosen yet"
                    ),
                ],
            }
        )
    if inp.value_case:
        v = inp.value_case
        run_cost = format_money(v.monthly_run_cost, currency)
        out.append(
            {
                "kind": "Value case",
                "label": "",
                "lines": [
                    f"{_format_number(v.items_per_month) or '?'} items a month"
                    f"{_monthly_items_source(v.items_per_month, inp.pilot.weekly_volume)}, "
                    f"{_format_number(v.minutes_saved_per_item) or '?'} minutes saved each, "
                    f"at {format_money(v.hourly_cost, currency) or '?'} an hour",
                    f"Build cost {format_money(v.build_cost, currency) or 'not given'}; "
                    f"running cost {f'{run_cost} a month' if run_cost else 'not given'}",
                ],
            }
        )
    return out


def _monthly_items_source(monthly: float | None, weekly: int | None) -> str:
    """Where the value case's items a month come from, as a note in brackets: the weekly
    volume under Pilot basics spread over a month, or a figure of the team's own."""
    if weekly is None or monthly is None:
        return ""
    derived = monthly_from_weekly(weekly)
    if monthly == derived:
        return f" ({_format_number(weekly)} a week × about 4.33 weeks a month)"
    return f" (given in the value case; {_format_number(weekly)} a week would be about {derived:,})"


def _since(change: Comparison) -> dict[str, Any]:
    """What changed since the pilot's last final assessment, in figures and words."""
    return {
        "previous_on": change.previous_date.date().isoformat() if change.previous_date else None,
        "same_rubric": change.same_rubric,
        "decision_before": {"code": change.decision_before, "label": change.decision_before_label},
        "decision_after": {"code": change.decision_after, "label": change.decision_after_label},
        "overall_before": change.overall_before,
        "overall_after": change.overall_after,
        "gaps": [
            {
                "key": gap.id,
                "label": gap.title,
                "before": gap.before,
                "after": gap.after,
                "change": gap.delta,
                "band_before": gap.band_before,
                "band_after": gap.band_after,
            }
            for gap in change.gaps
        ],
        "gates_now_met": [{"label": g.title, "reason": g.text} for g in change.gates_now_met],
        "gates_now_failing": [
            {"label": g.title, "reason": g.text} for g in change.gates_now_failing
        ],
        "unchanged": change.unchanged,
        "actions_done": [{"label": a.title} for a in change.actions_done],
        "answers_changed": [
            {
                "prompt": a.prompt,
                "before": a.before,
                "after": a.after,
                "direction": a.direction,
                "evidence": a.evidence,
            }
            for a in change.answers_changed
        ],
    }


def _team_labels(team: Sequence[TeamMember]) -> list[str]:
    """How each person is named beside their answers: their name, with their role when
    someone else asked has the same name, or a number when the role does not tell them
    apart either. Names and roles compare as on the people page: case, accents and
    spacing aside."""
    names = Counter(name_key(member.name) for member in team)
    roles = Counter((name_key(member.name), name_key(member.role)) for member in team)
    seen: Counter[str] = Counter()
    labels = []
    for member in team:
        key = name_key(member.name)
        seen[key] += 1
        if names[key] == 1:
            labels.append(member.name)
        elif member.role and roles[(key, name_key(member.role))] == 1:
            labels.append(f"{member.name} ({member.role})")
        else:
            labels.append(f"{member.name} #{seen[key]}")
    return labels


def _disagreements(
    team: Sequence[TeamMember], inp: AssessmentInput, rubric: Rubric, settled: Collection[str]
) -> dict[str, Any] | None:
    """Who answered on their own and, by the disagreements page's rule, what to talk
    through: answers that differ, or someone not sure. Agreement is only counted."""
    people = [Person(index, member.name, member.role) for index, member in enumerate(team)]
    result = spread(
        rubric,
        people,
        {index: member.answers for index, member in enumerate(team)},
        inp.answers,
        applies=lambda question: applies(question, inp),
    )
    if not result.questions:
        return None
    labels = _team_labels(team)
    # Someone who has not answered anything yet has nothing to say on any question.
    started = {index for index, member in enumerate(team) if member.answers}
    members = []
    for index, member in enumerate(team):
        # Answered of the questions that apply given the person's own answers, as the
        # people page counts them.
        sections = progress(rubric, replace(inp, answers=member.answers))
        with_role = f"{member.name} ({member.role})"
        members.append(
            {
                "name": member.name,
                "role": member.role,
                "finished": member.finished,
                "answered": sum(s.answered for s in sections),
                "total": sum(s.total for s in sections),
            }
            # Namesakes whose roles do not tell them apart are numbered in both lists.
            | ({"label": labels[index]} if labels[index] not in (member.name, with_role) else {})
        )
    questions = [
        {
            "id": q.id,
            "section": section.title,
            "prompt": q.question.prompt,
            "verdict": q.verdict,
            "note": q.note,
            "agreed": q.agreed_text,
            # The room agreed on the answer after hearing everyone; otherwise it is only
            # the assessment's current answer.
            "settled": q.agreed is not None and q.id in settled,
            "feeds": answer_feeds(rubric, q.id).text,
            "scored": answer_feeds(rubric, q.id).scored,
            "answers": [
                {"name": labels[row.person.id], "answer": row.text}
                for row in q.people
                if row.answered
            ],
            "no_answer": [
                labels[row.person.id]
                for row in q.people
                if not row.answered and row.person.id in started
            ],
        }
        for section in result.sections
        for q in section.questions
        if q.to_talk_through
    ]
    verdicts = [q.verdict for q in result.questions]
    return {
        "people": members,
        "questions": questions,
        "agreed": verdicts.count(AGREE),
        "written": verdicts.count(SIDE_BY_SIDE),
        "single": verdicts.count(SINGLE),
        "unanswered": result.unanswered,
    }


def build_snapshot(
    *,
    inp: AssessmentInput,
    card: Scorecard,
    rubric: Rubric,
    branding: Branding,
    client_name: str,
    assessment: Mapping[str, Any],
    client_currency: str = "",
    planned: Mapping[str, PlannedAction],
    requested_by: str,
    taken_at: datetime,
    since: Comparison | None = None,
    team: Sequence[TeamMember] = (),
    settled: Collection[str] = frozenset(),
) -> dict[str, Any]:
    gap_titles = {gap.id: gap.title for gap in rubric.gaps}

    fixes: dict[str, list[Action]] = {gap.id: [] for gap in card.gaps}
    for action in (*card.actions, *card.set_aside):
        if action.kind == "fix" and action.gap in fixes:
            fixes[action.gap].append(action)
    # Asking for evidence reads the same under every gap: such actions are listed by
    # the answers they name instead.
    evidence_only = {c.id for g in card.gaps for c in g.criteria if c.short_of_evidence}

    gaps = []
    for gap in card.gaps:
        findings = []
        for criterion in gap.criteria:
            # Which check read each record, the one that cost points first.
            checks: dict[str, str] = {}
            for signal in sorted(criterion.signals, key=lambda s: s.credit):
                if signal.kind == "check":
                    for ref in signal.records:
                        checks.setdefault(ref, signal.ref)
            sources = _sources(criterion.questions, criterion.records, inp, rubric, checks)
            if not sources:
                refs_q = tuple(q for s in criterion.signals for q in s.questions)
                refs_r = tuple(r for s in criterion.signals for r in s.records)
                sources = _sources(
                    tuple(dict.fromkeys(refs_q)),
                    tuple(dict.fromkeys(refs_r)),
                    inp,
                    rubric,
                    checks,
                )
            findings.append(
                {
                    "text": f"{criterion.title}: {_verdict(criterion.score, criterion.gate_failed)} "
                    f"({criterion.score}/100).",
                    "source": "; ".join(sources),
                }
            )
        gaps.append(
            {
                "key": gap.id,
                "label": gap.title,
                "score": gap.score,
                "band": gap.band,
                "weakest": gap.id == card.weakest_gap,
                "summary": rubric.gaps_by_id[gap.id].summary if gap.id in rubric.gaps_by_id else "",
                "findings": findings,
                # On Stop the plan sets production work aside; the gap still names it.
                "recommendations": [
                    a.recommendation for a in fixes[gap.id] if a.criterion_id not in evidence_only
                ],
                "evidence_needed": _evidence_needed(
                    [a for a in fixes[gap.id] if a.criterion_id in evidence_only], inp, rubric
                ),
            }
        )

    actions = []
    for action in card.actions:
        plan = planned.get(action.criterion_id)
        gain = f"+{action.gain:g} overall, +{action.gap_gain:g} {gap_titles.get(action.gap, action.gap)}"
        if action.fixes_gate:
            gain += CLEARS_A_GATE
        if action.kind == "stop" or card.decision == "stop":
            # A step a Stop calls for adds no score, and a Stop sets the way to
            # production aside: no fix is worth points towards it.
            gain = None
        actions.append(
            {
                "title": action.title,
                "gap": gap_titles.get(action.gap, action.gap),
                "owner": plan.owner if plan and plan.owner else None,
                "due": plan.due.isoformat() if plan and plan.due else None,
                "status": plan.status if plan else "open",
                "expected_gain": gain,
                "kind": action.kind,
                "condition": action.condition,
            }
        )

    appendix = []
    for section in ("basics", *(g.id for g in rubric.gaps), "value"):
        questions = []
        for question in rubric.questions_for_section(section):
            if not applies(question, inp):
                # Skipped given the other answers: never asked, so not "not answered".
                continue
            answer = inp.answers.get(question.id)
            questions.append(
                {
                    "id": question.id,
                    "prompt": question.prompt,
                    "answer": ""
                    if answer is None or answer.not_sure
                    else answer_text(question, answer.value),
                    "evidence": answer.evidence if answer else "",
                    "not_sure": bool(answer and answer.not_sure),
                }
            )
        if questions:
            title = SECTION_TITLES.get(section) or gap_titles.get(section, section)
            appendix.append({"section": title, "questions": questions})

    pilot = inp.pilot
    return {
        "format": SNAPSHOT_FORMAT,
        "taken_at": taken_at.isoformat(),
        "requested_by": requested_by,
        "branding": {
            "workspace": branding.workspace,
            "prepared_by": branding.prepared_by,
            "accent_colour": branding.accent_colour,
            "logo": branding.logo,
        },
        "client": {"name": client_name, "currency": client_currency},
        "pilot": {
            "name": pilot.name,
            "workflow": pilot.workflow,
            "problem": pilot.problem,
            "weekly_volume": pilot.weekly_volume,
            "stage": pilot.stage,
            "prototype_effort_days": pilot.prototype_effort_days,
        },
        # Unanswered as the results page counts them: questions that apply, with no
        # usable answer.
        "assessment": dict(assessment)
        | {"rubric_version": card.rubric_version, "unanswered": len(card.unanswered)},
        "decision": {
            "code": card.decision,
            "label": card.decision_label,
            # Amounts a reason quotes in the client's currency, as the payback figures.
            "reasons": [reason_text(reason, client_currency) for reason in card.reasons],
            "reasons_by_severity": [
                reason_text(reason, client_currency) for reason in card.reasons_by_severity()
            ],
        },
        "overall": card.overall,
        # The rubric's bands, so the report's chart and key shade what the app shows.
        "thresholds": {
            "weak_below": rubric.thresholds.weak_below,
            "strong_min": rubric.thresholds.strong_min,
        },
        "weakest_gap": {
            "key": card.weakest_gap,
            "label": gap_titles.get(card.weakest_gap, card.weakest_gap),
            "score": card.weakest_score,
        },
        "gates_failed": [
            {
                "label": rubric.criteria_by_id[g.criterion_id].title
                if g.criterion_id in rubric.criteria_by_id
                else g.criterion_id,
                "reason": g.text,
                "sources": _sources(g.questions, g.records, inp, rubric, _gate_checks(g, rubric)),
            }
            for g in card.failed_gates
        ],
        "payback": _payback(inp, card, rubric),
        "gaps": gaps,
        "actions": actions,
        # A Stop plans no production work, so it is not estimated either.
        "effort": None
        if card.decision == "stop"
        else production_effort(pilot.prototype_effort_days, [i.status for i in inp.integrations]),
        "records": _records(inp, client_currency),
        "since": _since(since) if since is not None else None,
        "disagreements": _disagreements(team, inp, rubric, settled) if team else None,
        "appendix": appendix,
    }
