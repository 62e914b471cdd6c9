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
