"""Opening an invitation link: each state a person can arrive in."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Membership
from tests.accounts.conftest import expire
from tests.conftest import PASSWORD, make_user


@pytest.fixture
def dana(db):
    """Dana already has an account, through a workspace of her own."""
    return make_user("dana@acme.test", "Dana Ops")


def test_signed_in_with_the_invited_email_one_button_joins(client, dana, invitation, invite_url):
    client.force_login(dana)

    page = client.get(invite_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Alice Owner invited you to join <strong>Acme Ltd</strong>" in text
    assert (
        "as <strong>a member</strong>, who can add clients and pilots, answer assessments "
        "and make reports." in text
    )
    assert "Join Acme Ltd</button>" in text
    assert not Membership.objects.filter(user=dana).exists()

    response = client.post(invite_url)

    assert response.status_code == 302
    assert response.url == reverse("workspace_detail", args=[invitation.workspace_id])
    joined = Membership.objects.get(user=dana, workspace=invitation.workspace)
    assert joined.role == Membership.Role.MEMBER
    invitation.refresh_from_db()
    assert invitation.accepted_by == dana
    assert invitation.accepted_at is not None
    page = client.get(response.url)
    assert "Welcome to Acme Ltd. You joined as a member." in page.content.decode()


def test_an_email_in_other_capitals_still_matches(client, invitation, invite_url):
    user = make_user("Dana@ACME.test", "Dana Ops")
    client.force_login(user)

    assert client.post(invite_url).status_code == 302
    assert Membership.objects.filter(user=user, workspace=invitation.workspace).exists()


def test_signed_in_with_another_email_says_who_it_is_for_and_offers_to_log_out(
    client, charlie, invitation, invite_url
):
    client.force_login(charlie)

    page = client.get(invite_url)

    text = page.content.decode()
    assert page.status_code == 200
    assert "This invitation is for <strong>dana@acme.test</strong>" in text
    assert "charlie@elsewhere.test" in text
    assert f'action="{reverse("logout")}"' in text
    assert f'name="next" value="{invite_url}"' in text

    refused = client.post(invite_url)
    assert refused.status_code == 403
    assert not Membership.objects.filter(user=charlie, workspace=invitation.workspace).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_logging_out_from_the_wrong_account_comes_back_to_the_invitation(
    client, charlie, invitation, invite_url
):
    client.force_login(charlie)

    response = client.post(reverse("logout"), {"next": invite_url})

    assert response.status_code == 302
    assert response.url == invite_url


def test_not_signed_in_with_an_account_offers_log_in_that_comes_back(
    client, dana, invitation, invite_url
):
    page = client.get(invite_url)

    text = page.content.decode()
    assert page.status_code == 200
    assert "Log in to join" in text
    login_url = f"{reverse('login')}?next={invite_url}"
    assert f'href="{login_url}"' in text
    assert "password1" not in text  # no second account for the same address

    login_page = client.get(login_url)
    assert f'name="next" value="{invite_url}"' in login_page.content.decode()
    logged_in = client.post(
        reverse("login"), {"username": "dana@acme.test", "password": PASSWORD, "next": invite_url}
    )
    assert logged_in.status_code == 302
    assert logged_in.url == invite_url
    assert "Join Acme Ltd</button>" in client.get(invite_url).content.decode()
    assert client.post(invite_url).status_code == 302
    assert Membership.objects.filter(user=dana, workspace=invitation.workspace).exists()


def test_posting_without_signing_in_when_the_account_exists_asks_to_log_in(
    client, dana, invitation, invite_url
):
    response = client.post(invite_url, {"full_name": "Impostor", "password1": "x"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Membership.objects.filter(user=dana).exists()


def test_an_unknown_link_is_a_clear_404(client, db):
    page = client.get(reverse("invitation_accept", args=["no-such-token"]))

    assert page.status_code == 404
    assert "This invitation link does not work" in page.content.decode()


def test_a_withdrawn_invitation_is_a_clear_404(client, alice, invitation, invite_url):
    services.invitation_revoke(invitation=invitation, by=alice.memberships.get())

    page = client.get(invite_url)

    assert page.status_code == 404
    assert "It may have been withdrawn" in page.content.decode()
    assert client.post(invite_url, {"full_name": "Dana"}).status_code == 404


def test_an_expired_invitation_names_who_to_ask_and_joins_nobody(
    client, dana, invitation, invite_url
):
    expire(invitation)
    client.force_login(dana)

    page = client.get(invite_url)
    text = page.content.decode()
    assert page.status_code == 410
    assert "This invitation has expired" in text
    assert "Ask Alice Owner (alice@acme.test) for a new one." in text

    assert client.post(invite_url).status_code == 410
    assert not Membership.objects.filter(user=dana).exists()


def test_a_used_invitation_says_so_to_anyone_else(client, dana, charlie, invitation, invite_url):
    services.invitation_accept(invitation=invitation, user=dana)
    client.force_login(charlie)

    page = client.get(invite_url)

    assert page.status_code == 410
    assert "This invitation has already been used" in page.content.decode()
    assert client.post(invite_url).status_code == 410
    assert not Membership.objects.filter(user=charlie, workspace=invitation.workspace).exists()


def test_a_used_invitation_takes_the_person_who_joined_to_the_workspace(
    client, dana, invitation, invite_url
):
    services.invitation_accept(invitation=invitation, user=dana)
    client.force_login(dana)

    response = client.get(invite_url)

    assert response.status_code == 302
    assert response.url == reverse("workspace_detail", args=[invitation.workspace_id])


def test_an_invitation_withdrawn_after_the_page_opened_joins_nobody(
    client, dana, alice, invitation, invite_url
):
    client.force_login(dana)
    client.get(invite_url)
    Invitation.objects.filter(pk=invitation.pk).delete()

    response = client.post(invite_url, follow=True)

    assert response.status_code == 404
    assert not Membership.objects.filter(user=dana).exists()


def test_someone_added_meanwhile_keeps_their_role(client, bob, workspace, alice):
    invitation, _ = services.invitation_create(
        workspace=workspace, email="new@acme.test", role="viewer", by=alice.memberships.get()
    )
    newcomer = make_user("new@acme.test", "New Person")
    Membership.objects.create(workspace=workspace, user=newcomer, role=Membership.Role.MEMBER)

    services.invitation_accept(invitation=invitation, user=newcomer)

    assert Membership.objects.get(user=newcomer).role == Membership.Role.MEMBER
    invitation.refresh_from_db()
    assert invitation.accepted_by == newcomer


def test_an_invitation_expires_after_fourteen_days(invitation):
    assert invitation.is_open
    invitation.expires_at = timezone.now() + timedelta(seconds=1)
    assert invitation.is_open
    expire(invitation)
    assert invitation.is_expired and not invitation.is_open


@pytest.mark.parametrize(
    ("role", "joined_as"),
    [("viewer", "You joined as a viewer."), ("owner", "You joined as an owner.")],
)
def test_the_welcome_names_the_role_with_its_article(
    client, alice, workspace, dana, role, joined_as
):
    invitation, _ = services.invitation_create(
        workspace=workspace, email="dana@acme.test", role=role, by=alice.memberships.get()
    )
    client.force_login(dana)

    response = client.post(reverse("invitation_accept", args=[invitation.token]), follow=True)

    assert f"Welcome to Acme Ltd. {joined_as}" in response.content.decode()
    assert Membership.objects.get(user=dana, workspace=workspace).role == role
