"""A final assessment's stored scorecard in the admin, read as the results page reads it.

The stored JSON stays at hand, folded, for support staff who need the detail.
"""

from __future__ import annotations

import json

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .models import Assessment
from .scoring.scorecard import Scorecard, scorecard_from_dict

NOT_STORED = "Stored when the assessment is marked final."


@admin.display(description="Scorecard")
def scorecard_summary(assessment: Assessment) -> str | SafeString:
    if assessment.scorecard is None:
        return NOT_STORED
    try:
        card = scorecard_from_dict(assessment.scorecard)
    except (KeyError, TypeError, ValueError):
        summary = format_html("<p>{}</p>", "The stored scorecard could not be read.")
    else:
        summary = _summary(card)
    stored = json.dumps(assessment.scorecard, indent=2, ensure_ascii=False)
    return format_html(
        "{}<details><summary>Stored JSON</summary><pre>{}</pre></details>", summary, stored
    )


def _summary(card: Scorecard) -> SafeString:
    weakest = card.gap(card.weakest_gap)
    # As the results page lists them: the decision's reasons, most severe first, and
    # contradictions apart as a note of their own.
    reasons = [r for r in card.reasons_by_severity() if r.kind != "conflict"]
    conflicts = [r for r in card.reasons if r.kind == "conflict"]
    return format_html(
        "<dl>"
        "<dt>Decision</dt><dd>{}</dd>"
        "<dt>Overall score</dt><dd>{}/100</dd>"
        "<dt>Weakest gap</dt><dd>{} ({}/100)</dd>"
        "</dl>"
        "<h4>Gaps</h4><ul>{}</ul>"
        "<h4>Failed gates</h4>{}"
        "<h4>Why</h4>{}"
        "{}"
        "<h4>Action plan</h4>{}",
        card.decision_label,
        card.overall,
        weakest.title,
        weakest.score,
        format_html_join(
            "", "<li>{}: {}/100, {}</li>", ((g.title, g.score, g.band) for g in card.gaps)
        ),
        _list("ul", [(card.gap(gate.gap).title + ": " + gate.text,) for gate in card.failed_gates]),
        _list("ol", [(reason.text,) for reason in reasons]),
        format_html("<h4>Contradictions</h4>{}", _list("ul", [(r.text,) for r in conflicts]))
        if conflicts
        else "",
        _list(
            "ol",
            [
                (action.title + (" (condition of going live)" if action.condition else ""),)
                for action in card.actions
            ],
        ),
    )


def _list(tag: str, rows: list[tuple[str]]) -> SafeString:
    if not rows:
        return format_html("<p>{}</p>", "None")
    return format_html("<{}>{}</{}>", tag, format_html_join("", "<li>{}</li>", rows), tag)
