"""The admin lists workspaces with the currency their new clients start in."""

from django.urls import reverse


def test_the_list_shows_each_workspaces_currency_of_new_clients(admin_client, workspace):
    workspace.default_currency = "SGD"
    workspace.save(update_fields=["default_currency"])

    page = admin_client.get(reverse("admin:accounts_workspace_changelist"))

    text = page.content.decode()
    assert page.status_code == 200
    assert '<td class="field-default_currency">Singapore dollar (SGD)</td>' in text


def test_the_currency_filter_finds_workspaces_in_a_currency(admin_client, workspace, charlie):
    workspace.default_currency = "EUR"
    workspace.save(update_fields=["default_currency"])
    url = reverse("admin:accounts_workspace_changelist")

    text = admin_client.get(url, {"default_currency__exact": "EUR"}).content.decode()

    assert "Acme Ltd" in text
    assert "Elsewhere Inc" not in text
