"""Where the PDF is made: snapshot -> HTML (one template) -> WeasyPrint -> bytes.

The browser preview renders the very same template with the same context, so
what a user previews is what the PDF prints.
"""

import base64
import functools
import hashlib
import os
import re
import threading
import time
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from assessments.charts import GapBar, gap_chart_svg
from assessments.comparison import ANSWER_GROUPS
from assessments.models import Pilot, monthly_from_weekly
from assessments.questionnaire import SECTIONS
from readiness.colours import legible_on_white

from .fetcher import ASSET_ORIGIN, FetchLog, SafeURLFetcher, data_uri
from .snapshot_format import CLEARS_A_GATE

TEMPLATE = "reports/report.html"
STYLESHEET = "reports/report.css"
DEFAULT_ACCENT = "#1f5f8b"
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

DECISION_COLOURS = {
    "go": "#1e7b46",
    "go_with_conditions": "#8a6d00",
    "not_yet": "#b3541e",
    "stop": "#a61b29",
}
DECISION_MEANINGS = {
    "go": "Ready for production: no gate failed and every gap is strong.",
    "go_with_conditions": "Go ahead, on conditions: one fix for each gap short of strong.",
    "not_yet": "Not ready: fix what is listed first, then reassess.",
    "stop": "Stop this pilot: the evidence says it should not go on.",
}
# The chart's band lines for a snapshot taken before snapshots carried the rubric's
# thresholds: rubric 1.0.0's, the only version those snapshots could have used.
RUBRIC_1_THRESHOLDS = {"weak_below": 50, "strong_min": 80}


@dataclass(frozen=True)
class PageOneBudget:
    """How much page one may hold: how many of the decision's reasons it lists, and
    how long the reasons (shortened only where a clause ends), the pilot's name, its
    business problem and its workflow may run there (None: in full; 0: left out).
    Whatever is cut is printed in full in "The decision in full", and the problem at the
    start of the appendix's Pilot basics."""

    reasons: int
    reason_chars: int | None = None
    name_chars: int | None = None
    workflow_chars: int | None = None
    problem_chars: int | None = None
    # Name each gate now met or failing again in the "since" line, or only count them.
    since_gates: bool = True
    # Say why the decision is provisional in a few words rather than in full sentences.
    brief_provisional: bool = False
    # Each action page one lists in one paragraph with its gap, owner and date.
    compact_actions: bool = False
    # How many of its actions page one lists (None: all); the action plan lists them all.
    actions: int | None = None


# Page one must say go or no-go, why and what to fix first. The PDF is laid out with
# the first budget, everything in full but a long business problem (one line under the
# pilot's name is the point); if the marker at the end of page one lands on a later
# page, it is laid out again with the next one, each giving up a little more, down to a
# page one that fits whatever was typed. The problem goes first, as the appendix opens
# with it anyway; reasons are shortened only at a clause (see `_shorten_reason`), never
# mid-sentence. Every optional block on page one (the problem, the workflow, the
# provisional banner, the "since" line, the actions' details) is given up somewhere here.
# From the third budget on, the problem, the gates' names in the "since" line and the
# full provisional banner are given up; each later one cuts a little more besides.
_CUT = PageOneBudget(reasons=3, problem_chars=0, since_gates=False, brief_provisional=True)
_LAST_RESORT = replace(
    _CUT, reasons=1, reason_chars=90, name_chars=34, workflow_chars=0, compact_actions=True
)
PAGE_ONE_BUDGETS = (
    PageOneBudget(reasons=3, problem_chars=160),
    PageOneBudget(reasons=3, problem_chars=0, since_gates=False),
    replace(_CUT, reason_chars=220, workflow_chars=400),
    replace(_CUT, reason_chars=150, workflow_chars=280),
    replace(_CUT, reasons=2, reason_chars=150, name_chars=100, workflow_chars=140),
    replace(_CUT, reasons=1, reason_chars=90, name_chars=60, workflow_chars=100),
    # The last resorts: a page one that fits whatever was typed and whatever the
    # decision lists, down to five conditions of going live under a tall logo.
    _LAST_RESORT,
    replace(_LAST_RESORT, actions=3),
)
PAGE_ONE_END = "page-one-end"

# The running line at the foot of every page names the client and the pilot for
# reference only: shortened so that it stays on one line, whatever their length.
RUNNING_CLIENT_CHARS, RUNNING_PILOT_CHARS = 30, 48


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int
    sha256: str
    seconds: float
    fetches: FetchLog


def _as_date(value: Any) -> date | datetime | None:
    if not value:
        return None
    return parse_datetime(value) or parse_date(value) if isinstance(value, str) else value


def _change_text(change: int | float | None) -> str:
    if change is None:
        return "new in this rubric"
    if change == 0:
        return "no change"
    return f"+{change:g}" if change > 0 else f"\u2212{-change:g}"


# Worst to best, to say whether a gap's band moved up or down.
_BAND_ORDER = ("unanswered", "weak", "moderate", "strong")


def _band_move(gap: dict[str, Any]) -> str:
    """ "Moved up from weak to moderate" when the gap's band changed, else ""."""
    before, after = gap.get("band_before"), gap.get("band_after")
    if before not in _BAND_ORDER or after not in _BAND_ORDER or before == after:
        return ""
    way = "up" if _BAND_ORDER.index(after) > _BAND_ORDER.index(before) else "down"
    return f"Moved {way} from {before} to {after}"


def _since_context(since: dict[str, Any] | None) -> dict[str, Any] | None:
    """The comparison with the last final assessment, with each change in words."""
    if not since:
        return None
    overall = None
    if since.get("overall_before") is not None and since.get("overall_after") is not None:
        delta = since["overall_after"] - since["overall_before"]
        overall = {"change_text": _change_text(delta)}
    return {
        **since,
        "previous_date": _as_date(since.get("previous_on")),
        "overall": overall,
        "gaps": [
            {
                **gap,
                "change_text": _change_text(gap["change"]),
                "band_move": _band_move(gap),
            }
            for gap in since["gaps"]
        ],
        # None in snapshots taken before the answers were compared: they list none.
        "answers_changed": since.get("answers_changed"),
        "answer_groups": _answer_groups(since.get("answers_changed") or []),
    }


# A written answer is quoted in full in the appendix; here its start is enough.
SINCE_ANSWER_CHARS = 160


def _answer_groups(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The answers that changed under their group's title, as the results page groups them."""
    groups = []
    for direction, title in ANSWER_GROUPS:
        members = [
            {
                **change,
                "before": _shorten(change["before"], SINCE_ANSWER_CHARS),
                "after": _shorten(change["after"], SINCE_ANSWER_CHARS),
            }
            for change in changes
            if change["direction"] == direction
        ]
        if members:
            groups.append({"direction": direction, "title": title, "changes": members})
    return groups


def _shorten(text: str, limit: int | None) -> str:
    """`text` cut at a word to at most `limit` characters, with an ellipsis if cut."""
    if limit is None or len(text) <= limit:
        return text
    if limit == 0:
        return ""
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.\u2013\u2014-") + "\u2026"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def _shorten_reason(text: str, limit: int | None) -> str:
    """A reason made shorter only where a clause ends, so what is left still reads whole.

    A reason that ends in a list ("… Weakest: a (20); b (30); c (35).") drops items from
    the end and says how many ("… Weakest: a (20) and 2 more."); past that, whole
    sentences after the first go. The first sentence is never cut, even if it is longer
    than `limit`: the full text is in The decision in full either way."""
    if limit is None or len(text) <= limit:
        return text
    head, colon, tail = text.rpartition(": ")
    items = tail.rstrip(".").split("; ") if colon else []
    if len(items) > 1:
        for keep in range(len(items) - 1, 0, -1):
            shorter = f"{head}: {'; '.join(items[:keep])} and {len(items) - keep} more."
            if len(shorter) <= limit:
                return shorter
    sentences = _SENTENCE_END.split(text)
    while len(sentences) > 1 and len(" ".join(sentences)) > limit:
        sentences.pop()
    return " ".join(sentences)


def _reasons(snapshot: dict[str, Any]) -> list[str]:
    """The decision's reasons, most severe first, as page one and the appendix list them.
    Snapshots taken before reasons were ranked by severity keep the rubric's order."""
    decision = snapshot["decision"]
    return decision.get("reasons_by_severity") or decision["reasons"]


def _page_one(snapshot: dict[str, Any], budget: PageOneBudget) -> dict[str, Any]:
    """What page one prints of the pilot and the decision's reasons, within `budget`."""
    pilot = snapshot["pilot"]
    everything = _reasons(snapshot)
    reasons = [_shorten_reason(r, budget.reason_chars) for r in everything[: budget.reasons]]
    name = _shorten(pilot["name"], budget.name_chars)
    workflow = _shorten(pilot.get("workflow") or "", budget.workflow_chars)
    banner = _provisional(snapshot["assessment"])
    brief = _provisional(snapshot["assessment"], brief=True) if budget.brief_provisional else banner
    return {
        "name": name,
        "workflow": workflow,
        "problem": _shorten(pilot.get("problem") or "", budget.problem_chars),
        "reasons": reasons,
        "more_reasons": len(everything) - len(reasons),
        "reasons_cut": reasons != everything[: len(reasons)],
        "pilot_cut": name != pilot["name"] or workflow != (pilot.get("workflow") or ""),
        "since_gates": budget.since_gates,
        "provisional": brief,
        "provisional_cut": brief != banner,
        "compact_actions": budget.compact_actions,
    }


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _stage(code: str) -> str:
    try:
        return str(Pilot.Stage(code).label)
    except ValueError:
        return code.replace("_", " ").capitalize()


def _volume(weekly: float | None) -> str:
    return "" if weekly is None else f"{_number(weekly)} items a week"


# The section the questionnaire opens with, as the appendix titles it.
BASICS_TITLE = next(s.title for s in SECTIONS if s.id == "basics")


def _pilot_basics(pilot: dict[str, Any]) -> list[dict[str, Any]]:
    """The pilot's own description, as Pilot basics asks for it, for the appendix."""
    weekly = pilot.get("weekly_volume")
    volume = _volume(weekly)
    if volume:
        volume += f" (about {_number(monthly_from_weekly(weekly))} a month)"
    days = pilot.get("prototype_effort_days")
    rows = [
        ("The business problem it should solve", pilot.get("problem") or ""),
        ("The workflow it automates", pilot.get("workflow") or ""),
        ("Items handled in a typical week", volume),
        ("Stage", _stage(pilot["stage"]) if pilot.get("stage") else ""),
        ("Days spent on the prototype so far", "" if days is None else _number(days)),
    ]
    return [{"prompt": prompt, "answer": answer} for prompt, answer in rows]


def _appendix(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """The appendix's sections, Pilot basics opening with the pilot's own description."""
    sections = list(snapshot["appendix"])
    basics = _pilot_basics(snapshot["pilot"])
    if sections and sections[0]["section"] == BASICS_TITLE:
        sections[0] = {**sections[0], "questions": basics + sections[0]["questions"]}
    else:
        sections.insert(0, {"section": BASICS_TITLE, "questions": basics})
    return sections


def _day(moment: date | datetime | None) -> date | None:
    """The calendar day of `moment` where the team works, as the report prints it."""
    if isinstance(moment, datetime):
        return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    return moment


# A fix leaves the plan as soon as the answers show it made, so one still in the plan
# but marked done is a claim the answers do not bear out yet. A Stop's step has no
# answers to show it: done is simply done.
DONE_CLAIMED = "Marked done; the answers do not show it yet"
DONE_CLAIMED_SHORT = "marked done, not yet shown in the answers"


def _action(action: dict[str, Any], *, report_day: date | None) -> dict[str, Any]:
    """One action of the plan, with whether it is done and whether its date had passed on
    the day of the report. Snapshots taken before the status was kept say neither done
    nor overdue: their dates were commitments then."""
    due = _as_date(action.get("due"))
    due_day = _day(due)
    status = action.get("status")
    done = status == "done"
    claimed = done and action.get("kind") != "stop"
    gain = action.get("expected_gain")
    if claimed and gain and gain.endswith(CLEARS_A_GATE):
        # Its gate still fails: the gain is still to come, not a gate already cleared.
        gain = gain.removesuffix(CLEARS_A_GATE) + "; would clear a gate"
    return {
        **action,
        "due_date": due,
        "done": done,
        "done_label": DONE_CLAIMED if claimed else "Done" if done else "",
        "done_note": DONE_CLAIMED_SHORT if claimed else "done" if done else "",
        "gain_label": "Expected gain once the answers show it" if claimed else "Expected gain",
        "expected_gain": gain,
        "condition": bool(action.get("condition")),
        "overdue": status == "open"
        and due_day is not None
        and report_day is not None
        and due_day < report_day,
    }


def _page_one_actions(actions: list[dict[str, Any]], decision: str) -> tuple[str, list]:
    """The heading and the actions page one lists, ranked exactly as the plan ranks them.

    On Go with conditions, the conditions of going live and nothing else; snapshots taken
    before conditions were marked list what to fix first, as they did then. A fix marked
    done stays: it is in the plan because the answers do not show it yet.
    """
    if decision == "go_with_conditions":
        conditions = [a for a in actions if a["condition"]]
        if conditions:
            return "Conditions of going live", conditions
    heading = {"go": "Next steps", "stop": "What to do now"}.get(decision, "Fix first")
    return heading, actions[:3]


def _provisional(assessment: dict[str, Any], *, brief: bool = False) -> str:
    """Why the decision may still move: a draft, questions left unanswered, answers copied
    from the last assessment and never re-checked; `brief`, in a few words."""
    draft = assessment.get("final") is False
    unanswered = assessment.get("unanswered") or 0
    copied = assessment.get("unreviewed") or 0
    if brief:
        parts = ["a draft"] if draft else []
        if unanswered:
            parts.append(_count(unanswered, "question", "questions") + " unanswered")
        if copied:
            parts.append(_count(copied, "answer", "answers") + " copied and not re-checked")
        text = "; ".join(parts)
        if draft or unanswered:
            return f"Provisional: {text}."
        return f"{text.capitalize()}." if text else ""
    questions = _count(unanswered, "question is", "questions are")
    if draft and unanswered:
        text = (
            f"Provisional: this is a draft assessment, not yet made final, and {questions} "
            "still unanswered. Unanswered questions earn no credit."
        )
    elif draft:
        text = "Provisional: this is a draft assessment; its answers may change before it is made final."
    elif unanswered:
        text = f"Provisional: {questions} unanswered. Unanswered questions earn no credit."
    else:
        text = ""
    if copied:
        was = "was" if copied == 1 else "were"
        has = "has" if copied == 1 else "have"
        text += (
            f" {_count(copied, 'answer', 'answers')} {was} copied from the last assessment "
            f"and {has} not been re-checked since."
        )
    return text.strip()


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _team_summary(team: dict[str, Any]) -> str:
    """Two sentences for everything the disagreements list does not show one by one."""
    differ = sum(1 for q in team["questions"] if q.get("verdict", "disagree") == "disagree")
    unsure = len(team["questions"]) - differ
    listed = []
    if differ:
        listed.append(f"answers differ on {_count(differ, 'question', 'questions')}")
    if unsure:
        listed.append(f"someone was not sure on {_count(unsure, 'question', 'questions')}")
    first = (
        " and ".join(listed).capitalize() + ", listed below."
        if listed
        else "No answers differ and nobody was unsure."
    )
    rest = []
    if team.get("agreed"):
        rest.append(
            f"everyone who answered agreed on {_count(team['agreed'], 'question', 'questions')}"
        )
    if team.get("written"):
        rest.append(
            _count(
                team["written"],
                "question with written answers is",
                "questions with written answers are",
            )
            + " not compared here"
        )
    if team.get("single"):
        rest.append(
            _count(team["single"], "question was", "questions were")
            + " answered by only one person, with no agreed answer yet"
        )
    if team.get("unanswered"):
        rest.append(
            _count(team["unanswered"], "question has", "questions have")
            + " no answer from anyone asked"
        )
    if not rest:
        return first
    return f"{first} Besides: {'; '.join(rest)}."


def _team_questions(team: dict[str, Any]) -> list[dict[str, Any]]:
    """Each question with the answers given and, on one line, who has not answered it.

    Snapshots taken before `no_answer` was kept list everyone, "No answer" included: they
    are sorted the same way here, leaving out people who had answered nothing at all."""
    silent = {p["name"] for p in team["people"] if p.get("answered", 1) == 0}
    questions = []
    for question in team["questions"]:
        if "no_answer" not in question:
            given = [a for a in question["answers"] if a["answer"] != "No answer"]
            missing = [
                a["name"]
                for a in question["answers"]
                if a["answer"] == "No answer" and a["name"] not in silent
            ]
            question = {**question, "answers": given, "no_answer": missing}
        questions.append(question)
    return questions


def _team_provisional(team: dict[str, Any]) -> str:
    """Who has not finished answering, when anyone has not: their answers may still move."""
    people = team["people"]
    unfinished = sum(1 for p in people if not p.get("finished"))
    if not unfinished:
        return ""
    verb = "has" if unfinished == 1 else "have"
    return f"{unfinished} of {_count(len(people), 'person', 'people')} {verb}"


def report_context(
    snapshot: dict[str, Any],
    *,
    reference: str,
    snapshot_sha256: str,
    budget: PageOneBudget = PAGE_ONE_BUDGETS[0],
) -> dict[str, Any]:
    branding = snapshot["branding"]
    accent = branding.get("accent_colour") or ""
    # The colour goes into a stylesheet: only a plain hex value may reach it.
    accent = accent if _HEX_COLOUR.match(accent) else DEFAULT_ACCENT
    # A colour saved before light ones were refused is darkened until headings in it
    # can be read on the white page.
    accent = legible_on_white(accent.lower())
    logo = branding.get("logo")
    logo_uri = None
    if logo:
        logo_uri = data_uri(base64.b64decode(logo["base64"]), logo["content_type"])
    decision = snapshot["decision"]
    gaps = snapshot["gaps"]
    thresholds = snapshot.get("thresholds") or RUBRIC_1_THRESHOLDS
    chart = gap_chart_svg(
        [
            GapBar(
                gap["label"],
                gap["score"],
                gap["band"] if gap["band"] != "unanswered" else "weak",
                gap.get("weakest", False),
            )
            for gap in gaps
        ],
        weak_below=thresholds["weak_below"],
        strong_from=thresholds["strong_min"],
    )
    stop = decision["code"] == "stop"
    taken_at = _as_date(snapshot.get("taken_at"))
    actions = [
        # Snapshots taken before a Stop set production work aside still carry gains.
        _action(a, report_day=_day(taken_at)) | ({"expected_gain": None} if stop else {})
        for a in snapshot["actions"]
    ]
    first_heading, first_actions = _page_one_actions(actions, decision["code"])
    since = _since_context(snapshot.get("since"))
    since_by_gap = {g["key"]: g for g in since["gaps"]} if since and not since["unchanged"] else {}
    actions_by_gap: dict[str, list[dict[str, Any]]] = {}
    for action in actions:
        # A stop step belongs to no gap's page, as it is labelled by none in the plan.
        if action.get("kind") != "stop":
            actions_by_gap.setdefault(action["gap"], []).append(action)
    return {
        "s": snapshot,
        # The client's currency; absent in snapshots taken before it was added, whose
        # amounts print as bare numbers, as they did then.
        "currency": snapshot["client"].get("currency", ""),
        "reference": reference,
        "running_head": f"{_shorten(snapshot['client']['name'], RUNNING_CLIENT_CHARS)} · "
        f"{_shorten(snapshot['pilot']['name'], RUNNING_PILOT_CHARS)}",
        "snapshot_sha256": snapshot_sha256,
        "accent": accent,
        "logo_uri": logo_uri,
        "decision_colour": DECISION_COLOURS.get(decision["code"], DEFAULT_ACCENT),
        "decision_meaning": DECISION_MEANINGS.get(decision["code"], ""),
        "page_one": _page_one(snapshot, budget),
        "reasons": _reasons(snapshot),
        # Absent from snapshots taken before drafts and unanswered questions were kept.
        "provisional": _provisional(snapshot["assessment"]),
        "stage": _stage(snapshot["pilot"]["stage"]) if snapshot["pilot"].get("stage") else "",
        "volume": _volume(snapshot["pilot"].get("weekly_volume")),
        "appendix": _appendix(snapshot),
        "gap_chart": chart,
        "weak_below": thresholds["weak_below"],
        "strong_from": thresholds["strong_min"],
        "gaps": [
            {
                **gap,
                # The gap's recommendations are its actions; the plan adds only who and when.
                "assigned": [
                    a
                    for a in actions_by_gap.get(gap["label"], [])
                    if a.get("owner") or a["due_date"]
                ],
                "since": since_by_gap.get(gap.get("key")),
            }
            for gap in gaps
        ],
        "taken_at": taken_at,
        "actions": actions,
        "fix_first": first_actions[: budget.actions],
        "more_actions": len(first_actions[budget.actions :]) if budget.actions else 0,
        "fix_first_heading": first_heading,
        "conditions": sum(1 for a in actions if a["condition"]),
        "stop": stop,
        "effort": None if stop else snapshot.get("effort"),
        # Absent in snapshots taken before they were added: those reports print neither.
        "since": since,
        "team": snapshot.get("disagreements"),
        "team_questions": _team_questions(snapshot["disagreements"])
        if snapshot.get("disagreements")
        else [],
        "team_provisional": _team_provisional(snapshot["disagreements"])
        if snapshot.get("disagreements")
        else "",
        "team_summary": _team_summary(snapshot["disagreements"])
        if snapshot.get("disagreements")
        else "",
    }


def render_report_html(
    snapshot: dict[str, Any],
    *,
    reference: str,
    snapshot_sha256: str,
    preview: bool = False,
    back_url: str = "",
    download_url: str = "",
) -> str:
    """The report as HTML; the preview adds a way back and the download, which the
    PDF has no use for."""
    context = report_context(snapshot, reference=reference, snapshot_sha256=snapshot_sha256)
    context["preview"] = preview
    context["back_url"] = back_url
    context["download_url"] = download_url
    return render_to_string(TEMPLATE, context)


@functools.cache
def _parsed_stylesheet(path: str, mtime: float) -> CSS:
    # Parsing the stylesheet is a tenth of a render; keep it per file version.
    with open(path, encoding="utf-8") as handle:
        return CSS(
            string=handle.read(),
            base_url=f"{ASSET_ORIGIN}static/{STYLESHEET}",
            url_fetcher=SafeURLFetcher(),
        )


def report_stylesheet() -> CSS:
    path = finders.find(STYLESHEET) or os.path.join(settings.STATIC_ROOT, STYLESHEET)
    return _parsed_stylesheet(path, os.path.getmtime(path))


_thread_fonts = threading.local()


def _font_config() -> FontConfiguration:
    # A worker renders one report after another; keeping the font configuration keeps
    # the fonts Pango has loaded and measured warm between them (about a twentieth of a
    # render). Nothing from one report can reach the next: only our stylesheet and the
    # template's colour rules are CSS, and neither has @font-face. One per thread, as
    # Pango's objects are not shared between threads.
    config = getattr(_thread_fonts, "config", None)
    if config is None:
        config = _thread_fonts.config = FontConfiguration()
    return config


def _laid_out(
    snapshot: dict[str, Any], *, reference: str, snapshot_sha256: str, budget: PageOneBudget
) -> tuple[Document, SafeURLFetcher]:
    context = report_context(
        snapshot, reference=reference, snapshot_sha256=snapshot_sha256, budget=budget
    )
    # The PDF gets the parsed stylesheet directly; the preview links the same file.
    context["preview"] = False
    html = render_to_string(TEMPLATE, context)
    embedded = frozenset({context["logo_uri"]} if context["logo_uri"] else ())
    fetcher = SafeURLFetcher(embedded=embedded)
    document = HTML(string=html, base_url=ASSET_ORIGIN, url_fetcher=fetcher).render(
        stylesheets=[report_stylesheet()], font_config=_font_config()
    )
    return document, fetcher


def page_one_fits(document: Document) -> bool:
    """Whether everything page one should hold ended on page one."""
    return PAGE_ONE_END in document.pages[0].anchors


def render_pdf(snapshot: dict[str, Any], *, reference: str, snapshot_sha256: str) -> RenderedPdf:
    started = time.perf_counter()
    for budget in PAGE_ONE_BUDGETS:
        document, fetcher = _laid_out(
            snapshot, reference=reference, snapshot_sha256=snapshot_sha256, budget=budget
        )
        if page_one_fits(document):
            break
    content = document.write_pdf()
    return RenderedPdf(
        content=content,
        page_count=len(document.pages),
        sha256=hashlib.sha256(content).hexdigest(),
        seconds=time.perf_counter() - started,
        fetches=fetcher.log,
    )
