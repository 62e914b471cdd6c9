"""What changed since a pilot's last final assessment: pure, from two scorecards and
the two assessments' answers.

The earlier assessment is final, so its scorecard is the one it stored when it was
submitted (`scorecard_to_dict`); the current one is scored afresh. Gaps and gates
are matched by id, so two rubric versions compare on what they share. Answers are
compared under the current rubric: its questions, their labels and their credit.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .disagreement import answer_text
from .questionnaire import applies, is_answered
from .rubric.model import Question, Rubric
from .scoring.engine import evidence_level, score
from .scoring.inputs import AssessmentInput
from .scoring.scorecard import DECISION_LABELS, Scorecard

BETTER, WORSE, CHANGED = "better", "worse", "changed"
# How the results page and the report group the answers that changed, in this order.
ANSWER_GROUPS = ((BETTER, "Better"), (WORSE, "Worse"), (CHANGED, "Other changes"))
# How a question that did not apply reads beside an answer that did.
NOT_ASKED_THEN, NOT_ASKED_NOW = "Did not apply", "No longer applies"
# Evidence by the credit it earns, not by what it says: a note or a link someone can open.
EVIDENCE_WORDS = {"text": "a note", "link": "a link"}


@dataclass(frozen=True)
class GapChange:
    id: str
    title: str
    before: int | None  # None when the earlier rubric had no such gap
    after: int
    band_before: str | None
    band_after: str

    @property
    def delta(self) -> int | None:
        return None if self.before is None else self.after - self.before


@dataclass(frozen=True)
class GateChange:
    criterion_id: str
    title: str  # the criterion's title in the current rubric
    text: str  # why it failed: last time for a gate met now, now for one failing now


@dataclass(frozen=True)
class ActionDone:
    criterion_id: str  # the action's identity: a criterion's, or a stop step's
    title: str  # as last time's plan named it


@dataclass(frozen=True)
class AnswerChange:
    question_id: str
    prompt: str
    before: str  # the answer then, in words
    after: str  # the answer now, in words
    # BETTER or WORSE when the question's credit rose or fell; CHANGED when the
    # credit did not move or the question earns none, or applied only on one side.
    direction: str
    # How the evidence behind an answer given both times changed, in words ("evidence:
    # a note → a link", "evidence removed"), or "" when it earns the same as before.
    evidence: str = ""

    @property
    def same_answer(self) -> bool:
        """Only the evidence changed: the answer reads as it did."""
        return self.before == self.after


@dataclass(frozen=True)
class Comparison:
    previous_id: int
    previous_date: datetime | None
    decision_before: str
    decision_after: str
    overall_before: int
    overall_after: int
    gaps: tuple[GapChange, ...]
    gates_now_met: tuple[GateChange, ...]  # failed last time, met now
    gates_now_failing: tuple[GateChange, ...]  # met last time, failed now
    same_rubric: bool
    # Last time's actions that no longer apply because what caused them is gone.
    actions_done: tuple[ActionDone, ...] = ()
    # The answers that changed, in rubric order: see `answer_changes`.
    answers_changed: tuple[AnswerChange, ...] = ()

    def answer_groups(self) -> tuple[tuple[str, tuple[AnswerChange, ...]], ...]:
        """The changed answers under their group's title, better first, empty groups left out."""
        groups = (
            (title, tuple(a for a in self.answers_changed if a.direction == direction))
            for direction, title in ANSWER_GROUPS
        )
        return tuple((title, changes) for title, changes in groups if changes)

    @property
    def decision_before_label(self) -> str:
        return DECISION_LABELS.get(self.decision_before, self.decision_before)

    @property
    def decision_after_label(self) -> str:
        return DECISION_LABELS[self.decision_after]

    @property
    def decision_changed(self) -> bool:
        return self.decision_before != self.decision_after

    @property
    def overall_delta(self) -> int:
        return self.overall_after - self.overall_before

    @property
    def unchanged(self) -> bool:
        return (
            not self.decision_changed
            and not self.gates_now_met
            and not self.gates_now_failing
            and not self.actions_done
            and all(gap.delta == 0 for gap in self.gaps)
        )


def compare(
    previous: Mapping[str, Any],
    current: Scorecard,
    *,
    previous_id: int,
    previous_date: datetime | None = None,
    answers_changed: tuple[AnswerChange, ...] = (),
) -> Comparison:
    """The change from a stored scorecard (`previous`) to the current one, with the
    answers that changed between them (`answer_changes`) carried alongside."""
    before_gaps = {gap["id"]: gap for gap in previous.get("gaps", [])}
    gaps = tuple(
        GapChange(
            id=gap.id,
            title=gap.title,
            before=before_gaps[gap.id]["score"] if gap.id in before_gaps else None,
            after=gap.score,
            band_before=before_gaps[gap.id]["band"] if gap.id in before_gaps else None,
            band_after=gap.band,
        )
        for gap in current.gaps
    )
    gates_before = {
        c["id"] for gap in previous.get("gaps", []) for c in gap["criteria"] if c["is_gate"]
    }
    failed_before = {g["criterion"]: g["text"] for g in previous.get("failed_gates", [])}
    failed_now = {g.criterion_id: g.text for g in current.failed_gates}
    # A gate counts as newly met or newly failing only where both rubrics have it.
    current_gates = {c.id: c.title for gap in current.gaps for c in gap.criteria if c.is_gate}
    return Comparison(
        previous_id=previous_id,
        previous_date=previous_date,
        decision_before=previous["decision"],
        decision_after=current.decision,
        overall_before=previous["overall"],
        overall_after=current.overall,
        gaps=gaps,
        gates_now_met=tuple(
            GateChange(criterion, current_gates[criterion], text)
            for criterion, text in failed_before.items()
            if criterion not in failed_now and criterion in current_gates
        ),
        gates_now_failing=tuple(
            GateChange(criterion, current_gates[criterion], text)
            for criterion, text in failed_now.items()
            if criterion not in failed_before and criterion in gates_before
        ),
        same_rubric=previous.get("rubric_version") == current.rubric_version,
        actions_done=_actions_done(previous, current),
        answers_changed=answers_changed,
    )


def _actions_done(previous: Mapping[str, Any], current: Scorecard) -> tuple[ActionDone, ...]:
    """Last time's actions whose cause is gone: a fix whose criterion now has full credit,
    or a stop step no stop reason calls for any more.

    A fix whose criterion the current rubric lacks is not done, only gone, so it is not
    listed. Scorecards stored before `set_aside` existed simply have none.
    """
    open_now = {a.criterion_id for a in (*current.actions, *current.set_aside)}
    criteria_now = {c.id for gap in current.gaps for c in gap.criteria}
    done = []
    for action in (*previous.get("actions", []), *previous.get("set_aside", [])):
        action_id = action["criterion"]
        if action_id in open_now:
            continue
        if action.get("kind", "fix") == "fix" and action_id not in criteria_now:
            continue
        done.append(ActionDone(action_id, action["title"]))
    return tuple(done)


def answer_changes(
    rubric: Rubric, before: AssessmentInput, after: AssessmentInput
) -> tuple[AnswerChange, ...]:
    """Each question of `rubric` whose answer, or the evidence behind it, differs
    between `before` and `after`.

    Evidence counts when it earns different credit: none, a note or a link. A note
    reworded or a link swapped for another is no change. Both inputs are scored under
    `rubric`, so a question got better or worse when its credit rose or fell, evidence
    included. A question that applied on one side only
    is a change of its own, neither better nor worse: its credit did not count on the
    other side. Nothing is listed for a question unanswered on both sides, or for one
    that did not apply then and does not now. Sections and questions keep the
    rubric's order; a question the rubric no longer has is not compared.
    """
    credit_before, credit_after = (
        _question_credits(before, rubric),
        _question_credits(after, rubric),
    )
    changes = []
    for question in _in_rubric_order(rubric):
        then = _shown(question, before)
        now = _shown(question, after)
        if then is None and now is None:
            continue
        text_then = then if then is not None else _absent(question, before, NOT_ASKED_THEN)
        text_now = now if now is not None else _absent(question, after, NOT_ASKED_NOW)
        evidence = (
            _evidence_change(question, before, after)
            if then is not None and now is not None
            else ""
        )
        if text_then == text_now and not evidence:
            continue
        changes.append(
            AnswerChange(
                question_id=question.id,
                prompt=question.prompt,
                before=text_then,
                after=text_now,
                direction=_direction(
                    credit_before.get(question.id),
                    credit_after.get(question.id),
                    both_apply=applies(question, before) and applies(question, after),
                ),
                evidence=evidence,
            )
        )
    return tuple(changes)


def _in_rubric_order(rubric: Rubric) -> list[Question]:
    """The questions by section, the gaps' sections in the rubric's order of gaps."""
    sections = ["basics", *(gap.id for gap in rubric.gaps), "value"]
    position = {section: n for n, section in enumerate(sections)}
    return sorted(rubric.questions, key=lambda q: position.get(q.section, len(sections)))


def _shown(question: Question, inp: AssessmentInput) -> str | None:
    """The answer as a reader would say it, or None when the question did not apply
    or had no usable answer."""
    answer = inp.answers.get(question.id)
    if not applies(question, inp) or not is_answered(question, answer):
        return None
    return answer_text(question, answer)


def _evidence_change(question: Question, before: AssessmentInput, after: AssessmentInput) -> str:
    """How the evidence behind a question answered both times changed, or "" when its
    level (none, a note, a link) stayed the same or the question takes none."""
    if not question.evidence:
        return ""
    answers = before.answers[question.id], after.answers[question.id]
    if any(answer.not_sure for answer in answers):
        return ""
    then, now = (evidence_level(answer.evidence) for answer in answers)
    if then == now:
        return ""
    if now == "none":
        return "evidence removed"
    if then == "none":
        return f"evidence added: {EVIDENCE_WORDS[now]}"
    return f"evidence: {EVIDENCE_WORDS[then]} → {EVIDENCE_WORDS[now]}"


def _absent(question: Question, inp: AssessmentInput, not_asked: str) -> str:
    return answer_text(question, None) if applies(question, inp) else not_asked


def _question_credits(inp: AssessmentInput, rubric: Rubric) -> dict[str, float]:
    """Each scored question's credit, 0..1, where it applies."""
    card = score(inp, rubric)
    return {
        signal.ref: signal.credit
        for gap in card.gaps
        for criterion in gap.criteria
        for signal in criterion.signals
        if signal.kind == "question" and signal.status != "skipped"
    }


def _direction(before: float | None, after: float | None, *, both_apply: bool) -> str:
    if not both_apply or before is None or after is None:
        return CHANGED
    # Credits are products of a few fixed factors: compare them at a fixed precision.
    if round(after - before, 9) > 0:
        return BETTER
    if round(after - before, 9) < 0:
        return WORSE
    return CHANGED
