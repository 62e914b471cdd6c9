"""The dashboard sorted by last activity or name, and pilots archived from it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Answer, Client, Pilot
from tests.accounts.conftest import cora  # noqa: F401 - a fixture
from tests.isolation import db_fingerprint
from tests.ui.test_portfolio import dashboard


def age(pilot: Pilot, days: int) -> None:
    """Make everything about the pilot `days` old."""
    then = timezone.now() - timedelta(days=days)
    Pilot.objects.filter(pk=pilot.pk).update(updated_at=then)
    pilot.assessments.update(started_at=then)
    Answer.objects.filter(assessment__pilot=pilot).update(updated_at=then)
    Client.objects.filter(pk=pilot.client_id).update(created_at=then)


@pytest.fixture
def portfolio(workspace, alice):
    """A bakery touched a month ago, a plumber answered yesterday, a dentist a week ago."""
    pilots = {}
    for days, client_name, pilot_name in (
        (30, "Bakery North", "Invoice chasing"),
        (1, "Plumbing Co", "Quote follow-ups"),
        (7, "Dentist Smile", "Recall reminders"),
    ):
        client = services.client_create(workspace=workspace, name=client_name)
        pilot = services.pilot_create(client=client, name=pilot_name)
        assessment = services.assessment_start(pilot=pilot, user=alice)
        services.answer_save(
            assessment=assessment, question_id="own_authority", value=True, user=alice
        )
        age(pilot, days)
        pilots[pilot_name] = pilot
    return pilots


def order(page: str, names: list[str]) -> list[str]:
    return sorted(names, key=page.index)


CLIENTS = ["Bakery North", "Plumbing Co", "Dentist Smile"]


def test_by_default_clients_come_by_name(alice_client, workspace, portfolio):
    page = dashboard(alice_client, workspace).content.decode()

    assert order(page, CLIENTS) == ["Bakery North", "Dentist Smile", "Plumbing Co"]
    assert '<option value="name" selected>Name</option>' in page


def test_names_sort_as_a_reader_expects_whatever_their_case_and_accents(alice_client, workspace):
    names = ["ZZZ Logistics", "Ünïcødé Bäckerei", "apple Orchard", "Ñandú Bakery & Co", "Øresund"]
    for name in names:
        client = services.client_create(workspace=workspace, name=name)
        services.pilot_create(client=client, name=f"Pilot of {name}")
    alpha = services.client_create(workspace=workspace, name="Alpha Dental")
    for name in ("zebra crossing", "Étiquettes", "bookings"):
        services.pilot_create(client=alpha, name=name)

    page = dashboard(alice_client, workspace).content.decode()

    headings = [f">{name}</h2>" for name in [*names, "Alpha Dental"]]
    assert order(page, [h.replace("&", "&amp;") for h in headings]) == [
        ">Alpha Dental</h2>",
        ">apple Orchard</h2>",
        ">Ñandú Bakery &amp; Co</h2>",
        ">Øresund</h2>",
        ">Ünïcødé Bäckerei</h2>",
        ">ZZZ Logistics</h2>",
    ]
    assert order(page, ["bookings", "Étiquettes", "zebra crossing"]) == [
        "bookings",
        "Étiquettes",
        "zebra crossing",
    ]


def test_a_renamed_client_sorts_by_its_new_name(alice_client, workspace):
    first = services.client_create(workspace=workspace, name="Anchor Tiles")
    services.client_create(workspace=workspace, name="Bristol Glass")
    services.pilot_create(client=first, name="Quotes")

    response = alice_client.post(
        reverse("client_update", args=[first.id]), {"name": "Zürich Tiles", "currency": ""}
    )

    first.refresh_from_db()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert first.sort_name == "zurich tiles"
    page = dashboard(alice_client, workspace).content.decode()
    headings = [">Bristol Glass</h2>", ">Zürich Tiles</h2>"]
    assert order(page, headings) == headings


def test_sorted_by_last_activity_the_most_recent_come_first(alice_client, workspace, portfolio):
    page = dashboard(alice_client, workspace, "?sort=activity").content.decode()

    assert order(page, CLIENTS) == ["Plumbing Co", "Dentist Smile", "Bakery North"]
    assert '<option value="activity" selected>Recent activity</option>' in page


def test_a_new_answer_moves_its_pilot_up(alice_client, workspace, portfolio, alice):
    bakery = portfolio["Invoice chasing"]
    services.answer_save(
        assessment=bakery.assessments.get(), question_id="own_authority", value=False, user=alice
    )

    page = dashboard(alice_client, workspace, "?sort=activity").content.decode()

    assert order(page, CLIENTS)[0] == "Bakery North"


def test_someone_answering_by_link_counts_as_activity(alice_client, workspace, portfolio, alice):
    assessment = portfolio["Recall reminders"].assessments.get()
    person = services.respondent_add(assessment=assessment, name="Ola", role="Reception")
    services.answer_save(
        assessment=assessment,
        question_id="own_authority",
        value=False,
        user=None,
        respondent=person,
    )

    page = dashboard(alice_client, workspace, "?sort=activity").content.decode()

    assert order(page, CLIENTS)[0] == "Dentist Smile"


def test_pilots_of_one_client_come_by_last_activity(alice_client, workspace, alice):
    client = services.client_create(workspace=workspace, name="Bakery North")
    older = services.pilot_create(client=client, name="A older pilot")
    newer = services.pilot_create(client=client, name="B newer pilot")
    age(older, 10)
    age(newer, 2)

    by_activity = dashboard(alice_client, workspace, "?sort=activity").content.decode()
    by_name = dashboard(alice_client, workspace).content.decode()

    pilots = ["A older pilot", "B newer pilot"]
    assert order(by_activity, pilots) == ["B newer pilot", "A older pilot"]
    assert order(by_name, pilots) == ["A older pilot", "B newer pilot"]


def test_the_pages_keep_the_order_the_search_and_the_archived(alice_client, workspace):
    for number in range(12):
        services.pilot_create(
            client=services.client_create(workspace=workspace, name=f"Client {number:02}"),
            name=f"Pilot {number:02}",
        )

    page = dashboard(alice_client, workspace, "?q=client&sort=activity&archived=1").content.decode()

    assert 'href="?q=client&amp;sort=activity&amp;archived=1&amp;page=2"' in page
    assert 'href="?decision=go&amp;q=client&amp;sort=activity&amp;archived=1"' in page
    assert 'name="archived" value="1" checked' in page
    assert 'value="client"' in page


def test_an_unknown_order_says_so_and_sorts_by_name(alice_client, workspace, portfolio):
    response = dashboard(alice_client, workspace, "?sort=cheapest")

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is no such order, so pilots are sorted by name." in page
    assert order(page, CLIENTS) == ["Bakery North", "Dentist Smile", "Plumbing Co"]


def test_sorted_by_activity_with_archived_pilots_the_page_costs_the_same(
    alice_client, workspace, alice
):
    counts = []
    for clients in (1, 6):
        for number in range(clients):
            client = services.client_create(workspace=workspace, name=f"C{clients}-{number}")
            for pilot_number in range(clients):
                pilot = services.pilot_create(client=client, name=f"P{pilot_number}")
                services.assessment_start(pilot=pilot, user=alice)
                if pilot_number % 2:
                    services.pilot_archive(pilot=pilot)
        with CaptureQueriesContext(connection) as queries:
            dashboard(alice_client, workspace, "?sort=activity&archived=1&q=c")
        counts.append(len(queries))

    assert counts[0] == counts[1], counts


# Archiving ---------------------------------------------------------------------------


@pytest.fixture
def pilot(workspace, alice):
    client = services.client_create(workspace=workspace, name="Bakery North")
    return services.pilot_create(client=client, name="Invoice chasing")


@pytest.mark.parametrize("manager", ["alice", "cora"])
def test_a_manager_archives_a_pilot_after_a_confirmation(
    client, request, workspace, manager, pilot
):
    client.force_login(request.getfixturevalue(manager))
    url = reverse("pilot_archive", args=[pilot.id])

    confirm = client.get(url).content.decode()
    response = client.post(url)

    assert "Archive the pilot Invoice chasing?" in confirm
    assert "It leaves the dashboard and its counts, for everyone in the workspace." in confirm
    assert "Nothing is deleted" in confirm
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert pilot.archived_at is not None


def test_an_archived_pilot_leaves_the_dashboard_and_its_counts(alice_client, workspace, pilot):
    alice_client.post(reverse("pilot_archive", args=[pilot.id]))

    page = dashboard(alice_client, workspace).content.decode()
    shown = dashboard(alice_client, workspace, "?archived=1").content.decode()

    assert "Archived the pilot Invoice chasing." in page
    assert "Invoice chasing</a>" not in page
    assert "0 current pilots:" in page
    assert 'Invoice chasing</a> <span class="pill">Archived</span>' in shown
    assert "1 pilot, archived ones included:" in shown
    assert reverse("pilot_restore", args=[pilot.id]) in shown


def test_a_client_whose_pilots_are_all_archived_says_so_with_a_link_to_them(
    alice_client, workspace, pilot
):
    services.pilot_archive(pilot=pilot)

    page = dashboard(alice_client, workspace).content.decode()
    link = f"?q=Bakery+North&amp;archived=1#client-{pilot.client_id}"
    shown = dashboard(alice_client, workspace, "?q=Bakery+North&archived=1").content.decode()

    assert "No pilots yet" not in page
    assert f'1 archived pilot — <a href="{link}">show archived pilots</a>.' in page
    assert 'Invoice chasing</a> <span class="pill">Archived</span>' in shown


def test_a_client_with_no_pilot_at_all_invites_the_first(alice_client, workspace):
    services.client_create(workspace=workspace, name="Bakery North")

    page = dashboard(alice_client, workspace).content.decode()

    assert "No pilots yet. <a" in page
    assert "archived pilot —" not in page


def test_restoring_brings_it_back(alice_client, workspace, pilot):
    services.pilot_archive(pilot=pilot)
    url = reverse("pilot_restore", args=[pilot.id])

    confirm = alice_client.get(url).content.decode()
    alice_client.post(url)

    assert "Restore the pilot Invoice chasing?" in confirm
    pilot.refresh_from_db()
    assert pilot.archived_at is None
    page = dashboard(alice_client, workspace).content.decode()
    assert "Restored the pilot Invoice chasing to the dashboard." in page
    assert "1 current pilot:" in page


def test_the_pilot_page_says_it_is_archived(alice_client, pilot):
    services.pilot_archive(pilot=pilot)

    page = alice_client.get(reverse("pilot_detail", args=[pilot.id])).content.decode()

    assert "hidden from the dashboard until it is restored" in page
    assert reverse("pilot_restore", args=[pilot.id]) in page


@pytest.mark.parametrize("persona", ["bob", "victor"])
@pytest.mark.parametrize("url_name", ["pilot_archive", "pilot_restore"])
def test_members_and_viewers_get_403_and_nothing_changes(
    request, workspace, persona, url_name, pilot
):
    browser = Browser()
    browser.force_login(request.getfixturevalue(persona))
    url = reverse(url_name, args=[pilot.id])
    before = db_fingerprint()

    assert browser.get(url).status_code == 403
    assert browser.post(url).status_code == 403
    assert db_fingerprint() == before


@pytest.mark.parametrize("persona", ["bob", "victor"])
def test_members_and_viewers_see_no_archive_button(request, workspace, persona, pilot):
    browser = Browser()
    browser.force_login(request.getfixturevalue(persona))

    pages = [
        dashboard(browser, workspace).content.decode(),
        browser.get(reverse("pilot_detail", args=[pilot.id])).content.decode(),
    ]

    assert all(reverse("pilot_archive", args=[pilot.id]) not in page for page in pages)


def test_managers_see_the_archive_button(alice_client, workspace, pilot):
    page = dashboard(alice_client, workspace).content.decode()

    assert f'href="{reverse("pilot_archive", args=[pilot.id])}">Archive' in page
