"""Uploaded files are never served from MEDIA_URL, not even with DEBUG on: only the
views that check who asks serve them."""

import importlib
from io import BytesIO

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import clear_url_caches, reverse
from PIL import Image


@pytest.fixture
def debug_urls(settings):
    """The project's URLs as they are built with DEBUG on."""
    debug_before = django_settings.DEBUG
    settings.DEBUG = True
    urls = importlib.reload(importlib.import_module(django_settings.ROOT_URLCONF))
    clear_url_caches()
    yield urls
    settings.DEBUG = debug_before
    importlib.reload(urls)
    clear_url_caches()


@pytest.fixture
def logo(workspace, media_root):
    buffer = BytesIO()
    Image.new("RGB", (600, 150), "#1f5f8b").save(buffer, "PNG")
    workspace.logo.save("logo.png", ContentFile(buffer.getvalue()))
    assert (media_root / workspace.logo.name).is_file()
    return workspace.logo


def test_a_logo_is_not_served_from_its_storage_url_with_debug_on(
    client, charlie, workspace, logo, debug_urls
):
    client.force_login(charlie)

    assert logo.url.startswith(django_settings.MEDIA_URL)
    assert client.get(logo.url).status_code == 404


def test_a_members_view_of_the_logo_still_serves_it_with_debug_on(
    alice_client, workspace, media_root, logo, debug_urls
):
    response = alice_client.get(reverse("workspace_logo", args=[workspace.id]))

    assert response.status_code == 200
    assert response.content == (media_root / logo.name).read_bytes()


def test_a_report_pdf_is_not_served_from_its_storage_url_with_debug_on(
    alice_client, media_root, debug_urls
):
    name = default_storage.save("reports/1/report.pdf", ContentFile(b"%PDF-1.7 private"))
    assert (media_root / name).is_file()

    assert alice_client.get(default_storage.url(name)).status_code == 404
