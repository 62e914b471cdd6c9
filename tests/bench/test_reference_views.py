"""The benchmark's reference views do what their figures claim, and nothing more."""

import pytest

from assessments.models import Assessment

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.urls")]


def test_the_signed_in_floor_needs_a_session(client, alice):
    assert client.get("/bench/signed-in/").status_code == 302

    client.force_login(alice)
    response = client.get("/bench/signed-in/")

    assert response.status_code == 200
    assert response.content == b"ok"


def test_the_save_floor_locks_updates_and_commits_one_draft(alice_client, world):
    assessment = world.objects["assessment"]
    before = Assessment.objects.get(pk=assessment.pk).scored_at

    response = alice_client.post(f"/bench/signed-in-write/{assessment.pk}/")

    assert response.status_code == 200
    assert Assessment.objects.get(pk=assessment.pk).scored_at != before


def test_the_save_floor_answers_404_for_a_missing_draft_and_refuses_get(alice_client):
    assert alice_client.post("/bench/signed-in-write/987654/").status_code == 404
    assert alice_client.get("/bench/signed-in-write/1/").status_code == 405


def test_the_app_itself_does_not_serve_the_reference_views(client, alice, settings):
    settings.ROOT_URLCONF = "readiness.urls"
    client.force_login(alice)

    assert client.get("/bench/signed-in/").status_code == 404
