"""Before marking a draft final, the results page says who has not handed in and what
the workshop has left open, with the way to each."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.rubric.loader import bundled_rubric


@pytest.fixture
def draft(world):
    """The world's draft: Priya answered own_authority "No" against the agreed "Yes",
    and has not handed in. Sam handed in; Ola has not started."""
    assessment = world.objects["assessment"]
    sam = services.respondent_add(assessment=assessment, name="Sam Ortiz")
    question = bundled_rubric().questions_by_id["own_authority"]
    services.respondent_answer_save(
        respondent=sam, question=question, value=True, not_sure=False, evidence=""
    )
    services.respondent_finish(respondent=sam)
    services.respondent_add(assessment=assessment, name="Ola Berg")
    return assessment


def results(client, assessment) -> str:
    return client.get(reverse("assessment_results", args=[assessment.id])).content.decode()


def final_section(page: str) -> str:
    return page[page.index('id="final-title"') :]


def test_the_people_who_have_not_handed_in_are_named_before_the_confirmation(alice_client, draft):
    section = final_section(results(alice_client, draft))

    warning = (
        "2 of 3 people asked to answer on their own have not handed in: Ola Berg, Priya Shah. "
        "Once the assessment is final, their links become read-only"
    )
    assert warning in section
    people = reverse("respondent_list", args=[draft.id])
    assert f'<a href="{people}">See how far they have got</a>' in section
    assert section.index(warning) < section.index('name="confirm"')


def test_the_questions_the_workshop_left_open_are_counted_with_a_way_to_it(alice_client, draft):
    section = final_section(results(alice_client, draft))

    assert "1 compared question is still open in the workshop" in section
    workshop = reverse("workshop_agenda", args=[draft.id])
    assert f'<a href="{workshop}">Open the workshop</a>' in section
    assert section.index("still open in the workshop") < section.index('name="confirm"')


def test_the_count_is_the_workshops_own(alice_client, draft):
    wrap_up = alice_client.get(reverse("workshop_wrap_up", args=[draft.id]))

    assert wrap_up.context["open_count"] == 1
    assert f"{wrap_up.context['open_count']} compared question is still open" in results(
        alice_client, draft
    )


def test_once_the_room_agrees_nothing_is_left_open(alice_client, draft, alice):
    services.agreed_answer_save(
        assessment=draft,
        question_id="own_authority",
        value=False,
        not_sure=False,
        evidence=None,
        user=alice,
        settled=True,
    )

    section = final_section(results(alice_client, draft))

    assert "still open in the workshop" not in section
    assert "2 of 3 people" in section


def test_when_everyone_has_handed_in_nobody_is_named(alice_client, draft):
    for person in draft.respondents.all():
        services.respondent_finish(respondent=person)

    section = final_section(results(alice_client, draft))

    assert "not handed in" not in section


def test_one_person_left_reads_in_the_singular(alice_client, world):
    section = final_section(results(alice_client, world.objects["assessment"]))

    assert (
        "1 of 1 person asked to answer on their own has not handed in: Priya Shah (Operations "
        "lead)" not in section
    ), "a role is added only when two people share a name"
    assert "1 of 1 person asked to answer on their own has not handed in: Priya Shah." in section
    assert "their link becomes read-only" in section


def test_a_draft_nobody_was_asked_about_warns_of_neither(alice_client, assessment):
    section = final_section(results(alice_client, assessment))

    assert "not handed in" not in section
    assert "still open in the workshop" not in section


def test_a_viewer_sees_no_such_warnings(client, victor, draft):
    client.force_login(victor)

    page = results(client, draft)

    assert "not handed in" not in page
    assert "Follow the workshop" in page


def test_a_draft_with_no_answer_says_why_it_cannot_be_made_final(alice_client, assessment):
    section = final_section(results(alice_client, assessment))

    assert (
        "No question is answered yet, so there is nothing to make final: a final assessment "
        "with no answers could never get a report."
    ) in section
    resume = reverse("assessment_resume", args=[assessment.id])
    assert f'<a href="{resume}">Answer the questions</a>, then make it final.' in section
    assert 'name="confirm"' not in section
    assert "Mark as final" not in section


def test_making_a_draft_with_no_answer_final_is_refused_in_words(alice_client, assessment):
    response = alice_client.post(
        reverse("assessment_submit", args=[assessment.id]), {"confirm": "yes"}, follow=True
    )

    assessment.refresh_from_db()
    assert not assessment.is_submitted
    assert "No question is answered yet, so there is nothing to make final" in (
        response.content.decode()
    )
    assert "The assessment is final" not in response.content.decode()


def test_one_answer_is_enough_to_offer_the_confirmation(alice_client, assessment, alice):
    services.answer_save(
        assessment=assessment, question_id="own_authority", value=True, evidence="", user=alice
    )

    section = final_section(results(alice_client, assessment))

    assert 'name="confirm"' in section
    assert "nothing to make final" not in section
