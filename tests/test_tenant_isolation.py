import sys
import types

import pytest
from django.urls import path, reverse

from tests.isolation import (
    CASES,
    WORKSPACE_URLS,
    WORLD_CLIENT_WORDS,
    db_fingerprint,
    object_url_names,
)


@pytest.fixture(autouse=True)
def _files_in_memory(settings):
    # A case may store a file (the workspace's logo); none of it should reach the disk.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def test_every_object_url_has_an_isolation_case():
    missing = object_url_names() - CASES.keys()
    assert not missing, f"Add an isolation case in tests/isolation.py for: {sorted(missing)}"


def test_no_isolation_case_names_a_url_that_no_longer_exists():
    stale = CASES.keys() - object_url_names()
    assert not stale, f"Remove stale isolation cases: {sorted(stale)}"


def test_a_new_object_url_without_a_case_is_detected(settings):
    """The enumeration itself works: an added object URL shows up as uncovered."""
    module = types.ModuleType("tests._extra_urls")
    from readiness.urls import urlpatterns

    module.urlpatterns = [
        *urlpatterns,
        path("w/<int:workspace_id>/secret/<int:thing_id>/", lambda r: None, name="secret_thing"),
    ]
    sys.modules[module.__name__] = module
    try:
        assert object_url_names(module.__name__) - CASES.keys() == {"secret_thing"}
    finally:
        del sys.modules[module.__name__]


@pytest.mark.parametrize("url_name", sorted(CASES))
def test_outsider_gets_404_and_nothing_changes(client, world, charlie, url_name):
    client.force_login(charlie)
    url = reverse(url_name, kwargs=CASES[url_name](world))
    before = db_fingerprint()

    statuses = {
        "GET": client.get(url).status_code,
        "POST": client.post(url, {"name": "hijacked", "confirm": "yes"}).status_code,
    }

    assert set(statuses.values()) <= {404, 405}, statuses
    assert 404 in statuses.values(), statuses
    assert db_fingerprint() == before


def test_every_workspace_url_is_a_case():
    assert CASES.keys() >= WORKSPACE_URLS


@pytest.mark.parametrize("url_name", sorted(CASES.keys() - WORKSPACE_URLS))
def test_someone_limited_to_another_client_gets_404_and_nothing_changes(
    client, world, lena, url_name
):
    client.force_login(lena)
    url = reverse(url_name, kwargs=CASES[url_name](world))
    before = db_fingerprint()

    statuses = {
        "GET": client.get(url).status_code,
        "POST": client.post(url, {"name": "hijacked", "confirm": "yes"}).status_code,
    }

    assert set(statuses.values()) <= {404, 405}, statuses
    assert 404 in statuses.values(), statuses
    assert db_fingerprint() == before


@pytest.mark.parametrize("url_name", sorted(WORKSPACE_URLS))
def test_the_workspace_pages_show_someone_limited_nothing_of_another_client(
    client, world, lena, url_name
):
    client.force_login(lena)
    url = reverse(url_name, kwargs=CASES[url_name](world))
    before = db_fingerprint()

    responses = [client.get(url), client.post(url, {"name": "hijacked", "confirm": "yes"})]

    for response in responses:
        assert response.status_code in {200, 302, 403, 405, 422}, (url_name, response)
        # The workspace's logo is an image of the workspace, shown to all its members.
        if response["Content-Type"].startswith("image/"):
            continue
        page = response.content.decode()
        assert not [word for word in WORLD_CLIENT_WORDS if word in page]
    assert db_fingerprint() == before
