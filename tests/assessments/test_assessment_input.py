from datetime import date

from assessments import services
from assessments.scoring.inputs import AssessmentInput, OwnerIn
from assessments.selectors import (
    assessment_input,
    pilot_records_input,
    records_from_snapshot,
    records_to_snapshot,
)


def test_the_adapter_copies_every_record_and_the_agreed_answers(world, alice):
    assessment = world.objects["assessment"]
    services.metric_update(metric=world.objects["metric"], data={"deadline": date(2027, 3, 31)})

    inp = assessment_input(assessment)

    assert isinstance(inp, AssessmentInput)
    assert inp.pilot.name == "Quote follow-ups"
    assert inp.owners == (
        OwnerIn(
            name="Priya Shah",
            email="priya@northwind.test",
            role="",
            accountable=True,
            hours_per_week=None,
            in_using_team=False,
        ),
    )
    assert inp.metrics[0].deadline == date(2027, 3, 31)
    assert inp.integrations[0].system == "HubSpot"
    assert inp.oversight.review_mode == "all"
    assert inp.change_plan.sponsor_name == "Sam Ortiz"
    assert inp.value_case.items_per_month == 80
    # The respondent's "no" is not the assessment's answer.
    assert set(inp.answers) == {"own_authority"}
    assert inp.answers["own_authority"].value is True


def test_a_pilot_without_plans_gives_the_engine_none(world, alice):
    client = world.objects["client"]
    pilot = services.pilot_create(client=client, name="Bare pilot")
    assessment = services.assessment_start(pilot=pilot, user=alice)

    inp = assessment_input(assessment)

    assert (inp.oversight, inp.change_plan, inp.value_case) == (None, None, None)
    assert inp.owners == ()


def test_the_adapter_runs_a_fixed_number_of_queries(world, alice, django_assert_num_queries):
    assessment = world.objects["assessment"]
    with django_assert_num_queries(5):
        assessment_input(assessment)

    pilot = world.objects["pilot"]
    for n in range(4):
        services.owner_add(pilot=pilot, name=f"Owner {n}")
        services.metric_add(pilot=pilot, name=f"Metric {n}")
        services.integration_add(pilot=pilot, system=f"System {n}")
    services.answer_save(assessment=assessment, question_id="own_duties", value="named", user=alice)

    with django_assert_num_queries(5):
        inp = assessment_input(assessment)
    assert len(inp.owners) == 5


def test_a_snapshot_reads_back_as_the_same_records(world):
    services.metric_update(metric=world.objects["metric"], data={"deadline": date(2027, 1, 15)})
    records = pilot_records_input(world.objects["pilot"].pk)

    assert records_from_snapshot(records_to_snapshot(records)) == records
