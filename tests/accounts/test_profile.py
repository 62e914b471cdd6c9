"""Your account: set the name others see, and change your password."""

from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD

NEW_PASSWORD = "a-much-longer-secret-phrase-42"


def test_the_header_links_to_your_account_by_your_name(alice_client, workspace):
    page = alice_client.get(reverse("workspace_detail", args=[workspace.id])).content.decode()

    assert f'href="{reverse("profile")}">Alice Owner' in page


def test_the_header_shows_your_email_until_you_give_a_name(client, alice, workspace):
    User.objects.filter(pk=alice.pk).update(full_name="")
    client.force_login(alice)

    page = client.get(reverse("workspace_detail", args=[workspace.id])).content.decode()

    assert f'href="{reverse("profile")}">alice@acme.test' in page


def test_the_account_page_needs_a_login(client):
    response = client.get(reverse("profile"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_saving_your_name_changes_it_where_people_are_shown(alice_client, workspace):
    response = alice_client.post(reverse("profile"), {"full_name": "  Alice Ambrose "})

    assert response.status_code == 302
    assert response.url == reverse("profile")
    assert User.objects.get(email="alice@acme.test").full_name == "Alice Ambrose"
    page = alice_client.get(response.url).content.decode()
    assert "Saved your name." in page
    team = alice_client.get(reverse("team", args=[workspace.id])).content.decode()
    assert "Alice Ambrose" in team and "Alice Owner" not in team


def test_a_name_too_long_is_refused_and_nothing_changes(alice_client, alice):
    response = alice_client.post(reverse("profile"), {"full_name": "A" * 151})

    assert response.status_code == 422
    assert "Ensure this value has at most 150 characters" in response.content.decode()
    alice.refresh_from_db()
    assert alice.full_name == "Alice Owner"


def test_changing_your_password_keeps_you_signed_in_and_says_so(alice_client, alice):
    response = alice_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("profile"), 302)]
    assert "Your password is changed." in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert alice_client.get(reverse("profile")).status_code == 200


def test_a_wrong_current_password_is_refused_and_nothing_changes(alice_client, alice):
    response = alice_client.post(
        reverse("password_change"),
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 422
    assert "Your old password was entered incorrectly." in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_new_passwords_that_differ_are_refused(alice_client, alice):
    response = alice_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": "other"},
    )

    assert response.status_code == 422
    assert "The two password fields didn’t match." in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_guessing_the_current_password_is_stopped_after_ten_tries(alice_client, alice):
    for _ in range(10):
        alice_client.post(reverse("password_change"), {"old_password": "guess"})

    response = alice_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 422
    assert "Too many attempts to change your password." in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_a_name_pasted_with_a_line_break_is_saved_on_one_line(alice_client, alice):
    response = alice_client.post(reverse("profile"), {"full_name": "Alice\r\n\tAmbrose "})

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.full_name == "Alice Ambrose"
