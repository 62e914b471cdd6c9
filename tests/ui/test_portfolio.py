"""The dashboard as a portfolio: find clients and pilots by name and by latest decision."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Assessment


def stand(pilot, user, decision: str, progress: int = 60) -> Assessment:
    """Give the pilot a latest assessment that stands at `decision`.

    The dashboard reads the assessment's stored decision and progress, so the test sets
    those rather than answering forty questions for each pilot.
    """
    assessment = services.assessment_start(pilot=pilot, user=user)
    Assessment.objects.filter(pk=assessment.pk).update(decision=decision, progress_percent=progress)
    return assessment


@pytest.fixture
def portfolio(workspace, alice):
    """Three clients: a bakery with two pilots, a plumber with one, a dentist with none."""
    bakery = services.client_create(workspace=workspace, name="Bakery North")
    plumber = services.client_create(workspace=workspace, name="Plumbing Co")
    services.client_create(workspace=workspace, name="Dentist Smile")
    invoices = services.pilot_create(client=bakery, name="Invoice chasing")
    orders = services.pilot_create(client=bakery, name="Order intake")
    quotes = services.pilot_create(client=plumber, name="Quote follow-ups")
    stand(invoices, alice, "go")
    stand(orders, alice, "not_yet")
    services.assessment_start(pilot=quotes, user=alice)  # started, nothing answered
    return {"invoices": invoices, "orders": orders, "quotes": quotes}


def dashboard(client, workspace, query: str = ""):
    return client.get(reverse("workspace_detail", args=[workspace.id]) + query)


def test_the_dashboard_counts_pilots_by_latest_decision(alice_client, workspace, portfolio):
    page = dashboard(alice_client, workspace).content.decode()

    assert "3 current pilots:" in page
    assert 'class="portfolio-count">1 Not yet</a>' in page
    assert 'class="portfolio-count">1 Go</a>' in page
    assert 'class="portfolio-count">1 Not assessed</a>' in page
    assert 'class="portfolio-count none">0 Stop</a>' in page
    assert '<option value="not_yet">Not yet (1)</option>' in page
    assert '<label for="portfolio-q">Client or pilot name</label>' in page


def test_filtering_by_decision_lists_only_those_pilots_and_their_clients(
    alice_client, workspace, portfolio
):
    response = dashboard(alice_client, workspace, "?decision=not_yet")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Order intake" in page
    assert "Invoice chasing" not in page
    assert "Plumbing Co" not in page and "Dentist Smile" not in page
    assert "Showing 1 of 2 pilots." in page
    assert '<option value="not_yet" selected>' in page
    assert 'aria-current="true" class="portfolio-count">1 Not yet</a>' in page


def test_not_assessed_means_no_assessment_or_nothing_answered(
    alice_client, workspace, portfolio, client_company
):
    services.pilot_create(client=client_company, name="Never assessed")

    page = dashboard(alice_client, workspace, "?decision=unassessed").content.decode()

    assert "Quote follow-ups" in page and "Never assessed" in page
    assert "Invoice chasing" not in page and "Order intake" not in page


def test_a_pilot_with_nothing_answered_reads_not_answered_yet(alice_client, workspace, portfolio):
    page = dashboard(alice_client, workspace, "?q=quote").content.decode()

    assert '<span class="muted">Not answered yet</span>' in page
    assert "Not yet</span>" not in page


def test_searching_finds_pilots_by_name_in_any_client(alice_client, workspace, portfolio):
    page = dashboard(alice_client, workspace, "?q=QUOTE").content.decode()

    assert "Quote follow-ups" in page and "Plumbing Co" in page
    assert "Bakery North" not in page and "Dentist Smile" not in page
    assert "1 pilot matches “QUOTE”:" in page
    assert 'value="QUOTE"' in page


def test_searching_a_clients_name_shows_all_its_pilots_and_clients_with_none(
    alice_client, workspace, portfolio
):
    bakery = dashboard(alice_client, workspace, "?q=bakery").content.decode()
    dentist = dashboard(alice_client, workspace, "?q=dentist").content.decode()

    assert "Invoice chasing" in bakery and "Order intake" in bakery
    assert "Showing" not in bakery, "every pilot of the client is on show"
    assert "Dentist Smile" in dentist and "No pilots yet." in dentist


def test_search_and_decision_combine(alice_client, workspace, portfolio):
    page = dashboard(alice_client, workspace, "?q=bakery&decision=go").content.decode()

    assert "Invoice chasing" in page and "Order intake" not in page
    # The counts follow the search, so each link narrows within it.
    assert "2 pilots match “bakery”:" in page
    assert 'href="?decision=stop&amp;q=bakery"' in page


def test_nothing_found_says_so_and_offers_everything(alice_client, workspace, portfolio):
    page = dashboard(alice_client, workspace, "?q=zebra&decision=stop").content.decode()

    assert "Nothing matches" in page
    assert "No pilot whose latest decision is Stop matches “zebra”." in page
    assert f'href="{reverse("workspace_detail", args=[workspace.id])}">Show everything</a>' in page
    assert "Assess your first pilot" not in page


def test_an_unknown_decision_is_named_and_everything_shown(alice_client, workspace, portfolio):
    response = dashboard(alice_client, workspace, "?decision=maybe")

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is no such decision to filter by, so every decision is shown." in page
    assert "Invoice chasing" in page and "Quote follow-ups" in page


def test_an_overlong_search_is_cut_short_rather_than_refused(alice_client, workspace, portfolio):
    response = dashboard(alice_client, workspace, "?q=" + "b" * 500)

    assert response.status_code == 200
    assert 'value="' + "b" * 100 + '"' in response.content.decode()


def test_archived_pilots_are_neither_listed_nor_counted(alice_client, workspace, portfolio):
    services.pilot_archive(pilot=portfolio["orders"])

    page = dashboard(alice_client, workspace, "?q=bakery").content.decode()

    assert "Order intake" not in page
    assert "1 pilot matches “bakery”:" in page
    assert 'class="portfolio-count none">0 Not yet</a>' in page


def test_pages_of_a_search_stay_in_the_search(alice_client, workspace, alice):
    for number in range(12):
        client = services.client_create(workspace=workspace, name=f"Client {number:02d}")
        services.pilot_create(client=client, name=f"Triage {number:02d}")

    first = dashboard(alice_client, workspace, "?q=triage").content.decode()
    second = dashboard(alice_client, workspace, "?q=triage&page=2").content.decode()

    assert 'href="?q=triage&amp;page=2">Next →</a>' in first
    assert "Triage 11" in second and "Page 2 of 2" in second


def test_a_viewer_can_search_too(client, victor, workspace, portfolio):
    client.force_login(victor)

    page = dashboard(client, workspace, "?q=quote").content.decode()

    assert "Quote follow-ups" in page and "Invoice chasing" not in page


def test_an_outsider_searching_gets_404(client, charlie, workspace, portfolio):
    client.force_login(charlie)

    assert dashboard(client, workspace, "?q=bakery&decision=go").status_code == 404


def test_an_empty_workspace_shows_no_search(alice_client, workspace):
    page = dashboard(alice_client, workspace).content.decode()

    assert "Assess your first pilot" in page
    assert 'role="search"' not in page
