"""Error pages look like the app and say what to do next."""

from django.template.loader import render_to_string
from django.urls import reverse


def test_a_missing_page_is_a_friendly_404_with_a_way_back(alice_client):
    response = alice_client.get(reverse("pilot_detail", args=[987654]))

    assert response.status_code == 404
    page = response.content.decode()
    assert "We could not find that page" in page
    assert reverse("dashboard") in page


def test_a_viewer_who_tries_to_change_something_is_told_why(client, victor, pilot):
    client.force_login(victor)

    response = client.post(reverse("pilot_delete", args=[pilot.id]))

    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot do that here" in page
    assert "Viewers cannot change this workspace." in page


def test_the_server_error_page_needs_no_context_at_all():
    page = render_to_string("500.html")

    assert "Something went wrong on our side" in page
    assert "{%" not in page and "{{" not in page
