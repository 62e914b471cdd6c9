"""The admin lists invitations with their state and filters them."""

import pytest
from django.urls import reverse

from accounts.models import Invitation
from tests.accounts.conftest import expire


def test_the_list_shows_each_invitation_with_its_state(admin_client, invitation):
    page = admin_client.get(reverse("admin:accounts_invitation_changelist"))

    text = page.content.decode()
    assert page.status_code == 200
    assert "dana@acme.test" in text
    assert '<td class="field-state">Open</td>' in text


@pytest.mark.parametrize(("state", "listed"), [("open", False), ("expired", True)])
def test_the_state_filter_finds_expired_invitations(admin_client, invitation, state, listed):
    expire(invitation)

    page = admin_client.get(reverse("admin:accounts_invitation_changelist"), {"state": state})

    assert ("dana@acme.test" in page.content.decode()) is listed


def test_an_invitation_opens_in_the_admin(admin_client, invitation):
    page = admin_client.get(reverse("admin:accounts_invitation_change", args=[invitation.pk]))

    assert page.status_code == 200
    assert invitation.token in page.content.decode()


def test_an_invitation_added_in_the_admin_gets_a_link_and_an_expiry(admin_client, workspace, alice):
    response = admin_client.post(
        reverse("admin:accounts_invitation_add"),
        {
            "workspace": workspace.pk,
            "email": "Pat@Acme.test",
            "role": "viewer",
            "invited_by": alice.pk,
            "created_at_0": "2026-01-05",
            "created_at_1": "09:00:00",
            "expires_at_0": "2026-01-19",
            "expires_at_1": "09:00:00",
        },
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get(email="pat@acme.test")
    assert len(invitation.token) >= 40
