"""What one question's answer feeds: the gap it is scored in, the gates and decision
rules it can move, and the questions it decides are asked.

Pure, from the rubric alone, like the scoring engine, so that where people disagree
the disagreements page and the PDF report can say what the disagreement is about:
"Feeds the Ownership gap", "Feeds the Oversight and quality gap and the gate “A person
reviews the output where a mistake would be costly”".

A question reaches a score in two ways: as a signal of a criterion, or read by one of
the named checks (the stakes question, read by the checks that weigh review against
stakes). A gate passes or fails on its own check alone, so a question feeds a gate only
when that check reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessments.rubric.model import Rubric
from assessments.scoring.inputs import AssessmentInput, PilotIn

# The check that turns the value case into payback credit.
PAYBACK_CHECK = "payback"

# A pilot with no records and no answers: what a check says it read from this is what
# it reads whatever the pilot, since the checks name the questions they consult even
# when there is nothing to score.
_NOTHING = AssessmentInput(
    pilot=PilotIn(
        name="", workflow="", problem="", weekly_volume=None, stage="pilot",
        prototype_effort_days=None,
    ),
    owners=(),
    metrics=(),
    integrations=(),
    oversight=None,
    change_plan=None,
    value_case=None,
    answers={},
)  # fmt: skip


@dataclass(frozen=True)
class Feeds:
    # (gap title, criterion titles): where the answer is scored, in the rubric's order.
    # A criterion that is also a gate is named once, as the gate.
    gaps: tuple[tuple[str, tuple[str, ...]], ...] = ()
    gates: tuple[str, ...] = ()  # titles of the gated criteria whose gate check reads it
    payback: str = ""  # title of the criterion that weighs it beside the payback, if any
    stop_rule: bool = False  # read by the rule that stops an unmeasurable pilot
    decides: int = 0  # how many other questions it decides are asked

    @property
    def scored(self) -> bool:
        """The answer counts towards a score, a gate or a decision rule."""
        return bool(self.gaps or self.gates or self.stop_rule)

    @property
    def text(self) -> str:
        """The feeds in one sentence, for a reader deciding how much a difference matters."""
        parts = []
        for gap, criteria in self.gaps:
            named = [
                f"the payback criterion “{c}”" if c == self.payback else f"“{c}”" for c in criteria
            ]
            parts.append(f"the {gap} gap" + (f" ({'; '.join(named)})" if named else ""))
        parts += [f"the gate “{gate}”" for gate in self.gates]
        if self.stop_rule:
            parts.append("the rule that stops a pilot whose outcome cannot be counted")
        asked = ""
        if self.decides:
            asked = (
                "whether another question is asked"
                if self.decides == 1
                else f"whether {self.decides} other questions are asked"
            )
        if not parts:
            return f"Not scored; decides {asked}." if asked else "Not scored."
        listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        return f"Feeds {listed}" + (f"; also decides {asked}." if asked else ".")


def _checks_reading(rubric: Rubric, question_id: str) -> frozenset[str]:
    return frozenset(
        name for name, check in rubric.check_functions.items() if question_id in check(_NOTHING)[2]
    )


def answer_feeds(rubric: Rubric, question_id: str) -> Feeds:
    """What the answer to `question_id` feeds in `rubric`; nothing for an unknown id."""
    return _all_feeds(rubric).get(question_id, Feeds())


def _all_feeds(rubric: Rubric) -> dict[str, Feeds]:
    # Kept on the rubric, as the engine keeps its plan: a Rubric is immutable, so what
    # its questions feed is worked out once.
    feeds = rubric.__dict__.get("_answer_feeds")
    if feeds is None:
        feeds = {question.id: _feeds(rubric, question.id) for question in rubric.questions}
        object.__setattr__(rubric, "_answer_feeds", feeds)
    return feeds


def _feeds(rubric: Rubric, question_id: str) -> Feeds:
    checks = _checks_reading(rubric, question_id)
    scored: dict[str, list[str]] = {}
    gates: list[str] = []
    payback = ""
    for criterion in rubric.criteria:
        signals = criterion.signals
        if criterion.gate is not None and criterion.gate.check in checks:
            scored.setdefault(criterion.gap, [])
            gates.append(criterion.title)
        elif any(
            (s.kind == "question" and s.ref == question_id)
            or (s.kind == "check" and s.ref in checks)
            for s in signals
        ):
            scored.setdefault(criterion.gap, []).append(criterion.title)
            if any(s.kind == "check" and s.ref == PAYBACK_CHECK for s in signals):
                payback = criterion.title
    return Feeds(
        gaps=tuple((gap.title, tuple(scored[gap.id])) for gap in rubric.gaps if gap.id in scored),
        gates=tuple(gates),
        payback=payback,
        stop_rule=rubric.decision.unmeasurable_question == question_id,
        decides=sum(
            1
            for q in rubric.questions
            if q.applies_if is not None and q.applies_if.question == question_id
        ),
    )
