"""Choosing where an imported file goes: the client it names, My company, or a client
the member sees. A choice that is not one of those is refused and nothing is written."""

import json
from html import unescape

import pytest
from django.urls import reverse

from accounts.models import Workspace
from assessments import services
from assessments.models import Assessment, Client, Pilot
from tests.isolation import db_fingerprint
from tests.ui.test_export_import import EXAMPLE, upload

# The example file names this client.
FILE_CLIENT = "Harbour Plumbing Ltd"


def _file(**changes) -> str:
    return json.dumps(json.loads(EXAMPLE.read_text()) | changes)


def _import(browser, workspace, into=None, **changes):
    data = {"file": upload(_file(**changes))}
    if into is not None:
        data["into"] = into
    return browser.post(reverse("assessment_import", args=[workspace.id]), data, follow=True)


def _imported() -> Pilot:
    return Assessment.objects.get().pilot


@pytest.fixture
def northwind(workspace) -> Client:
    return services.client_create(workspace=workspace, name="Northwind Plumbing")


@pytest.fixture
def lena_client(client, lena):
    client.force_login(lena)
    return client


def test_the_page_offers_the_files_client_my_company_and_each_client(
    alice_client, workspace, northwind
):
    page = alice_client.get(reverse("assessment_import", args=[workspace.id]))

    html = unescape(page.content.decode())
    assert "Import into" in html
    assert '<option value="file" selected>The client named in the file</option>' in html
    assert '<option value="own">My company (new, named Acme Ltd)</option>' in html
    assert f'<option value="{northwind.pk}">Northwind Plumbing</option>' in html


def test_by_default_the_file_goes_to_its_client_found_whatever_case_and_accents(
    alice_client, workspace
):
    harbour = services.client_create(workspace=workspace, name="Harbour Plumbing Ltd")

    response = _import(alice_client, workspace, client="  hárbour  PLUMBING ltd ")

    assert _imported().client == harbour
    assert Client.objects.count() == 1
    assert "Imported Inbound lead reply into Harbour Plumbing Ltd." in unescape(
        response.content.decode()
    )


def test_a_client_the_workspace_lacks_is_made_and_the_message_says_so(alice_client, workspace):
    response = _import(alice_client, workspace, into="file")

    client = _imported().client
    assert (client.name, client.workspace, client.is_own_company) == (
        FILE_CLIENT,
        workspace,
        False,
    )
    assert f"Imported Inbound lead reply into a new client, {FILE_CLIENT}." in unescape(
        response.content.decode()
    )


def test_a_chosen_client_takes_the_file_whatever_client_it_names(
    alice_client, workspace, northwind
):
    _import(alice_client, workspace, into=str(northwind.pk))

    assert _imported().client == northwind
    assert not Client.objects.filter(name=FILE_CLIENT).exists()


def test_my_company_is_made_when_the_workspace_has_none(alice_client, workspace):
    response = _import(alice_client, workspace, into="own")

    client = _imported().client
    assert (client.name, client.is_own_company, client.currency) == ("Acme Ltd", True, "GBP")
    assert not Client.objects.filter(name=FILE_CLIENT).exists()
    page = unescape(response.content.decode())
    assert "Imported Inbound lead reply into My company (Acme Ltd), created for it." in page
    assert "a new client" not in page


def test_my_company_is_used_when_the_workspace_has_one(alice_client, workspace):
    own = services.client_own_company(workspace=workspace)
    page = alice_client.get(reverse("assessment_import", args=[workspace.id]))

    response = _import(alice_client, workspace, into="own")

    assert '<option value="own">My company (Acme Ltd)</option>' in page.content.decode()
    assert _imported().client == own
    assert Client.objects.count() == 1
    assert "Imported Inbound lead reply into My company (Acme Ltd)." in unescape(
        response.content.decode()
    )


def test_a_file_that_names_no_client_goes_to_my_company(alice_client, workspace):
    response = _import(alice_client, workspace, client="   ")

    client = _imported().client
    assert client.is_own_company
    assert client.name == "Acme Ltd"
    assert not Client.objects.filter(name="Imported").exists()
    assert "Imported Inbound lead reply into My company (Acme Ltd), created for it." in unescape(
        response.content.decode()
    )


@pytest.mark.parametrize("into", ["banana", "999999", "-1", "own ", "elsewhere"])
def test_a_choice_that_is_not_offered_is_refused_and_nothing_changes(
    alice_client, workspace, northwind, charlie, into
):
    if into == "elsewhere":
        theirs = Workspace.objects.get(memberships__user=charlie)
        into = str(services.client_create(workspace=theirs, name="Theirs").pk)
    before = db_fingerprint()

    response = _import(alice_client, workspace, into=into)

    assert response.status_code == 422
    assert "Choose where to import the file" in unescape(response.content.decode())
    assert db_fingerprint() == before


def test_a_limited_member_is_offered_only_the_clients_they_see(
    lena_client, workspace, harbour, northwind
):
    page = lena_client.get(reverse("assessment_import", args=[workspace.id]))

    html = unescape(page.content.decode())
    assert f'<option value="{harbour.pk}">Harbour Bakery</option>' in html
    assert "Northwind" not in html
    assert 'value="own"' not in html, "they cannot make My company"


def test_a_limited_member_imports_into_their_client_by_choosing_it(lena_client, workspace, harbour):
    _import(lena_client, workspace, into=str(harbour.pk))

    assert _imported().client == harbour


@pytest.mark.parametrize("into", ["northwind", "own"])
def test_a_limited_member_cannot_import_into_a_client_they_cannot_see(
    lena_client, workspace, harbour, northwind, into
):
    services.client_own_company(workspace=workspace)
    before = db_fingerprint()

    response = _import(
        lena_client, workspace, into=str(northwind.pk) if into == "northwind" else into
    )

    assert response.status_code == 422
    assert "Choose where to import the file" in unescape(response.content.decode())
    assert db_fingerprint() == before


def test_a_limited_members_file_naming_no_client_is_refused_and_nothing_changes(
    lena_client, workspace, harbour
):
    before = db_fingerprint()

    response = _import(lena_client, workspace, client="")

    assert response.status_code == 422
    assert "Your own company is not one of the clients you can import into" in unescape(
        response.content.decode()
    )
    assert db_fingerprint() == before


def test_a_chosen_client_in_another_currency_refuses_the_file(alice_client, workspace, northwind):
    services.client_update(client=northwind, data={"currency": "EUR"})
    before = db_fingerprint()

    response = _import(alice_client, workspace, into=str(northwind.pk))

    assert response.status_code == 422
    assert "Northwind Plumbing already has its amounts in EUR" in unescape(
        response.content.decode()
    )
    assert db_fingerprint() == before
