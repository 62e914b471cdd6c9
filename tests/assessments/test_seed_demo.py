import re
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Membership, Workspace
from assessments.demo import DEMO_EMAIL, DEMO_PASSWORD, DEMO_WORKSPACE, create_demo
from assessments.models import ActionItem, Answer, Assessment, Client, Pilot
from assessments.scoring.scorecard import scorecard_to_dict
from assessments.selectors import assessment_scorecard, pilots_for_workspace


def test_the_demo_assessments_reach_each_of_the_four_decisions(db):
    result = create_demo()

    decisions = set(
        Assessment.objects.filter(pilot__client__workspace=result.workspace).values_list(
            "decision", flat=True
        )
    )
    assert decisions == {"go", "go_with_conditions", "not_yet", "stop"}


def test_the_stored_decisions_are_what_the_engine_says_now(db):
    from assessments.services import assessment_refresh_score

    result = create_demo()

    for assessment in Assessment.objects.filter(pilot__client__workspace=result.workspace):
        stored = assessment.decision
        assert assessment_refresh_score(assessment).decision == stored


def test_the_demo_has_several_clients_pilots_in_different_stages_and_a_draft(db):
    result = create_demo()
    pilots = list(pilots_for_workspace(result.workspace))

    assert Client.objects.filter(workspace=result.workspace).count() == 3
    assert len(pilots) == 5
    assert len({pilot.stage for pilot in pilots}) >= 3
    assert {pilot.latest_status for pilot in pilots} == {"draft", "submitted"}
    assert any(0 < pilot.latest_progress < 100 for pilot in pilots)


def test_the_conditional_go_has_owned_and_dated_actions(db):
    result = create_demo()
    assessment = Assessment.objects.get(
        pilot__client__workspace=result.workspace,
        decision="go_with_conditions",
        status=Assessment.Status.SUBMITTED,
    )

    card = scorecard_to_dict(assessment_scorecard(assessment))
    conditions = {c["criterion"] for c in card["conditions"]}
    actions = ActionItem.objects.filter(assessment=assessment)
    assert {action.criterion_id for action in actions} == conditions
    assert all(action.owner_name and action.due_date for action in actions)


def test_running_the_demo_again_resets_it_rather_than_duplicating_it(db):
    create_demo()
    counts = (Pilot.objects.count(), Answer.objects.count(), Assessment.objects.count())

    create_demo()

    assert Workspace.objects.filter(name=DEMO_WORKSPACE).count() == 1
    assert (Pilot.objects.count(), Answer.objects.count(), Assessment.objects.count()) == counts


@pytest.fixture
def reports_in_memory(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def test_seed_demo_prints_the_login_and_the_decisions(db, client, reports_in_memory):
    out = StringIO()

    call_command("seed_demo", stdout=out)

    assert f"{DEMO_EMAIL} / {DEMO_PASSWORD}" in out.getvalue()
    assert "Go with conditions" in out.getvalue()
    assert "Log in at /login/ on the address the server runs on" in out.getvalue()
    assert ":8000" not in out.getvalue(), "the command does not know the port"
    assert client.login(email=DEMO_EMAIL, password=DEMO_PASSWORD)


def test_seed_demo_gives_each_final_assessment_a_ready_report_once(db, reports_in_memory):
    from reports.models import Report

    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    workspace = Workspace.objects.get(name=DEMO_WORKSPACE)
    finals = Assessment.objects.filter(
        pilot__client__workspace=workspace, status=Assessment.Status.SUBMITTED
    )
    reports = Report.objects.filter(assessment__pilot__client__workspace=workspace)
    assert finals.count() >= 3
    assert sorted(r.assessment_id for r in reports) == sorted(a.pk for a in finals)
    assert {r.status for r in reports} == {Report.Status.READY}
    assert all(r.file and r.page_count for r in reports)
    assert not any(r.from_draft for r in reports)
    assert Report.objects.count() == reports.count(), "the first run's reports are gone"


def test_the_demo_draft_has_two_people_whose_answers_disagree_with_it(db):
    from assessments.disagreement import Person, spread
    from assessments.selectors import (
        assessment_input,
        respondents_with_answers,
        rubric_for_assessment,
    )

    result = create_demo()
    draft = Assessment.objects.get(
        pilot__client__workspace=result.workspace, respondents__name="Lina Chow"
    )
    assert draft.status == Assessment.Status.DRAFT
    people, answers = respondents_with_answers(draft)
    assert [p.name for p in people] == ["Lina Chow", "Owen Hart"]
    found = spread(
        rubric_for_assessment(draft),
        [Person(p.id, p.name) for p in people],
        answers,
        assessment_input(draft).answers,
    )
    assert "own_authority" in {q.id for q in found.disagreements}


def test_the_demo_user_owns_the_demo_workspace(db):
    demo = create_demo()

    assert demo.workspace.memberships.get(user=demo.user).role == Membership.Role.OWNER


def test_the_demo_has_a_reassessment_part_way_through_checking_last_times_answers(db):
    result = create_demo()
    pilot = Pilot.objects.get(client__workspace=result.workspace, name="Chase overdue invoices")
    earlier, later = pilot.assessments.order_by("started_at")
    assert earlier.status == Assessment.Status.SUBMITTED
    assert later.status == Assessment.Status.DRAFT
    assert (later.started_at - earlier.submitted_at).days >= 89
    carried = Answer.objects.filter(assessment=later, respondent=None)
    assert carried.filter(carried_from=earlier).exists(), "some answers still to review"
    changed = carried.get(question_id="ov_monitoring_live")
    assert changed.value == "routine" and changed.carried_from is None
    assert later.overall_score > earlier.overall_score


def test_the_demo_shows_amounts_in_pounds_and_in_euros(db):
    result = create_demo()

    currencies = dict(
        Client.objects.filter(workspace=result.workspace).values_list("name", "currency")
    )
    assert result.workspace.default_currency == "GBP"
    assert set(currencies.values()) == {"GBP", "EUR"}
    assert currencies["Kettle & Crumb"] == "EUR"


def test_a_demo_results_page_shows_its_costs_in_the_clients_currency(client, db):
    from django.urls import reverse

    result = create_demo()
    client.force_login(result.user)
    assessment = Assessment.objects.filter(pilot__name="Triage support tickets").first()

    page = client.get(reverse("assessment_results", args=[assessment.id])).content.decode()

    assert "<dt>Cost to reach production</dt><dd>€2,500</dd>" in page


def test_the_demo_reassessment_carries_the_open_actions_and_names_those_done(client, db):
    from django.urls import reverse

    result = create_demo()
    client.force_login(result.user)
    pilot = Pilot.objects.get(client__workspace=result.workspace, name="Chase overdue invoices")
    earlier, later = pilot.assessments.order_by("started_at")

    owners = dict(
        ActionItem.objects.filter(assessment=later).values_list("criterion_id", "owner_name")
    )
    response = client.get(reverse("assessment_results", args=[later.id]))

    assert owners == dict(
        ActionItem.objects.filter(assessment=earlier).values_list("criterion_id", "owner_name")
    )
    assert "<strong>Done since last time:</strong> Tested on real, messy data" in (
        response.content.decode()
    )


def test_the_demo_reassessment_lists_the_answers_changed_better_worse_and_other(client, db):
    from django.urls import reverse

    result = create_demo()
    client.force_login(result.user)
    pilot = Pilot.objects.get(client__workspace=result.workspace, name="Chase overdue invoices")
    later = pilot.assessments.order_by("started_at").last()

    page = client.get(reverse("assessment_results", args=[later.id])).content.decode()

    listed = page.split('data-testid="answers-changed">', 1)[1].split("</section>", 1)[0]
    text = " ".join(re.sub(r"<[^>]+>", " ", listed).split())
    assert text.startswith("Better (3) What data has the pilot been tested on? ")
    assert (
        "Worse (1) Are money and a date set aside to roll it out if the pilot meets its "
        "threshold? Yes → No"
    ) in text
    assert (
        "Other changes (1) If the pilot works, what happens next? One or two sentences. "
        "Sunita approves the queue daily instead of chasing at month end. → "
        "The clerk approves the queue daily; Sunita handles the disputes."
    ) in text
