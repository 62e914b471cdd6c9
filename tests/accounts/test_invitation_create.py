"""Inviting someone by email: the link, the mail, and what is refused."""

import re
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import services
from accounts.models import Invitation, Membership, User, Workspace
from tests.accounts.conftest import expire, membership


def invite(client, team_url, email="dana@acme.test", role="member"):
    return client.post(team_url, {"email": email, "role": role})


def test_inviting_creates_an_invitation_and_mails_its_link(alice_client, alice, team_url):
    response = invite(alice_client, team_url, email="  Dana@Acme.test ", role="viewer")

    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert response.url == f"{team_url}#invitation-{invitation.id}"
    assert invitation.email == "dana@acme.test"
    assert invitation.role == Membership.Role.VIEWER
    assert invitation.invited_by == alice
    assert len(invitation.token) >= 40
    assert (invitation.expires_at - invitation.created_at).days == 14
    assert invitation.accepted_at is None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dana@acme.test"]
    assert message.reply_to == ["alice@acme.test"]
    assert message.subject == "Alice Owner invited you to Acme Ltd on Readiness"
    link = f"http://testserver{reverse('invitation_accept', args=[invitation.token])}"
    assert link in message.body.splitlines()
    assert (
        "to join Acme Ltd on Readiness as a viewer, who can read pilots, results and "
        "reports, but change nothing." in " ".join(message.body.split())
    )


def test_the_team_page_confirms_and_shows_the_link_to_copy(alice_client, team_url):
    page = invite(alice_client, team_url)
    page = alice_client.get(page.url)

    invitation = Invitation.objects.get()
    text = page.content.decode()
    assert "Invitation sent to dana@acme.test as member." in text
    assert f'value="http://testserver/invite/{invitation.token}/"' in text


def test_inviting_someone_already_in_the_workspace_is_refused(alice_client, bob, team_url):
    response = invite(alice_client, team_url, email="BOB@acme.test")

    assert response.status_code == 422
    text = response.content.decode()
    assert "bob@acme.test is already a member of this workspace." in text
    assert 'aria-invalid="true"' in text
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_inviting_the_same_address_again_renews_the_open_invitation(
    alice_client, invitation, team_url
):
    old_token, old_expiry = invitation.token, invitation.expires_at

    response = invite(alice_client, team_url, email="dana@acme.test", role="consultant")

    assert response.status_code == 302
    assert Invitation.objects.count() == 1
    invitation.refresh_from_db()
    assert invitation.token != old_token
    assert invitation.expires_at > old_expiry
    assert invitation.role == Membership.Role.CONSULTANT
    assert len(mail.outbox) == 1
    assert invitation.token in mail.outbox[0].body
    page = alice_client.get(team_url).content.decode()
    assert (
        "dana@acme.test already had an invitation as a member. It is replaced: a new link, "
        "as a consultant. The old link no longer works." in page
    )
    # The first link no longer works.
    alice_client.logout()
    assert alice_client.get(reverse("invitation_accept", args=[old_token])).status_code == 404


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "not-an-email", "role": "member"}, "email", "Enter a valid email address."),
        ({"email": "", "role": "member"}, "email", "This field is required."),
        ({"email": "dana@acme.test", "role": "admin"}, "role", "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_created(
    alice_client, team_url, data, field, message
):
    response = alice_client.post(team_url, data)

    assert response.status_code == 422
    text = response.content.decode()
    assert f'id="id_{field}_error">{message}' in text
    assert re.search(rf'aria-invalid="true" aria-describedby="[^"]*id_{field}_error"', text)
    assert not Invitation.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("persona", ["bob", "victor"])
def test_members_and_viewers_cannot_invite(client, request, persona, alice, team_url):
    client.force_login(request.getfixturevalue(persona))

    response = invite(client, team_url)

    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_a_consultant_invites_members_but_not_owners(client, cora, alice, team_url):
    client.force_login(cora)

    refused = invite(client, team_url, role="owner")
    assert refused.status_code == 422
    assert not Invitation.objects.exists()

    assert invite(client, team_url, role="consultant").status_code == 302
    assert Invitation.objects.get().role == Membership.Role.CONSULTANT


def test_the_service_refuses_an_owner_invited_by_a_consultant(workspace, cora):
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            workspace=workspace,
            email="new@acme.test",
            role="owner",
            by=membership(cora, workspace),
        )
    assert error.value.message_dict == {"role": ["Only an owner can invite another owner."]}


def test_the_service_refuses_a_manager_of_another_workspace(workspace, charlie):
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            workspace=workspace,
            email="new@acme.test",
            role="member",
            by=charlie.memberships.get(),
        )
    assert not Invitation.objects.exists()


def test_an_unsent_email_keeps_the_invitation_and_says_to_copy_the_link(
    alice_client, team_url, monkeypatch
):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)

    response = invite(alice_client, team_url)

    assert response.status_code == 302
    assert Invitation.objects.filter(email="dana@acme.test").exists()
    page = alice_client.get(team_url).content.decode()
    assert "the email could not be sent. Copy the link below" in page


def test_inviting_again_with_the_same_role_says_only_that_the_link_is_new(
    alice_client, invitation, team_url
):
    invite(alice_client, team_url, email="dana@acme.test", role="member")

    page = alice_client.get(team_url).content.decode()
    assert (
        "dana@acme.test already had an invitation as a member. It is replaced: a new link. "
        "The old link no longer works. The new link is emailed to them" in page
    )


def test_a_replaced_invitation_whose_email_fails_says_to_copy_the_new_link(
    alice_client, invitation, team_url, monkeypatch
):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)

    invite(alice_client, team_url, email="dana@acme.test", role="viewer")

    page = alice_client.get(team_url).content.decode()
    assert "It is replaced: a new link, as a viewer. The old link no longer works." in page
    assert "The email could not be sent: copy the new link below" in page


def test_inviting_again_after_expiry_renews_the_same_invitation(alice_client, invitation, team_url):
    expire(invitation)
    page = alice_client.get(team_url).content.decode()
    assert "Expired" in page
    assert invitation.token not in page  # an expired link is not offered to copy

    invite(alice_client, team_url)

    assert Invitation.objects.count() == 1
    invitation.refresh_from_db()
    assert invitation.is_open


def test_an_inviter_and_workspace_named_with_line_breaks_still_send_the_invitation(
    alice_client, alice, workspace, team_url
):
    # Saved before names were kept to one line.
    User.objects.filter(pk=alice.pk).update(full_name="Alice\r\nOwner")
    Workspace.objects.filter(pk=workspace.pk).update(name="Acme\nLtd")

    response = invite(alice_client, team_url)

    assert response.status_code == 302
    assert mail.outbox[0].subject == "Alice Owner invited you to Acme Ltd on Readiness"
    invitation = Invitation.objects.get()
    page = alice_client.get(team_url).content.decode()
    assert f'value="http://testserver/invite/{invitation.token}/"' in page


def test_a_mail_header_refused_keeps_the_invitation_and_says_to_copy_the_link(
    alice_client, team_url, monkeypatch
):
    def refuse(self, *args, **kwargs):
        raise ValueError("Header values may not contain linefeed or carriage return characters")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)

    response = invite(alice_client, team_url)

    assert response.status_code == 302
    invitation = Invitation.objects.get(email="dana@acme.test")
    page = alice_client.get(team_url).content.decode()
    assert "the email could not be sent. Copy the link below" in page
    assert f'value="http://testserver/invite/{invitation.token}/"' in page
