from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import ExifTags, Image

from accounts import services
from accounts.models import Workspace


def _branding(**overrides):
    data = {"name": "Acme Advisory", "accent_colour": "#AA3300", "prepared_by": "Prepared by Acme"}
    data.update(overrides)
    return data


def test_owner_updates_branding(alice_client, workspace):
    response = alice_client.post(reverse("workspace_settings", args=[workspace.id]), _branding())

    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.name == "Acme Advisory"
    assert workspace.accent_colour == "#aa3300"
    assert workspace.prepared_by == "Prepared by Acme"


def test_bad_colour_is_rejected_with_a_message_and_nothing_changes(alice_client, workspace):
    response = alice_client.post(
        reverse("workspace_settings", args=[workspace.id]), _branding(accent_colour="red")
    )

    assert response.status_code == 422
    assert "six hex digits" in response.content.decode()
    workspace.refresh_from_db()
    assert workspace.name == "Acme Ltd"


def test_owner_sets_the_currency_new_clients_start_in(alice_client, workspace):
    response = alice_client.post(
        reverse("workspace_settings", args=[workspace.id]), _branding(default_currency="EUR")
    )

    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.default_currency == "EUR"


def test_the_settings_page_shows_the_currency_chosen(alice_client, workspace):
    workspace.default_currency = "GBP"
    workspace.save(update_fields=["default_currency"])

    page = alice_client.get(reverse("workspace_settings", args=[workspace.id])).content.decode()

    assert '<label for="id_default_currency">Currency of new clients</label>' in page
    assert '<option value="GBP" selected>Pound sterling (GBP)</option>' in page


def test_an_unknown_currency_is_refused_with_a_message_and_nothing_changes(alice_client, workspace):
    response = alice_client.post(
        reverse("workspace_settings", args=[workspace.id]),
        _branding(default_currency="DOGE"),
    )

    assert response.status_code == 422
    assert "Choose a currency from the list" in response.content.decode()
    workspace.refresh_from_db()
    assert (workspace.name, workspace.default_currency) == ("Acme Ltd", "")


def test_leaving_the_currency_not_set_clears_it(alice_client, workspace):
    workspace.default_currency = "GBP"
    workspace.save(update_fields=["default_currency"])

    alice_client.post(
        reverse("workspace_settings", args=[workspace.id]), _branding(default_currency="")
    )

    workspace.refresh_from_db()
    assert workspace.default_currency == ""


def test_a_viewer_reads_the_currency_of_new_clients(client, victor, workspace):
    workspace.default_currency = "CAD"
    workspace.save(update_fields=["default_currency"])
    client.force_login(victor)

    page = client.get(reverse("workspace_settings", args=[workspace.id])).content.decode()

    assert "Canadian dollar (CAD)" in page
    assert "<select" not in page


def test_member_cannot_change_branding(client, bob, workspace):
    client.force_login(bob)

    response = client.post(reverse("workspace_settings", args=[workspace.id]), _branding())

    assert response.status_code == 403
    workspace.refresh_from_db()
    assert workspace.name == "Acme Ltd"


def test_settings_page_lists_members(alice_client, bob, workspace):
    body = alice_client.get(reverse("workspace_settings", args=[workspace.id])).content.decode()

    assert "bob@acme.test" in body
    assert "Member" in body


def test_dashboard_with_one_workspace_goes_straight_to_it(alice_client, workspace):
    response = alice_client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response.url == reverse("workspace_detail", args=[workspace.id])


def test_a_colour_too_light_to_read_on_white_is_refused_saying_why_and_what_to_pick(
    alice_client, workspace
):
    response = alice_client.post(
        reverse("workspace_settings", args=[workspace.id]), _branding(accent_colour="#ffff66")
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "This colour is too light to read on a white page" in page
    assert "its contrast with white is 1.1 to 1, and reports need at least 3 to 1" in page
    assert "Choose a darker shade, such as #" in page
    workspace.refresh_from_db()
    assert (workspace.name, workspace.accent_colour) == ("Acme Ltd", "#1f5f8b")


def test_a_colour_just_dark_enough_is_saved(alice_client, workspace):
    response = alice_client.post(
        reverse("workspace_settings", args=[workspace.id]), _branding(accent_colour="#767676")
    )

    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.accent_colour == "#767676"


def test_the_logo_field_offers_only_our_own_remove_box(alice_client, workspace, settings):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    buffer = BytesIO()
    Image.new("RGB", (40, 20), "#7a2e8f").save(buffer, "PNG")
    workspace.logo = SimpleUploadedFile("logo.png", buffer.getvalue(), "image/png")
    workspace.save()

    page = alice_client.get(reverse("workspace_settings", args=[workspace.id])).content.decode()

    assert 'type="file" name="logo"' in page
    assert "Currently" not in page
    assert "logo-clear" not in page
    assert page.count('type="checkbox"') == 1
    assert "Remove the current logo" in page


@pytest.fixture
def in_memory_files(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def image_upload(name="logo.png", size=(600, 150), fmt="PNG", content_type="image/png"):
    buffer = BytesIO()
    Image.new("RGB", size, "#1f5f8b").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type)


def upload_logo(client, workspace, upload, **extra):
    return client.post(
        reverse("workspace_settings", args=[workspace.id]), _branding(logo=upload, **extra)
    )


def test_a_png_logo_is_saved_and_shown_on_the_settings_page(
    alice_client, workspace, in_memory_files
):
    response = upload_logo(alice_client, workspace, image_upload())

    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.logo.name.startswith("logos/logo") and workspace.logo.name.endswith(".png")
    page = alice_client.get(reverse("workspace_settings", args=[workspace.id])).content.decode()
    logo_url = reverse("workspace_logo", args=[workspace.id])
    assert f'<img src="{logo_url}?v=' in page
    assert 'alt="The current logo"' in page
    assert "Remove the current logo" in page


def test_a_jpeg_logo_is_saved(alice_client, workspace, in_memory_files):
    upload = image_upload("photo.jpeg", fmt="JPEG", content_type="image/jpeg")

    assert upload_logo(alice_client, workspace, upload).status_code == 302
    workspace.refresh_from_db()
    assert workspace.logo.name.endswith(".jpg")


def test_a_logo_is_named_by_what_it_is_not_by_its_file_name(
    alice_client, workspace, in_memory_files
):
    upload_logo(alice_client, workspace, image_upload("logo.jpg", content_type="image/jpeg"))

    workspace.refresh_from_db()
    assert workspace.logo.name.endswith(".png")


def test_without_a_logo_there_is_nothing_to_remove_or_show(alice_client, workspace):
    page = alice_client.get(reverse("workspace_settings", args=[workspace.id])).content.decode()

    assert "Remove the current logo" not in page
    assert 'type="checkbox"' not in page
    assert reverse("workspace_logo", args=[workspace.id]) not in page


def test_the_file_input_offers_only_png_and_jpeg_and_says_how_the_logo_prints(
    alice_client, workspace
):
    page = alice_client.get(reverse("workspace_settings", args=[workspace.id])).content.decode()

    assert 'accept="image/png,image/jpeg"' in page
    assert "A PNG or JPEG file of up to 1 MB" in page
    assert "at the top of the first page of every report" in page
    assert "at most 60 mm wide and 16 mm high" in page
    assert "up to eight times as wide as it is tall" in page


def test_removing_the_logo_clears_it_and_the_box_goes(alice_client, workspace, in_memory_files):
    upload_logo(alice_client, workspace, image_upload())

    response = alice_client.post(
        reverse("workspace_settings", args=[workspace.id]), _branding(clear_logo="on")
    )

    assert response.status_code == 302
    workspace.refresh_from_db()
    assert not workspace.logo
    page = alice_client.get(response.url).content.decode()
    assert "Remove the current logo" not in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            image_upload("logo.gif", fmt="GIF", content_type="image/gif"),
            "This image is in GIF format; the logo must be a PNG or JPEG.",
        ),
        (
            image_upload("logo.webp", fmt="WEBP", content_type="image/webp"),
            "This image is in WEBP format; the logo must be a PNG or JPEG.",
        ),
        (
            SimpleUploadedFile(
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>',
                "image/svg+xml",
            ),
            "SVG logos cannot be used: reports print only PNG and JPEG images.",
        ),
        (
            SimpleUploadedFile("notes.txt", b"not a picture", "text/plain"),
            "This file is not a PNG or JPEG image, or it is damaged.",
        ),
        (
            image_upload(size=(4000, 40)),
            "This image is 4,000 × 40 pixels: too wide for its height to be readable",
        ),
        (
            image_upload(size=(100, 300)),
            "This image is 100 × 300 pixels: too tall for its width to be readable",
        ),
        (
            image_upload(size=(60, 30)),
            "This image is 60 × 30 pixels: too small to print sharply.",
        ),
        (
            image_upload(size=(6000, 1000)),
            "This image is 6,000 × 1,000 pixels: larger than a report can use.",
        ),
        (
            SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * 1_200_000, "image/png"),
            "This file is 1.2 MB; the logo must be 1 MB or smaller.",
        ),
    ],
    ids=["gif", "webp", "svg", "text", "too-wide", "too-tall", "too-small", "too-big", "heavy"],
)
def test_a_logo_reports_cannot_print_well_is_refused_saying_why_and_nothing_changes(
    alice_client, workspace, in_memory_files, upload, message
):
    response = upload_logo(alice_client, workspace, upload)

    assert response.status_code == 422
    page = response.content.decode()
    assert f'<p class="error" id="id_logo_error">{message}' in page
    workspace.refresh_from_db()
    assert (workspace.name, workspace.logo.name) == ("Acme Ltd", "")


def test_a_refused_logo_leaves_the_current_one_in_place(alice_client, workspace, in_memory_files):
    upload_logo(alice_client, workspace, image_upload())
    workspace.refresh_from_db()
    current = workspace.logo.name

    upload_logo(alice_client, workspace, image_upload(size=(4000, 40)))

    workspace.refresh_from_db()
    assert workspace.logo.name == current


def test_a_viewer_sees_the_logo_without_a_form(client, victor, workspace, in_memory_files):
    workspace.logo = image_upload()
    workspace.save()
    client.force_login(victor)

    page = client.get(reverse("workspace_settings", args=[workspace.id])).content.decode()

    assert f'<img src="{reverse("workspace_logo", args=[workspace.id])}?v=' in page
    assert 'type="file"' not in page


def camera_jpeg(size, orientation):
    """A JPEG as a phone stores it: the pixels on their side, and EXIF data saying so."""
    buffer = BytesIO()
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    image = Image.new("RGB", size, "#1f5f8b")
    # A mark in the stored image's top-left corner, to see where turning it puts it.
    image.paste("#ffffff", (0, 0, 20, 20))
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), "image/jpeg")


def test_a_photo_turned_by_its_exif_data_is_judged_as_it_shows_and_refused_if_too_tall(
    alice_client, workspace, in_memory_files
):
    # Stored 2,000 wide and 300 high, shown 300 wide and 2,000 high: far too tall.
    response = upload_logo(alice_client, workspace, camera_jpeg((2000, 300), orientation=6))

    assert response.status_code == 422
    assert (
        '<p class="error" id="id_logo_error">This image is 300 × 2,000 pixels: too tall '
        "for its width to be readable in print."
    ) in response.content.decode()
    workspace.refresh_from_db()
    assert workspace.logo.name == ""


def test_a_photo_turned_by_its_exif_data_is_stored_the_right_way_up(
    alice_client, workspace, in_memory_files
):
    # Stored 150 wide and 600 high, too tall as it is; shown 600 wide and 150 high.
    response = upload_logo(alice_client, workspace, camera_jpeg((150, 600), orientation=6))

    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.logo.name.endswith(".jpg")
    with workspace.logo.open("rb") as handle, Image.open(handle) as stored:
        assert stored.size == (600, 150)
        # Nothing left to turn: every viewer shows it alike.
        assert stored.getexif().get(ExifTags.Base.Orientation) in (None, 1)
        # Orientation 6 turns the stored image a quarter turn clockwise: its top-left
        # corner ends at the top right.
        assert stored.convert("L").getpixel((595, 5)) > 200
        assert stored.convert("L").getpixel((5, 5)) < 200


# A replaced or removed logo's file is deleted once the change is committed -------------


@pytest.fixture
def first_logo(alice_client, workspace, media_root, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        upload_logo(alice_client, workspace, image_upload())
    workspace.refresh_from_db()
    assert (media_root / workspace.logo.name).is_file()
    return workspace.logo.name


def test_replacing_the_logo_deletes_the_old_file_once_saved(
    alice_client, workspace, media_root, first_logo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as on_commit:
        response = upload_logo(alice_client, workspace, image_upload("new.png", size=(800, 200)))
        assert (media_root / first_logo).is_file(), "deleted before the change was committed"
    for callback in on_commit:
        callback()

    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.logo.name != first_logo
    assert (media_root / workspace.logo.name).is_file()
    assert not (media_root / first_logo).exists()


def test_removing_the_logo_deletes_its_file_once_saved(
    alice_client, workspace, media_root, first_logo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as on_commit:
        alice_client.post(
            reverse("workspace_settings", args=[workspace.id]), _branding(clear_logo="on")
        )
        assert (media_root / first_logo).is_file(), "deleted before the change was committed"
    for callback in on_commit:
        callback()

    workspace.refresh_from_db()
    assert not workspace.logo
    assert not (media_root / first_logo).exists()


def test_saving_other_settings_keeps_the_logo_file(
    alice_client, workspace, media_root, first_logo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(reverse("workspace_settings", args=[workspace.id]), _branding())

    workspace.refresh_from_db()
    assert workspace.logo.name == first_logo
    assert (media_root / first_logo).is_file()


def test_a_replacement_rolled_back_keeps_the_old_file(
    workspace, media_root, first_logo, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.workspace_update_settings(
            workspace=workspace,
            name="Acme Ltd",
            accent_colour="#aa3300",
            prepared_by="",
            logo=image_upload("new.png"),
        )
        raise RuntimeError("the request failed after the save")

    workspace.refresh_from_db()
    assert workspace.logo.name == first_logo
    assert (media_root / first_logo).is_file()


def test_a_replacement_refused_on_saving_keeps_the_old_file(
    workspace, media_root, first_logo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.workspace_update_settings(
            workspace=workspace,
            name="Acme Ltd",
            accent_colour="red",
            prepared_by="",
            logo=image_upload("new.png"),
        )

    assert Workspace.objects.get(pk=workspace.pk).logo.name == first_logo
    assert (media_root / first_logo).is_file()


def test_a_logo_file_another_workspace_still_uses_is_kept(
    alice_client, workspace, media_root, first_logo, django_capture_on_commit_callbacks
):
    other = Workspace.objects.create(name="Harbour Bakery")
    Workspace.objects.filter(pk=other.pk).update(logo=first_logo)

    with django_capture_on_commit_callbacks(execute=True):
        upload_logo(alice_client, workspace, image_upload("new.png"))

    workspace.refresh_from_db()
    assert workspace.logo.name != first_logo
    assert (media_root / first_logo).is_file()


def test_a_name_and_prepared_by_line_with_line_breaks_are_saved_on_one_line(
    alice_client, workspace
):
    response = alice_client.post(
        reverse("workspace_settings", args=[workspace.id]),
        _branding(name="Acme\r\nAdvisory", prepared_by="Prepared by\nAcme\r\n"),
    )

    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.name == "Acme Advisory"
    assert workspace.prepared_by == "Prepared by Acme"
