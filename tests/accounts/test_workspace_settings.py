from django.urls import reverse


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
