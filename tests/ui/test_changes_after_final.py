"""A change sent from a page opened before the assessment became final.

The page stays open in the browser; the autosave, a record's form or "These still hold"
reaches the server once the assessment is final. The change is refused, and the page is
reloaded read only with the reason at its top: never a whole page swapped into the
question or the list that sent it.
"""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Owner

NOT_SAVED = "Your change was not saved: this assessment was made final meanwhile."
READ_ONLY = "This assessment is final, so its answers are read-only."


def section_url(assessment, section):
    return reverse("assessment_section", args=[assessment.id, section])


@pytest.fixture
def owner(assessment):
    return services.owner_add(pilot=assessment.pilot, name="Priya Shah", hours_per_week=4)


def _refreshes_with(alice_client, response, page_url, message):
    """The reply asks htmx to reload the page, and the reloaded page says why, once."""
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    assert b"<html" not in response.content
    page = alice_client.get(page_url).content.decode()
    _says_once(page, message)
    return page


def _says_once(page, message):
    """The refusal stands in place of the page's read-only notice, with one way on."""
    assert page.count(message) == 1
    assert READ_ONLY not in page
    assert page.count("Start a reassessment</a>") == 1


def test_an_autosave_after_the_assessment_became_final_reloads_the_page_saying_so(
    alice_client, assessment, htmx, make_final
):
    url = section_url(assessment, "ownership")
    make_final(assessment)

    response = alice_client.post(
        url, {"_unit": "q:own_authority", "q-own_authority": "yes"}, **htmx
    )

    page = _refreshes_with(alice_client, response, url, NOT_SAVED)
    assert 'id="status-q-own_authority"' in page
    assert not assessment.answers.filter(question_id="own_authority").exists()


def test_a_section_sent_without_javascript_after_it_became_final_goes_to_the_results(
    alice_client, assessment, make_final
):
    make_final(assessment)

    response = alice_client.post(
        section_url(assessment, "ownership"), {"q-own_authority": "yes"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("assessment_results", args=[assessment.id])
    page = response.content.decode()
    assert page.count(NOT_SAVED) == 1
    assert "Start a new one" not in page
    assert not assessment.answers.filter(question_id="own_authority").exists()


def test_adding_a_record_after_it_became_final_reloads_the_page_saying_so(
    alice_client, assessment, htmx, make_final
):
    make_final(assessment)

    response = alice_client.post(
        reverse("record_create", args=[assessment.id, "owners"]),
        {"new-owners-name": "Tom Reed", "new-owners-hours_per_week": "2"},
        **htmx,
    )

    _refreshes_with(
        alice_client,
        response,
        section_url(assessment, "ownership"),
        "The person was not added: this assessment was made final meanwhile.",
    )
    assert not Owner.objects.filter(name="Tom Reed").exists()


def test_editing_a_record_after_it_became_final_reloads_the_page_saying_so(
    alice_client, assessment, owner, htmx, make_final
):
    make_final(assessment)
    url = reverse("record_update", args=[assessment.id, "owners", owner.id])

    opened = alice_client.get(url, **htmx)
    assert opened["HX-Refresh"] == "true"
    response = alice_client.post(
        url,
        {
            f"edit-owners-{owner.id}-name": "Priya Patel",
            f"edit-owners-{owner.id}-hours_per_week": "4",
        },
        **htmx,
    )

    _refreshes_with(
        alice_client,
        response,
        section_url(assessment, "ownership"),
        NOT_SAVED,
    )
    owner.refresh_from_db()
    assert owner.name == "Priya Shah"


def test_removing_a_record_after_it_became_final_reloads_the_page_saying_so(
    alice_client, assessment, owner, htmx, make_final
):
    make_final(assessment)

    response = alice_client.post(
        reverse("record_delete", args=[assessment.id, "owners", owner.id]), **htmx
    )

    _refreshes_with(
        alice_client,
        response,
        section_url(assessment, "ownership"),
        "The person was not removed: this assessment was made final meanwhile.",
    )
    assert Owner.objects.filter(pk=owner.pk).exists()


def test_a_record_form_sent_without_javascript_after_it_became_final_says_so(
    alice_client, assessment, owner, make_final
):
    make_final(assessment)

    response = alice_client.post(
        reverse("record_delete", args=[assessment.id, "owners", owner.id]), follow=True
    )

    assert response.redirect_chain[-1][0] == section_url(assessment, "ownership") + "#owners"
    _says_once(
        response.content.decode(),
        "The person was not removed: this assessment was made final meanwhile.",
    )
    assert Owner.objects.filter(pk=owner.pk).exists()


def test_these_still_hold_after_it_became_final_reloads_the_page_saying_so(
    alice_client, assessment, htmx, make_final
):
    make_final(assessment)

    response = alice_client.post(
        reverse("carried_answers_confirm", args=[assessment.id, "ownership"]), **htmx
    )

    _refreshes_with(
        alice_client,
        response,
        section_url(assessment, "ownership"),
        "The answers from last time were not confirmed: this assessment was made final meanwhile.",
    )


def test_an_outsider_still_gets_a_404_from_a_final_assessments_records(
    client, charlie, assessment, owner, htmx, make_final
):
    make_final(assessment)
    client.force_login(charlie)

    response = client.post(
        reverse("record_delete", args=[assessment.id, "owners", owner.id]), **htmx
    )

    assert response.status_code == 404
    assert Owner.objects.filter(pk=owner.pk).exists()


def test_a_final_assessment_opened_as_usual_says_it_is_read_only_with_one_way_on(
    alice_client, assessment, make_final
):
    make_final(assessment)

    page = alice_client.get(section_url(assessment, "ownership")).content.decode()

    assert page.count(READ_ONLY) == 1
    assert NOT_SAVED not in page
    assert page.count("Start a reassessment</a>") == 1


def test_the_refusal_is_said_once_and_the_next_visit_shows_the_usual_notice(
    alice_client, assessment, htmx, make_final
):
    url = section_url(assessment, "ownership")
    make_final(assessment)
    for answer in ("yes", "no"):
        alice_client.post(url, {"_unit": "q:own_authority", "q-own_authority": answer}, **htmx)

    refused = alice_client.get(url).content.decode()
    again = alice_client.get(url).content.decode()

    _says_once(refused, NOT_SAVED)
    assert NOT_SAVED not in again and READ_ONLY in again


def test_with_a_reassessment_open_the_refusal_leads_to_it(
    alice_client, assessment, htmx, make_final
):
    url = section_url(assessment, "ownership")
    make_final(assessment)
    alice_client.post(reverse("assessment_start", args=[assessment.pilot_id]))
    reassessment = assessment.pilot.assessments.exclude(pk=assessment.pk).get()

    alice_client.post(url, {"_unit": "q:own_authority", "q-own_authority": "yes"}, **htmx)
    page = alice_client.get(url).content.decode()

    assert page.count(NOT_SAVED) == 1
    resume = reverse("assessment_resume", args=[reassessment.id])
    assert f'<a href="{resume}">Carry on with the reassessment</a>' in page
    assert "Start a reassessment" not in page
