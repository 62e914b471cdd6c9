from django.urls import reverse

from accounts.models import Membership, User


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
