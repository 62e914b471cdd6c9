"""The results page's actions say what is actually short and link to the answers that
need evidence."""

from django.urls import reverse

from assessments import services

PROMPT = "When was the person who will run it in production named?"


def results_url(assessment):
    return reverse("assessment_results", args=[assessment.id])


def test_an_answer_short_of_evidence_is_named_and_linked_to_its_question(alice_client, assessment):
    services.answer_save(
        assessment=assessment, question_id="own_named_when", value="before", user=None
    )

    page = alice_client.get(results_url(assessment)).content.decode()

    section = reverse("assessment_section", args=[assessment.id, "ownership"])
    assert (
        f'Add evidence to the answer to <a href="{section}#question-own_named_when">“{PROMPT}”</a>'
        in page
    )


def test_a_viewer_gets_the_same_link_to_read_the_answer(client, victor, assessment):
    services.answer_save(
        assessment=assessment, question_id="own_named_when", value="before", user=None
    )
    client.force_login(victor)

    page = client.get(results_url(assessment)).content.decode()

    assert f'#question-own_named_when">“{PROMPT}”</a>' in page


def test_an_owner_outside_the_using_team_is_asked_to_sit_in_it(alice_client, assessment):
    services.owner_add(
        pilot=assessment.pilot,
        name="Ana Lima",
        email="ana@example.com",
        accountable=True,
        hours_per_week=4,
        in_using_team=False,
    )

    page = alice_client.get(results_url(assessment)).content.decode()

    assert (
        "Make sure the accountable owner sits in the team that uses the workflow: Ana Lima "
        "is recorded as working outside it."
    ) in page
    assert "Name one person, usually the founder" not in page


def test_a_budgeted_system_in_a_sandbox_is_to_be_finished(alice_client, assessment):
    services.integration_add(
        pilot=assessment.pilot, system="Gmail", status="sandbox", budgeted=True, effort_days=3
    )

    page = alice_client.get(results_url(assessment)).content.decode()

    assert "Finish connecting Gmail to the live system" in page
    assert "estimate and budget the connection before" not in page
