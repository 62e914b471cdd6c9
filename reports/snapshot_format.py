"""The report snapshot: everything a PDF shows, frozen when the report is requested.

A snapshot is plain JSON so it can live in a JSONField, be hashed, and be
rendered again years later without the assessment, its answers or the rubric
still looking the way they did. Templates read only the snapshot.

Format 1, top level:

    format        1
    taken_at      ISO 8601 timestamp
    requested_by  display name of the person who asked for the report
    branding      {workspace, prepared_by, accent_colour, logo: {content_type, base64} | null}
    client        {name, currency}   currency: the client's ISO 4217 code, "" when not set
                  (absent in snapshots taken before it was added: amounts print bare)
    pilot         {name, workflow, problem, weekly_volume, stage, prototype_effort_days}
    assessment    {id, label, rubric_version, assessed_on, unreviewed, final, unanswered}
                  final: made final (submitted); unanswered: questions that apply and have
                  no usable answer. Both absent in snapshots taken before they were added.
    decision      {code, label, reasons: [str, ...], reasons_by_severity: [str, ...]}
                  reasons: the "why", in the scorecard's order, any amount quoted in the
                  client's currency (bare in snapshots taken before it was);
                  reasons_by_severity: the same reasons as page one and the appendix
                  list them, what stops the pilot and failed gates first, then gaps from
                  the weakest up (absent in snapshots taken before it was added: the
                  report takes `reasons`)
    overall       weighted score 0..100 or null
    thresholds    {weak_below, strong_min}: the rubric's gap bands (absent in snapshots
                  taken before it was added; rubric 1.0.0's 50 and 80 apply to those)
    weakest_gap   {key, label, score} | null
    gates_failed  [{label, reason, sources: [str]}]
    payback       {months | null, never_pays_back, monthly_saving, build_cost, monthly_run_cost,
                   basis}   basis: what rough figures the months rest on ("from guessed
                  savings and a prototype-only cost"), "" when firm (absent in snapshots
                  taken before it was added: those print the months alone)
    gaps          [{key, label, score | null, band, weakest, summary,
                    findings: [{text, source}], recommendations: [str],
                    evidence_needed: [{prompt, described}]}]
                  evidence_needed: the answers that already give the best option and
                  lack only evidence (described: the evidence is described, not linked);
                  their actions are listed here once rather than in `recommendations`.
                  Absent in snapshots taken before it was added: those carry such
                  actions' text in `recommendations`.
    actions       [{title, gap, owner, due, status, expected_gain, kind, condition}]
                  expected_gain:
                  null on a Stop, which sets production work aside (older Stop snapshots
                  carry gains; the report leaves them out). status: "open" or "done", as
                  the action plan has it (absent in snapshots taken before it was added:
                  those print every action as open); a fix marked done is only a claim,
                  since a fix leaves the plan once the answers show it. kind: "fix", or "stop" for a step a
                  Stop calls for, labelled so rather than by a gap (absent in snapshots
                  taken before it was added: those label every action by its gap).
                  condition: true for a condition of going live on Go with conditions,
                  one per gap short of strong, leading the plan (absent in snapshots
                  taken before it was added: those list what to fix first instead)
    effort        {prototype_days, low_days, high_days, low_multiplier, high_multiplier,
                   integrations_not_live, basis} | null   null when the prototype's
                  effort is not recorded, and on a Stop (the report prints none then)
    records       [{kind, label, lines: [str]}]   the structured records in words
    since         what changed since the pilot's last final assessment, or null if none:
                  {previous_on, same_rubric, decision_before: {code, label},
                   decision_after: {code, label}, overall_before, overall_after,
                   gaps: [{key, label, before | null, after, change | null,
                           band_before | null, band_after}],
                   gates_now_met: [{label, reason}], gates_now_failing: [{label, reason}],
                   unchanged, actions_done: [{label}],
                   answers_changed: [{prompt, before, after, direction, evidence}]}
                  `before`, `change` and `band_before` are null for a gap the earlier
                  rubric lacked. The bands are absent in snapshots taken before they
                  were added; those reports say nothing of bands moving.
                  actions_done: last time's actions whose cause is gone. answers_changed:
                  each answer that changed, in rubric order, its `before` and `after` in
                  words and its direction "better", "worse" or "changed". Both absent in
                  snapshots taken before they were added: those reports list neither.
                  `evidence` says how the evidence behind an answer given both times
                  changed ("evidence: a note → a link", "evidence removed"), "" when it
                  did not; absent in snapshots taken before it was added. `before` and
                  `after` are equal when only the evidence changed.
                  `unchanged` speaks of the decision, gates and scores only.
    disagreements the people who answered on their own, or null if none has answered:
                  {people: [{name, role, finished, answered, total, label}],
                   questions: [{id, section, prompt, verdict, note, agreed, settled,
                                feeds, scored, answers: [{name, answer}], no_answer: [name]}],
                   agreed, written, single, unanswered}
                  `answers` holds the answers given; `no_answer` names the people who
                  have started answering but not this question (someone who has answered
                  nothing is in neither). Snapshots taken before `no_answer` was added list
                  everyone in `answers`, "No answer" included; the report sorts them the
                  same way. A name two people share is followed by the person's role
                  ("Ana Diaz (Sales rep)"), or numbered when the roles are the same too
                  ("Ana Diaz #2"); such a person's `label` carries the number for the list
                  of people.
                  `questions` holds only what the disagreements page flags (verdict
                  "disagree", or "unsure" when someone is not sure); the rest are counted:
                  agreed, written answers (never compared), answered by one voice only,
                  and not answered by anyone asked. `feeds` says in a sentence what the
                  answer feeds (gap, criterion, gate, payback; `assessments.feeds`); it is
                  absent in snapshots taken before it was added. `scored` is false for a
                  question that counts towards no score, gate or rule, whose answer is
                  then not called "scored" (absent in snapshots taken before it was
                  added: those call every answer scored). `agreed` is the
                  assessment's own answer, the one that is scored; `settled` is true when
                  the team settled it after everyone had answered, in the workshop or by
                  adopting someone's answer (absent in snapshots
                  taken before it was added: those print it as the current answer).
    appendix      [{section, questions: [{id, prompt, answer, evidence, not_sure}]}]

`since` and `disagreements` are absent in snapshots taken before they were added;
those reports print neither section, as they did.

`source` on a finding names the answers and records it was traced to, in words, e.g.
"Answer to “…”: Yes; Integration record: HubSpot CRM", or says that nothing was
recorded ("No owner recorded", "No change plan", "Change plan: no sponsor named").
Snapshots taken before that name bare collections ("Owner records").
"""

import hashlib
import json
from typing import Any

import jsonschema

SNAPSHOT_FORMAT = 1
# How an action's expected gain ends when the action fixes a failed gate.
CLEARS_A_GATE = "; clears a gate"
DECISION_CODES = ("go", "go_with_conditions", "not_yet", "stop")
BANDS = ("strong", "moderate", "weak", "unanswered")

_text = {"type": "string"}
_opt_text = {"type": ["string", "null"]}
_opt_number = {"type": ["number", "null"]}
_gate_change = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["label", "reason"],
        "properties": {"label": _text, "reason": _text},
    },
}
_decision_ref = {
    "type": "object",
    "required": ["code", "label"],
    "properties": {"code": _text, "label": _text},
}

SNAPSHOT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "format",
        "taken_at",
        "branding",
        "client",
        "pilot",
        "assessment",
        "decision",
        "gaps",
        "actions",
        "appendix",
    ],
    "properties": {
        "format": {"const": SNAPSHOT_FORMAT},
        "taken_at": _text,
        "requested_by": _text,
        "branding": {
            "type": "object",
            "required": ["workspace", "prepared_by", "accent_colour"],
            "properties": {
                "workspace": _text,
                "prepared_by": _text,
                "accent_colour": _text,
                "logo": {
                    "type": ["object", "null"],
                    "required": ["content_type", "base64"],
                    "properties": {
                        "content_type": {
                            "enum": ["image/png", "image/jpeg", "image/gif", "image/webp"]
                        },
                        "base64": _text,
                    },
                },
            },
        },
        "client": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": _text, "currency": _text},
        },
        "pilot": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": _text,
                "workflow": _text,
                "problem": _text,
                "weekly_volume": _opt_number,
                "stage": _text,
                "prototype_effort_days": _opt_number,
            },
        },
        "assessment": {
            "type": "object",
            "properties": {
                "final": {"type": "boolean"},
                "unanswered": {"type": "integer", "minimum": 0},
                "unreviewed": {"type": "integer", "minimum": 0},
            },
        },
        "decision": {
            "type": "object",
            "required": ["code", "label", "reasons"],
            "properties": {
                "code": {"enum": list(DECISION_CODES)},
                "label": _text,
                "reasons": {"type": "array", "items": _text},
                "reasons_by_severity": {"type": "array", "items": _text},
            },
        },
        "overall": _opt_number,
        "thresholds": {
            "type": "object",
            "required": ["weak_below", "strong_min"],
            "properties": {
                "weak_below": {"type": "integer", "minimum": 0, "maximum": 100},
                "strong_min": {"type": "integer", "minimum": 0, "maximum": 100},
            },
        },
        "weakest_gap": {"type": ["object", "null"]},
        "gates_failed": {
            "type": "array",
            "items": {"type": "object", "required": ["label", "reason"]},
        },
        "payback": {"type": ["object", "null"]},
        "gaps": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["key", "label", "score", "band", "findings", "recommendations"],
                "properties": {
                    "key": _text,
                    "label": _text,
                    "score": _opt_number,
                    "band": {"enum": list(BANDS)},
                    "weakest": {"type": "boolean"},
                    "summary": _text,
                    "findings": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["text"],
                            "properties": {"text": _text, "source": _text},
                        },
                    },
                    "recommendations": {"type": "array", "items": _text},
                    "evidence_needed": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["prompt"],
                            "properties": {
                                "prompt": _text,
                                "described": {"type": "boolean"},
                            },
                        },
                    },
                },
            },
        },
        "actions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["title", "gap"],
                "properties": {
                    "title": _text,
                    "gap": _text,
                    "owner": _opt_text,
                    "due": _opt_text,
                    "status": {"enum": ["open", "done"]},
                    "expected_gain": _opt_text,
                    "kind": {"enum": ["fix", "stop"]},
                    "condition": {"type": "boolean"},
                },
            },
        },
        "effort": {"type": ["object", "null"]},
        "records": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["kind", "label", "lines"],
                "properties": {
                    "kind": _text,
                    "label": _text,
                    "lines": {"type": "array", "items": _text},
                },
            },
        },
        "since": {
            "type": ["object", "null"],
            "required": [
                "previous_on",
                "decision_before",
                "decision_after",
                "gaps",
                "gates_now_met",
                "gates_now_failing",
            ],
            "properties": {
                "previous_on": _opt_text,
                "same_rubric": {"type": "boolean"},
                "decision_before": _decision_ref,
                "decision_after": _decision_ref,
                "overall_before": _opt_number,
                "overall_after": _opt_number,
                "gaps": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["label", "before", "after", "change"],
                        "properties": {
                            "key": _text,
                            "label": _text,
                            "before": _opt_number,
                            "after": _opt_number,
                            "change": _opt_number,
                            "band_before": {"enum": [*BANDS, None]},
                            "band_after": {"enum": list(BANDS)},
                        },
                    },
                },
                "gates_now_met": _gate_change,
                "gates_now_failing": _gate_change,
                "unchanged": {"type": "boolean"},
                "actions_done": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["label"],
                        "properties": {"label": _text},
                    },
                },
                "answers_changed": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["prompt", "before", "after", "direction"],
                        "properties": {
                            "prompt": _text,
                            "before": _text,
                            "after": _text,
                            "direction": {"enum": ["better", "worse", "changed"]},
                            "evidence": _text,
                        },
                    },
                },
            },
        },
        "disagreements": {
            "type": ["object", "null"],
            "required": ["people", "questions"],
            "properties": {
                "people": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["name", "finished"],
                        "properties": {
                            "name": _text,
                            "role": _text,
                            "finished": {"type": "boolean"},
                            "answered": {"type": "integer", "minimum": 0},
                            "total": {"type": "integer", "minimum": 0},
                            "label": _text,
                        },
                    },
                },
                "questions": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["prompt", "agreed", "answers"],
                        "properties": {
                            "id": _text,
                            "section": _text,
                            "prompt": _text,
                            "verdict": {"enum": ["disagree", "unsure"]},
                            "note": _text,
                            "agreed": _text,
                            "settled": {"type": "boolean"},
                            "feeds": _text,
                            "scored": {"type": "boolean"},
                            "answers": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["name", "answer"],
                                    "properties": {"name": _text, "answer": _text},
                                },
                            },
                            "no_answer": {"type": "array", "items": _text},
                        },
                    },
                },
                "agreed": {"type": "integer", "minimum": 0},
                "written": {"type": "integer", "minimum": 0},
                "single": {"type": "integer", "minimum": 0},
                "unanswered": {"type": "integer", "minimum": 0},
            },
        },
        "appendix": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["section", "questions"],
                "properties": {
                    "section": _text,
                    "questions": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["prompt", "answer"],
                            "properties": {
                                "id": _text,
                                "prompt": _text,
                                "answer": _text,
                                "evidence": _text,
                                "not_sure": {"type": "boolean"},
                            },
                        },
                    },
                },
            },
        },
    },
}


class SnapshotInvalid(ValueError):
    pass


def validate_snapshot(snapshot: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(SNAPSHOT_SCHEMA)
    errors = sorted(validator.iter_errors(snapshot), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        raise SnapshotInvalid(f"{where}: {first.message}")


def snapshot_digest(snapshot: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON: the same data always gives the same digest,
    whatever key order the database hands back."""
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# What says when and by whom a report was requested, rather than what it shows.
REQUEST_KEYS = frozenset({"taken_at", "requested_by"})


def content_digest(snapshot: dict[str, Any]) -> str:
    """SHA-256 of what the report shows: its snapshot without when and by whom it was
    requested, so that two requests of exactly the same answers give the same digest."""
    return snapshot_digest({k: v for k, v in snapshot.items() if k not in REQUEST_KEYS})
