import pytest
from django.core.exceptions import ValidationError

from assessments.models import Client
from assessments.services import client_create, client_delete, client_update


def test_a_client_is_created_in_the_workspace(workspace):
    client = client_create(
        workspace=workspace, name="  Fenwick Dental ", industry="Healthcare", size_band="small"
    )

    client.refresh_from_db()
    assert client.workspace == workspace
    assert client.name == "Fenwick Dental"
    assert client.get_size_band_display() == "10 to 49 people"


def test_two_clients_in_one_workspace_cannot_share_a_name(workspace):
    client_create(workspace=workspace, name="Fenwick Dental")

    with pytest.raises(ValidationError, match="already exists"):
        client_create(workspace=workspace, name="Fenwick Dental")
    assert Client.objects.count() == 1


def test_different_workspaces_may_use_the_same_client_name(workspace, charlie):
    client_create(workspace=workspace, name="Fenwick Dental")
    client_create(workspace=charlie.workspaces.get(), name="Fenwick Dental")

    assert Client.objects.filter(name="Fenwick Dental").count() == 2


def test_a_workspace_has_at_most_one_own_company(workspace):
    client_create(workspace=workspace, name="Acme", is_own_company=True)

    with pytest.raises(ValidationError):
        client_create(workspace=workspace, name="Acme again", is_own_company=True)


def test_an_unknown_size_band_is_refused(workspace):
    with pytest.raises(ValidationError) as caught:
        client_create(workspace=workspace, name="Fenwick Dental", size_band="huge")
    assert "size_band" in caught.value.message_dict


def test_updating_a_client_saves_only_what_changed(workspace):
    client = client_create(workspace=workspace, name="Fenwick Dental")

    client_update(client=client, data={"industry": "Dentistry"})

    client.refresh_from_db()
    assert client.industry == "Dentistry"
    assert client.name == "Fenwick Dental"


def test_updating_a_field_that_is_not_editable_is_a_programming_error(workspace):
    client = client_create(workspace=workspace, name="Fenwick Dental")

    with pytest.raises(TypeError):
        client_update(client=client, data={"workspace_id": 99})


def test_deleting_a_client_removes_its_pilots_and_assessments(world):
    client_delete(client=world.objects["client"])

    assert not Client.objects.exists()
    assert not type(world.objects["assessment"]).objects.exists()


def test_a_client_keeps_the_currency_it_is_created_in(workspace):
    client = client_create(workspace=workspace, name="Fenwick Dental", currency="EUR")

    client.refresh_from_db()
    assert client.currency == "EUR"
    assert client.get_currency_display() == "Euro (EUR)"


def test_a_client_created_without_a_currency_has_none(workspace):
    client = client_create(workspace=workspace, name="Fenwick Dental")

    client.refresh_from_db()
    assert client.currency == ""


def test_an_unknown_currency_is_refused_with_a_message_and_no_client_is_made(workspace):
    with pytest.raises(ValidationError) as caught:
        client_create(workspace=workspace, name="Fenwick Dental", currency="XYZ")

    assert caught.value.message_dict["currency"] == [
        "Choose a currency from the list, or leave it not set."
    ]
    assert not Client.objects.exists()


def test_changing_a_clients_currency_keeps_everything_else(workspace):
    client = client_create(workspace=workspace, name="Fenwick Dental", currency="GBP")

    client_update(client=client, data={"currency": "EUR"})

    client.refresh_from_db()
    assert (client.name, client.currency) == ("Fenwick Dental", "EUR")


def test_changing_to_an_unknown_currency_changes_nothing(workspace):
    client = client_create(workspace=workspace, name="Fenwick Dental", currency="GBP")

    with pytest.raises(ValidationError):
        client_update(client=Client.objects.get(pk=client.pk), data={"currency": "gbp"})

    client.refresh_from_db()
    assert client.currency == "GBP"
