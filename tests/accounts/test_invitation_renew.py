"""Sending an invited person a new link: managers only, asked first, the old link stops."""

import smtplib

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Invitation, Membership
from tests.accounts.conftest import expire


@pytest.fixture
def renew_url(invitation):
    return reverse("invitation_renew", args=[invitation.workspace_id, invitation.id])


def test_the_team_page_links_to_a_page_that_asks_first(
    alice_client, invitation, team_url, renew_url
):
    text = alice_client.get(team_url).content.decode()

    assert f'href="{renew_url}">Send a new link' in text


def test_the_confirmation_page_asks_and_changes_nothing(alice_client, invitation, renew_url):
    token = invitation.token

    page = alice_client.get(renew_url)

    assert page.status_code == 200
    text = page.content.decode()
    assert "Send dana@acme.test a new link?" in text
    assert "The link they have stops working at once." in text
    assert f'<form method="post" action="{renew_url}">' in text
    invitation.refresh_from_db()
    assert invitation.token == token
    assert not mail.outbox


def test_sending_a_new_link_emails_it_and_the_old_one_stops_working(
    alice_client, invitation, invite_url, renew_url, team_url
):
    old_token = invitation.token

    response = alice_client.post(renew_url)

    assert response.status_code == 302
    assert response.url == f"{team_url}#invitation-{invitation.id}"
    invitation.refresh_from_db()
    assert invitation.token != old_token
    assert invitation.role == Membership.Role.MEMBER
    assert len(mail.outbox) == 1
    assert invitation.token in mail.outbox[0].body
    page = alice_client.get(team_url).content.decode()
    assert "A new link is emailed to dana@acme.test; the old one no longer works." in page
    assert Client().get(invite_url).status_code == 404


def test_an_expired_invitation_gets_a_link_that_works_again(alice_client, invitation, renew_url):
    expire(invitation)

    assert "Their link has expired." in alice_client.get(renew_url).content.decode()
    alice_client.post(renew_url)

    invitation.refresh_from_db()
    assert invitation.is_open


def test_when_the_email_fails_the_page_says_to_copy_the_link(
    alice_client, invitation, renew_url, team_url, monkeypatch
):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    old_token = invitation.token

    alice_client.post(renew_url)

    invitation.refresh_from_db()
    assert invitation.token != old_token
    page = alice_client.get(team_url).content.decode()
    assert "but the email could not be sent. Copy the link below" in page


def test_a_consultant_cannot_renew_an_owners_invitation(client, cora, invitation, renew_url):
    Invitation.objects.filter(pk=invitation.pk).update(role=Membership.Role.OWNER)
    client.force_login(cora)
    token = invitation.token

    response = client.post(renew_url)

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.token == token
    page = client.get(response.url).content.decode()
    assert "No new link for dana@acme.test. Only an owner can invite another owner." in page
    assert f'href="{renew_url}"' not in page


@pytest.mark.parametrize("persona", ["bob", "victor"])
def test_members_and_viewers_cannot_send_a_new_link(
    client, request, persona, invitation, renew_url
):
    client.force_login(request.getfixturevalue(persona))
    token = invitation.token

    assert client.get(renew_url).status_code == 403
    assert client.post(renew_url).status_code == 403
    invitation.refresh_from_db()
    assert invitation.token == token
    assert not mail.outbox
