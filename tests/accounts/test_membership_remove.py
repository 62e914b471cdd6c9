"""Removing a member: asked first, never the last owner, and access ends at once."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Membership
from tests.accounts.conftest import membership


def remove_url(member: Membership) -> str:
    return reverse("member_remove", args=[member.workspace_id, member.id])


def test_removing_asks_first(alice_client, bob, workspace):
    bobs = membership(bob, workspace)

    page = alice_client.get(remove_url(bobs))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Remove Bob Member?" in text
    assert "loses access to Acme Ltd at once" in text
    assert Membership.objects.filter(pk=bobs.pk).exists()


def test_a_removed_member_loses_access_at_once(alice_client, bob, workspace, team_url):
    bobs_browser = Client()
    bobs_browser.force_login(bob)
    workspace_url = reverse("workspace_detail", args=[workspace.id])
    assert bobs_browser.get(workspace_url).status_code == 200

    response = alice_client.post(remove_url(membership(bob, workspace)))

    assert response.status_code == 302
    assert response.url == team_url
    assert not Membership.objects.filter(user=bob, workspace=workspace).exists()
    assert "Bob Member is removed from Acme Ltd." in alice_client.get(team_url).content.decode()
    assert bobs_browser.get(workspace_url).status_code == 404
    assert bobs_browser.get(team_url).status_code == 404


def test_the_last_owner_cannot_be_removed(client, cora, alice, workspace, team_url):
    alices = membership(alice, workspace)
    client.force_login(cora)

    client.post(remove_url(alices))

    assert Membership.objects.filter(pk=alices.pk).exists()


def test_an_owner_may_leave_when_another_owner_stays(alice_client, alice, bob, workspace):
    Membership.objects.filter(user=bob).update(role=Membership.Role.OWNER)
    alices = membership(alice, workspace)

    assert "Leave this workspace?" in alice_client.get(remove_url(alices)).content.decode()
    response = alice_client.post(remove_url(alices))

    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert not Membership.objects.filter(pk=alices.pk).exists()


def test_a_consultant_cannot_remove_an_owner(client, cora, alice, bob, workspace):
    Membership.objects.filter(user=bob).update(role=Membership.Role.OWNER)
    client.force_login(cora)

    client.post(remove_url(membership(alice, workspace)))

    assert Membership.objects.filter(user=alice, workspace=workspace).exists()


def test_a_consultant_removes_a_member(client, cora, bob, workspace):
    client.force_login(cora)

    client.post(remove_url(membership(bob, workspace)))

    assert not Membership.objects.filter(user=bob, workspace=workspace).exists()


@pytest.mark.parametrize("persona", ["bob", "victor"])
def test_members_and_viewers_cannot_remove_anyone(client, request, persona, alice, workspace):
    client.force_login(request.getfixturevalue(persona))
    alices = membership(alice, workspace)

    assert client.get(remove_url(alices)).status_code == 403
    assert client.post(remove_url(alices)).status_code == 403
    assert Membership.objects.filter(pk=alices.pk).exists()
