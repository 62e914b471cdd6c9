"""What changed since a pilot's last final assessment: pure, from two scorecards.

The earlier assessment is final, so its scorecard is the one it stored when it was
submitted (`scorecard_to_dict`); the current one is scored afresh. Gaps and gates
are matched by id, so two rubric versions compare on what they share.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .scoring.scorecard import DECISION_LABELS, Scorecard


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
) -> Comparison:
    """The change from a stored scorecard (`previous`) to the current one."""
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
