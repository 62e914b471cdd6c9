"""Owners, metrics and integrations added, edited and removed in place."""

import re
from datetime import date

from django.urls import reverse

from assessments import services
from assessments.models import Integration, Owner, SuccessMetric


def create_url(assessment, kind):
    return reverse("record_create", args=[assessment.id, kind])


def test_adding_an_owner_with_htmx_returns_the_list_and_the_new_scorecard(
    alice_client, assessment, htmx
):
    response = alice_client.post(
        create_url(assessment, "owners"),
        {
            "new-owners-name": "Priya Shah",
            "new-owners-email": "priya@northwind.test",
            "new-owners-hours_per_week": "4",
            "new-owners-accountable": "on",
        },
        **htmx,
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="owners"' in page and "Priya Shah" in page
    assert 'id="scorecard"' in page and 'hx-swap-oob="true"' in page
    # The steps recount in place, inside a fold left open or closed as it was.
    assert '<ol id="stepper-list" hx-swap-oob="true">' in page
    assert 'class="stepper-fold"' not in page
    owner = Owner.objects.get()
    assert (owner.pilot, owner.accountable, owner.hours_per_week) == (assessment.pilot, True, 4)


def test_adding_without_javascript_redirects_back_to_the_section(alice_client, assessment):
    response = alice_client.post(
        create_url(assessment, "integrations"),
        {
            "new-integrations-system": "HubSpot",
            "new-integrations-access": "read_write",
            "new-integrations-status": "sandbox",
        },
    )

    assert response.status_code == 302
    assert response.url.endswith(
        reverse("assessment_section", args=[assessment.id, "integration"]) + "#integrations"
    )
    assert Integration.objects.get().status == "sandbox"


def test_a_bad_record_is_422_with_the_error_beside_the_field(alice_client, assessment, htmx):
    response = alice_client.post(
        create_url(assessment, "owners"),
        {"new-owners-name": "", "new-owners-hours_per_week": "500"},
        **htmx,
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "This field is required." in page
    assert "Enter at most 168." in page
    assert not Owner.objects.exists()


def test_a_bad_record_without_javascript_re_renders_the_page(alice_client, assessment):
    response = alice_client.post(
        create_url(assessment, "metrics"),
        {
            "new-metrics-name": "Quotes won",
            "new-metrics-kind": "outcome",
            "new-metrics-direction": "increase",
            "new-metrics-baseline": "many",
        },
    )

    assert response.status_code == 422
    assert "Enter a number." in response.content.decode()
    assert not SuccessMetric.objects.exists()


def test_editing_a_record_in_place(alice_client, assessment, htmx):
    owner = services.owner_add(pilot=assessment.pilot, name="Priya Shah")
    url = reverse("record_update", args=[assessment.id, "owners", owner.id])

    form = alice_client.get(url, **htmx)
    saved = alice_client.post(
        url,
        {f"edit-owners-{owner.id}-name": "Priya Shah", f"edit-owners-{owner.id}-role": "Ops lead"},
        **htmx,
    )

    assert f'name="edit-owners-{owner.id}-role"' in form.content.decode()
    assert saved.status_code == 200
    assert f'id="owners-{owner.id}"' in saved.content.decode()
    owner.refresh_from_db()
    assert owner.role == "Ops lead"


def test_editing_without_javascript_has_its_own_page(alice_client, assessment):
    metric = services.metric_add(pilot=assessment.pilot, name="Quotes won")
    url = reverse("record_update", args=[assessment.id, "metrics", metric.id])

    page = alice_client.get(url)
    bad = alice_client.post(
        url,
        {
            f"edit-metrics-{metric.id}-name": "",
            f"edit-metrics-{metric.id}-kind": "outcome",
            f"edit-metrics-{metric.id}-direction": "increase",
        },
    )

    assert page.status_code == 200 and "Edit metric" in page.content.decode()
    assert bad.status_code == 422
    metric.refresh_from_db()
    assert metric.name == "Quotes won"


def test_a_metrics_deadline_is_shown_again_when_it_is_edited(alice_client, assessment):
    # A date field only takes YYYY-MM-DD: in the local format it would show empty, and
    # saving the form would then clear the deadline.
    metric = services.metric_add(
        pilot=assessment.pilot, name="Quotes won", deadline=date(2027, 3, 31)
    )
    url = reverse("record_update", args=[assessment.id, "metrics", metric.id])

    page = alice_client.get(url).content.decode()

    assert 'value="2027-03-31"' in page


def test_removing_asks_first_without_javascript_then_removes(alice_client, assessment):
    owner = services.owner_add(pilot=assessment.pilot, name="Priya Shah")
    url = reverse("record_delete", args=[assessment.id, "owners", owner.id])

    confirm = alice_client.get(url)
    assert "Remove “Priya Shah”?" in confirm.content.decode()
    assert Owner.objects.exists()

    response = alice_client.post(url)
    assert response.status_code == 302
    assert not Owner.objects.exists()


def test_removing_with_htmx_returns_the_emptied_list(alice_client, assessment, htmx):
    integration = services.integration_add(pilot=assessment.pilot, system="Xero")

    response = alice_client.post(
        reverse("record_delete", args=[assessment.id, "integrations", integration.id]), **htmx
    )

    assert response.status_code == 200
    assert "No systems yet." in response.content.decode()
    assert not Integration.objects.exists()


def test_a_record_of_another_pilot_is_404(alice_client, assessment, client_company):
    other = services.pilot_create(client=client_company, name="Invoice chasing")
    owner = services.owner_add(pilot=other, name="Sam")

    response = alice_client.post(
        reverse("record_update", args=[assessment.id, "owners", owner.id]),
        {f"edit-owners-{owner.id}-name": "Hijacked"},
    )

    assert response.status_code == 404
    owner.refresh_from_db()
    assert owner.name == "Sam"


def test_an_unknown_record_kind_is_404(alice_client, assessment):
    assert alice_client.post(create_url(assessment, "pets"), {}).status_code == 404


def test_a_viewer_cannot_add_records(client, victor, assessment):
    client.force_login(victor)

    response = client.post(create_url(assessment, "owners"), {"new-owners-name": "Victor"})

    assert response.status_code == 403
    assert not Owner.objects.exists()


def test_after_an_htmx_add_focus_goes_to_the_new_rows_edit_button(alice_client, assessment, htmx):
    response = alice_client.post(
        create_url(assessment, "owners"), {"new-owners-name": "Priya Shah"}, **htmx
    )

    owner = Owner.objects.get()
    edit = reverse("record_update", args=[assessment.id, "owners", owner.id])
    assert f'<a class="button small" href="{edit}" autofocus' in response.content.decode()
    assert response.content.decode().count("autofocus") == 1


def test_a_refused_htmx_add_focuses_the_first_field_to_correct(alice_client, assessment, htmx):
    response = alice_client.post(
        create_url(assessment, "owners"),
        {"new-owners-name": "Priya", "new-owners-hours_per_week": "500"},
        **htmx,
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert page.count("autofocus") == 1
    focused = re.search(r"<input[^>]*autofocus[^>]*>", page).group(0)
    assert 'name="new-owners-hours_per_week"' in focused


def test_a_page_without_htmx_sets_no_focus(alice_client, assessment):
    page = alice_client.get(reverse("assessment_section", args=[assessment.id, "outcome"]))

    assert "autofocus" not in page.content.decode()


def test_a_person_is_called_a_person_on_every_page_about_them(alice_client, assessment):
    owner = services.owner_add(pilot=assessment.pilot, name="Priya Shah")
    url = reverse("record_update", args=[assessment.id, "owners", owner.id])

    edit = alice_client.get(url).content.decode()
    saved = alice_client.post(
        url,
        {
            f"edit-owners-{owner.id}-name": "Priya Patel",
            f"edit-owners-{owner.id}-hours_per_week": "4",
        },
        follow=True,
    ).content.decode()
    added = alice_client.post(
        reverse("record_create", args=[assessment.id, "owners"]),
        {"new-owners-name": "Tom Reed"},
        follow=True,
    ).content.decode()
    removed = alice_client.post(
        reverse("record_delete", args=[assessment.id, "owners", owner.id]), follow=True
    ).content.decode()

    assert "<h1>Edit person</h1>" in edit and "<title>Edit person" in edit
    assert "Saved “Priya Patel”." in saved
    assert "Added “Tom Reed”." in added
    assert "Removed “Priya Patel”." in removed


def test_a_metric_is_still_called_a_metric(alice_client, assessment):
    metric = services.metric_add(pilot=assessment.pilot, name="Quotes won")

    confirm = alice_client.get(
        reverse("record_delete", args=[assessment.id, "metrics", metric.id])
    ).content.decode()

    assert "Remove the metric “Quotes won”?" in confirm
