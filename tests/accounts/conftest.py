"""The team's personas beyond the shared ones, and an open invitation to Dana."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Membership
from tests.conftest import make_user


@pytest.fixture
def cora(workspace):
    """A consultant in alice's workspace: manages the team, but not its owners."""
    user = make_user("cora@advisers.test", "Cora Consultant")
    Membership.objects.create(workspace=workspace, user=user, role=Membership.Role.CONSULTANT)
    return user


@pytest.fixture
def team_url(workspace):
    return reverse("team", args=[workspace.id])


def membership(user, workspace) -> Membership:
    return Membership.objects.get(user=user, workspace=workspace)


@pytest.fixture
def invitation(workspace, alice) -> Invitation:
    """Alice has invited dana@acme.test, who has no account yet, as a member."""
    invitation, _ = services.invitation_create(
        workspace=workspace,
        email="dana@acme.test",
        role=Membership.Role.MEMBER,
        by=membership(alice, workspace),
    )
    return invitation


@pytest.fixture
def invite_url(invitation):
    return reverse("invitation_accept", args=[invitation.token])


def expire(invitation: Invitation) -> None:
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save(update_fields=["expires_at"])
