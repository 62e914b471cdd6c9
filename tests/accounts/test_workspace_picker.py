"""The workspace picker, for someone who belongs to more than one workspace."""

from django.urls import reverse

from accounts.models import Membership, Workspace


def _join(user, workspace, role=Membership.Role.MEMBER) -> None:
    Membership.objects.create(workspace=workspace, user=user, role=role)


def test_picker_counts_everyone_in_each_workspace(client, alice, bob, victor, charlie):
    elsewhere = Workspace.objects.get(name="Elsewhere Inc")
    _join(alice, elsewhere)
    client.force_login(alice)

    page = client.get(reverse("dashboard")).content.decode()

    assert "<h1>Your workspaces</h1>" in page
    assert "Start your own workspace" not in page
    assert "Acme Ltd" in page and "Elsewhere Inc" in page
    # Acme: alice, bob and victor. Elsewhere: charlie and alice.
    assert "3 members" in page
    assert "2 members" in page


def test_a_limited_member_is_told_how_many_clients_they_see_not_the_team_size(
    client, lena, bob, charlie
):
    elsewhere = Workspace.objects.get(name="Elsewhere Inc")
    _join(lena, elsewhere)
    client.force_login(lena)

    page = client.get(reverse("dashboard")).content.decode()

    assert "1 client shared with you" in page
    # Acme holds lena and bob; how many people work there is not hers to know.
    assert "Acme Ltd" in page
    assert page.count("members") == 1  # Elsewhere's, where lena sees everything
    assert "2 members" in page
