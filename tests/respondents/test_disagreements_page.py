"""Where people disagree, and adopting one person's answer as the agreed one."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Answer, Assessment


@pytest.fixture
def url(assessment):
    return reverse("assessment_disagreements", args=[assessment.id])


def test_a_question_answered_differently_is_flagged(alice_client, url):
    # The assessment says yes to own_authority; Priya said no.
    page = alice_client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert 'id="question-own_authority"' in text
    assert "Answers differ." in text
    assert "<strong>1 question to talk through</strong>, where answers differ." in text


def _scored_row(text: str, question_id: str) -> str:
    question = text.split(f'id="question-{question_id}"')[1]
    return question.split('class="agreed-row"')[1].split("</tr>")[0]


def test_an_answer_nobody_agreed_on_is_called_the_current_answer(alice_client, url):
    row = _scored_row(alice_client.get(url).content.decode(), "own_authority")

    assert "Current answer" in row
    assert "Agreed answer" not in row
    assert "Agreed by the team" not in row


def test_an_answer_the_room_kept_is_agreed_by_the_team_though_people_differ(
    alice_client, world, assessment, url
):
    services.agreed_answer_save(
        assessment=assessment,
        question_id="own_authority",
        value=True,
        user=world.owner,
        settled=True,
    )

    text = alice_client.get(url).content.decode()

    assert "Answers differ." in text
    row = _scored_row(text, "own_authority")
    assert "Agreed answer" in row
    assert "Agreed by the team" in row


def test_an_answer_adopted_on_this_page_is_agreed_by_the_team_with_no_workshop_named(
    alice_client, world, assessment, url
):
    alice_client.post(
        reverse("agreed_answer_adopt", args=[assessment.id, "own_authority"]),
        {"respondent": world.objects["respondent"].id},
    )

    row = _scored_row(alice_client.get(url).content.decode(), "own_authority")

    assert "Agreed answer" in row
    assert "Agreed by the team" in row
    assert "workshop" not in row


def test_each_question_says_which_gap_and_criterion_its_answer_feeds(alice_client, url):
    text = alice_client.get(url).content.decode()

    question = text.split('id="question-own_authority"')[1].split('class="spread-table"')[0]
    assert "Feeds the Ownership gap (“The owner has the time and the authority to run it”)." in (
        question
    )


def test_only_the_differences_can_be_shown(alice_client, world, assessment, url):
    services.answer_save(
        assessment=assessment,
        question_id="basic_built_by",
        value="own_team",
        user=world.owner,
        respondent=world.objects["respondent"],
    )
    services.agreed_answer_save(
        assessment=assessment, question_id="basic_built_by", value="own_team", user=world.owner
    )
    everything = alice_client.get(url).content.decode()
    assert 'id="question-basic_built_by"' in everything
    only = alice_client.get(url + "?show=disagreements").content.decode()
    assert 'id="question-basic_built_by"' not in only
    assert 'id="question-own_authority"' in only


def test_adopting_an_answer_makes_it_the_agreed_one_and_rescores(
    alice_client, world, assessment, url
):
    priya = world.objects["respondent"]
    adopt = reverse("agreed_answer_adopt", args=[assessment.id, "own_authority"])
    response = alice_client.post(adopt, {"respondent": priya.id}, follow=True)
    assert "Adopted: the agreed answer is now “No”, as Priya Shah answered." in (
        response.content.decode()
    )
    agreed = Answer.objects.get(assessment=assessment, respondent=None, question_id="own_authority")
    assert agreed.value is False
    assert "<p>Nothing to talk through.</p>" in alice_client.get(url).content.decode()


def test_adopting_a_namesakes_answer_says_which_of_them_answered(
    alice_client, world, assessment, url
):
    services.respondent_add(assessment=assessment, name="Priya Shah", role="Finance")
    priya = world.objects["respondent"]
    adopt = reverse("agreed_answer_adopt", args=[assessment.id, "own_authority"])

    response = alice_client.post(adopt, {"respondent": priya.id}, follow=True)

    assert "as Priya Shah (Operations lead) answered." in response.content.decode()


def test_adopting_an_unanswered_question_is_refused_with_a_message(alice_client, world, assessment):
    priya = world.objects["respondent"]
    adopt = reverse("agreed_answer_adopt", args=[assessment.id, "basic_built_by"])
    response = alice_client.post(adopt, {"respondent": priya.id}, follow=True)
    assert "Priya Shah has not answered this question." in response.content.decode()
    assert not Answer.objects.filter(
        assessment=assessment, respondent=None, question_id="basic_built_by"
    ).exists()


@pytest.mark.parametrize("respondent", ["", "abc", "999999"])
def test_adopting_without_a_real_person_is_a_404(alice_client, assessment, respondent):
    adopt = reverse("agreed_answer_adopt", args=[assessment.id, "own_authority"])
    assert alice_client.post(adopt, {"respondent": respondent}).status_code == 404
    agreed = Answer.objects.get(assessment=assessment, respondent=None, question_id="own_authority")
    assert agreed.value is True


def test_an_unknown_question_is_a_404(alice_client, world, assessment):
    adopt = reverse("agreed_answer_adopt", args=[assessment.id, "no_such_question"])
    response = alice_client.post(adopt, {"respondent": world.objects["respondent"].id})
    assert response.status_code == 404


def test_a_viewer_sees_the_comparison_but_cannot_adopt(client, victor, world, assessment, url):
    client.force_login(victor)
    page = client.get(url).content.decode()
    assert "Answers differ." in page
    assert "/adopt/" not in page
    adopt = reverse("agreed_answer_adopt", args=[assessment.id, "own_authority"])
    assert client.post(adopt, {"respondent": world.objects["respondent"].id}).status_code == 403


def test_a_final_assessment_cannot_adopt(alice_client, world, assessment, url):
    services.assessment_submit(assessment=assessment)
    assert "/adopt/" not in alice_client.get(url).content.decode()
    adopt = reverse("agreed_answer_adopt", args=[assessment.id, "own_authority"])
    response = alice_client.post(adopt, {"respondent": world.objects["respondent"].id}, follow=True)
    assert "is final and can no longer change" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED


def test_nobody_asked_yet_says_so(alice_client, world):
    other = services.assessment_start(
        pilot=services.pilot_create(client=world.objects["client"], name="Quiet pilot"),
        user=world.owner,
    )
    page = alice_client.get(reverse("assessment_disagreements", args=[other.id]))
    assert "Nobody has answered on their own yet" in page.content.decode()


def test_the_page_reads_a_fixed_number_of_queries(
    alice_client, world, assessment, url, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14) as small:
        alice_client.get(url)
    for n in range(8):
        person = services.respondent_add(assessment=assessment, name=f"Person {n}")
        services.answer_save(
            assessment=assessment,
            question_id="own_authority",
            value=bool(n % 2),
            user=world.owner,
            respondent=person,
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        alice_client.get(url)


def test_only_an_answer_that_is_scored_is_called_scored(alice_client, world, assessment, url):
    services.agreed_answer_save(
        assessment=assessment, question_id="basic_built_by", value="own_team", user=world.owner
    )
    services.answer_save(
        assessment=assessment,
        question_id="basic_built_by",
        value="vendor",
        user=world.owner,
        respondent=world.objects["respondent"],
    )

    text = alice_client.get(url).content.decode()

    assert "Not scored; decides whether another question is asked." in text
    assert "(scored)" not in _scored_row(text, "basic_built_by")
    assert "(scored)" in _scored_row(text, "own_authority")
