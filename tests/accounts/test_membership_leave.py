"""Leaving a workspace: anyone may, after a confirmation, as long as an owner stays."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Membership
from tests.accounts.conftest import membership


def leave_url(member: Membership) -> str:
    return reverse("member_remove", args=[member.workspace_id, member.id])


@pytest.mark.parametrize("persona", ["bob", "victor"])
def test_members_and_viewers_see_leave_on_their_own_line_only(
    client, request, persona, alice, workspace, team_url
):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    page = client.get(team_url).content.decode()

    assert f'href="{leave_url(membership(user, workspace))}">Leave…</a>' in page
    assert leave_url(membership(alice, workspace)) not in page
    assert page.count("Leave…") == 1


@pytest.mark.parametrize("persona", ["bob", "victor"])
def test_leaving_asks_first_and_changes_nothing_until_confirmed(
    client, request, persona, workspace
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    own = membership(user, workspace)

    page = client.get(leave_url(own))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Leave this workspace?" in text
    assert "You lose access to Acme Ltd at once" in text
    assert Membership.objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize("persona", ["bob", "victor"])
def test_a_member_who_leaves_loses_access_at_once(client, request, persona, workspace):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    response = client.post(leave_url(membership(user, workspace)), follow=True)

    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "You have left Acme Ltd." in response.content.decode()
    assert not Membership.objects.filter(user=user, workspace=workspace).exists()
    assert client.get(reverse("workspace_detail", args=[workspace.id])).status_code == 404


def test_the_only_owner_is_offered_no_leave_and_cannot_leave(
    alice_client, alice, workspace, team_url
):
    alices = membership(alice, workspace)

    page = alice_client.get(team_url).content.decode()
    asked = alice_client.get(leave_url(alices), follow=True)
    posted = alice_client.post(leave_url(alices), follow=True)

    assert "Leave…" not in page
    for response in (asked, posted):
        assert response.redirect_chain[-1][0] == f"{team_url}#member-{alices.id}"
        assert "only owner. Make someone else an owner first, then leave." in (
            response.content.decode()
        )
    assert Membership.objects.filter(pk=alices.pk).exists()


def test_an_owner_leaves_when_another_owner_stays(alice_client, alice, bob, workspace, team_url):
    Membership.objects.filter(user=bob).update(role=Membership.Role.OWNER)

    alice_client.post(leave_url(membership(alice, workspace)))

    assert not Membership.objects.filter(user=alice, workspace=workspace).exists()
    assert Membership.objects.get(user=bob, workspace=workspace).role == Membership.Role.OWNER


def test_a_member_cannot_leave_on_someone_elses_behalf(client, bob, victor, workspace):
    client.force_login(bob)
    victors = membership(victor, workspace)

    assert client.post(leave_url(victors)).status_code == 403
    assert Membership.objects.filter(pk=victors.pk).exists()


def test_an_outsider_gets_404_and_nothing_changes(client, charlie, bob, workspace):
    bobs = membership(bob, workspace)
    client.force_login(charlie)

    assert client.get(leave_url(bobs)).status_code == 404
    assert client.post(leave_url(bobs)).status_code == 404
    assert Membership.objects.filter(pk=bobs.pk).exists()


def test_leaving_twice_in_two_tabs_is_a_404_the_second_time(workspace, bob):
    first, second = Client(), Client()
    first.force_login(bob)
    second.force_login(bob)
    url = leave_url(membership(bob, workspace))
    second.get(url)

    first.post(url)

    assert second.post(url).status_code == 404
