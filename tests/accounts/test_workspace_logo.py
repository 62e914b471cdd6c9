"""The workspace's logo, served to its own members only."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image


@pytest.fixture
def logo_png(workspace, settings) -> bytes:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    buffer = BytesIO()
    Image.new("RGB", (600, 150), "#1f5f8b").save(buffer, "PNG")
    workspace.logo.save("logo.png", ContentFile(buffer.getvalue()))
    return buffer.getvalue()


def logo_url(workspace) -> str:
    return reverse("workspace_logo", args=[workspace.id])


def test_a_member_gets_the_logo_as_an_image(client, bob, workspace, logo_png):
    client.force_login(bob)

    response = client.get(logo_url(workspace))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content == logo_png
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert "private" in response["Cache-Control"]


def test_someone_limited_to_one_client_still_sees_the_workspace_logo(
    client, lena, workspace, logo_png
):
    client.force_login(lena)

    assert client.get(logo_url(workspace)).content == logo_png


def test_an_outsider_gets_404(client, charlie, workspace, logo_png):
    client.force_login(charlie)

    assert client.get(logo_url(workspace)).status_code == 404


def test_signed_out_the_logo_asks_to_sign_in(client, workspace, logo_png):
    response = client.get(logo_url(workspace))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_no_logo_is_a_404(alice_client, workspace):
    assert alice_client.get(logo_url(workspace)).status_code == 404


def test_an_svg_stored_before_the_rules_is_never_served(alice_client, workspace, logo_png):
    workspace.logo.save("old.svg", ContentFile(b"<svg><script>alert(1)</script></svg>"))

    assert alice_client.get(logo_url(workspace)).status_code == 404


def test_the_logo_cannot_be_posted_to(alice_client, workspace, logo_png):
    assert alice_client.post(logo_url(workspace)).status_code == 405
