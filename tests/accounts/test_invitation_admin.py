"""The admin lists invitations with their state and filters them; an invitation stays
with the workspace it was made in."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Workspace
from tests.accounts.conftest import expire
from tests.assessments.test_admin import _change_form_data


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


def test_an_invitation_stays_with_its_workspace(admin_client, invitation, workspace, charlie):
    elsewhere = Workspace.objects.get(memberships__user=charlie)
    url = reverse("admin:accounts_invitation_change", args=[invitation.pk])
    page = admin_client.get(url)
    data = {**_change_form_data(page), "workspace": elsewhere.pk}
    # The admin splits each moment into a date and a time field.
    for name in ("created_at", "expires_at"):
        moment = timezone.localtime(data.pop(name))
        data.update({f"{name}_0": f"{moment:%Y-%m-%d}", f"{name}_1": f"{moment:%H:%M:%S}"})

    response = admin_client.post(url, data)

    assert 'name="workspace"' not in page.content.decode()
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    invitation.refresh_from_db()
    assert invitation.workspace == workspace
