"""Reassessing: starting from last time's answers, and reviewing them section by section."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from assessments import services
from assessments.models import ActionItem, Answer, Assessment
from tests.isolation import db_fingerprint

LAST_TIME = {
    "own_named_when": ("before", "https://wiki.example.com/owner"),
    "own_authority": (True, ""),
    "own_duties": ("named", ""),
    "ov_test_cases": (40, ""),
}


@pytest.fixture
def last_time(assessment, alice):
    """The pilot's first assessment, answered and final."""
    for question_id, (value, evidence) in LAST_TIME.items():
        services.answer_save(
            assessment=assessment,
            question_id=question_id,
            value=value,
            evidence=evidence,
            user=alice,
        )
    return services.assessment_submit(assessment=assessment)


@pytest.fixture
def reassessment(last_time, alice):
    draft = services.assessment_start(pilot=last_time.pilot, user=alice)
    services.assessment_carry_answers(assessment=draft, source=last_time)
    return draft


def day(assessment) -> str:
    return date_format(timezone.localtime(assessment.dated), "j M Y")


def section_url(assessment, section):
    return reverse("assessment_section", args=[assessment.id, section])


def confirm_url(assessment, section):
    return reverse("carried_answers_confirm", args=[assessment.id, section])


def carried(assessment) -> set[str]:
    return set(
        Answer.objects.filter(assessment=assessment, carried_from__isnull=False).values_list(
            "question_id", flat=True
        )
    )


def newest_draft(pilot) -> Assessment:
    return pilot.assessments.get(status=Assessment.Status.DRAFT)


# Starting -------------------------------------------------------------------------------


def test_the_pilot_page_offers_last_times_answers_as_the_default(alice_client, last_time):
    page = alice_client.get(reverse("pilot_detail", args=[last_time.pilot_id])).content.decode()

    label = f"Start from the answers of {day(last_time)} ({last_time.get_decision_display()})"
    assert label in page
    assert f'name="start_from" value="{last_time.id}" checked' in page
    assert "Start with no answers" in page
    assert "<legend>How should the new assessment start?</legend>" in page


def test_starting_from_last_time_carries_its_answers_and_says_so(alice_client, last_time):
    response = alice_client.post(
        reverse("assessment_start", args=[last_time.pilot_id]),
        {"start_from": str(last_time.id)},
        follow=True,
    )

    draft = newest_draft(last_time.pilot)
    assert response.redirect_chain[-1][0] == section_url(draft, "basics")
    assert carried(draft) == set(LAST_TIME)
    page = response.content.decode()
    assert f"Started from the answers of {day(last_time)}: 4 answers carried over" in page
    assert "left out" not in page


def test_a_start_form_without_the_choice_starts_from_last_time(alice_client, last_time):
    alice_client.post(reverse("assessment_start", args=[last_time.pilot_id]))

    assert carried(newest_draft(last_time.pilot)) == set(LAST_TIME)


def test_starting_with_no_answers_carries_nothing(alice_client, last_time):
    alice_client.post(
        reverse("assessment_start", args=[last_time.pilot_id]), {"start_from": "blank"}
    )

    draft = newest_draft(last_time.pilot)
    assert not draft.answers.exists()
    draft.refresh_from_db()
    assert draft.progress_percent == 0


@pytest.mark.django_db(transaction=True)
def test_five_presses_at_once_start_one_draft_and_all_lead_to_it(alice, last_time):
    url = reverse("assessment_start", args=[last_time.pilot_id])
    clients = [Client() for _ in range(5)]
    for client in clients:
        client.force_login(alice)
    ready = threading.Barrier(len(clients))
    responses = [None] * len(clients)

    def press(index: int) -> None:
        try:
            ready.wait()
            responses[index] = clients[index].post(url, {"start_from": "blank"})
        finally:
            connection.close()

    presses = [threading.Thread(target=press, args=(index,)) for index in range(len(clients))]
    for thread in presses:
        thread.start()
    for thread in presses:
        thread.join()

    draft = newest_draft(last_time.pilot)
    assert last_time.pilot.assessments.count() == 2
    assert sorted(response.url for response in responses) == sorted(
        [section_url(draft, "basics"), *[reverse("assessment_resume", args=[draft.id])] * 4]
    )


def test_answers_that_no_longer_fit_are_counted_as_left_out(alice_client, last_time):
    Answer.objects.filter(assessment=last_time, question_id="own_duties").update(value="retired")

    response = alice_client.post(
        reverse("assessment_start", args=[last_time.pilot_id]), follow=True
    )

    page = response.content.decode()
    assert "3 answers carried over" in page
    assert "1 was left out: the current questions no longer ask or accept it." in page


@pytest.mark.parametrize("tampered", ["999999", "last", "-1", "blank "])
def test_a_choice_that_was_not_offered_starts_nothing_and_says_so(
    alice_client, last_time, tampered
):
    response = alice_client.post(
        reverse("assessment_start", args=[last_time.pilot_id]),
        {"start_from": tampered},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("pilot_detail", args=[last_time.pilot_id])
    assert "not one of the ways to start offered here" in response.content.decode()
    assert last_time.pilot.assessments.count() == 1


def test_an_older_assessment_than_the_one_offered_is_refused(alice_client, last_time, alice):
    later = services.assessment_start(pilot=last_time.pilot, user=alice)
    services.assessment_carry_answers(assessment=later, source=last_time)
    services.assessment_submit(assessment=later)

    alice_client.post(
        reverse("assessment_start", args=[last_time.pilot_id]), {"start_from": str(last_time.id)}
    )

    assert last_time.pilot.assessments.count() == 2


def test_a_pilot_with_no_answers_before_is_simply_reassessed(alice_client, assessment, make_final):
    # As if made final before an assessment with no answer was refused.
    make_final(assessment)
    assessment.answers.all().delete()

    page = alice_client.get(reverse("pilot_detail", args=[assessment.pilot_id])).content.decode()

    assert "Reassess" in page
    assert "Start from the answers" not in page


def test_a_viewer_is_offered_no_choice_and_cannot_start(client, victor, last_time):
    client.force_login(victor)
    page = client.get(reverse("pilot_detail", args=[last_time.pilot_id])).content.decode()
    response = client.post(
        reverse("assessment_start", args=[last_time.pilot_id]), {"start_from": str(last_time.id)}
    )

    assert "Start from the answers" not in page
    assert response.status_code == 403
    assert last_time.pilot.assessments.count() == 1


# The section's notice and markers -------------------------------------------------------


def test_carried_answers_are_marked_and_the_section_says_how_many(alice_client, reassessment):
    last_time = Assessment.objects.get(pk=reassessment.answers.first().carried_from_id)

    page = alice_client.get(section_url(reassessment, "ownership")).content.decode()

    assert page.count(">From last time</span>") == 3
    assert "3 answers in this section came from the assessment of" in page
    assert f'href="{reverse("assessment_results", args=[last_time.id])}">{day(last_time)}</a>' in (
        page
    )
    # With JavaScript it posts to the confirmation; without, it sends the section's form.
    assert f'hx-post="{confirm_url(reassessment, "ownership")}"' in page
    assert 'form="section-form" name="go" value="confirm-carried"' in page
    assert "These still hold</button>" in page


def test_one_carried_answer_reads_in_the_singular(alice_client, reassessment):
    page = alice_client.get(section_url(reassessment, "oversight")).content.decode()

    assert "1 answer in this section came from the assessment of" in page
    assert "This still holds</button>" in page


def test_a_section_with_nothing_carried_has_no_notice(alice_client, reassessment):
    page = alice_client.get(section_url(reassessment, "adoption")).content.decode()

    assert "came from the assessment of" not in page
    assert '<div id="carried-notice">' in page, "the place stays, for the notice to come back"


def test_a_viewer_sees_the_markers_but_no_button(client, victor, reassessment):
    client.force_login(victor)
    page = client.get(section_url(reassessment, "ownership")).content.decode()

    assert page.count(">From last time</span>") == 3
    assert "nobody has reviewed them yet" in page
    assert "These still hold" not in page


def test_a_final_assessment_shows_nothing_of_it(alice_client, reassessment):
    services.assessment_submit(assessment=reassessment)

    page = alice_client.get(section_url(reassessment, "ownership")).content.decode()

    assert "From last time" not in page
    assert "came from the assessment of" not in page
    assert "These still hold" not in page


def stepper(page: str) -> str:
    return page[page.index('<nav id="stepper"') : page.index("</nav>", page.index('id="stepper"'))]


def swapped_steps(reply: str) -> str:
    """The stepper's steps as a reply swaps them in, without the fold around them."""
    start = reply.index('<ol id="stepper-list" hx-swap-oob="true">')
    return reply[start : reply.index("</ol>", start)]


def test_the_stepper_counts_each_sections_answers_to_review(alice_client, reassessment):
    nav = stepper(alice_client.get(section_url(reassessment, "adoption")).content.decode())

    assert nav.count("from last time to review") == 2
    assert "3 from last time to review" in nav
    assert "1 from last time to review" in nav
    # In section order: ownership before oversight, and nothing on the others.
    assert nav.index("Ownership") < nav.index("3 from last time") < nav.index("Oversight")
    assert nav.index("Oversight") < nav.index("1 from last time")


def test_the_stepper_of_a_final_assessment_counts_nothing_to_review(alice_client, reassessment):
    services.assessment_submit(assessment=reassessment)

    page = alice_client.get(section_url(reassessment, "ownership")).content.decode()

    assert "to review" not in stepper(page)


# "These still hold" ---------------------------------------------------------------------


def test_these_still_hold_confirms_the_section_without_javascript(alice_client, reassessment):
    response = alice_client.post(confirm_url(reassessment, "ownership"), follow=True)

    assert response.redirect_chain[-1][0] == section_url(reassessment, "ownership")
    page = response.content.decode()
    assert "Confirmed 3 answers from last time" in page
    assert "From last time</span>" not in page
    assert "came from the assessment of" not in page
    assert carried(reassessment) == {"ov_test_cases"}, "other sections still wait"


def test_these_still_hold_with_htmx_swaps_the_notice_and_drops_the_markers(
    alice_client, reassessment, htmx
):
    response = alice_client.post(confirm_url(reassessment, "ownership"), **htmx)

    assert response.status_code == 200
    reply = response.content.decode()
    assert reply.startswith('<div id="carried-notice">')
    assert "Confirmed 3 answers from last time" in reply
    for question_id in ("own_named_when", "own_authority", "own_duties"):
        assert f'<span id="carried-{question_id}" hx-swap-oob="true"></span>' in reply
    assert carried(reassessment) == {"ov_test_cases"}
    # The stepper comes along, its ownership count gone and oversight's still there.
    nav = swapped_steps(reply)
    assert 'class="stepper-fold"' not in reply, "a fold the person opened stays open"
    assert "3 from last time to review" not in nav
    assert "1 from last time to review" in nav


def test_confirming_twice_says_there_was_nothing_left(alice_client, reassessment):
    alice_client.post(confirm_url(reassessment, "ownership"))
    response = alice_client.post(confirm_url(reassessment, "ownership"), follow=True)

    assert "Nothing in this section was waiting to be confirmed." in response.content.decode()


def test_confirming_a_final_assessment_says_why(alice_client, reassessment, htmx):
    services.assessment_submit(assessment=reassessment)
    results = reverse("assessment_results", args=[reassessment.id])

    plain = alice_client.post(confirm_url(reassessment, "ownership"), follow=True)
    with_htmx = alice_client.post(confirm_url(reassessment, "ownership"), **htmx)

    assert plain.redirect_chain[-1][0] == results
    assert (
        "The answers from last time were not confirmed: this assessment was made final meanwhile."
        in plain.content.decode()
    )
    # The button's page reloads, read only, as every change refused there does.
    assert with_htmx.headers["HX-Refresh"] == "true"
    assert carried(reassessment) == set(LAST_TIME), "the record of what was carried stays"


def test_confirming_an_unknown_section_is_404(alice_client, reassessment):
    assert alice_client.post(confirm_url(reassessment, "astrology")).status_code == 404
    assert carried(reassessment) == set(LAST_TIME)


def test_a_viewer_cannot_confirm(client, victor, reassessment):
    client.force_login(victor)

    assert client.post(confirm_url(reassessment, "ownership")).status_code == 403
    assert carried(reassessment) == set(LAST_TIME)


def test_an_outsider_gets_404_and_nothing_changes(client, charlie, reassessment):
    client.force_login(charlie)
    before = db_fingerprint()

    assert client.post(confirm_url(reassessment, "ownership")).status_code == 404
    assert client.get(section_url(reassessment, "ownership")).status_code == 404
    assert db_fingerprint() == before


# Saving a carried answer ----------------------------------------------------------------


def test_autosaving_a_carried_answer_unmarks_it_and_recounts_the_notice(
    alice_client, reassessment, htmx
):
    response = alice_client.post(
        section_url(reassessment, "ownership"),
        {"_unit": "q:own_authority", "q-own_authority": "no"},
        **htmx,
    )

    assert response.status_code == 200
    reply = response.content.decode()
    assert '<span id="carried-own_authority" hx-swap-oob="true"></span>' in reply
    assert '<div id="carried-notice" hx-swap-oob="true">' in reply
    assert "2 answers in this section came from the assessment of" in reply
    assert carried(reassessment) == {"own_named_when", "own_duties", "ov_test_cases"}
    assert "2 from last time to review" in swapped_steps(reply), "the stepper recounts too"


def test_the_notice_goes_when_the_last_carried_answer_is_saved(alice_client, reassessment, htmx):
    response = alice_client.post(
        section_url(reassessment, "oversight"),
        {"_unit": "q:ov_test_cases", "q-ov_test_cases": "40"},
        **htmx,
    )

    reply = response.content.decode()
    assert '<div id="carried-notice" hx-swap-oob="true">' in reply
    assert "came from the assessment of" not in reply
    assert "ov_test_cases" not in carried(reassessment)


def test_an_autosave_elsewhere_leaves_the_notice_alone(alice_client, reassessment, htmx):
    response = alice_client.post(
        section_url(reassessment, "adoption"),
        {"_unit": "q:ado_users_tested", "q-ado_users_tested": "yes"},
        **htmx,
    )

    assert response.status_code == 200
    assert "carried-notice" not in response.content.decode()


def test_moving_on_keeps_unchanged_answers_marked_and_unmarks_a_changed_one(
    alice_client, reassessment
):
    # The whole section comes back as the page showed it, with one answer changed.
    response = alice_client.post(
        section_url(reassessment, "ownership"),
        {
            "q-own_named_when": "before",
            "q-own_named_when-evidence": "https://wiki.example.com/owner",
            "q-own_authority": "no",
            "q-own_duties": "named",
            "go": "next",
        },
    )

    assert response.status_code == 302
    assert carried(reassessment) == {"own_named_when", "own_duties", "ov_test_cases"}
    assert reassessment.answers.get(question_id="own_authority").value is False


def test_new_evidence_on_a_carried_answer_unmarks_it(alice_client, reassessment):
    alice_client.post(
        section_url(reassessment, "ownership"),
        {
            "q-own_named_when": "before",
            "q-own_named_when-evidence": "https://wiki.example.com/owner-2025",
            "q-own_authority": "yes",
            "q-own_duties": "named",
            "go": "next",
        },
    )

    assert carried(reassessment) == {"own_authority", "own_duties", "ov_test_cases"}


def test_a_tampered_answer_in_a_section_with_carried_answers_saves_nothing(
    alice_client, reassessment
):
    response = alice_client.post(
        section_url(reassessment, "ownership"),
        {
            "q-own_named_when": "yesterday",
            "q-own_authority": "no",
            "q-own_duties": "named",
            "go": "next",
        },
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "Choose one of the answers." in page
    assert page.count(">From last time</span>") == 3
    assert carried(reassessment) == set(LAST_TIME)
    assert reassessment.answers.get(question_id="own_authority").value is True


def test_making_it_final_warns_of_answers_nobody_reviewed(alice_client, reassessment):
    results = reverse("assessment_results", args=[reassessment.id])
    before = alice_client.get(results).content.decode()
    for section in ("ownership", "oversight"):
        alice_client.post(confirm_url(reassessment, section))
    after = alice_client.get(results).content.decode()

    assert "4 answers carried from last time have not been reviewed." in before
    assert "4 answers are still as copied from last time, not yet re-checked" in before
    ownership = section_url(reassessment, "ownership")
    assert f'<a href="{ownership}">Ownership (3)</a>' in before, "each section to check is named"
    assert "carried from last time" not in after


def test_a_final_assessments_results_say_how_many_answers_were_never_rechecked(
    alice_client, reassessment
):
    alice_client.post(confirm_url(reassessment, "ownership"))
    services.assessment_submit(assessment=reassessment)

    page = alice_client.get(reverse("assessment_results", args=[reassessment.id])).content
    page = page.decode()

    assert "1 answer was made final as copied from the last assessment" in page
    assert "still as copied from last time" not in page, "no longer provisional: it is final"
    assert "have not been reviewed" not in page


def test_a_final_assessment_whose_answers_were_all_rechecked_says_nothing_of_it(
    alice_client, reassessment
):
    for section in ("ownership", "oversight"):
        alice_client.post(confirm_url(reassessment, section))
    services.assessment_submit(assessment=reassessment)

    page = alice_client.get(reverse("assessment_results", args=[reassessment.id])).content

    assert "made final as copied" not in page.decode()


def test_an_answer_hidden_by_the_skip_logic_is_not_asked_to_be_reviewed(
    alice_client, reassessment, last_time
):
    # own_handover applies only to a pilot someone else built; this one was not.
    Answer.objects.create(
        assessment=reassessment, question_id="own_handover", value=True, carried_from=last_time
    )
    results = alice_client.get(reverse("assessment_results", args=[reassessment.id]))
    assert "4 answers carried from last time have not been reviewed." in results.content.decode()


def test_these_still_hold_sent_with_the_section_saves_what_was_typed_first(
    alice_client, reassessment
):
    # Without JavaScript the button posts the whole section: an edit must not be lost.
    response = alice_client.post(
        section_url(reassessment, "ownership"),
        {
            "q-own_named_when": "after",
            "q-own_authority": "yes",
            "q-own_duties": "named",
            "go": "confirm-carried",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == section_url(reassessment, "ownership")
    assert "Confirmed 2 answers from last time" in response.content.decode()
    assert reassessment.answers.get(question_id="own_named_when").value == "after"
    assert carried(reassessment) == {"ov_test_cases"}


def test_these_still_hold_and_continue_confirms_then_moves_on(alice_client, reassessment):
    page = alice_client.get(section_url(reassessment, "ownership")).content.decode()
    assert 'value="confirm-carried-next"' in page

    response = alice_client.post(
        section_url(reassessment, "ownership"), {"go": "confirm-carried-next"}
    )

    assert response["Location"] == section_url(reassessment, "outcome")
    assert carried(reassessment) == {"ov_test_cases"}


def test_a_carried_answer_shows_with_its_marker_when_its_question_comes_to_apply(
    alice_client, reassessment, last_time, htmx
):
    Answer.objects.create(
        assessment=reassessment, question_id="own_handover", value=True, carried_from=last_time
    )
    page = alice_client.get(section_url(reassessment, "ownership")).content.decode()
    assert "3 answers in this section came from" in page, "the hidden one is not counted"

    # Said to be built by a vendor, the pilot needs a handover: the question appears.
    services.answer_save(
        assessment=reassessment, question_id="basic_built_by", value="vendor", user=None
    )
    response = alice_client.post(
        section_url(reassessment, "ownership"),
        {"_unit": "q:own_duties", "q-own_duties": "written"},
        **htmx,
    )

    reply = response.content.decode()
    assert "3 answers in this section came from" in reply, "own_duties went, own_handover came"
    page = alice_client.get(section_url(reassessment, "ownership")).content.decode()
    assert 'id="carried-own_handover"' in page


# The action plan carried forward -----------------------------------------------------


def test_starting_from_last_time_carries_open_actions_with_their_owners(alice_client, last_time):
    services.action_item_update(
        assessment=last_time,
        criterion_id="own_accountable_owner",
        data={"owner_name": "Priya", "due_date": "2027-01-31"},
    )

    response = alice_client.post(
        reverse("assessment_start", args=[last_time.pilot_id]),
        {"start_from": str(last_time.id)},
        follow=True,
    )

    draft = newest_draft(last_time.pilot)
    item = ActionItem.objects.get(assessment=draft)
    assert (item.criterion_id, item.owner_name, str(item.due_date)) == (
        "own_accountable_owner",
        "Priya",
        "2027-01-31",
    )
    assert "1 open action of the plan kept its owner and due date." in (response.content.decode())
    results = alice_client.get(reverse("assessment_results", args=[draft.id])).content.decode()
    assert 'name="action-own_accountable_owner-owner_name" value="Priya"' in results


def test_starting_with_no_answers_carries_no_actions(alice_client, last_time):
    services.action_item_update(
        assessment=last_time, criterion_id="own_accountable_owner", data={"owner_name": "Priya"}
    )

    alice_client.post(
        reverse("assessment_start", args=[last_time.pilot_id]), {"start_from": "blank"}
    )

    assert not ActionItem.objects.filter(assessment=newest_draft(last_time.pilot)).exists()


def test_the_results_say_which_of_last_times_actions_are_done_now(
    alice_client, assessment, make_final
):
    make_final(assessment)
    draft = services.assessment_start(pilot=assessment.pilot, user=assessment.started_by)
    services.answer_save(
        assessment=draft, question_id="own_authority", value=True, user=assessment.started_by
    )
    services.answer_save(
        assessment=draft,
        question_id="ado_fits_tools",
        value="shaped",
        evidence="https://wiki.example.com/fit",
        user=assessment.started_by,
    )

    response = alice_client.get(reverse("assessment_results", args=[draft.id]))

    page = response.content.decode()
    done = [a.criterion_id for a in response.context["since"].actions_done]
    assert done == ["ado_fits_tools"]
    assert "<strong>Done since last time:</strong> It fits the tools and habits" in page
