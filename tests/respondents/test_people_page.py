"""The team's page of people answering on their own: add, link, new link, remove."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Answer, Respondent


@pytest.fixture
def people_url(assessment):
    return reverse("respondent_list", args=[assessment.id])


def test_the_page_lists_each_person_with_their_progress_and_link(alice_client, world, people_url):
    priya = world.objects["respondent"]
    page = alice_client.get(people_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Priya Shah" in text and "Operations lead" in text
    assert "1 of " in text  # she answered one question
    assert reverse("answer_start", args=[priya.invite_token]) in text


def test_the_page_explains_why_peoples_numbers_of_questions_differ(alice_client, people_url):
    text = alice_client.get(people_url).content.decode()

    assert "the number of questions can differ from one person to the next" in text


def test_adding_a_person_gives_them_a_link_of_their_own(alice_client, assessment, people_url):
    response = alice_client.post(
        people_url, {"person-name": "Sam Ortiz", "person-role": "Sales lead"}
    )
    sam = Respondent.objects.get(assessment=assessment, name="Sam Ortiz")
    assert response.status_code == 302
    assert response["Location"] == people_url
    assert len(sam.invite_token) >= 40
    page = alice_client.get(people_url)
    assert f"/answer/{sam.invite_token}/" in page.content.decode()


def test_a_person_without_a_name_is_refused_and_nothing_is_added(
    alice_client, assessment, people_url
):
    before = Respondent.objects.count()
    response = alice_client.post(people_url, {"person-name": " ", "person-email": "not-an-email"})
    assert response.status_code == 422
    text = response.content.decode()
    assert "Enter their name." in text
    assert "Enter a valid email address." in text
    assert Respondent.objects.count() == before


DUPLICATE = "is already asked to answer. If this is someone else of the same name"


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Priya Shah", ""),
        ("  priya   SHAH ", ""),
        ("Priya Shah", "operations  LEAD"),
        # An accent is easy to miss on a projector, and is often a slip of the keyboard.
        ("Príya Sháh", ""),
        ("Priya Shah", "Operatións lead"),
    ],
)
def test_a_name_already_asked_is_refused_beside_the_name_and_nothing_is_added(
    alice_client, assessment, people_url, name, role
):
    # The world has asked Priya Shah, operations lead, already.
    before = Respondent.objects.count()

    response = alice_client.post(people_url, {"person-name": name, "person-role": role})

    assert response.status_code == 422
    text = response.content.decode()
    assert f'<p class="error" id="id_person-name_error">Priya Shah {DUPLICATE}' in text
    assert Respondent.objects.count() == before


def test_a_second_person_of_the_same_name_is_asked_when_a_different_role_tells_them_apart(
    alice_client, assessment, people_url
):
    response = alice_client.post(
        people_url, {"person-name": "Priya Shah", "person-role": "Finance"}
    )

    assert response.status_code == 302
    assert assessment.respondents.filter(name="Priya Shah").count() == 2
    text = alice_client.get(people_url).content.decode()
    assert "anyone holding it can answer as Priya Shah (Finance))" in text
    assert "anyone holding it can answer as Priya Shah (Operations lead))" in text


def test_a_person_with_a_name_of_their_own_is_named_without_their_role(
    alice_client, assessment, people_url
):
    alice_client.post(people_url, {"person-name": "Sam Ortiz", "person-role": "Sales lead"})

    text = alice_client.get(people_url).content.decode()

    assert "anyone holding it can answer as Sam Ortiz)" in text


def test_a_new_link_asks_first_and_changes_nothing_until_confirmed(alice_client, world, assessment):
    priya = world.objects["respondent"]
    old = priya.invite_token
    page = alice_client.get(reverse("respondent_new_link", args=[assessment.id, priya.id]))
    assert page.status_code == 200
    assert "Give Priya Shah a new link?" in page.content.decode()
    priya.refresh_from_db()
    assert priya.invite_token == old


def test_a_new_link_replaces_the_old_one(alice_client, client, world, assessment):
    priya = world.objects["respondent"]
    old = priya.invite_token
    response = alice_client.post(reverse("respondent_new_link", args=[assessment.id, priya.id]))
    assert response.status_code == 302
    priya.refresh_from_db()
    assert priya.invite_token != old
    client.logout()
    assert client.get(reverse("answer_start", args=[old])).status_code == 404
    assert client.get(reverse("answer_start", args=[priya.invite_token])).status_code == 302


def test_removing_asks_first_then_deletes_the_person_and_their_answers_only(
    alice_client, world, assessment
):
    priya = world.objects["respondent"]
    url = reverse("respondent_remove", args=[assessment.id, priya.id])
    confirm = alice_client.get(url)
    assert confirm.status_code == 200
    assert "Remove Priya Shah?" in confirm.content.decode()
    assert Respondent.objects.filter(pk=priya.pk).exists()
    response = alice_client.post(url)
    assert response.status_code == 302
    assert not Respondent.objects.filter(pk=priya.pk).exists()
    assert not Answer.objects.filter(respondent_id=priya.pk).exists()
    # The assessment's own answer stays.
    assert Answer.objects.filter(assessment=assessment, respondent=None).count() == 1


def test_a_viewer_sees_the_people_but_cannot_add_or_remove(client, victor, world, assessment):
    client.force_login(victor)
    url = reverse("respondent_list", args=[assessment.id])
    page = client.get(url)
    assert page.status_code == 200
    assert "Priya Shah" in page.content.decode()
    assert "Add and get their link" not in page.content.decode()
    before = Respondent.objects.count()
    assert client.post(url, {"person-name": "Eve"}).status_code == 403
    priya = world.objects["respondent"]
    remove = reverse("respondent_remove", args=[assessment.id, priya.id])
    assert client.post(remove).status_code == 403
    assert Respondent.objects.count() == before


INTRO_FOR_EDITORS = "Ask the people closest to the pilot to answer the questions themselves"


def test_the_intro_asks_an_editor_to_ask_people(alice_client, people_url):
    text = alice_client.get(people_url).content.decode()

    assert INTRO_FOR_EDITORS in text


def test_a_viewer_is_told_what_the_page_shows_not_asked_to_do_what_they_cannot(
    client, victor, world, people_url
):
    client.force_login(victor)

    text = client.get(people_url).content.decode()

    assert INTRO_FOR_EDITORS not in text
    assert "adopt the answer you agree on" not in text
    assert "The people asked to answer the questions on their own" in text


def test_a_final_assessment_takes_nobody_new(alice_client, world, assessment, people_url):
    services.assessment_submit(assessment=assessment)
    page = alice_client.get(people_url)
    assert "Add and get their link" not in page.content.decode()
    response = alice_client.post(people_url, {"person-name": "Sam Ortiz"}, follow=True)
    assert "nobody new can be asked" in response.content.decode().lower()
    assert not Respondent.objects.filter(name="Sam Ortiz").exists()
    priya = world.objects["respondent"]
    alice_client.post(reverse("respondent_remove", args=[assessment.id, priya.id]))
    assert Respondent.objects.filter(pk=priya.pk).exists()


def test_a_person_of_another_assessment_is_a_404(alice_client, world, assessment):
    other = services.assessment_start(
        pilot=services.pilot_create(client=world.objects["client"], name="Other pilot"),
        user=world.owner,
    )
    stranger = services.respondent_add(assessment=other, name="Stranger")
    url = reverse("respondent_remove", args=[assessment.id, stranger.id])
    assert alice_client.post(url).status_code == 404
    assert Respondent.objects.filter(pk=stranger.pk).exists()


def _row(page, person):
    """The text of one person's entry on the page, tags and all."""
    html = page.content.decode()
    return re.search(rf'<li id="person-{person.id}".*?</li>', html, re.DOTALL).group(0)


def _answer_at(person, when):
    Answer.objects.filter(respondent=person).update(updated_at=when)


def test_each_person_shows_when_they_last_changed_an_answer(
    alice_client, assessment, people_url, world
):
    priya = world.objects["respondent"]
    changed = timezone.now() - datetime.timedelta(hours=3)
    _answer_at(priya, changed)
    sam = services.respondent_add(assessment=assessment, name="Sam Ortiz")

    page = alice_client.get(people_url)

    row = _row(page, priya)
    assert "last changed an answer" in row
    assert f'<time datetime="{changed.isoformat()}"' in row
    assert "3\xa0hours ago" in row
    # Someone who has not answered yet has nothing to show.
    assert "last changed" not in _row(page, sam)


def test_a_change_older_than_a_day_reads_as_its_date(alice_client, people_url, world):
    priya = world.objects["respondent"]
    _answer_at(priya, datetime.datetime(2025, 3, 4, 9, 30, tzinfo=datetime.UTC))

    row = _row(alice_client.get(people_url), priya)

    assert "last changed an answer" in row
    assert '<time datetime="2025-03-04T09:30:00+00:00"' in row
    assert "on 4 Mar</time>" in row


def test_a_person_who_changes_an_answer_after_finishing_is_flagged(
    alice_client, client, people_url, world
):
    priya = world.objects["respondent"]
    finished = timezone.now() - datetime.timedelta(days=2)
    _answer_at(priya, finished - datetime.timedelta(minutes=5))
    Respondent.objects.filter(pk=priya.pk).update(finished_at=finished)
    row = _row(alice_client.get(people_url), priya)
    assert f"Finished {finished.day} {finished:%b}</span>" in row
    assert "changed an answer since" not in row

    # Through her link, as she would.
    client.post(
        reverse("answer_section", args=[priya.invite_token, "ownership"]),
        {"_unit": "q:own_authority", "q-own_authority": "yes"},
        HTTP_HX_REQUEST="true",
    )

    row = _row(alice_client.get(people_url), priya)
    assert f"Finished {finished.day} {finished:%b} · changed an answer since" in row
    assert re.search(r"last changed an answer <time[^>]*>(now|[^<]* ago)</time>", row)


def test_saving_a_section_again_unchanged_is_not_a_change(alice_client, client, people_url, world):
    priya = world.objects["respondent"]
    finished = timezone.now() - datetime.timedelta(days=2)
    _answer_at(priya, finished - datetime.timedelta(minutes=5))
    Respondent.objects.filter(pk=priya.pk).update(finished_at=finished)

    # Her ownership answer sent again as it was, as "Save and continue" does.
    response = client.post(
        reverse("answer_section", args=[priya.invite_token, "ownership"]),
        {"q-own_authority": "no", "go": "next"},
    )

    assert response.status_code == 302
    assert Answer.objects.get(respondent=priya).updated_at < finished
    assert "changed an answer since" not in _row(alice_client.get(people_url), priya)


def test_the_page_reads_a_fixed_number_of_queries(
    alice_client, assessment, people_url, django_assert_max_num_queries
):
    def ask(n):
        person = services.respondent_add(assessment=assessment, name=f"Person {n}")
        services.answer_save(
            assessment=assessment,
            question_id="own_authority",
            value=True,
            user=None,
            respondent=person,
        )
        services.respondent_finish(respondent=person)

    for n in range(2):
        ask(n)
    with django_assert_max_num_queries(14) as small:
        alice_client.get(people_url)
    for n in range(2, 12):
        ask(n)
    with django_assert_max_num_queries(len(small.captured_queries)):
        alice_client.get(people_url)


def test_a_person_added_in_the_admin_also_gets_a_link(assessment):
    person = Respondent.objects.create(assessment=assessment, name="Added by hand")
    assert person.invite_token and len(person.invite_token) >= 40


def test_people_are_listed_by_name_whoever_answered_last(
    alice_client, world, assessment, people_url
):
    zoe = services.respondent_add(assessment=assessment, name="Zoe Adams")
    services.respondent_add(assessment=assessment, name="Adam Zhou")
    services.answer_save(
        assessment=assessment,
        question_id="own_authority",
        value=True,
        user=world.owner,
        respondent=zoe,
    )
    text = alice_client.get(people_url).content.decode()
    assert text.index("Adam Zhou") < text.index("Priya Shah") < text.index("Zoe Adams")


# Two people of the same name: every confirmation says which one -----------------------


@pytest.fixture
def finance_priya(assessment):
    return services.respondent_add(assessment=assessment, name="Priya Shah", role="Finance")


def test_removing_one_of_two_namesakes_names_them_by_their_role(
    alice_client, assessment, finance_priya
):
    url = reverse("respondent_remove", args=[assessment.id, finance_priya.id])

    confirm = alice_client.get(url).content.decode()
    assert "Remove Priya Shah (Finance)?" in confirm
    assert Respondent.objects.filter(pk=finance_priya.pk).exists()

    done = alice_client.post(url, follow=True).content.decode()
    assert "Priya Shah (Finance) is removed, with their answers." in done
    assert list(assessment.respondents.values_list("role", flat=True)) == ["Operations lead"]


def test_a_new_link_for_one_of_two_namesakes_names_them_by_their_role(
    alice_client, assessment, finance_priya
):
    url = reverse("respondent_new_link", args=[assessment.id, finance_priya.id])

    assert "Give Priya Shah (Finance) a new link?" in alice_client.get(url).content.decode()
    done = alice_client.post(url, follow=True).content.decode()
    assert "Priya Shah (Finance) has a new link" in done


def test_adding_a_namesake_says_which_one_was_added(alice_client, assessment, people_url):
    response = alice_client.post(
        people_url, {"person-name": "Priya Shah", "person-role": "Finance"}, follow=True
    )

    assert "Priya Shah (Finance) is added." in response.content.decode()


def ask_many(assessment, *, finished: int, answering: int, not_started: int) -> None:
    """People beyond the world's Priya, who has answered one question and not finished."""
    for n in range(finished + answering + not_started):
        person = services.respondent_add(assessment=assessment, name=f"Person {n:02}")
        if n < finished + answering:
            services.answer_save(
                assessment=assessment,
                question_id="own_authority",
                value=True,
                user=None,
                respondent=person,
            )
        if n < finished:
            services.respondent_finish(respondent=person)


def test_a_long_list_opens_with_how_many_were_asked_and_how_far_they_got(
    alice_client, assessment, people_url
):
    ask_many(assessment, finished=2, answering=2, not_started=37)

    text = alice_client.get(people_url).content.decode()

    summary = "<strong>42 people asked: 2 finished, 3 answering, 37 not started</strong>"
    assert summary in text
    assert text.index(summary) < text.index('class="record-item"')


def test_the_way_to_ask_someone_is_at_the_top_of_a_long_list(alice_client, assessment, people_url):
    ask_many(assessment, finished=0, answering=0, not_started=20)

    text = alice_client.get(people_url).content.decode()

    link = '<a href="#ask">Ask someone else</a>'
    assert link in text
    assert text.index(link) < text.index('class="record-item"') < text.index('id="ask"')


def test_the_count_leaves_out_what_nobody_is_at(alice_client, people_url):
    text = alice_client.get(people_url).content.decode()

    assert "<strong>1 person asked: 1 answering</strong>" in text


def test_a_viewer_sees_the_count_but_no_way_to_ask(client, victor, assessment, people_url):
    client.force_login(victor)

    text = client.get(people_url).content.decode()

    assert "1 person asked: 1 answering" in text
    assert 'href="#ask"' not in text


def test_a_final_assessment_gives_nobody_a_new_link_and_keeps_their_read_only_link(
    alice_client, client, world, assessment, people_url
):
    priya = world.objects["respondent"]
    old = priya.invite_token
    services.assessment_submit(assessment=assessment)
    new_link = reverse("respondent_new_link", args=[assessment.id, priya.id])

    page = alice_client.get(new_link, follow=True)
    response = alice_client.post(new_link, follow=True)

    for shown in (page, response):
        assert shown.redirect_chain[-1][0] == people_url
        text = shown.content.decode()
        assert "Each person keeps the link they have." in text
        assert "Send them this one" not in text
    priya.refresh_from_db()
    assert priya.invite_token == old
    client.logout()
    own = client.get(reverse("answer_section", args=[old, "ownership"]))
    assert own.status_code == 200
    assert "can no longer change" in own.content.decode()


def test_a_person_who_handed_in_nothing_is_not_shown_as_finished(alice_client, world, people_url):
    priya = world.objects["respondent"]
    Answer.objects.filter(respondent=priya).delete()
    services.respondent_finish(respondent=priya)
    priya.refresh_from_db()

    row = _row(alice_client.get(people_url), priya)

    handed_in = priya.finished_at
    assert f"Handed in with no answers · {handed_in.day} {handed_in:%b}" in row
    assert "Finished" not in row
    assert "0 of" in row


def test_an_email_already_asked_is_refused_beside_the_email_naming_who_has_it(
    alice_client, assessment, people_url
):
    services.respondent_add(
        assessment=assessment, name="Sam Ortiz", email="sam@northwind.test", role="Sales lead"
    )
    before = Respondent.objects.count()

    response = alice_client.post(
        people_url, {"person-name": "Samuel Ortiz", "person-email": " SAM@Northwind.test "}
    )

    assert response.status_code == 422
    text = response.content.decode()
    assert (
        '<p class="error" id="id_person-email_error">Sam Ortiz (Sales lead) is already asked '
        "with this email." in text
    )
    assert Respondent.objects.count() == before


def test_people_without_an_email_are_not_taken_for_one_another(
    alice_client, assessment, people_url
):
    # The world's Priya Shah was asked without an email.
    response = alice_client.post(people_url, {"person-name": "Sam Ortiz", "person-email": ""})

    assert response.status_code == 302
    assert assessment.respondents.filter(name="Sam Ortiz").exists()
