"""A person without an account creates one from their invitation and joins at once."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services
from accounts.models import Membership, User, Workspace
from tests.accounts.conftest import expire
from tests.conftest import make_user

GOOD = {
    "full_name": "Dana Ops",
    "password1": "a-long-unusual-passphrase",
    "password2": "a-long-unusual-passphrase",
}


def test_the_form_asks_for_a_name_and_a_password_twice_with_the_email_fixed(
    client, invitation, invite_url
):
    page = client.get(invite_url)

    text = page.content.decode()
    assert page.status_code == 200
    assert "Create your account" in text
    for field_id in ("id_email", "id_full_name", "id_password1", "id_password2"):
        assert f'for="{field_id}"' in text
    assert 'value="dana@acme.test"' in text
    assert "disabled" in text.split('id="id_email"')[0].rsplit("<input", 1)[1]


def test_signing_up_creates_the_account_and_membership_and_signs_in(client, invitation, invite_url):
    workspaces_before = Workspace.objects.count()

    response = client.post(invite_url, GOOD)

    assert response.status_code == 302
    assert response.url == reverse("workspace_detail", args=[invitation.workspace_id])
    dana = User.objects.get(email="dana@acme.test")
    assert dana.full_name == "Dana Ops"
    assert dana.check_password(GOOD["password1"])
    assert list(dana.memberships.values_list("workspace_id", "role")) == [
        (invitation.workspace_id, Membership.Role.MEMBER)
    ]
    # No workspace of their own: they came to join this one.
    assert Workspace.objects.count() == workspaces_before
    invitation.refresh_from_db()
    assert invitation.accepted_by == dana
    page = client.get(response.url)
    assert page.context["user"] == dana
    assert "Welcome to Acme Ltd. You joined as a member." in page.content.decode()


def test_a_posted_email_cannot_change_the_address(client, invitation, invite_url):
    client.post(invite_url, {**GOOD, "email": "mallory@evil.test"})

    assert User.objects.filter(email="dana@acme.test").exists()
    assert not User.objects.filter(email="mallory@evil.test").exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**GOOD, "full_name": "  "}, "full_name", "Enter your name, as your colleagues know it."),
        ({**GOOD, "password2": "something-else-entirely"}, "password2", "didn’t match"),
        ({**GOOD, "password1": "short", "password2": "short"}, "password2", "too short"),
        (
            {**GOOD, "password1": "dana@acme.test", "password2": "dana@acme.test"},
            "password2",
            "too similar",
        ),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_created(
    client, invitation, invite_url, data, field, message
):
    users_before = User.objects.count()

    response = client.post(invite_url, data)

    assert response.status_code == 422
    text = response.content.decode()
    assert f'id="id_{field}_error">' in text
    assert message in text
    assert 'aria-invalid="true"' in text
    assert User.objects.count() == users_before
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_account_made_meanwhile_sends_the_person_to_log_in_instead(
    client, invitation, invite_url
):
    client.get(invite_url)
    make_user("dana@acme.test", "Dana Elsewhere")

    response = client.post(invite_url, GOOD)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={invite_url}"
    assert User.objects.filter(email="dana@acme.test").count() == 1
    assert not Membership.objects.filter(user__email="dana@acme.test").exists()


def test_an_expired_invitation_creates_no_account(client, invitation, invite_url):
    expire(invitation)

    response = client.post(invite_url, GOOD)

    assert response.status_code == 410
    assert not User.objects.filter(email="dana@acme.test").exists()


def test_the_service_refuses_an_address_that_has_an_account(invitation):
    make_user("dana@acme.test", "Dana Elsewhere")

    with pytest.raises(ValidationError, match="already exists"):
        services.invitation_signup(invitation=invitation, full_name="Dana", password="x-long-1")
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_service_refuses_a_used_invitation(invitation):
    services.invitation_signup(invitation=invitation, full_name="Dana", password="x-long-pass-1")

    with pytest.raises(ValidationError, match="already been used"):
        services.invitation_signup(invitation=invitation, full_name="Eve", password="x-long-2")
    assert User.objects.filter(email="dana@acme.test").count() == 1


def test_the_welcome_after_signing_up_names_the_role_with_its_article(client, alice, workspace):
    invitation, _ = services.invitation_create(
        workspace=workspace, email="olga@acme.test", role="owner", by=alice.memberships.get()
    )

    response = client.post(reverse("invitation_accept", args=[invitation.token]), GOOD, follow=True)

    assert "Welcome to Acme Ltd. You joined as an owner." in response.content.decode()
    assert User.objects.get(email="olga@acme.test").memberships.get().role == "owner"


def test_a_name_with_a_line_break_is_saved_on_one_line(client, invitation, invite_url):
    client.post(invite_url, {**GOOD, "full_name": "Dana\r\nOps"})

    assert User.objects.get(email=invitation.email).full_name == "Dana Ops"
