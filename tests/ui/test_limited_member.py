"""Someone limited to their own company: they see, count, find and change only it.

lena (tests/conftest.py) is a member of alice's workspace limited to Harbour Bakery;
Northwind Plumbing is another client of the same workspace.
"""

import json
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Invitation, Membership
from assessments import services
from assessments.models import Client, Pilot
from tests.conftest import make_user
from tests.isolation import db_fingerprint
from tests.ui.test_export_import import EXAMPLE, upload


@pytest.fixture
def lena_client(client, lena):
    client.force_login(lena)
    return client


@pytest.fixture
def bakery_pilot(harbour):
    return services.pilot_create(client=harbour, name="Order intake")


@pytest.fixture
def northwind(workspace, alice):
    northwind = services.client_create(workspace=workspace, name="Northwind Plumbing")
    services.pilot_create(client=northwind, name="Quote follow-ups")
    return northwind


def dashboard(client, workspace, query=""):
    return client.get(reverse("workspace_detail", args=[workspace.id]) + query).content.decode()


def test_the_dashboard_lists_and_counts_only_their_client(
    lena_client, workspace, bakery_pilot, northwind
):
    page = dashboard(lena_client, workspace)

    assert "Harbour Bakery" in page
    assert "Order intake" in page
    assert "Northwind" not in page
    assert "Quote follow-ups" not in page
    assert "1 current pilot:" in page
    assert "Add a client" not in page
    assert "Add a pilot for my company" not in page
    assert reverse("client_update", args=[bakery_pilot.client_id]) not in page


def test_a_search_never_finds_another_client(lena_client, workspace, bakery_pilot, northwind):
    page = dashboard(lena_client, workspace, "?q=Northwind")

    assert "Nothing matches" in page
    assert "0 pilots match" in page
    assert "Quote follow-ups" not in page


def test_their_dashboard_costs_the_same_queries_however_many_pilots(
    lena_client, workspace, harbour, alice, northwind
):
    counts = []
    for added in (1, 6):
        for number in range(added):
            pilot = services.pilot_create(client=harbour, name=f"Pilot {added}-{number}")
            services.assessment_start(pilot=pilot, user=alice)
        with CaptureQueriesContext(connection) as queries:
            dashboard(lena_client, workspace)
        counts.append(len(queries))
    lena_client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        dashboard(lena_client, workspace)

    assert counts == [len(queries), len(queries)]


def test_their_client_and_its_pilots_work_as_for_anyone(lena_client, bakery_pilot, lena):
    assessment = services.assessment_start(pilot=bakery_pilot, user=lena)
    section = reverse("assessment_section", args=[assessment.id, "ownership"])

    saved = lena_client.post(section, {"_unit": "q:own_authority", "q-own_authority": "yes"})

    assert lena_client.get(reverse("pilot_detail", args=[bakery_pilot.id])).status_code == 200
    assert lena_client.get(reverse("assessment_results", args=[assessment.id])).status_code == 200
    assert saved.status_code in {200, 302}
    assert assessment.answers.get(question_id="own_authority").value is True


def test_they_may_describe_a_new_pilot_of_their_client(lena_client, harbour):
    response = lena_client.post(
        reverse("pilot_create", args=[harbour.id]), {"name": "Allergen labels", "stage": "pilot"}
    )

    assert response.status_code == 302
    assert Pilot.objects.get(name="Allergen labels").client == harbour


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("client_create", {"name": "Harbour Bakery Two"}),
        ("client_own_company", {}),
    ],
)
def test_they_cannot_add_clients(lena_client, workspace, url_name, data):
    before = db_fingerprint()

    response = lena_client.post(reverse(url_name, args=[workspace.id]), data)

    assert response.status_code == 403
    assert db_fingerprint() == before


def test_they_cannot_change_their_clients_record(lena_client, harbour):
    url = reverse("client_update", args=[harbour.id])

    responses = [lena_client.get(url), lena_client.post(url, {"name": "Renamed"})]

    assert [r.status_code for r in responses] == [403, 403]
    harbour.refresh_from_db()
    assert harbour.name == "Harbour Bakery"


def test_they_import_into_their_client(lena_client, workspace, harbour):
    document = json.loads(EXAMPLE.read_text()) | {"client": "Harbour Bakery"}
    url = reverse("assessment_import", args=[workspace.id])

    assert "You can import only into your clients: Harbour Bakery." in (
        lena_client.get(url).content.decode()
    )
    response = lena_client.post(url, {"file": upload(json.dumps(document))})

    assert response.status_code == 302
    assert Pilot.objects.get().client == harbour


def test_their_import_leaves_their_clients_currency_alone_and_says_so(
    lena_client, workspace, harbour
):
    document = json.loads(EXAMPLE.read_text()) | {"client": "Harbour Bakery", "currency": "JPY"}

    response = lena_client.post(
        reverse("assessment_import", args=[workspace.id]), {"file": upload(json.dumps(document))}
    )

    assert response.status_code == 302
    assert Pilot.objects.get().client == harbour
    harbour.refresh_from_db()
    assert harbour.currency == ""
    page = unescape(lena_client.get(response.url).content.decode())
    assert (
        "The file's currency (JPY) was not set on the client: ask someone who manages the "
        "workspace." in page
    )


def test_importing_into_another_client_is_refused_and_nothing_changes(
    lena_client, workspace, harbour, northwind
):
    before = db_fingerprint()
    for name in ("Northwind Plumbing", "A new client"):
        document = json.loads(EXAMPLE.read_text()) | {"client": name}

        response = lena_client.post(
            reverse("assessment_import", args=[workspace.id]),
            {"file": upload(json.dumps(document))},
        )

        page = response.content.decode()
        assert response.status_code == 422
        assert f"is {name}, which is not a client you can import into" in page
        assert (
            "Name one of yours in the file, or choose it under “Import into”: Harbour Bakery."
            in page
        )
    assert db_fingerprint() == before


def test_deleting_their_only_client_takes_their_access_and_says_so(
    alice_client, workspace, alice, lena, harbour
):
    url = reverse("client_delete", args=[harbour.id])

    page = alice_client.get(url).content.decode()
    alice_client.post(url)

    assert "1 person who sees only Harbour Bakery loses access to the workspace." in page
    assert not Client.objects.filter(pk=harbour.pk).exists()
    assert not Membership.objects.filter(user=lena).exists()


def test_deleting_one_of_two_clients_keeps_the_other(alice_client, workspace, lena, northwind):
    limited = Membership.objects.get(user=lena)
    limited.clients.add(northwind)

    alice_client.post(reverse("client_delete", args=[northwind.id]))

    assert [c.name for c in limited.clients.all()] == ["Harbour Bakery"]


def test_deleting_a_client_withdraws_invitations_limited_to_it(
    alice_client, workspace, alice, harbour
):
    invitation = Invitation.objects.create(workspace=workspace, email="sam@harbour.test")
    invitation.clients.set([harbour])
    url = reverse("client_delete", args=[harbour.id])

    assert "1 open invitation limited to it is withdrawn." in alice_client.get(url).content.decode()
    alice_client.post(url)

    assert not Invitation.objects.exists()


def test_a_workspace_deletes_with_its_limited_members(workspace, lena, harbour):
    workspace.delete()

    assert not Membership.objects.exists()
    assert not Client.objects.exists()


def test_a_member_who_sees_everything_still_sees_everything(
    client, workspace, bakery_pilot, northwind
):
    user = make_user("pat@acme.test", "Pat Everything")
    Membership.objects.create(workspace=workspace, user=user, role=Membership.Role.MEMBER)
    client.force_login(user)

    page = dashboard(client, workspace)

    assert "Harbour Bakery" in page
    assert "Northwind Plumbing" in page
    assert "2 current pilots:" in page


@pytest.mark.parametrize(
    ("url_name", "kind"),
    [
        ("client_update", "client"),
        ("pilot_create", "client"),
        ("assessment_start", "pilot"),
        ("pilot_archive", "pilot"),
    ],
)
def test_a_limited_viewer_changing_another_client_gets_404_not_403(
    client, workspace, harbour, northwind, url_name, kind
):
    viewer = make_user("vera@harbour.test", "Vera Viewer")
    Membership.objects.create(
        workspace=workspace, user=viewer, role=Membership.Role.VIEWER
    ).clients.set([harbour])
    target = northwind if kind == "client" else northwind.pilots.get()
    client.force_login(viewer)

    response = client.post(reverse(url_name, kwargs={f"{kind}_id": target.id}), {"name": "x"})

    assert response.status_code == 404
