"""Changing a member's role: managers only, owners to owners, never the last owner."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services
from accounts.models import Membership
from tests.accounts.conftest import membership


def role_url(member: Membership) -> str:
    return reverse("member_role", args=[member.workspace_id, member.id])


def test_an_owner_changes_a_members_role(alice_client, bob, workspace, team_url):
    bobs = membership(bob, workspace)

    response = alice_client.post(role_url(bobs), {"role": "viewer"})

    assert response.status_code == 302
    assert response.url == f"{team_url}#member-{bobs.id}"
    bobs.refresh_from_db()
    assert bobs.role == Membership.Role.VIEWER
    page = alice_client.get(team_url).content.decode()
    assert "Bob Member is now a viewer." in page
    assert '<p id="team-status" class="sr-only" role="status"></p>' in page


def test_with_htmx_only_the_members_line_comes_back(alice_client, bob, workspace):
    bobs = membership(bob, workspace)

    response = alice_client.post(
        role_url(bobs), {"role": "consultant"}, headers={"HX-Request": "true"}
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert text.lstrip().startswith(f'<li id="member-{bobs.id}"')
    assert "<html" not in text
    assert "Bob Member is now a consultant." in text
    assert '<option value="consultant" selected>' in text
    # htmx puts focus back on the button with the same id, and the page's status
    # line, which stays put, reads the change out.
    assert f'<button type="submit" id="member-{bobs.id}-save"' in text
    assert '<p id="team-status" hx-swap-oob="innerHTML">Bob Member is now a consultant.</p>' in text
    bobs.refresh_from_db()
    assert bobs.role == Membership.Role.CONSULTANT


def test_the_last_owner_cannot_be_demoted(alice_client, alice, bob, workspace, team_url):
    alices = membership(alice, workspace)

    response = alice_client.post(role_url(alices), {"role": "member"})

    assert response.status_code == 302
    alices.refresh_from_db()
    assert alices.role == Membership.Role.OWNER
    page = alice_client.get(team_url).content.decode()
    assert "A workspace needs at least one owner." in page


def test_with_htmx_the_refusal_shows_beside_the_unchanged_role(alice_client, alice, workspace):
    alices = membership(alice, workspace)

    response = alice_client.post(
        role_url(alices), {"role": "viewer"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 422
    text = response.content.decode()
    # Her line no longer offers a Save button to return to, so focus goes to the reason.
    assert (
        '<p class="error team-line-status" tabindex="-1" autofocus>'
        "A workspace needs at least one owner." in text
    )
    assert f'id="member-{alices.id}-save"' not in text
    assert (
        '<p id="team-status" hx-swap-oob="innerHTML">Alice Owner&#x27;s role did not change. '
        "A workspace needs at least one owner." in text
    )
    alices.refresh_from_db()
    assert alices.role == Membership.Role.OWNER


def test_with_htmx_an_unknown_role_is_refused_beside_the_select(alice_client, bob, workspace):
    bobs = membership(bob, workspace)

    response = alice_client.post(
        role_url(bobs), {"role": "emperor"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 422
    text = response.content.decode()
    assert f'id="member-{bobs.id}-role_error">Choose one of the roles in the list.' in text
    assert f'<button type="submit" id="member-{bobs.id}-save"' in text
    assert (
        '<p id="team-status" hx-swap-oob="innerHTML">Bob Member&#x27;s role did not change. '
        "Choose one of the roles in the list.</p>" in text
    )
    bobs.refresh_from_db()
    assert bobs.role == Membership.Role.MEMBER


def test_an_owner_can_step_down_once_there_is_another_owner(
    alice_client, alice, bob, workspace, team_url
):
    Membership.objects.filter(user=bob).update(role=Membership.Role.OWNER)
    alices = membership(alice, workspace)

    response = alice_client.post(
        role_url(alices), {"role": "member"}, headers={"HX-Request": "true"}
    )

    # Her own role changes what the whole page offers her, so the page reloads.
    assert response.status_code == 200
    assert response["HX-Redirect"] == team_url
    alices.refresh_from_db()
    assert alices.role == Membership.Role.MEMBER
    page = alice_client.get(team_url).content.decode()
    assert "You are now a member." in page
    assert 'id="invite"' not in page


def test_a_consultant_cannot_make_an_owner(client, cora, bob, workspace):
    client.force_login(cora)
    bobs = membership(bob, workspace)

    response = client.post(role_url(bobs), {"role": "owner"})

    assert response.status_code == 302
    bobs.refresh_from_db()
    assert bobs.role == Membership.Role.MEMBER


def test_a_consultant_cannot_change_an_owner(client, cora, alice, bob, workspace, team_url):
    Membership.objects.filter(user=bob).update(role=Membership.Role.OWNER)
    client.force_login(cora)
    alices = membership(alice, workspace)

    client.post(role_url(alices), {"role": "member"})

    alices.refresh_from_db()
    assert alices.role == Membership.Role.OWNER
    page = client.get(team_url).content.decode()
    assert "Only an owner can make someone an owner or change an owner&#x27;s role." in page


def test_a_consultant_changes_members_and_viewers(client, cora, bob, workspace):
    client.force_login(cora)
    bobs = membership(bob, workspace)

    client.post(role_url(bobs), {"role": "viewer"})

    bobs.refresh_from_db()
    assert bobs.role == Membership.Role.VIEWER


@pytest.mark.parametrize("persona", ["bob", "victor"])
def test_members_and_viewers_cannot_change_roles(client, request, persona, alice, bob, workspace):
    client.force_login(request.getfixturevalue(persona))
    bobs = membership(bob, workspace)

    assert client.post(role_url(bobs), {"role": "owner"}).status_code == 403
    bobs.refresh_from_db()
    assert bobs.role == Membership.Role.MEMBER


def test_an_unknown_role_changes_nothing(alice_client, bob, workspace):
    bobs = membership(bob, workspace)

    response = alice_client.post(role_url(bobs), {"role": "emperor"})

    assert response.status_code == 302
    bobs.refresh_from_db()
    assert bobs.role == Membership.Role.MEMBER


def test_the_service_keeps_the_last_owner(alice, workspace):
    alices = membership(alice, workspace)

    with pytest.raises(ValidationError, match="at least one owner"):
        services.membership_set_role(membership=alices, role="consultant", by=alices)
    alices.refresh_from_db()
    assert alices.role == Membership.Role.OWNER


def test_the_service_lets_an_owner_make_another_owner(alice, bob, workspace):
    changed = services.membership_set_role(
        membership=membership(bob, workspace), role="owner", by=membership(alice, workspace)
    )

    assert changed.role == Membership.Role.OWNER
