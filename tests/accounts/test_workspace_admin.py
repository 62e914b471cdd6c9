"""The admin lists workspaces with the currency their new clients start in, and keeps
each membership with its workspace and person and the logo with the settings page."""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Membership, Workspace
from tests.assessments.test_admin import _change_form_data


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


def test_the_logo_is_shown_but_changed_only_on_the_settings_page(
    admin_client, workspace, alice, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    workspace.logo.save("logo.png", ContentFile(b"a logo the settings page checked"))
    url = reverse("admin:accounts_workspace_change", args=[workspace.pk])
    page = admin_client.get(url)
    svg = SimpleUploadedFile("logo.svg", b"<svg></svg>", content_type="image/svg+xml")

    response = admin_client.post(url, {**_change_form_data(page), "logo": svg})

    html = page.content.decode()
    assert 'name="logo"' not in html
    assert workspace.logo.name in html
    assert "settings page" in html
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    stored = workspace.logo.name
    workspace.refresh_from_db()
    assert workspace.logo.name == stored
    assert workspace.logo.storage.exists(stored)


def test_a_membership_on_the_workspace_page_cannot_be_handed_to_someone_else(
    admin_client, workspace, alice, charlie
):
    url = reverse("admin:accounts_workspace_change", args=[workspace.pk])
    page = admin_client.get(url)
    data = _change_form_data(page)
    (prefix,) = [i.formset.prefix for i in page.context["inline_admin_formsets"]]
    data[f"{prefix}-0-user"] = charlie.pk

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert list(workspace.memberships.values_list("user", flat=True)) == [alice.pk]


def test_a_person_can_still_be_added_on_the_workspace_page(admin_client, workspace, alice, bob):
    other = Workspace.objects.create(name="Other Ltd")
    url = reverse("admin:accounts_workspace_change", args=[other.pk])
    data = _change_form_data(admin_client.get(url))
    data.update({"memberships-TOTAL_FORMS": 1, "memberships-0-user": bob.pk})
    data["memberships-0-role"] = Membership.Role.MEMBER

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert other.memberships.get().user == bob


def test_a_membership_stays_with_its_workspace_and_person(admin_client, workspace, bob, charlie):
    membership = Membership.objects.get(user=bob, workspace=workspace)
    elsewhere = Workspace.objects.get(memberships__user=charlie)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    page = admin_client.get(url)
    data = {
        **_change_form_data(page),
        "workspace": elsewhere.pk,
        "user": charlie.pk,
        "role": Membership.Role.VIEWER,
    }

    response = admin_client.post(url, data)

    html = page.content.decode()
    assert 'name="workspace"' not in html
    assert 'name="user"' not in html
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.workspace, membership.user, membership.role) == (workspace, bob, "viewer")
