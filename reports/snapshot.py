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
from assessments.models import ChangePlan, Integration, OversightPlan, SuccessMetric
from assessments.questionnaire import SECTIONS, applies, progress
from assessments.rubric.model import Question, Rubric
from assessments.scoring.inputs import AnswerIn, AssessmentInput
from assessments.scoring.payback import payback_basis
from assessments.scoring.scorecard import REASON_KINDS, Reason, Scorecard
from readiness.money import format_money

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


def describe_record(ref: str, inp: AssessmentInput) -> str:
    match = _RECORD_REF.match(ref)
    if not match:
        return ref
    kind, index = match["kind"], match["index"]
    item = None
    collection = {
        "owners": inp.owners,
        "metrics": inp.metrics,
        "integrations": inp.integrations,
    }.get(kind)
    if collection is not None and index is not None and int(index) < len(collection):
        item = collection[int(index)]
    if kind == "owners":
        return f"Owner record: {item.name}" if item else "Owner records"
    if kind == "metrics":
        return f"Metric record: {item.name}" if item else "Success metric records"
    if kind == "integrations":
        return f"Integration record: {item.system}" if item else "Integration records"
    return {
        "oversight": "Oversight plan",
        "change_plan": "Change plan",
        "value_case": "Value case",
        "pilot": "Pilot record",
    }.get(kind, ref.replace("_", " ").capitalize())


def _sources(
    questions: tuple[str, ...], records: tuple[str, ...], inp: AssessmentInput, rubric: Rubric
) -> list[str]:
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
    out.extend(describe_record(ref, inp) for ref in records)
    return out


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
                    f"{_format_number(v.items_per_month) or '?'} items a month, "
                    f"{_format_number(v.minutes_saved_per_item) or '?'} minutes saved each, "
                    f"at {format_money(v.hourly_cost, currency) or '?'} an hour",
                    f"Build cost {format_money(v.build_cost, currency) or 'not given'}; "
                    f"running cost {f'{run_cost} a month' if run_cost else 'not given'}",
                ],
            }
        )
    return out


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
    }


def _team_labels(team: Sequence[TeamMember]) -> list[str]:
    """How each person is named beside their answers: their name, with their role when
    someone else asked has the same name, or a number when the role does not tell them
    apart either."""
    names = Counter(member.name for member in team)
    roles = Counter((member.name, member.role) for member in team)
    seen: Counter[str] = Counter()
    labels = []
    for member in team:
        seen[member.name] += 1
        if names[member.name] == 1:
            labels.append(member.name)
        elif member.role and roles[(member.name, member.role)] == 1:
            labels.append(f"{member.name} ({member.role})")
        else:
            labels.append(f"{member.name} #{seen[member.name]}")
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


def _by_severity(card: Scorecard) -> list[str]:
    """The decision's reasons, most severe first, for page one: what stops the pilot and
    the failed gates, then the gaps from the weakest up. Ties keep the rubric's order."""
    gap_scores = {gap.id: gap.score for gap in card.gaps}

    def severity(reason: Reason) -> tuple[int, int]:
        rank = REASON_KINDS.index(reason.kind) if reason.kind in REASON_KINDS else len(REASON_KINDS)
        if reason.kind in ("weak_gap", "condition"):
            return rank, gap_scores.get(reason.gap or "", 100)
        return rank, 0

    return [reason.text for reason in sorted(card.reasons, key=severity)]


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

    gaps = []
    for gap in card.gaps:
        findings = []
        for criterion in gap.criteria:
            sources = _sources(criterion.questions, criterion.records, inp, rubric)
            if not sources:
                refs_q = tuple(q for s in criterion.signals for q in s.questions)
                refs_r = tuple(r for s in criterion.signals for r in s.records)
                sources = _sources(
                    tuple(dict.fromkeys(refs_q)), tuple(dict.fromkeys(refs_r)), inp, rubric
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
                    a.recommendation
                    for a in (*card.actions, *card.set_aside)
                    if a.gap == gap.id and a.kind == "fix"
                ],
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
            "reasons": [reason.text for reason in card.reasons],
            "reasons_by_severity": _by_severity(card),
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
                "sources": _sources(g.questions, g.records, inp, rubric),
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
