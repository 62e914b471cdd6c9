"""Editing a client: its name, industry, size and the currency its amounts are in."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Client
from tests.isolation import db_fingerprint


def _edit(client_company, **changes):
    data = {"name": client_company.name, "industry": client_company.industry}
    data.update(changes)
    return data


def test_the_edit_page_shows_the_client_as_it_is(alice_client, client_company):
    services.client_update(client=client_company, data={"currency": "GBP"})

    page = alice_client.get(reverse("client_update", args=[client_company.id])).content.decode()

    assert "Edit Northwind Plumbing" in page
    assert 'value="Northwind Plumbing"' in page
    assert '<option value="GBP" selected>Pound sterling (GBP)</option>' in page


def test_changing_the_currency_saves_it_and_goes_back_to_the_client(
    alice_client, workspace, client_company
):
    response = alice_client.post(
        reverse("client_update", args=[client_company.id]),
        _edit(client_company, currency="EUR"),
    )

    assert response.status_code == 302
    assert response.url == reverse("workspace_detail", args=[workspace.id]) + (
        f"#client-{client_company.id}"
    )
    client_company.refresh_from_db()
    assert (client_company.name, client_company.currency) == ("Northwind Plumbing", "EUR")


def test_the_new_currency_shows_on_the_results_page(alice_client, client_company, assessment):
    services.value_case_save(pilot=assessment.pilot, data={"build_cost": 12000})

    alice_client.post(
        reverse("client_update", args=[client_company.id]),
        _edit(client_company, currency="EUR"),
    )

    page = alice_client.get(reverse("assessment_results", args=[assessment.id])).content.decode()
    assert "€12,000" in page


def test_an_unknown_currency_is_refused_with_a_message_and_nothing_changes(
    alice_client, client_company
):
    services.client_update(client=client_company, data={"currency": "GBP"})

    response = alice_client.post(
        reverse("client_update", args=[client_company.id]),
        _edit(client_company, name="Renamed", currency="POUNDS"),
    )

    assert response.status_code == 422
    assert "Choose a currency from the list, or leave it not set." in response.content.decode()
    client_company.refresh_from_db()
    assert (client_company.name, client_company.currency) == ("Northwind Plumbing", "GBP")


def test_another_clients_name_is_refused(alice_client, workspace, client_company):
    services.client_create(workspace=workspace, name="Fenwick Dental")

    response = alice_client.post(
        reverse("client_update", args=[client_company.id]),
        _edit(client_company, name="fenwick dental", currency="GBP"),
    )

    assert response.status_code == 422
    assert "already a client with this name" in response.content.decode()
    client_company.refresh_from_db()
    assert (client_company.name, client_company.currency) == ("Northwind Plumbing", "")


def test_the_dashboard_links_to_each_clients_edit_page_and_names_its_currency(
    alice_client, workspace, client_company
):
    services.client_update(client=client_company, data={"currency": "CHF"})

    page = alice_client.get(reverse("workspace_detail", args=[workspace.id])).content.decode()

    assert reverse("client_update", args=[client_company.id]) in page
    assert "Amounts in CHF" in page


def test_a_viewer_may_read_the_page_but_not_change_the_client(client, victor, client_company):
    client.force_login(victor)
    url = reverse("client_update", args=[client_company.id])

    response = client.post(url, _edit(client_company, currency="EUR"))

    assert client.get(url).status_code == 200
    assert response.status_code == 403
    client_company.refresh_from_db()
    assert client_company.currency == ""


def test_outsider_gets_404_and_nothing_changes(client, charlie, client_company):
    client.force_login(charlie)
    url = reverse("client_update", args=[client_company.id])
    before = db_fingerprint()

    statuses = [
        client.get(url).status_code,
        client.post(url, _edit(client_company, currency="EUR")).status_code,
    ]

    assert statuses == [404, 404]
    assert db_fingerprint() == before
    assert Client.objects.get().currency == ""


def test_a_next_page_on_this_site_is_where_saving_and_cancelling_lead(
    alice_client, client_company, assessment
):
    back = reverse("assessment_section", args=[assessment.id, "value"])
    url = reverse("client_update", args=[client_company.id])

    page = alice_client.get(url, {"next": back}).content.decode()
    response = alice_client.post(url, _edit(client_company, currency="EUR", next=back))

    assert f'<input type="hidden" name="next" value="{back}">' in page
    assert f'<a href="{back}">Cancel</a>' in page
    assert response.status_code == 302
    assert response.url == back
    client_company.refresh_from_db()
    assert client_company.currency == "EUR"


def test_a_refused_save_keeps_the_next_page_for_the_second_try(
    alice_client, client_company, assessment
):
    back = reverse("assessment_section", args=[assessment.id, "value"])

    response = alice_client.post(
        reverse("client_update", args=[client_company.id]),
        _edit(client_company, currency="POUNDS", next=back),
    )

    assert response.status_code == 422
    assert f'<input type="hidden" name="next" value="{back}">' in response.content.decode()
    client_company.refresh_from_db()
    assert client_company.currency == ""


@pytest.mark.parametrize(
    "unsafe",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example/phish",
        "javascript:alert(1)",
        "ftp://evil.example/",
        "assessments/1/",
    ],
)
def test_a_next_page_elsewhere_is_ignored(alice_client, workspace, client_company, unsafe):
    url = reverse("client_update", args=[client_company.id])
    dashboard = reverse("workspace_detail", args=[workspace.id]) + f"#client-{client_company.id}"

    page = alice_client.get(url, {"next": unsafe}).content.decode()
    response = alice_client.post(url, _edit(client_company, currency="EUR", next=unsafe))

    assert 'name="next"' not in page
    assert "evil.example" not in page
    assert f'<a href="{dashboard}">Cancel</a>' in page
    assert response.status_code == 302
    assert response.url == dashboard
    client_company.refresh_from_db()
    assert client_company.currency == "EUR"
