"""The founder's pages cost the same number of queries however much data they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from assessments.rubric.loader import bundled_rubric

# Session, user, the object with its workspace, membership, rubric, records, answers and
# the page's own reads; generous enough to survive a new annotation, tight enough to
# catch a query per row.
QUESTIONNAIRE_QUERIES = 11
# Includes the reports panel (its latest report) and, for a draft people answered, the
# people asked, their answers and what the room has settled, for "Make it final".
RESULTS_QUERIES = 13
DASHBOARD_QUERIES = 6
# Session, user, the assessment and membership, the row lock, the records and answers
# (five), the answer's write, the score's write, and the transaction's savepoint pair.
AUTOSAVE_QUERIES = 14

ANSWERS = {
    "yes_no": True,
    "number": 150,
    "text": "Sales adopts it.",
}


def fill(assessment, *, records: int, answered: int) -> None:
    pilot = assessment.pilot
    for number in range(records):
        services.owner_add(pilot=pilot, name=f"Owner {number}", accountable=number == 0)
        services.metric_add(pilot=pilot, name=f"Metric {number}", baseline=number)
        services.integration_add(pilot=pilot, system=f"System {number}")
    for question in bundled_rubric().questions[:answered]:
        value = question.options[-1].value if question.options else ANSWERS[question.type]
        services.answer_save(assessment=assessment, question_id=question.id, value=value, user=None)


def reassess(assessment, *, records: int, answered: int):
    """A final assessment filled as `fill` does, and a new one carrying all its answers."""
    fill(assessment, records=records, answered=answered)
    services.assessment_submit(assessment=assessment)
    draft = services.assessment_start(pilot=assessment.pilot, user=None)
    assert services.assessment_carry_answers(assessment=draft, source=assessment).carried
    return draft


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("records", "answered"), [(1, 2), (12, 31)])
def test_the_questionnaire_is_constant_in_queries(
    alice_client, assessment, records, answered, django_assert_max_num_queries
):
    fill(assessment, records=records, answered=answered)
    for section in ("ownership", "outcome", "integration", "oversight"):
        with django_assert_max_num_queries(QUESTIONNAIRE_QUERIES):
            alice_client.get(reverse("assessment_section", args=[assessment.id, section]))


@pytest.mark.parametrize(("records", "answered"), [(1, 2), (12, 31)])
def test_a_reassessment_with_answers_from_last_time_is_constant_in_queries(
    alice_client, assessment, records, answered, django_assert_max_num_queries
):
    draft = reassess(assessment, records=records, answered=answered)
    for section in ("basics", "ownership", "outcome", "integration", "oversight"):
        with django_assert_max_num_queries(QUESTIONNAIRE_QUERIES):
            response = alice_client.get(reverse("assessment_section", args=[draft.id, section]))
        assert response.status_code == 200


@pytest.mark.parametrize(("records", "answered"), [(1, 2), (12, 31)])
def test_the_results_page_is_constant_in_queries(
    alice_client, assessment, records, answered, django_assert_max_num_queries
):
    fill(assessment, records=records, answered=answered)
    card = alice_client.get(reverse("assessment_results", args=[assessment.id])).context["card"]
    for action in card.actions[: records * 2]:
        services.action_item_update(
            assessment=assessment, criterion_id=action.criterion_id, data={"owner_name": "Sam"}
        )
    with django_assert_max_num_queries(RESULTS_QUERIES):
        alice_client.get(reverse("assessment_results", args=[assessment.id]))


@pytest.mark.parametrize(("clients", "pilots"), [(1, 1), (8, 5)])
def test_the_dashboard_is_constant_in_queries(
    alice_client, workspace, alice, clients, pilots, django_assert_max_num_queries
):
    for c in range(clients):
        client = services.client_create(workspace=workspace, name=f"Client {c}")
        for p in range(pilots):
            pilot = services.pilot_create(client=client, name=f"Pilot {p}")
            services.assessment_start(pilot=pilot, user=alice)
    url = reverse("workspace_detail", args=[workspace.id])
    for query in ("", "?q=pilot", "?q=client&decision=unassessed"):
        with django_assert_max_num_queries(DASHBOARD_QUERIES):
            response = alice_client.get(url + query)
        assert f"Pilot {pilots - 1}" in response.content.decode()


def test_small_and_large_give_exactly_the_same_counts(alice_client, workspace, alice):
    """The bounds above could hide a per-row query within their slack; equality cannot."""
    small = services.pilot_create(
        client=services.client_create(workspace=workspace, name="Small"), name="Small pilot"
    )
    large = services.pilot_create(
        client=services.client_create(workspace=workspace, name="Large"), name="Large pilot"
    )
    small_assessment = services.assessment_start(pilot=small, user=alice)
    large_assessment = services.assessment_start(pilot=large, user=alice)
    fill(small_assessment, records=1, answered=2)
    fill(large_assessment, records=10, answered=31)

    for name, args in [("assessment_section", ["ownership"]), ("assessment_results", [])]:
        counts = [
            count(alice_client, reverse(name, args=[a.id, *args]))
            for a in (small_assessment, large_assessment)
        ]
        assert counts[0] == counts[1], (name, counts)


def test_small_and_large_reassessments_give_exactly_the_same_counts(alice_client, workspace):
    """Both carry answers into the section shown, so both name where they came from."""
    drafts = []
    for name, records, answered in (("Small", 1, 2), ("Large", 10, 31)):
        pilot = services.pilot_create(
            client=services.client_create(workspace=workspace, name=name), name=f"{name} pilot"
        )
        first = services.assessment_start(pilot=pilot, user=None)
        drafts.append(reassess(first, records=records, answered=answered))

    counts = [
        count(alice_client, reverse("assessment_section", args=[d.id, "basics"])) for d in drafts
    ]
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize(("records", "answered"), [(1, 2), (12, 31)])
def test_an_autosave_reads_the_assessment_once(alice_client, assessment, htmx, records, answered):
    """One read of the input under the lock serves both the rescore and the reply."""
    fill(assessment, records=records, answered=answered)
    url = reverse("assessment_section", args=[assessment.id, "ownership"])
    alice_client.get(url)  # so the section to remember is already this one
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.post(
            url, {"_unit": "q:own_authority", "q-own_authority": "no"}, **htmx
        )
    assert response.status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert len(writes) == 2, writes  # the answer and the assessment's stored score
    assert len(queries) <= AUTOSAVE_QUERIES


def test_an_autosave_of_an_answer_from_last_time_costs_no_extra_write(
    alice_client, assessment, htmx
):
    draft = reassess(assessment, records=3, answered=31)
    url = reverse("assessment_section", args=[draft.id, "ownership"])
    alice_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.post(
            url, {"_unit": "q:own_authority", "q-own_authority": "no"}, **htmx
        )
    assert response.status_code == 200
    assert "answers in this section came from" in response.content.decode()
    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert len(writes) == 2, writes  # the answer (unmarked in the same UPDATE) and the score
    assert len(queries) <= AUTOSAVE_QUERIES


def ask_people(assessment, *, people: int, answered: int) -> None:
    """People asked to answer on their own, each with the first questions answered, the
    first one handed in."""
    questions = [q for q in bundled_rubric().questions if q.type == "yes_no"][:answered]
    for number in range(people):
        person = services.respondent_add(assessment=assessment, name=f"Person {number}")
        for question in questions:
            services.respondent_answer_save(
                respondent=person,
                question=question,
                value=number % 2 == 0,
                not_sure=False,
                evidence="",
            )
        if number == 0:
            services.respondent_finish(respondent=person)


def test_the_results_page_of_a_draft_people_answered_is_constant_in_queries(
    alice_client, workspace, django_assert_max_num_queries
):
    """Its "Make it final" names who has not handed in and counts what the workshop
    left open, whoever and however much they answered."""
    drafts = []
    for name, records, people, answered in (("Small", 1, 1, 2), ("Large", 10, 4, 12)):
        pilot = services.pilot_create(
            client=services.client_create(workspace=workspace, name=name), name=f"{name} pilot"
        )
        draft = services.assessment_start(pilot=pilot, user=None)
        fill(draft, records=records, answered=answered)
        ask_people(draft, people=people, answered=answered)
        drafts.append(draft)

    counts = [count(alice_client, reverse("assessment_results", args=[d.id])) for d in drafts]
    page = alice_client.get(reverse("assessment_results", args=[drafts[1].id])).content.decode()

    assert "3 of 4 people asked to answer on their own have not handed in" in page
    assert counts[0] == counts[1], counts
    assert counts[1] <= RESULTS_QUERIES, counts
