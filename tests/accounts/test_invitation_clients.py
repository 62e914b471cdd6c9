"""An invitation limited to some clients: the link joins with that limit."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services
from accounts.models import Invitation, Membership
from assessments import services as assessment_services
from tests.accounts.conftest import membership
from tests.conftest import PASSWORD, make_user


@pytest.fixture
def northwind(workspace):
    return assessment_services.client_create(workspace=workspace, name="Northwind Plumbing")


def test_inviting_a_clients_person_limits_the_invitation_to_that_client(
    alice_client, team_url, harbour, northwind
):
    response = alice_client.post(
        team_url, {"email": "sam@harbour.test", "role": "member", "clients": [harbour.id]}
    )

    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert list(invitation.clients.all()) == [harbour]
    body = " ".join(mail.outbox[0].body.split())
    assert "You will see only Harbour Bakery: its pilots, assessments and reports." in body
    # They cannot add clients, so the invitation does not promise it.
    assert "as a member, who can add pilots to the clients they see" in body
    assert "cannot add clients" in body
    assert "can add clients and pilots" not in body
    page = alice_client.get(response.url).content.decode()
    assert "Invitation sent to sam@harbour.test as member, seeing only Harbour Bakery." in page
    assert "Will see only Harbour Bakery" in page


def test_the_invitation_form_offers_the_workspaces_clients_to_limit_to(
    alice_client, team_url, harbour
):
    page = alice_client.get(team_url).content.decode()

    assert "<legend>Limit to their company</legend>" in page
    assert f'value="{harbour.id}"' in page
    assert "does not have to join" in page
    assert "“People” beside an assessment gives each person a link of their own" in page


def test_accepting_joins_with_the_limit(client, harbour, workspace, alice):
    invitation, _ = _limited_invitation(workspace, alice, harbour)
    sam = make_user("sam@harbour.test", "Sam Baker")
    client.force_login(sam)

    page = client.get(reverse("invitation_accept", args=[invitation.token])).content.decode()
    client.post(reverse("invitation_accept", args=[invitation.token]))

    assert "You will see only Harbour Bakery" in page
    assert "can add pilots to the clients they see" in page
    assert "can add clients and pilots" not in page
    joined = Membership.objects.get(user=sam, workspace=workspace)
    assert list(joined.clients.all()) == [harbour]


def test_signing_up_through_the_link_joins_with_the_limit(client, harbour, workspace, alice):
    invitation, _ = _limited_invitation(workspace, alice, harbour)

    client.post(
        reverse("invitation_accept", args=[invitation.token]),
        {"full_name": "Sam Baker", "password1": PASSWORD, "password2": PASSWORD},
    )

    joined = Membership.objects.get(user__email="sam@harbour.test")
    assert list(joined.clients.all()) == [harbour]


def test_someone_added_meanwhile_keeps_the_access_they_have(client, harbour, workspace, alice):
    invitation, _ = _limited_invitation(workspace, alice, harbour)
    sam = make_user("sam@harbour.test", "Sam Baker")
    Membership.objects.create(workspace=workspace, user=sam, role=Membership.Role.MEMBER)
    client.force_login(sam)

    client.post(reverse("invitation_accept", args=[invitation.token]))

    assert not Membership.objects.get(user=sam).clients.exists()


def test_a_new_link_keeps_the_limit(alice_client, harbour, workspace, alice):
    invitation, _ = _limited_invitation(workspace, alice, harbour)

    alice_client.post(reverse("invitation_renew", args=[workspace.id, invitation.id]))

    renewed = Invitation.objects.get()
    assert renewed.token != invitation.token
    assert list(renewed.clients.all()) == [harbour]


def test_a_consultant_cannot_be_limited(alice_client, team_url, harbour):
    response = alice_client.post(
        team_url, {"email": "sam@harbour.test", "role": "consultant", "clients": [harbour.id]}
    )

    assert response.status_code == 422
    assert "Owners and consultants always see the whole workspace" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_client_of_another_workspace_is_refused(alice_client, team_url, charlie):
    elsewhere = assessment_services.client_create(
        workspace=charlie.workspaces.get(), name="Elsewhere client"
    )

    response = alice_client.post(
        team_url, {"email": "sam@harbour.test", "role": "member", "clients": [elsewhere.id]}
    )

    assert response.status_code == 422
    assert "Choose clients from the list." in response.content.decode()
    assert not Invitation.objects.exists()


def test_nonsense_in_the_limit_is_refused(alice_client, team_url, harbour):
    response = alice_client.post(
        team_url, {"email": "sam@harbour.test", "role": "member", "clients": ["x"]}
    )

    assert response.status_code == 422
    assert "Choose clients from the list." in response.content.decode()
    assert not Invitation.objects.exists()


def test_inviting_again_with_nothing_ticked_shows_the_earlier_limit_first(
    alice_client, team_url, harbour, northwind, workspace, alice
):
    invitation, _ = _limited_invitation(workspace, alice, harbour)

    response = alice_client.post(team_url, {"email": "Sam@Harbour.test", "role": "viewer"})

    assert response.status_code == 422
    page = " ".join(response.content.decode().split())
    assert (
        "The invitation sam@harbour.test already has lets them see only Harbour Bakery: "
        "ticked again above. Send it to keep that limit, or untick all and send it to let "
        "them see the whole workspace."
    ) in page
    form = response.context["form"]
    assert form["clients"].value() == [str(harbour.pk)]
    assert form["role"].value() == "viewer"
    assert 'name="earlier_limit_shown" value="1"' in page
    unchanged = Invitation.objects.get()
    assert (unchanged.token, unchanged.role) == (invitation.token, Membership.Role.MEMBER)
    assert list(unchanged.clients.all()) == [harbour]
    assert mail.outbox == []


def test_sending_the_form_as_shown_keeps_the_limit(
    alice_client, team_url, harbour, workspace, alice
):
    invitation, _ = _limited_invitation(workspace, alice, harbour)

    response = alice_client.post(
        team_url,
        {
            "email": "sam@harbour.test",
            "role": "viewer",
            "clients": [harbour.id],
            "earlier_limit_shown": "1",
        },
        follow=True,
    )

    renewed = Invitation.objects.get()
    assert renewed.token != invitation.token
    assert renewed.role == Membership.Role.VIEWER
    assert list(renewed.clients.all()) == [harbour]
    assert (
        "It is replaced: a new link, as a viewer, seeing only Harbour Bakery. "
        "The old link no longer works."
    ) in response.content.decode()


def test_unticking_the_shown_limit_lets_them_see_everything_and_says_so(
    alice_client, team_url, harbour, workspace, alice
):
    _limited_invitation(workspace, alice, harbour)

    response = alice_client.post(
        team_url,
        {"email": "sam@harbour.test", "role": "viewer", "earlier_limit_shown": "1"},
        follow=True,
    )

    renewed = Invitation.objects.get()
    assert renewed.role == Membership.Role.VIEWER
    assert not renewed.clients.exists()
    assert (
        "It is replaced: a new link, as a viewer. They will see the whole workspace "
        "(before: only Harbour Bakery). The old link no longer works."
    ) in response.content.decode()


def test_inviting_again_as_a_consultant_says_the_limit_is_gone(
    alice_client, team_url, harbour, workspace, alice
):
    _limited_invitation(workspace, alice, harbour)

    response = alice_client.post(
        team_url, {"email": "sam@harbour.test", "role": "consultant"}, follow=True
    )

    renewed = Invitation.objects.get()
    assert renewed.role == Membership.Role.CONSULTANT
    assert not renewed.clients.exists()
    assert "They will see the whole workspace (before: only Harbour Bakery)." in (
        response.content.decode()
    )


def _limited_invitation(workspace, alice, client):
    return services.invitation_create(
        workspace=workspace,
        email="sam@harbour.test",
        role=Membership.Role.MEMBER,
        by=membership(alice, workspace),
        clients=[client],
    )


def test_a_client_id_no_client_can_have_is_refused_and_nothing_is_sent(
    alice_client, team_url, harbour
):
    response = alice_client.post(
        team_url,
        {"email": "sam@harbour.test", "role": "member", "clients": ["99999999999999999999999"]},
    )

    assert response.status_code == 422
    assert "Choose clients from the list." in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []
