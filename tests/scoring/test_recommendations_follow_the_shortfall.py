"""An action recommends what is actually short in the records, not the whole job the
rubric describes, so nobody is told to do again what they have just recorded."""

from dataclasses import replace

from assessments.rubric.loader import bundled_rubric
from assessments.scoring.engine import score
from assessments.scoring.samples import claims_without_evidence, ready_pilot, with_answers

RUBRIC = bundled_rubric("1.0.0")


def _recommendation(inp, criterion_id):
    card = score(inp, RUBRIC)
    return next(a for a in card.actions if a.criterion_id == criterion_id).recommendation


def _rubric_text(criterion_id):
    return RUBRIC.criteria_by_id[criterion_id].recommendation


def _with_owner(inp, **changes):
    return replace(inp, owners=(replace(inp.owners[0], **changes), *inp.owners[1:]))


def _with_integrations(inp, *changes):
    return replace(
        inp,
        integrations=tuple(
            replace(item, **change) for item, change in zip(inp.integrations, changes, strict=True)
        ),
    )


def test_an_owner_outside_the_using_team_is_asked_to_sit_in_it():
    text = _recommendation(_with_owner(ready_pilot(), in_using_team=False), "own_accountable_owner")

    assert text == (
        "Make sure the accountable owner sits in the team that uses the workflow: Dana Ortiz "
        "is recorded as working outside it."
    )
    assert "Name one person" not in text


def test_an_owner_without_an_email_is_asked_for_it():
    text = _recommendation(_with_owner(ready_pilot(), email=""), "own_accountable_owner")

    assert text == (
        "Record Dana Ortiz’s email, so the accountable owner can be reached when something "
        "goes wrong."
    )


def test_several_accountable_people_are_asked_to_choose_one():
    inp = replace(
        ready_pilot(),
        owners=(ready_pilot().owners[0], replace(ready_pilot().owners[1], accountable=True)),
    )

    text = _recommendation(inp, "own_accountable_owner")

    assert text.startswith(
        "Choose one of the 2 people marked accountable (Dana Ortiz and Sam Lee) to own the "
        "workflow in production"
    )


def test_no_accountable_owner_keeps_the_rubric_recommendation():
    inp = _with_owner(ready_pilot(), accountable=False)

    assert _recommendation(inp, "own_accountable_owner") == _rubric_text("own_accountable_owner")


def test_an_owner_short_of_time_is_asked_for_the_hours_only():
    text = _recommendation(_with_owner(ready_pilot(), hours_per_week=2.0), "own_time_authority")

    assert text == (
        "Agree in writing that Dana Ortiz gives the workflow at least 4 hours a week, and "
        "record it: 2 hours a week are recorded."
    )


def test_a_budgeted_and_estimated_system_in_a_sandbox_is_to_be_finished():
    inp = _with_integrations(ready_pilot(), {"status": "sandbox"}, {})

    text = _recommendation(inp, "int_live_path")

    assert text == (
        "Finish connecting CRM to the live system: the work is already budgeted and estimated."
    )
    assert "estimate and budget" not in text


def test_each_system_is_told_what_it_still_needs():
    inp = _with_integrations(
        ready_pilot(),
        {"status": "extract", "budgeted": False, "effort_days": None},
        {"status": "sandbox", "effort_days": None},
    )

    text = _recommendation(inp, "int_live_path")

    assert text == (
        "Estimate the work to connect Email to the live system: it is already budgeted. "
        "Estimate and budget the connection to CRM."
    )


def test_no_system_recorded_keeps_the_rubric_recommendation():
    inp = replace(ready_pilot(), integrations=())

    assert _recommendation(inp, "int_live_path") == _rubric_text("int_live_path")


def test_a_metric_without_a_target_is_asked_for_the_target_only():
    ready = ready_pilot()
    inp = replace(ready, metrics=(replace(ready.metrics[0], target=None), *ready.metrics[1:]))

    assert _recommendation(inp, "out_outcome_metric") == (
        "For the outcome metric “Median time to first reply”, set its target."
    )


def test_a_missing_escalation_path_is_asked_for_alone():
    ready = ready_pilot()
    inp = replace(ready, oversight=replace(ready.oversight, escalation_path=""))

    assert _recommendation(inp, "ov_exceptions") == (
        "Write in the oversight plan who is told when something goes wrong, and how fast they act."
    )


def test_a_change_plan_without_training_is_asked_for_the_training():
    ready = ready_pilot()
    inp = replace(ready, change_plan=replace(ready.change_plan, training_plan=""))

    assert _recommendation(inp, "ado_training_rollout") == (
        "Write in the change plan how they will be trained."
    )


def test_a_bare_best_answer_beside_a_short_record_is_named_for_its_evidence():
    ready = claims_without_evidence(ready_pilot())
    inp = replace(ready, oversight=replace(ready.oversight, escalation_path=""))

    text = _recommendation(inp, "ov_exceptions")

    prompt = RUBRIC.questions_by_id["ov_error_handling"].prompt
    assert text == (
        "Write in the oversight plan who is told when something goes wrong, and how fast "
        f"they act. Then add evidence to the answer to “{prompt}”"
    )


def test_a_weak_answer_beside_a_short_record_keeps_the_rubric_recommendation():
    inp = with_answers(_with_owner(ready_pilot(), hours_per_week=2.0), own_authority=False)

    assert _recommendation(inp, "own_time_authority") == _rubric_text("own_time_authority")
