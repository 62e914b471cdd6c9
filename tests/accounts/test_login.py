from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD


def test_login_with_email_and_password_reaches_dashboard(client, alice):
    response = client.post(reverse("login"), {"username": "alice@acme.test", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_login_takes_the_address_whatever_its_case_and_spaces(client, alice):
    response = client.post(
        reverse("login"), {"username": " Alice@ACME.test ", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_login_with_wrong_password_stays_logged_out(client, alice):
    response = client.post(reverse("login"), {"username": "alice@acme.test", "password": "nope"})

    assert response.status_code == 200
    assert "correct email address and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_failed_sign_in_says_only_the_password_is_case_sensitive(client, alice):
    response = client.post(
        reverse("login"), {"username": "alice@acme.test", "password": PASSWORD.upper()}
    )

    page = response.content.decode()
    assert "The password is case-sensitive; the email address is not." in page
    assert "both fields may be case-sensitive" not in page
    assert "_auth_user_id" not in client.session


def test_a_failed_admin_sign_in_says_only_the_password_is_case_sensitive(client, alice):
    response = client.post(
        reverse("admin:login"), {"username": "alice@acme.test", "password": "nope"}
    )

    page = response.content.decode()
    assert "The password is case-sensitive; the email address is not." in page
    assert "both fields may be case-sensitive" not in page


def test_logout_ends_the_session(alice_client):
    response = alice_client.post(reverse("logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in alice_client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client, alice):
    client.post(reverse("password_reset"), {"email": "alice@acme.test"})

    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "brand-new-passphrase-9", "new_password2": "brand-new-passphrase-9"},
    )
    alice.refresh_from_db()
    assert alice.check_password("brand-new-passphrase-9")


def test_anonymous_dashboard_redirects_to_login(client, db):
    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
