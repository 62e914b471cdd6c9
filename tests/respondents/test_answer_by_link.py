"""A person answers through their own link, without an account."""

import dataclasses

import pytest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from assessments import selectors, services
from assessments.models import Answer
from assessments.questionnaire import SECTIONS, applies, progress
from assessments.rubric.loader import bundled_rubric
from tests.section_form import section_form


def _question(section, kind):
    return next(
        q
        for q in bundled_rubric().questions_for_section(section)
        if q.type == kind and q.applies_if is None
    )


def _ownership_progress(priya):
    base = selectors.assessment_input(priya.assessment)
    inp = dataclasses.replace(base, answers=selectors.respondent_answers(priya))
    return next(s for s in progress(bundled_rubric(), inp) if s.id == "ownership")


def _own(priya, question_id):
    return Answer.objects.filter(respondent=priya, question_id=question_id).first()


def test_the_link_opens_the_first_section_without_signing_in(client, priya):
    response = client.get(reverse("answer_start", args=[priya.invite_token]), follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Answering as Priya Shah" in text
    assert "Quote follow-ups" in text
    assert "Log in" not in text
    # The dashboard would only ask someone without an account to log in.
    assert f'href="{reverse("dashboard")}"' not in text


def test_the_finish_page_leads_nowhere_that_needs_an_account(client, priya):
    text = client.get(reverse("answer_done", args=[priya.invite_token])).content.decode()
    assert "Answering as Priya Shah" in text
    assert f'href="{reverse("dashboard")}"' not in text


def test_an_unknown_link_is_a_404_and_changes_nothing(client, priya):
    before = Answer.objects.count()
    url = reverse("answer_section", args=["not-a-real-token", "ownership"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"q-own_authority": "yes"}).status_code == 404
    assert Answer.objects.count() == before


def test_a_section_saves_the_persons_own_answers_and_never_the_agreed_ones(client, world, priya):
    question = _question("ownership", "yes_no")
    agreed_before = list(
        Answer.objects.filter(assessment=world.objects["assessment"], respondent=None).values_list(
            "question_id", "value"
        )
    )
    url = reverse("answer_section", args=[priya.invite_token, "ownership"])
    response = client.post(url, {f"q-{question.id}": "yes", "go": "next"})
    assert response.status_code == 302
    assert response["Location"] == reverse("answer_section", args=[priya.invite_token, "outcome"])
    assert _own(priya, question.id).value is True
    agreed_after = list(
        Answer.objects.filter(assessment=world.objects["assessment"], respondent=None).values_list(
            "question_id", "value"
        )
    )
    assert agreed_after == agreed_before


def test_a_bad_answer_is_refused_with_a_message_and_nothing_in_the_section_is_saved(client, priya):
    number = _question("oversight", "number")
    choice = _question("oversight", "choice")
    url = reverse("answer_section", args=[priya.invite_token, "oversight"])
    response = client.post(
        url,
        {f"q-{number.id}": "lots", f"q-{choice.id}": choice.options[0].value, "go": "next"},
    )
    assert response.status_code == 422
    assert "Enter a number." in response.content.decode()
    assert _own(priya, choice.id) is None
    assert _own(priya, number.id) is None


def test_autosave_saves_one_answer_and_says_so(client, priya):
    question = _question("ownership", "choice")
    url = reverse("answer_section", args=[priya.invite_token, "ownership"])
    value = question.options[-1].value
    response = client.post(
        url, {"_unit": f"q:{question.id}", f"q-{question.id}": value}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="status-q-{question.id}"' in response.content.decode()
    assert "Saved" in response.content.decode()
    assert _own(priya, question.id).value == value
    # The stepper's counts ride along, so progress moves without a reload; the fold
    # around them is left as the person left it, open or closed.
    assert '<ol id="stepper-list" hx-swap-oob="true">' in response.content.decode()
    assert 'class="stepper-fold"' not in response.content.decode()
    ownership = _ownership_progress(priya)
    assert ownership.answered == 2  # own_authority from before, and this one
    assert f"{ownership.answered} of {ownership.total} questions" in response.content.decode()


def test_autosave_of_an_invalid_answer_is_a_422_with_the_reason(client, priya):
    question = _question("ownership", "choice")
    url = reverse("answer_section", args=[priya.invite_token, "ownership"])
    response = client.post(
        url, {"_unit": f"q:{question.id}", f"q-{question.id}": "bogus"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "Choose one of the answers." in response.content.decode()
    assert _own(priya, question.id) is None


def test_emptying_an_answer_takes_it_back(client, priya):
    url = reverse("answer_section", args=[priya.invite_token, "ownership"])
    assert _own(priya, "own_authority") is not None
    client.post(url, {"_unit": "q:own_authority", "q-own_authority": ""}, HTTP_HX_REQUEST="true")
    assert _own(priya, "own_authority") is None


def test_finishing_is_recorded_and_thanked(client, priya):
    url = reverse("answer_done", args=[priya.invite_token])
    page = client.get(url)
    assert "I have finished" in page.content.decode()
    response = client.post(url, follow=True)
    priya.refresh_from_db()
    assert priya.finished_at is not None
    assert "Thank you, Priya Shah" in response.content.decode()


def test_someone_who_handed_in_comes_back_to_their_summary_not_to_a_fresh_start(client, priya):
    services.respondent_finish(respondent=priya)
    priya.refresh_from_db()

    response = client.get(reverse("answer_start", args=[priya.invite_token]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("answer_done", args=[priya.invite_token])
    text = response.content.decode()
    handed_in = date_format(localtime(priya.finished_at), "j M Y")
    assert f"You handed in on {handed_in}; you can still change any section below." in text
    # Every section is a link away, and the link still takes changes.
    ownership = reverse("answer_section", args=[priya.invite_token, "ownership"])
    assert f'href="{ownership}"' in text
    client.post(ownership, {"q-own_authority": "yes"})
    assert _own(priya, "own_authority").value is True


def test_someone_who_has_not_answered_yet_starts_at_the_first_section(client, priya):
    Answer.objects.filter(respondent=priya).delete()

    response = client.get(reverse("answer_start", args=[priya.invite_token]))

    assert response.url == reverse("answer_section", args=[priya.invite_token, "basics"])


def test_someone_who_left_part_way_comes_back_to_the_section_they_were_in(client, priya):
    # Priya's only answer so far is in Ownership, which has more to answer.
    response = client.get(reverse("answer_start", args=[priya.invite_token]))

    assert response.url == reverse("answer_section", args=[priya.invite_token, "ownership"])


def _answer_all(priya, sections):
    """Answer every question that applies in these sections, as the person would."""
    rubric = bundled_rubric()
    for section in sections:
        for question in rubric.questions_for_section(section):
            inp = selectors.respondent_input(priya)
            if question.applies_if is not None and not applies(question, inp):
                continue
            services.respondent_answer_save(
                respondent=priya,
                question=question,
                value=_some_value(question),
                not_sure=False,
                evidence="",
            )


def _some_value(question):
    if question.type == "yes_no":
        return True
    if question.type == "choice":
        return question.options[-1].value
    if question.type == "number":
        return question.min or 1
    return "Written down"


def test_a_finished_section_leads_on_to_the_next_one_with_questions_left(client, priya):
    _answer_all(priya, ["ownership"])

    response = client.get(reverse("answer_start", args=[priya.invite_token]))

    assert response.url == reverse("answer_section", args=[priya.invite_token, "outcome"])


def test_someone_who_answered_everything_but_did_not_hand_in_is_asked_to_hand_in(client, priya):
    _answer_all(priya, [section.id for section in SECTIONS])
    assert all(s.complete for s in progress(bundled_rubric(), selectors.respondent_input(priya)))

    response = client.get(reverse("answer_start", args=[priya.invite_token]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("answer_done", args=[priya.invite_token])
    assert "Ready to hand in?" in response.content.decode()
    priya.refresh_from_db()
    assert priya.finished_at is None


def test_the_steps_say_someone_has_handed_in_rather_than_asking_them_to(client, priya):
    url = reverse("answer_section", args=[priya.invite_token, "ownership"])
    assert "Hand in your answers" in client.get(url).content.decode()
    services.respondent_finish(respondent=priya)
    priya.refresh_from_db()

    text = client.get(url).content.decode()

    handed_in = date_format(localtime(priya.finished_at), "j M")
    assert f'<span class="step-meta">Handed in {handed_in}</span>' in text
    assert "Hand in your answers" not in text


def test_once_the_assessment_is_final_a_handed_in_link_opens_the_answers_read_only(
    client, world, priya
):
    services.respondent_finish(respondent=priya)
    services.assessment_submit(assessment=world.objects["assessment"])

    response = client.get(reverse("answer_start", args=[priya.invite_token]), follow=True)

    text = response.content.decode()
    assert "can no longer change" in text
    assert "you can still change any section" not in text


def test_a_final_assessment_shows_the_answers_read_only(client, world, priya):
    services.assessment_submit(assessment=world.objects["assessment"])
    url = reverse("answer_section", args=[priya.invite_token, "ownership"])
    page = client.get(url)
    assert page.status_code == 200
    assert "can no longer change" in page.content.decode()
    response = client.post(url, {"q-own_authority": "yes"}, follow=True)
    assert "can no longer change" in response.content.decode()
    assert _own(priya, "own_authority").value is False


def test_an_unknown_section_is_a_404(client, priya):
    url = reverse("answer_section", args=[priya.invite_token, "nowhere"])
    assert client.get(url).status_code == 404


def test_a_refused_number_is_marked_invalid_and_its_limit_reads_as_written(client, priya):
    number = _question("oversight", "number")
    url = reverse("answer_section", args=[priya.invite_token, "oversight"])
    too_big = (number.max or 1_000_000) * 10
    response = client.post(url, {f"q-{number.id}": str(too_big), "go": "stay"})
    text = response.content.decode()
    assert response.status_code == 422
    assert "e+" not in text.split("Enter at most")[1][:20]
    assert 'aria-invalid="true"' in text


def test_enter_in_a_field_saves_and_stays_in_the_section(client, priya):
    page = client.get(reverse("answer_section", args=[priya.invite_token, "ownership"]))
    text = page.content.decode()
    # The first submit button of the form, which Enter activates, is the one that stays.
    first = text.index('form="section-form"')
    assert 'value="stay"' in text[first : first + 80]


def test_autosave_of_a_number_under_not_sure_says_it_was_saved_as_not_sure(client, priya):
    url = reverse("answer_section", args=[priya.invite_token, "oversight"])

    response = client.post(
        url,
        {"_unit": "q:ov_test_cases", "q-ov_test_cases": "50", "q-ov_test_cases-not-sure": "on"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert "Saved as “Not sure”." in response.content.decode()
    own = _own(priya, "ov_test_cases")
    assert (own.not_sure, own.value) == (True, 50)


def test_handing_in_with_nothing_answered_asks_first_and_offers_the_way_back(client, priya):
    Answer.objects.filter(respondent=priya).delete()
    url = reverse("answer_done", args=[priya.invite_token])

    page = client.get(url).content.decode()

    assert "You have not answered anything. Hand in anyway?" in page
    assert "I have finished" not in page
    first = reverse("answer_section", args=[priya.invite_token, SECTIONS[0].id])
    assert f'href="{first}">Go back to the questions</a>' in page
    # A plain post, without saying so, hands nothing in.
    client.post(url)
    priya.refresh_from_db()
    assert priya.finished_at is None


def test_handing_in_with_nothing_answered_once_confirmed_says_so(client, priya):
    Answer.objects.filter(respondent=priya).delete()
    url = reverse("answer_done", args=[priya.invite_token])

    response = client.post(url, {"no_answers": "confirmed"}, follow=True)

    priya.refresh_from_db()
    assert priya.finished_at is not None
    text = response.content.decode()
    assert "You handed in without answering any question" in text
    assert "Your answers are in" not in text


def test_an_autosave_after_the_assessment_became_final_reloads_the_page_saying_so(
    client, world, priya
):
    url = reverse("answer_section", args=[priya.invite_token, "ownership"])
    services.assessment_submit(assessment=world.objects["assessment"])

    response = client.post(
        url, {"_unit": "q:own_authority", "q-own_authority": "yes"}, HTTP_HX_REQUEST="true"
    )

    # htmx reloads the page rather than swapping a reply into the question's status.
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    assert b"<html" not in response.content
    page = client.get(url).content.decode()
    assert page.count("Your change was not saved: this assessment was made final meanwhile") == 1
    assert "This assessment is final, so your answers can no longer change." not in page
    # The next visit shows the usual notice.
    assert "This assessment is final, so your answers can no longer change." in (
        client.get(url).content.decode()
    )
    assert _own(priya, "own_authority").value is False


def test_saving_an_older_page_leaves_alone_the_answers_changed_since_in_another_tab(client, priya):
    url = reverse("answer_section", args=[priya.invite_token, "ownership"])
    choice = _question("ownership", "choice")
    assert _own(priya, "own_authority").value is False
    assert _own(priya, choice.id) is None
    older = section_form(client.get(url).content.decode())

    # Another tab changes one answer and gives one the older page shows unanswered.
    for data in ({"q-own_authority": "yes"}, {f"q-{choice.id}": choice.options[0].value}):
        unit = next(iter(data)).removeprefix("q-")
        client.post(url, {"_unit": f"q:{unit}", **data}, HTTP_HX_REQUEST="true")

    response = client.post(url, {**older, "go": "next"})

    assert response.status_code == 302
    assert _own(priya, "own_authority").value is True
    assert _own(priya, choice.id).value == choice.options[0].value


def test_saving_an_older_page_still_saves_what_was_changed_on_it(client, priya):
    url = reverse("answer_section", args=[priya.invite_token, "ownership"])
    choice = _question("ownership", "choice")
    first, second = (option.value for option in choice.options[:2])
    older = section_form(client.get(url).content.decode())
    client.post(url, {"_unit": f"q:{choice.id}", f"q-{choice.id}": first}, HTTP_HX_REQUEST="true")

    # Without JavaScript: the answer is changed on the older page and the section sent.
    client.post(url, {**older, f"q-{choice.id}": second, "go": "stay"})

    assert _own(priya, choice.id).value == second
    assert _own(priya, "own_authority").value is False


def test_an_autosave_moves_on_what_the_page_compares_its_answer_with(client, priya):
    url = reverse("answer_section", args=[priya.invite_token, "ownership"])

    reply = client.post(
        url, {"_unit": "q:own_authority", "q-own_authority": "yes"}, HTTP_HX_REQUEST="true"
    )

    assert (
        section_form(f'<form id="section-form">{reply.content.decode()}</form>')[
            "loaded-own_authority"
        ]
        == '[true, false, ""]'
    )
    assert 'id="loaded-own_authority" name="loaded-own_authority"' in reply.content.decode()


@pytest.mark.parametrize("depth", [3_000, 50_000])
def test_a_loaded_answer_nested_too_deeply_to_read_counts_as_changed(client, priya, depth):
    url = reverse("answer_section", args=[priya.invite_token, "basics"])

    response = client.post(
        url,
        {
            "q-basic_built_by": "vendor",
            "loaded-basic_built_by": "[" * depth + "]" * depth,
            "go": "stay",
        },
    )

    assert response.status_code == 302
    assert _own(priya, "basic_built_by").value == "vendor"
