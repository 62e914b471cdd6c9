"""The team page: everyone sees who is in the workspace; managers get the controls."""

import pytest
from django.urls import reverse

from accounts.models import Membership


@pytest.fixture
def everyone(alice, bob, victor):
    return alice, bob, victor


def test_the_page_lists_each_member_with_email_role_and_since_when(
    alice_client, everyone, team_url
):
    page = alice_client.get(team_url)

    assert page.status_code == 200
    text = page.content.decode()
    for name, email in [
        ("Alice Owner", "alice@acme.test"),
        ("Bob Member", "bob@acme.test"),
        ("Victor Viewer", "victor@acme.test"),
    ]:
        assert name in text and email in text
    bob = Membership.objects.get(user__email="bob@acme.test")
    assert f"since {bob.created_at:%-d %b %Y}" in text


def test_owners_are_listed_first(alice_client, everyone, team_url):
    rows = [row["member"].user.email for row in alice_client.get(team_url).context["rows"]]

    assert rows[0] == "alice@acme.test"


def test_the_page_lists_open_invitations_with_who_invited_and_the_expiry(
    alice_client, invitation, team_url
):
    text = alice_client.get(team_url).content.decode()

    assert "dana@acme.test" in text
    assert "Invited by Alice Owner" in text
    assert f"expires {invitation.expires_at:%-d %b %Y}" in text
    assert f"/invite/{invitation.token}/" in text
    assert "Copy" in text


def test_an_owner_sees_the_invite_form_and_each_members_controls(alice_client, everyone, team_url):
    text = alice_client.get(team_url).content.decode()

    assert 'id="invite"' in text
    assert '<label for="id_email">Email address' in text
    assert '<label for="id_role">Role' in text
    bob = Membership.objects.get(user__email="bob@acme.test")
    assert reverse("member_role", args=[bob.workspace_id, bob.id]) in text
    assert reverse("member_remove", args=[bob.workspace_id, bob.id]) in text


def test_the_only_owner_cannot_be_changed_and_the_page_says_why(alice_client, bob, team_url):
    page = alice_client.get(team_url)
    alice_row = next(r for r in page.context["rows"] if r["member"].user.email == "alice@acme.test")

    assert alice_row["form"] is None
    assert "The only owner" in page.content.decode()


@pytest.mark.parametrize("persona", ["bob", "victor"])
def test_members_and_viewers_see_the_team_read_only(
    client, request, persona, alice, invitation, team_url
):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    page = client.get(team_url)

    assert page.status_code == 200
    text = page.content.decode()
    assert "Alice Owner" in text and "dana@acme.test" in text
    assert 'id="invite"' not in text
    assert "/role/" not in text and "/withdraw/" not in text
    # The one way to change anything is to leave: their own line, nobody else's.
    assert text.count("/remove/") == 1 and "Leave…" in text
    # The invitation's link is for managers to send, not for everyone to see.
    assert invitation.token not in text
    assert "Only the workspace's owners and consultants invite people" in text


def test_a_consultant_cannot_touch_owners_nor_offer_the_owner_role(client, cora, alice, team_url):
    client.force_login(cora)

    page = client.get(team_url)

    alice_row = next(r for r in page.context["rows"] if r["member"].user == alice)
    assert alice_row["form"] is None
    assert "Only an owner can change an owner." in page.content.decode()
    assert [value for value, _ in page.context["form"].fields["role"].choices] == [
        "consultant",
        "member",
        "viewer",
    ]


def test_the_workspace_page_and_its_settings_link_to_the_team(alice_client, workspace, team_url):
    for name in ("workspace_detail", "workspace_settings"):
        page = alice_client.get(reverse(name, args=[workspace.id]))
        assert f'href="{team_url}"' in page.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, team_url):
    response = client.get(team_url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
