from django.urls import reverse


def test_healthz_reports_ok_when_the_database_answers(client, db):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_livez_answers_without_touching_the_database(client):
    # No db fixture: pytest-django raises on any query.
    response = client.get(reverse("livez"))

    assert response.status_code == 200
    assert response.content == b"ok"
