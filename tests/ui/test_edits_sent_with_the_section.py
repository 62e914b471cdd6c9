"""What is typed into a record's open Edit form goes with the section's own buttons.

The Edit form's fields belong to the section's form, as the add forms' do, so "Save and
continue", Back, the steps and Results save a changed record, or stay and say why they
cannot; its own Save posts the section to the record alone, which reads only its fields.
"""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Answer, Owner
from tests.section_form import section_form


def section_url(assessment, section="ownership"):
    return reverse("assessment_section", args=[assessment.id, section])


def edit_url(assessment, owner):
    return reverse("record_update", args=[assessment.id, "owners", owner.id])


@pytest.fixture
def owner(assessment):
    return services.owner_add(
        pilot=assessment.pilot, name="Priya Shah", email="priya@northwind.test", hours_per_week=4
    )


def with_edit_open(client, assessment, owner, htmx):
    """The section's form as a browser sends it once the person's Edit form is open."""
    page = client.get(section_url(assessment)).content.decode()
    opened = client.get(edit_url(assessment, owner), **htmx).content.decode()
    return {**section_form(page), **section_form(opened)}


def answers(assessment):
    return {a.question_id: a.value for a in Answer.objects.filter(assessment=assessment)}


def summary_of(page):
    start = page.index('id="error-summary"')
    return page[start : page.index("</div>", start)]


def test_the_edit_forms_fields_belong_to_the_sections_form(alice_client, assessment, owner, htmx):
    opened = alice_client.get(edit_url(assessment, owner), **htmx).content.decode()

    sent = section_form(opened)
    assert sent[f"edit-owners-{owner.id}-name"] == "Priya Shah"
    assert sent[f"edit-owners-{owner.id}-hours_per_week"] == "4"
    assert f'name="go" value="save-owners-{owner.id}"' in opened
    assert f'hx-post="{edit_url(assessment, owner)}"' in opened


def test_a_change_typed_into_an_edit_form_is_saved_by_save_and_continue(
    alice_client, assessment, owner, htmx
):
    sent = with_edit_open(alice_client, assessment, owner, htmx)
    sent.update(
        {f"edit-owners-{owner.id}-name": "Priya Patel", "q-own_authority": "yes", "go": "next"}
    )

    response = alice_client.post(section_url(assessment), sent, follow=True)

    assert response.redirect_chain[-1][0] == section_url(assessment, "outcome")
    owner.refresh_from_db()
    assert (owner.name, owner.email, owner.hours_per_week) == (
        "Priya Patel",
        "priya@northwind.test",
        4,
    )
    assert answers(assessment)["own_authority"] is True
    assert "Saved “Priya Patel”." in response.content.decode()


@pytest.mark.parametrize("go", ["next", "prev", "results", "stay", "outcome"])
def test_an_untouched_edit_form_changes_nothing_and_lets_the_founder_move_on(
    alice_client, assessment, owner, htmx, go
):
    sent = with_edit_open(alice_client, assessment, owner, htmx)

    response = alice_client.post(section_url(assessment), {**sent, "go": go}, follow=True)

    assert response.status_code == 200
    assert "Saved “" not in response.content.decode()
    owner.refresh_from_db()
    assert owner.name == "Priya Shah"


def test_an_edit_that_cannot_be_saved_keeps_the_founder_on_the_section_and_says_so(
    alice_client, assessment, owner, htmx
):
    sent = with_edit_open(alice_client, assessment, owner, htmx)
    sent.update(
        {
            f"edit-owners-{owner.id}-name": "",
            f"edit-owners-{owner.id}-email": "priya.patel@northwind.test",
            "q-own_authority": "yes",
            "go": "results",
        }
    )

    response = alice_client.post(section_url(assessment), sent)

    assert response.status_code == 422
    page = response.content.decode()
    summary = summary_of(page)
    assert (
        "Your answers in this section were saved, but your changes to “Priya Shah” were not "
        "saved: correct the fields marked below, or press Cancel to keep it as it was."
    ) in summary
    assert (
        f'<a href="#id_edit-owners-{owner.id}-name">Edit “Priya Shah”: Name</a>: '
        "This field is required." in summary
    )
    # The Edit form is still open, with what was typed, to complete.
    assert 'class="record-item editing"' in page
    assert 'value="priya.patel@northwind.test"' in page
    owner.refresh_from_db()
    assert (owner.name, owner.email) == ("Priya Shah", "priya@northwind.test")
    assert answers(assessment)["own_authority"] is True


def test_a_refused_answer_saves_nothing_and_keeps_the_edit_open_as_typed(
    alice_client, assessment, owner, htmx
):
    sent = with_edit_open(alice_client, assessment, owner, htmx)
    sent.update(
        {
            f"edit-owners-{owner.id}-name": "Priya Patel",
            "new-owners-name": "Tom Reed",
            "q-own_named_when": "someday",
            "q-own_authority": "yes",
            "go": "next",
        }
    )

    response = alice_client.post(section_url(assessment), sent)

    assert response.status_code == 422
    page = response.content.decode()
    assert (
        "Nothing in this section was saved, and the person typed under “Add a person” is not "
        "added yet and your changes to “Priya Shah” are not saved yet" in summary_of(page)
    )
    assert 'value="Priya Patel"' in page and 'value="Tom Reed"' in page
    owner.refresh_from_db()
    assert owner.name == "Priya Shah"
    assert Owner.objects.count() == 1
    assert answers(assessment) == {}


def test_one_edit_refused_leaves_the_others_saved_whole(alice_client, assessment, owner, htmx):
    other = services.owner_add(pilot=assessment.pilot, name="Tom Reed")
    sent = with_edit_open(alice_client, assessment, owner, htmx)
    sent.update(
        section_form(alice_client.get(edit_url(assessment, other), **htmx).content.decode())
    )
    sent.update(
        {
            f"edit-owners-{owner.id}-name": "Priya Patel",
            f"edit-owners-{other.id}-name": "Tom Reed",
            f"edit-owners-{other.id}-hours_per_week": "500",
            "go": "next",
        }
    )

    response = alice_client.post(section_url(assessment), sent)

    assert response.status_code == 422
    page = response.content.decode()
    assert "your changes to “Tom Reed” were not saved" in summary_of(page)
    assert f'href="#id_edit-owners-{other.id}-hours_per_week">Edit “Tom Reed”: Hours' in page
    owner.refresh_from_db()
    other.refresh_from_db()
    assert owner.name == "Priya Patel"
    assert other.hours_per_week is None
    # The saved one is a row again; the refused one stays open.
    assert f'name="edit-owners-{owner.id}-name"' not in page
    assert f'name="edit-owners-{other.id}-name"' in page


def test_save_without_javascript_saves_the_section_and_returns_to_the_row(
    alice_client, assessment, owner, htmx
):
    sent = with_edit_open(alice_client, assessment, owner, htmx)
    sent.update({f"edit-owners-{owner.id}-role": "Ops lead", "go": f"save-owners-{owner.id}"})

    response = alice_client.post(section_url(assessment), sent)

    assert response.status_code == 302
    assert response.url == section_url(assessment) + f"#owners-{owner.id}"
    owner.refresh_from_db()
    assert owner.role == "Ops lead"


def test_save_with_htmx_reads_only_its_own_fields(alice_client, assessment, owner, htmx):
    sent = with_edit_open(alice_client, assessment, owner, htmx)
    sent.update(
        {
            f"edit-owners-{owner.id}-role": "Ops lead",
            "new-owners-name": "Tom Reed",
            "q-own_authority": "yes",
            "go": f"save-owners-{owner.id}",
        }
    )

    response = alice_client.post(edit_url(assessment, owner), sent, **htmx)

    assert response.status_code == 200
    assert f'id="owners-{owner.id}"' in response.content.decode()
    owner.refresh_from_db()
    assert owner.role == "Ops lead"
    assert Owner.objects.count() == 1
    assert answers(assessment) == {}


def test_adding_a_person_keeps_an_open_edit_form_as_typed(alice_client, assessment, owner, htmx):
    sent = with_edit_open(alice_client, assessment, owner, htmx)
    sent.update({f"edit-owners-{owner.id}-name": "Priya Patel", "new-owners-name": "Tom Reed"})

    response = alice_client.post(
        reverse("record_create", args=[assessment.id, "owners"]), sent, **htmx
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert f'name="edit-owners-{owner.id}-name"' in page and 'value="Priya Patel"' in page
    assert "data-unsaved" in page
    assert Owner.objects.filter(name="Tom Reed").exists()
    owner.refresh_from_db()
    assert owner.name == "Priya Shah"


def test_removing_a_person_keeps_an_open_edit_form_of_another(
    alice_client, assessment, owner, htmx
):
    other = services.owner_add(pilot=assessment.pilot, name="Tom Reed")

    response = alice_client.post(
        reverse("record_delete", args=[assessment.id, "owners", other.id]),
        {f"edit-owners-{owner.id}-name": "Priya Patel"},
        **htmx,
    )

    page = response.content.decode()
    assert f'name="edit-owners-{owner.id}-name"' in page and 'value="Priya Patel"' in page
    assert not Owner.objects.filter(pk=other.pk).exists()


def test_the_edit_page_without_javascript_is_a_form_of_its_own(alice_client, assessment, owner):
    page = alice_client.get(edit_url(assessment, owner)).content.decode()

    assert f'<form method="post" action="{edit_url(assessment, owner)}"' in page
    assert 'form="section-form"' not in page
    response = alice_client.post(
        edit_url(assessment, owner),
        {f"edit-owners-{owner.id}-name": "Priya Shah", f"edit-owners-{owner.id}-role": "Ops lead"},
    )
    assert response.status_code == 302
    assert response.url == section_url(assessment) + "#owners"
    owner.refresh_from_db()
    assert owner.role == "Ops lead"


def test_another_pilots_person_sent_as_an_edit_is_left_alone(
    alice_client, assessment, owner, workspace
):
    elsewhere = services.pilot_create(
        client=services.client_create(workspace=workspace, name="Other Co"), name="Other pilot"
    )
    theirs = services.owner_add(pilot=elsewhere, name="Sam Other")
    sent = section_form(alice_client.get(section_url(assessment)).content.decode())
    sent.update({f"edit-owners-{theirs.id}-name": "Hijacked", "go": "next"})

    response = alice_client.post(section_url(assessment), sent)

    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.name == "Sam Other"


def test_an_outsider_sending_an_edit_gets_404_and_nothing_changes(
    client, charlie, assessment, owner
):
    client.force_login(charlie)

    response = client.post(
        section_url(assessment), {f"edit-owners-{owner.id}-name": "Mallory", "go": "next"}
    )

    assert response.status_code == 404
    owner.refresh_from_db()
    assert owner.name == "Priya Shah"
