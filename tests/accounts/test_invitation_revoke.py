"""Withdrawing an open invitation: managers only, asked first, the link stops working."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import Invitation
from tests.conftest import make_user


@pytest.fixture
def revoke_url(invitation):
    return reverse("invitation_revoke", args=[invitation.workspace_id, invitation.id])


def test_the_team_page_links_to_a_page_that_asks_first(
    alice_client, invitation, team_url, revoke_url
):
    text = alice_client.get(team_url).content.decode()

    assert f'href="{revoke_url}">Withdraw' in text
    assert f'action="{revoke_url}"' not in text


def test_the_confirmation_page_asks_and_changes_nothing(alice_client, invitation, revoke_url):
    token = invitation.token

    page = alice_client.get(revoke_url)

    assert page.status_code == 200
    text = page.content.decode()
    assert "Withdraw the invitation for dana@acme.test?" in text
    assert f'<form method="post" action="{revoke_url}">' in text
    invitation.refresh_from_db()
    assert invitation.token == token
    assert invitation.is_open


def test_withdrawing_deletes_it_and_its_link_is_a_404(
    alice_client, invitation, invite_url, revoke_url, team_url
):
    response = alice_client.post(revoke_url)

    assert response.status_code == 302
    assert response.url == f"{team_url}#invitations"
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    page = alice_client.get(team_url).content.decode()
    assert "The invitation for dana@acme.test is withdrawn" in page
    assert Client().get(invite_url).status_code == 404


@pytest.mark.parametrize("persona", ["bob", "victor"])
def test_members_and_viewers_cannot_withdraw(client, request, persona, invitation, revoke_url):
    client.force_login(request.getfixturevalue(persona))

    assert client.post(revoke_url).status_code == 403
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_an_accepted_invitation_cannot_be_withdrawn(alice_client, invitation, revoke_url):
    services.invitation_accept(invitation=invitation, user=make_user("dana@acme.test", "Dana Ops"))

    assert alice_client.post(revoke_url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
