"""What a payback figure rests on: pure, over the scorecard and the engine's input.

The payback criterion reads the value case and the questions on where its figures come
from. When those answers say the figures are rough (a guess, a prototype-only cost),
the months are still worked out exactly, and a page that prints them should say what
they rest on, so a guess is not read as a measured payback.
"""

from __future__ import annotations

from collections.abc import Mapping

from assessments.rubric.model import Rubric
from assessments.scoring.inputs import AssessmentInput
from assessments.scoring.scorecard import Scorecard

# How each of the bundled rubric's value-case questions describes a figure short of
# firm, by answer; None is for an answer that is missing or "not sure". A question not
# listed here is described by its prompt and the answer's label.
_ROUGH_FIGURES: Mapping[str, Mapping[str | None, str]] = {
    "val_saving_measured": {
        "guess": "guessed savings",
        "estimate": "savings estimated from the demo",
        None: "savings of unknown origin",
    },
    "val_cost_complete": {
        "prototype": "a prototype-only cost",
        "allowance": "a rough cost allowance",
        None: "a cost of unknown scope",
    },
}


def payback_basis(card: Scorecard, inp: AssessmentInput, rubric: Rubric) -> str:
    """ "from guessed savings and a prototype-only cost", or "" when the figures are firm.

    Said only of a payback in months: one that never comes, or cannot be worked out,
    needs no qualifier.
    """
    months = card.payback_months
    if months is None or months == float("inf"):
        return ""
    criterion = next(
        (
            c
            for c in rubric.criteria
            if any(s.kind == "check" and s.ref == "payback" for s in c.signals)
        ),
        None,
    )
    if criterion is None:
        return ""
    rough = []
    for signal in card.criterion(criterion.id).signals:
        if signal.kind != "question" or signal.status == "skipped":
            continue
        phrase = _rough_figure(signal.ref, inp, rubric)
        if phrase:
            rough.append(phrase)
    if not rough:
        return ""
    return "from " + (rough[0] if len(rough) == 1 else ", ".join(rough[:-1]) + " and " + rough[-1])


def _rough_figure(question_id: str, inp: AssessmentInput, rubric: Rubric) -> str:
    """How the answer to one value-case question qualifies the payback; "" if it does not."""
    question = rubric.questions_by_id[question_id]
    if not question.options:
        return ""
    answer = inp.answers.get(question_id)
    value = None if answer is None or answer.not_sure else answer.value
    option = next((o for o in question.options if o.value == value), None)
    if option is not None and (option.credit is None or option.credit >= 1.0):
        return ""
    known = _ROUGH_FIGURES.get(question_id, {})
    if option is None:
        return known.get(None, f"no answer to “{question.prompt}”")
    return known.get(option.value, f"“{option.label}” to “{question.prompt}”")
