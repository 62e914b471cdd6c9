"""The engine's input read as rows must equal the same input read as model objects."""

from datetime import date

import pytest

from assessments import services
from assessments.models import Pilot
from assessments.scoring.inputs import AnswerIn
from assessments.selectors import agreed_answer_inputs, pilot_records_input
from tests.orm_reference import agreed_answers, pilot_with_records, records_input

ONE_TO_ONES = ("oversight", "change_plan", "value_case")


def orm_records(pilot: Pilot) -> dict:
    return records_input(pilot_with_records(pilot.pk))


@pytest.fixture
def client(world):
    return world.objects["client"]


@pytest.fixture
def bare_pilot(client):
    return services.pilot_create(client=client, name="Invoice matching")


def _add_oversight(pilot: Pilot) -> None:
    services.oversight_save(
        pilot=pilot,
        data={
            "review_mode": "confidence",
            "confidence_threshold": 0.8,
            "monitor_runs": "Daily run log",
            "alert_recipient": "ops@northwind.test",
        },
    )


def _add_change_plan(pilot: Pilot) -> None:
    services.change_plan_save(
        pilot=pilot,
        data={
            "involvement": "involved",
            "sponsor_name": "Sam Ortiz",
            "rollout_commitment": "conditional",
        },
    )


def _add_value_case(pilot: Pilot) -> None:
    services.value_case_save(
        pilot=pilot,
        # The first value left empty: the record is there though its first column is null.
        data={"items_per_month": None, "minutes_saved_per_item": 6.5, "build_cost": 2000},
    )


ADD = {"oversight": _add_oversight, "change_plan": _add_change_plan, "value_case": _add_value_case}


def test_a_pilot_without_records_reads_as_nones_and_empty_tuples(client, bare_pilot):
    # Records of the pilots either side of it must not leak in.
    later = services.pilot_create(client=client, name="Later pilot")
    services.owner_add(pilot=later, name="Tom Reed")
    services.metric_add(pilot=later, name="Reply time")
    services.integration_add(pilot=later, system="Xero")
    for add in ADD.values():
        add(later)

    records = pilot_records_input(bare_pilot.pk)

    assert records == orm_records(bare_pilot)
    assert (records["oversight"], records["change_plan"], records["value_case"]) == (
        None,
        None,
        None,
    )
    assert (records["owners"], records["metrics"], records["integrations"]) == ((), (), ())
    assert records["pilot"].name == "Invoice matching"
    assert records["pilot"].weekly_volume is None


def test_a_full_pilot_reads_every_record_in_the_models_order(client):
    pilot = services.pilot_create(
        client=client,
        name="Invoice matching",
        workflow="Match supplier invoices to purchase orders",
        weekly_volume=120,
        stage="candidate",
        prototype_effort_days=4.5,
    )
    for name, accountable, hours in [
        ("Zoe", False, 1.5),
        ("Yusuf", True, None),
        ("Adam", False, None),
        ("Bea", True, 2.0),
    ]:
        services.owner_add(
            pilot=pilot,
            name=name,
            accountable=accountable,
            hours_per_week=hours,
            in_using_team=accountable,
        )
    services.metric_add(pilot=pilot, name="Alpha", kind="output", baseline=3.0)
    services.metric_add(
        pilot=pilot, name="Zeta", baseline=40, target=20, direction="decrease", go_threshold=25
    )
    services.metric_add(pilot=pilot, name="Beta", deadline=date(2027, 3, 31))
    services.integration_add(pilot=pilot, system="Xero", status="live", budgeted=True)
    services.integration_add(pilot=pilot, system="HubSpot", status="sandbox", effort_days=3)
    services.integration_add(pilot=pilot, system="Zendesk")
    services.integration_add(pilot=pilot, system="HubSpot", access="write")
    for add in ADD.values():
        add(pilot)

    records = pilot_records_input(pilot.pk)

    assert records == orm_records(pilot)
    assert [o.name for o in records["owners"]] == ["Bea", "Yusuf", "Adam", "Zoe"]
    assert [m.name for m in records["metrics"]] == ["Beta", "Zeta", "Alpha"]
    assert [(i.system, i.status) for i in records["integrations"]] == [
        ("HubSpot", "sandbox"),
        ("HubSpot", "none"),
        ("Xero", "live"),
        ("Zendesk", "none"),
    ]
    assert records["metrics"][0].deadline == date(2027, 3, 31)
    assert records["pilot"].prototype_effort_days == 4.5
    assert (records["oversight"].confidence_threshold, records["oversight"].sample_percent) == (
        0.8,
        None,
    )
    assert records["change_plan"].sponsor_name == "Sam Ortiz"
    assert (records["value_case"].items_per_month, records["value_case"].build_cost) == (
        None,
        2000,
    )


@pytest.mark.parametrize(
    "present", [("oversight",), ("change_plan",), ("value_case",), ("oversight", "value_case")]
)
def test_a_pilot_with_some_plans_reads_none_for_the_others(bare_pilot, present):
    for name in present:
        ADD[name](bare_pilot)

    records = pilot_records_input(bare_pilot.pk)

    assert records == orm_records(bare_pilot)
    assert {name for name in ONE_TO_ONES if records[name] is not None} == set(present)


def test_reading_the_records_takes_four_queries_however_many_there_are(
    world, django_assert_num_queries
):
    pilot = world.objects["pilot"]
    for n in range(3):
        services.owner_add(pilot=pilot, name=f"Owner {n}")
        services.metric_add(pilot=pilot, name=f"Metric {n}")

    with django_assert_num_queries(4):
        records = pilot_records_input(pilot.pk)

    assert len(records["owners"]) == 4
    assert len(records["metrics"]) == 4


@pytest.mark.parametrize("gone", ["deleted", "beyond 64 bits"])
def test_a_missing_pilot_raises_does_not_exist(bare_pilot, gone):
    pilot_id = bare_pilot.pk if gone == "deleted" else 2**70
    bare_pilot.delete()

    with pytest.raises(Pilot.DoesNotExist):
        pilot_records_input(pilot_id)
    with pytest.raises(Pilot.DoesNotExist):
        pilot_with_records(pilot_id)


def test_agreed_answer_inputs_ignore_the_respondents_own_answers(world, alice):
    assessment = world.objects["assessment"]
    respondent = world.objects["respondent"]
    services.answer_save(
        assessment=assessment,
        question_id="own_duties",
        value="named",
        evidence="Duties list in the wiki",
        user=alice,
    )
    services.answer_save(
        assessment=assessment, question_id="ov_test_cases", value=None, not_sure=True, user=alice
    )
    # Questions only a respondent answered must not appear at all.
    services.answer_save(
        assessment=assessment,
        question_id="basic_if_it_works",
        value="Roll it out to every branch",
        user=alice,
        respondent=respondent,
    )
    services.answer_save(
        assessment=assessment,
        question_id="own_duties",
        value="nobody",
        user=alice,
        respondent=respondent,
    )
    another_pilot = services.pilot_create(client=world.objects["client"], name="Invoice matching")
    other = services.assessment_start(pilot=another_pilot, user=alice)
    services.answer_save(assessment=other, question_id="own_handover", value=True, user=alice)

    answers = agreed_answer_inputs(assessment)

    assert answers == {
        question_id: answer.to_input() for question_id, answer in agreed_answers(assessment).items()
    }
    assert answers == {
        "own_authority": AnswerIn("own_authority", True, False, ""),
        "own_duties": AnswerIn("own_duties", "named", False, "Duties list in the wiki"),
        "ov_test_cases": AnswerIn("ov_test_cases", None, True, ""),
    }
    # The respondent's answers are there to be ignored, the world's "no" among them.
    assert set(respondent.answers.values_list("question_id", "value").order_by("question_id")) == {
        ("basic_if_it_works", "Roll it out to every branch"),
        ("own_authority", False),
        ("own_duties", "nobody"),
    }
