"""Limiting a member to some clients on the team page, and lifting the limit."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Membership
from assessments import services as assessment_services
from tests.accounts.conftest import membership


@pytest.fixture
def northwind(workspace):
    return assessment_services.client_create(workspace=workspace, name="Northwind Plumbing")


def clients_url(workspace, user):
    return reverse("member_clients", args=[workspace.id, membership(user, workspace).id])


def test_a_manager_limits_a_member_to_one_client(
    alice_client, workspace, bob, harbour, northwind, team_url
):
    page = alice_client.get(clients_url(workspace, bob)).content.decode()
    response = alice_client.post(clients_url(workspace, bob), {"clients": [harbour.id]})

    assert "<legend>Clients they see</legend>" in page
    assert "Northwind Plumbing" in page
    assert response.status_code == 302
    assert list(membership(bob, workspace).clients.all()) == [harbour]
    team = alice_client.get(response.url).content.decode()
    assert "Bob Member now sees only Harbour Bakery." in team
    assert "Sees only Harbour Bakery" in team


def test_the_page_says_first_what_the_member_sees_now(alice_client, workspace, bob, lena, cora):
    whole = alice_client.get(clients_url(workspace, bob)).content.decode()
    limited = alice_client.get(clients_url(workspace, lena)).content.decode()
    consultant = alice_client.get(clients_url(workspace, cora)).content.decode()

    assert "Bob Member (bob@acme.test) is a member." in whole
    assert "<strong>Sees the whole workspace now.</strong>" in whole
    assert whole.index("Sees the whole workspace now.") < whole.index("Clients they see")
    assert "<strong>Sees only: Harbour Bakery.</strong>" in limited
    assert "is a consultant: owners and consultants" in consultant


def test_unticking_every_client_opens_the_whole_workspace_again(
    alice_client, workspace, lena, harbour
):
    response = alice_client.post(clients_url(workspace, lena), {})

    assert response.status_code == 302
    assert not membership(lena, workspace).clients.exists()
    assert (
        "Lena Limited now sees the whole workspace."
        in alice_client.get(response.url).content.decode()
    )


def test_the_limited_member_sees_only_that_client_from_their_next_page(
    alice_client, workspace, bob, harbour, northwind
):
    client = Client()
    client.force_login(bob)
    dashboard = reverse("workspace_detail", args=[workspace.id])
    assert "Northwind Plumbing" in client.get(dashboard).content.decode()

    alice_client.post(clients_url(workspace, bob), {"clients": [harbour.id]})

    page = client.get(dashboard).content.decode()
    assert "Harbour Bakery" in page
    assert "Northwind Plumbing" not in page
    assert client.get(reverse("client_update", args=[northwind.id])).status_code == 404


def test_a_consultant_cannot_be_limited(alice_client, workspace, cora, harbour):
    page = alice_client.get(clients_url(workspace, cora)).content.decode()
    response = alice_client.post(clients_url(workspace, cora), {"clients": [harbour.id]})

    assert "owners and consultants always see the whole workspace" in page
    assert response.status_code == 422
    assert "Owners and consultants always see the whole workspace" in response.content.decode()
    assert not membership(cora, workspace).clients.exists()


def test_a_client_of_another_workspace_is_refused(alice_client, workspace, bob, charlie):
    elsewhere = assessment_services.client_create(
        workspace=charlie.workspaces.get(), name="Elsewhere client"
    )

    response = alice_client.post(clients_url(workspace, bob), {"clients": [elsewhere.id]})

    assert response.status_code == 422
    assert "Choose clients from the list." in response.content.decode()
    assert not membership(bob, workspace).clients.exists()


@pytest.mark.parametrize("persona", ["bob", "victor", "lena"])
def test_members_and_viewers_cannot_limit_anyone(
    client, request, workspace, persona, alice, harbour
):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(clients_url(workspace, alice), {"clients": [harbour.id]})

    assert response.status_code == 403
    assert not membership(alice, workspace).clients.exists()


def test_only_managers_see_the_clients_button(alice_client, workspace, bob, team_url):
    client = Client()
    client.force_login(bob)

    assert clients_url(workspace, bob) in alice_client.get(team_url).content.decode()
    assert clients_url(workspace, bob) not in client.get(team_url).content.decode()


def test_a_limited_member_cannot_be_made_a_consultant(alice_client, workspace, lena):
    member = membership(lena, workspace)

    response = alice_client.post(
        reverse("member_role", args=[workspace.id, member.id]), {"role": "consultant"}
    )

    member.refresh_from_db()
    assert member.role == Membership.Role.MEMBER
    assert "Lena Limited sees only some clients. Let them see the whole workspace first" in (
        alice_client.get(response.url).content.decode()
    )


def test_the_team_page_hides_other_clients_people_from_a_limited_member(
    client, workspace, alice, bob, lena, harbour, northwind, team_url
):
    other = Membership.objects.get(user=bob)
    other.clients.set([northwind])
    from accounts import services

    services.invitation_create(
        workspace=workspace,
        email="jo@northwind.test",
        role="viewer",
        by=membership(alice, workspace),
    )
    client.force_login(lena)

    page = client.get(team_url).content.decode()

    assert "Alice Owner" in page
    assert "Lena Limited" in page
    assert "Bob Member" not in page
    assert "jo@northwind.test" not in page
    assert "Northwind" not in page


def test_the_settings_page_lists_no_other_clients_people_to_a_limited_member(
    client, workspace, alice, bob, lena, northwind
):
    Membership.objects.get(user=bob).clients.set([northwind])
    client.force_login(lena)

    page = client.get(reverse("workspace_settings", args=[workspace.id])).content.decode()

    assert "Alice Owner" in page
    assert "bob@acme.test" not in page


@pytest.mark.parametrize(
    "value", ["99999999999999999999999", "9223372036854775808", "-9223372036854775809", "1.5"]
)
def test_a_client_id_no_client_can_have_is_refused_and_nothing_changes(
    alice_client, workspace, lena, harbour, value
):
    response = alice_client.post(clients_url(workspace, lena), {"clients": [value]})

    assert response.status_code == 422
    assert "Choose clients from the list." in response.content.decode()
    assert list(membership(lena, workspace).clients.all()) == [harbour]
