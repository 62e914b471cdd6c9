"""What is typed into a list's add form goes with the section's own buttons.

The add forms' fields belong to the section's form, so "Save and continue", Back, the
steps and Results add a typed record, or stay and say why they cannot; an add form
left as shown adds nothing.
"""

import pytest
from django.urls import reverse

from assessments.models import Answer, Integration, Owner, SuccessMetric
from tests.section_form import section_form


def section_url(assessment, section):
    return reverse("assessment_section", args=[assessment.id, section])


def as_shown(client, assessment, section):
    """The section's form as a browser would send it, before anything is typed."""
    return section_form(client.get(section_url(assessment, section)).content.decode())


def answers(assessment):
    return {a.question_id: a.value for a in Answer.objects.filter(assessment=assessment)}


def test_the_add_forms_fields_belong_to_the_sections_form(alice_client, assessment):
    sent = as_shown(alice_client, assessment, "ownership")

    assert sent["new-owners-name"] == ""
    assert "new-owners-accountable" not in sent  # unticked, as a browser sends it
    assert "q-own_authority" not in sent and "loaded-own_authority" in sent


def test_a_person_typed_into_add_a_person_is_added_by_save_and_continue(alice_client, assessment):
    sent = as_shown(alice_client, assessment, "ownership")
    sent.update(
        {
            "new-owners-name": "Priya Shah",
            "new-owners-email": "priya@northwind.test",
            "new-owners-hours_per_week": "4",
            "new-owners-accountable": "on",
            "q-own_authority": "yes",
            "go": "next",
        }
    )

    response = alice_client.post(section_url(assessment, "ownership"), sent, follow=True)

    assert response.redirect_chain[-1][0] == section_url(assessment, "outcome")
    owner = Owner.objects.get(pilot=assessment.pilot)
    assert (owner.name, owner.hours_per_week, owner.accountable) == ("Priya Shah", 4, True)
    assert answers(assessment)["own_authority"] is True
    assert "Added “Priya Shah”." in response.content.decode()


def test_a_metric_typed_before_going_to_the_results_is_added(alice_client, assessment):
    sent = as_shown(alice_client, assessment, "outcome")
    sent.update({"new-metrics-name": "Quotes chased within a week", "new-metrics-baseline": "40"})

    response = alice_client.post(section_url(assessment, "outcome"), {**sent, "go": "results"})

    assert response.status_code == 302
    assert response.url == reverse("assessment_results", args=[assessment.id])
    metric = SuccessMetric.objects.get(pilot=assessment.pilot)
    assert (metric.name, metric.baseline, metric.kind) == (
        "Quotes chased within a week",
        40,
        "outcome",
    )


@pytest.mark.parametrize(
    ("section", "model"),
    [("ownership", Owner), ("outcome", SuccessMetric), ("integration", Integration)],
)
@pytest.mark.parametrize("go", ["next", "prev", "results", "stay"])
def test_an_untouched_add_form_adds_nothing_and_lets_the_founder_move_on(
    alice_client, assessment, section, model, go
):
    sent = as_shown(alice_client, assessment, section)

    response = alice_client.post(section_url(assessment, section), {**sent, "go": go})

    assert response.status_code == 302
    assert not model.objects.exists()


def test_a_person_without_a_name_keeps_the_founder_on_the_section_and_says_so(
    alice_client, assessment
):
    sent = as_shown(alice_client, assessment, "ownership")
    sent.update(
        {
            "new-owners-email": "priya@northwind.test",
            "new-owners-hours_per_week": "4",
            "q-own_authority": "yes",
            "go": "next",
        }
    )

    response = alice_client.post(section_url(assessment, "ownership"), sent)

    assert response.status_code == 422
    page = response.content.decode()
    summary = page[
        page.index('id="error-summary"') : page.index("</div>", page.index('id="error-summary"'))
    ]
    assert (
        "Your answers in this section were saved, but the person typed under “Add a person” "
        "was not added" in summary
    )
    assert (
        '<a href="#id_new-owners-name">Add a person: Name</a>: This field is required.' in summary
    )
    # What was typed is still there to complete.
    assert 'value="priya@northwind.test"' in page
    assert not Owner.objects.exists()
    assert answers(assessment)["own_authority"] is True


def test_a_refused_answer_saves_nothing_and_keeps_the_person_typed(alice_client, assessment):
    sent = as_shown(alice_client, assessment, "ownership")
    sent.update(
        {"new-owners-name": "Priya Shah", "q-own_named_when": "someday", "q-own_authority": "yes"}
    )

    response = alice_client.post(section_url(assessment, "ownership"), {**sent, "go": "next"})

    assert response.status_code == 422
    page = response.content.decode()
    assert (
        "Nothing in this section was saved, and the person typed under “Add a person” is not "
        "added yet" in page
    )
    assert 'value="Priya Shah"' in page
    assert not Owner.objects.exists()
    assert answers(assessment) == {}


def test_a_person_with_impossible_hours_is_not_half_saved(alice_client, assessment):
    sent = as_shown(alice_client, assessment, "ownership")
    sent.update({"new-owners-name": "Priya Shah", "new-owners-hours_per_week": "500"})

    response = alice_client.post(section_url(assessment, "ownership"), {**sent, "go": "ownership"})

    assert response.status_code == 422
    assert '<a href="#id_new-owners-hours_per_week">Add a person: Hours per week</a>' in (
        response.content.decode()
    )
    assert not Owner.objects.exists()


def test_add_without_javascript_saves_the_section_and_returns_to_the_list(alice_client, assessment):
    sent = as_shown(alice_client, assessment, "integration")
    sent.update({"new-integrations-system": "HubSpot", "go": "add-integrations"})

    response = alice_client.post(section_url(assessment, "integration"), sent)

    assert response.status_code == 302
    assert response.url == section_url(assessment, "integration") + "#integrations"
    assert Integration.objects.get(pilot=assessment.pilot).system == "HubSpot"


def test_add_without_javascript_on_an_empty_form_says_what_is_missing(alice_client, assessment):
    sent = as_shown(alice_client, assessment, "ownership")

    response = alice_client.post(section_url(assessment, "ownership"), {**sent, "go": "add-owners"})

    assert response.status_code == 422
    assert "Add a person: Name</a>: This field is required." in response.content.decode()
    assert not Owner.objects.exists()


def test_an_outsider_sending_a_typed_person_gets_404_and_nothing_is_added(
    client, charlie, assessment
):
    client.force_login(charlie)

    response = client.post(
        section_url(assessment, "ownership"), {"new-owners-name": "Mallory", "go": "next"}
    )

    assert response.status_code == 404
    assert not Owner.objects.exists()
