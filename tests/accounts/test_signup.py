from django.urls import reverse

from accounts.models import Membership, User, Workspace
from assessments.models import Client

FOUNDER = {
    "email": "fran@example.test",
    "full_name": "Fran Founder",
    "workspace_name": "Fran's Bakery",
    "password1": "a-long-unusual-passphrase",
    "password2": "a-long-unusual-passphrase",
}


def test_signup_creates_user_workspace_and_owner_membership(client, db):
    response = client.post(
        reverse("signup"),
        {
            "email": "Founder@Example.test",
            "full_name": "Fran Founder",
            "workspace_name": "Fran's Bakery",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="founder@example.test")
    membership = Membership.objects.get(user=user)
    assert membership.role == Membership.Role.OWNER
    assert membership.workspace.name == "Fran's Bakery"
    assert client.get(reverse("dashboard"), follow=True).context["user"] == user


def test_signup_with_existing_email_shows_error_and_creates_nothing(client, alice):
    response = client.post(
        reverse("signup"),
        {
            "email": "ALICE@acme.test",
            "workspace_name": "Second",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )

    assert response.status_code == 422
    assert "already exists" in response.content.decode()
    assert User.objects.count() == 1


def test_signup_with_mismatched_passwords_is_rejected(client, db):
    response = client.post(
        reverse("signup"),
        {
            "email": "new@example.test",
            "workspace_name": "New",
            "password1": "a-long-unusual-passphrase",
            "password2": "another-long-passphrase",
        },
    )

    assert response.status_code == 422
    assert not User.objects.exists()


def test_signup_page_renders_labelled_fields(client, db):
    body = client.get(reverse("signup")).content.decode()

    for field_id in ("id_email", "id_full_name", "id_workspace_name", "id_password1"):
        assert f'for="{field_id}"' in body


def test_the_currency_chosen_at_sign_up_is_the_workspaces_and_my_companys(client, db):
    client.post(reverse("signup"), FOUNDER | {"currency": "EUR"})
    workspace = Workspace.objects.get()

    response = client.post(reverse("client_own_company", args=[workspace.id]))

    assert response.status_code == 302
    assert workspace.default_currency == "EUR"
    own = Client.objects.get(workspace=workspace, is_own_company=True)
    assert own.currency == "EUR"


def test_no_currency_chosen_leaves_it_not_set_rather_than_guessing(client, db):
    client.post(reverse("signup"), FOUNDER)

    assert Workspace.objects.get().default_currency == ""


def test_an_unknown_currency_at_sign_up_is_refused_and_creates_nothing(client, db):
    response = client.post(reverse("signup"), FOUNDER | {"currency": "DOGE"})

    assert response.status_code == 422
    assert "Choose a currency from the list, or leave it not set." in response.content.decode()
    assert not User.objects.exists()
    assert not Workspace.objects.exists()


def test_the_sign_up_page_offers_a_currency_not_set_by_default(client, db):
    page = client.get(reverse("signup")).content.decode()

    assert '<label for="id_currency">Currency</label>' in page
    assert '<option value="" selected>Not set: amounts show as plain numbers</option>' in page
    assert '<option value="GBP">Pound sterling (GBP)</option>' in page
    assert "you can choose one later with Edit beside the company on your dashboard" in page
    assert "workspace settings" not in page, "they only start new companies"


def test_a_founder_without_a_currency_finds_it_where_the_sign_up_page_says(client, db):
    client.post(reverse("signup"), FOUNDER)
    workspace = Workspace.objects.get()
    client.post(reverse("client_own_company", args=[workspace.id]))
    own = Client.objects.get(workspace=workspace, is_own_company=True)
    assert own.currency == ""

    dashboard = client.get(reverse("workspace_detail", args=[workspace.id])).content.decode()
    edit = reverse("client_update", args=[own.id])
    assert (
        f'<a class="button small" href="{edit}">Edit<span class="sr-only"> {own.name}</span></a>'
        in (dashboard.replace("&#x27;", "'"))
    )
    response = client.post(edit, {"name": own.name, "currency": "EUR"})

    assert response.status_code == 302
    own.refresh_from_db()
    assert own.currency == "EUR"


def test_a_name_and_workspace_name_with_line_breaks_are_saved_on_one_line(client, db):
    response = client.post(
        reverse("signup"),
        {**FOUNDER, "full_name": "Fran\r\nFounder", "workspace_name": "Fran's\r\n Bakery"},
    )

    assert response.status_code == 302
    user = User.objects.get(email="fran@example.test")
    assert user.full_name == "Fran Founder"
    assert Membership.objects.get(user=user).workspace.name == "Fran's Bakery"
