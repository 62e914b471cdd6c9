"""The way in: the dashboard, clients, "my company", pilots and starting an assessment."""

from html import unescape

from django.urls import reverse

from assessments import services
from assessments.models import Assessment, Client, Pilot
from tests.isolation import db_fingerprint


def test_an_empty_workspace_offers_my_company_and_a_client(alice_client, workspace):
    page = alice_client.get(reverse("workspace_detail", args=[workspace.id])).content.decode()

    assert "Assess your first pilot" in page
    assert "My company" in page


def test_my_company_is_one_click_and_named_after_the_workspace(alice_client, workspace):
    response = alice_client.post(reverse("client_own_company", args=[workspace.id]))

    client = Client.objects.get()
    assert (client.name, client.is_own_company) == ("Acme Ltd", True)
    assert response.url == reverse("pilot_create", args=[client.id])


def test_my_company_takes_the_workspace_currency(alice_client, workspace):
    workspace.default_currency = "GBP"
    workspace.save(update_fields=["default_currency"])

    alice_client.post(reverse("client_own_company", args=[workspace.id]))

    assert Client.objects.get().currency == "GBP"


def test_my_company_has_no_currency_while_the_workspace_sets_none(alice_client, workspace):
    alice_client.post(reverse("client_own_company", args=[workspace.id]))

    assert Client.objects.get().currency == ""


def test_my_company_twice_reuses_the_same_client(alice_client, workspace):
    alice_client.post(reverse("client_own_company", args=[workspace.id]))
    alice_client.post(reverse("client_own_company", args=[workspace.id]))

    assert Client.objects.count() == 1


def test_creating_a_client(alice_client, workspace):
    response = alice_client.post(
        reverse("client_create", args=[workspace.id]), {"name": "Northwind", "industry": "Trades"}
    )

    client = Client.objects.get()
    assert client.workspace == workspace
    assert response.url == reverse("pilot_create", args=[client.id])


def test_the_new_client_form_starts_in_the_workspace_currency(alice_client, workspace):
    workspace.default_currency = "EUR"
    workspace.save(update_fields=["default_currency"])

    page = alice_client.get(reverse("client_create", args=[workspace.id])).content.decode()

    assert '<label for="id_currency">Currency</label>' in page
    assert '<option value="EUR" selected>Euro (EUR)</option>' in page


def test_the_new_client_form_offers_not_set_while_the_workspace_sets_none(alice_client, workspace):
    page = alice_client.get(reverse("client_create", args=[workspace.id])).content.decode()

    assert '<option value="" selected>Not set: amounts show as plain numbers</option>' in page


def test_creating_a_client_in_a_currency(alice_client, workspace):
    alice_client.post(
        reverse("client_create", args=[workspace.id]), {"name": "Northwind", "currency": "AUD"}
    )

    assert Client.objects.get().currency == "AUD"


def test_a_client_in_an_unknown_currency_is_refused(alice_client, workspace):
    response = alice_client.post(
        reverse("client_create", args=[workspace.id]), {"name": "Northwind", "currency": "XYZ"}
    )

    assert response.status_code == 422
    assert "Choose a currency from the list, or leave it not set." in response.content.decode()
    assert not Client.objects.exists()


def test_a_duplicate_client_name_is_refused(alice_client, workspace, client_company):
    response = alice_client.post(
        reverse("client_create", args=[workspace.id]), {"name": "northwind plumbing"}
    )

    assert response.status_code == 422
    assert "already a client with this name" in response.content.decode()
    assert Client.objects.count() == 1


def test_creating_a_pilot_starts_its_assessment(alice_client, client_company):
    response = alice_client.post(
        reverse("pilot_create", args=[client_company.id]),
        {"name": "Lead replies", "workflow": "Qualify leads and draft a reply", "stage": "pilot"},
    )

    assessment = Assessment.objects.get()
    assert assessment.pilot.name == "Lead replies"
    assert response.url == reverse("assessment_section", args=[assessment.id, "basics"])


def test_a_pilot_without_a_name_is_refused(alice_client, client_company):
    response = alice_client.post(reverse("pilot_create", args=[client_company.id]), {"name": ""})

    assert response.status_code == 422
    assert not Pilot.objects.exists()


def test_a_pilot_name_the_client_already_uses_is_refused_beside_the_name(
    alice_client, client_company, pilot
):
    before = db_fingerprint()

    response = alice_client.post(
        reverse("pilot_create", args=[client_company.id]),
        {"name": "quote  FOLLOW-UPS", "workflow": "Chase quotes", "stage": "pilot"},
    )

    assert response.status_code == 422
    assert (
        '<p class="error" id="id_name_error">Northwind Plumbing already has a pilot called '
        "“Quote follow-ups”. Give this one a name that tells them apart.</p>"
    ) in response.content.decode()
    assert db_fingerprint() == before


def test_the_dashboard_lists_pilots_with_decision_and_progress(alice_client, workspace, assessment):
    services.answer_save(assessment=assessment, question_id="own_authority", value=True, user=None)

    page = alice_client.get(reverse("workspace_detail", args=[workspace.id])).content.decode()

    assessment.refresh_from_db()
    assert "Quote follow-ups" in page
    assert f"{assessment.progress_percent}% answered" in page
    assert 'class="decision decision-' in page
    assert reverse("assessment_resume", args=[assessment.id]) in page


def test_the_dashboard_pages_its_clients(alice_client, workspace):
    for number in range(12):
        services.client_create(workspace=workspace, name=f"Client {number:02d}")

    first = alice_client.get(reverse("workspace_detail", args=[workspace.id])).content.decode()
    second = alice_client.get(
        reverse("workspace_detail", args=[workspace.id]) + "?page=2"
    ).content.decode()

    assert "Client 00" in first and "Client 11" not in first
    assert "Client 11" in second and "Page 2 of 2" in second


def test_deleting_a_client_asks_first(alice_client, client_company, pilot):
    url = reverse("client_delete", args=[client_company.id])

    assert "Delete Northwind Plumbing?" in alice_client.get(url).content.decode()
    assert Client.objects.exists()

    alice_client.post(url)
    assert not Client.objects.exists() and not Pilot.objects.exists()


def test_deleting_a_pilot_asks_first(alice_client, pilot):
    url = reverse("pilot_delete", args=[pilot.id])

    assert "This cannot be undone." in alice_client.get(url).content.decode()
    alice_client.post(url)
    assert not Pilot.objects.exists()


def test_the_confirmation_counts_what_goes_with_a_client(alice_client, client_company, alice):
    for name in ("Quotes", "Invoices"):
        services.assessment_start(
            pilot=services.pilot_create(client=client_company, name=name), user=alice
        )

    page = alice_client.get(reverse("client_delete", args=[client_company.id])).content

    assert (
        "2 pilots and 2 assessments are deleted with it. "
        "Their people, metrics, systems and action plans go with them. This cannot be undone."
    ) in page.decode()


def test_the_client_confirmation_says_which_of_its_pilots_are_archived(
    alice_client, client_company, alice
):
    for name in ("Quotes", "Invoices"):
        services.assessment_start(
            pilot=services.pilot_create(client=client_company, name=name), user=alice
        )
    services.pilot_archive(pilot=client_company.pilots.get(name="Invoices"))

    page = alice_client.get(reverse("client_delete", args=[client_company.id])).content

    assert (
        "2 pilots, 1 of them archived, and 2 assessments are deleted with it. "
        "Their people, metrics, systems and action plans go with them."
    ) in page.decode()


def test_a_client_with_one_archived_pilot_names_it_so(alice_client, client_company):
    services.pilot_archive(pilot=services.pilot_create(client=client_company, name="Quotes"))

    page = alice_client.get(reverse("client_delete", args=[client_company.id])).content

    assert (
        "1 archived pilot is deleted with it. "
        "The pilot's people, metrics, systems and action plans go with it. "
        "This cannot be undone."
    ) in unescape(page.decode())


def test_a_client_without_pilots_says_nothing_goes_with_it(alice_client, client_company):
    page = alice_client.get(reverse("client_delete", args=[client_company.id])).content

    assert "Nothing else is deleted with it. This cannot be undone." in page.decode()
    assert "metrics" not in page.decode()


def test_the_confirmation_counts_what_goes_with_a_pilot(alice_client, assessment):
    page = alice_client.get(reverse("pilot_delete", args=[assessment.pilot_id])).content

    assert "1 assessment is deleted with it." in page.decode()


def test_a_member_can_neither_see_nor_use_delete(client, bob, workspace, client_company, pilot):
    client.force_login(bob)

    dashboard = client.get(reverse("workspace_detail", args=[workspace.id])).content.decode()
    pilot_page = client.get(reverse("pilot_detail", args=[pilot.id])).content.decode()

    assert "Delete" not in dashboard and "Delete this pilot" not in pilot_page
    assert "New pilot" in dashboard, "a member still adds pilots"
    for url in (
        reverse("client_delete", args=[client_company.id]),
        reverse("pilot_delete", args=[pilot.id]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert Client.objects.exists() and Pilot.objects.exists()


def test_the_pilot_page_lists_assessments_and_reassesses_once_the_last_is_final(
    alice_client, assessment, make_final
):
    pilot = assessment.pilot
    make_final(assessment)
    page = alice_client.get(reverse("pilot_detail", args=[pilot.id])).content.decode()
    response = alice_client.post(reverse("assessment_start", args=[pilot.id]))

    assert "Reassess" in page
    assert pilot.assessments.count() == 2
    assert response.url.endswith("/basics/")


def test_an_open_draft_is_continued_rather_than_a_second_one_started(alice_client, assessment):
    pilot = assessment.pilot
    page = alice_client.get(reverse("pilot_detail", args=[pilot.id])).content.decode()
    response = alice_client.post(reverse("assessment_start", args=[pilot.id]), follow=True)

    assert "Continue the assessment" in page
    assert reverse("assessment_start", args=[pilot.id]) not in page
    assert pilot.assessments.count() == 1
    assert response.redirect_chain[0][0] == reverse("assessment_resume", args=[assessment.id])
    assert "already has an assessment in progress" in response.content.decode()


def test_a_viewer_cannot_create_or_delete(client, victor, workspace, client_company, pilot):
    client.force_login(victor)

    attempts = [
        client.post(reverse("client_create", args=[workspace.id]), {"name": "X"}),
        client.post(reverse("client_own_company", args=[workspace.id])),
        client.post(reverse("pilot_create", args=[client_company.id]), {"name": "X"}),
        client.post(reverse("pilot_delete", args=[pilot.id])),
        client.post(reverse("client_delete", args=[client_company.id])),
        client.post(reverse("client_update", args=[client_company.id]), {"name": "X"}),
    ]

    assert [r.status_code for r in attempts] == [403] * 6
    assert Client.objects.count() == 1 and Pilot.objects.count() == 1


def test_a_client_name_with_a_line_break_is_saved_on_one_line(alice_client, workspace):
    response = alice_client.post(
        reverse("client_create", args=[workspace.id]),
        {"name": "North\r\nwind\tPlumbing", "industry": "Trades\n"},
    )

    assert response.status_code == 302
    client = Client.objects.get()
    assert (client.name, client.industry) == ("North wind Plumbing", "Trades")
