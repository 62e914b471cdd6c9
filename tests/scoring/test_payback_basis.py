"""A payback in months says when it rests on rough figures."""

from dataclasses import replace

from assessments.rubric.loader import bundled_rubric
from assessments.scoring.engine import score
from assessments.scoring.inputs import AnswerIn
from assessments.scoring.payback import payback_basis
from assessments.scoring.samples import never_pays_back_pilot, ready_pilot, with_answers

RUBRIC = bundled_rubric("1.0.0")


def _basis(inp):
    return payback_basis(score(inp, RUBRIC), inp, RUBRIC)


def test_measured_savings_and_an_itemised_cost_need_no_qualifier():
    inp = with_answers(ready_pilot(), val_saving_measured="measured", val_cost_complete="itemised")

    assert score(inp, RUBRIC).payback_months is not None
    assert _basis(inp) == ""


def test_guessed_savings_and_a_prototype_only_cost_are_named():
    inp = with_answers(ready_pilot(), val_saving_measured="guess", val_cost_complete="prototype")

    assert _basis(inp) == "from a prototype-only cost and guessed savings"


def test_one_rough_figure_is_named_alone():
    inp = with_answers(ready_pilot(), val_saving_measured="estimate", val_cost_complete="itemised")

    assert _basis(inp) == "from savings estimated from the demo"


def test_a_not_sure_or_missing_answer_counts_as_a_figure_of_unknown_origin():
    inp = with_answers(ready_pilot(), val_cost_complete="itemised")
    answers = dict(inp.answers)
    answers["val_saving_measured"] = AnswerIn("val_saving_measured", None, not_sure=True)
    answers.pop("val_cost_complete")

    assert _basis(replace(inp, answers=answers)) == (
        "from a cost of unknown scope and savings of unknown origin"
    )


def test_a_value_case_that_never_pays_back_gets_no_qualifier():
    inp = with_answers(
        never_pays_back_pilot(), val_saving_measured="guess", val_cost_complete="prototype"
    )

    assert score(inp, RUBRIC).payback_months == float("inf")
    assert _basis(inp) == ""
