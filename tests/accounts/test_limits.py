"""Limits on signing in, signing up, password resets and invitation emails.

Each limit refuses with a message that says what to do, and does nothing else.
"""

from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Invitation, Membership, User
from tests.conftest import PASSWORD

TOO_MANY_SIGN_INS = "Too many attempts to sign in with this email address."


def sign_in(client, email, password, url=None):
    return client.post(url or reverse("login"), {"username": email, "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# Signing in ------------------------------------------------------------------------------


def test_the_right_password_is_refused_after_ten_tries_at_one_address(client, alice):
    for _ in range(10):
        sign_in(client, "alice@acme.test", "guess")

    response = sign_in(client, "alice@acme.test", PASSWORD)

    assert TOO_MANY_SIGN_INS in response.content.decode()
    assert "reset your password" in response.content.decode()
    assert not signed_in(client)


def test_ten_tries_are_allowed_and_the_tenth_may_succeed(client, alice):
    for _ in range(9):
        sign_in(client, "alice@acme.test", "guess")

    response = sign_in(client, "ALICE@acme.test ", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_signing_in_successfully_does_not_count_towards_the_limit(client, alice):
    # A consultant signing in on a laptop, a projector and a phone, again and again.
    for _ in range(12):
        assert sign_in(Client(), "alice@acme.test", PASSWORD).status_code == 302
    for _ in range(9):
        sign_in(client, "alice@acme.test", "guess")

    assert sign_in(client, "alice@acme.test", PASSWORD).status_code == 302


def test_an_office_signing_in_together_is_not_stopped(client, db):
    for n in range(65):
        User.objects.create_user(email=f"staff{n}@acme.test", password=PASSWORD)
    for n in range(65):
        assert sign_in(Client(), f"staff{n}@acme.test", PASSWORD).status_code == 302


def test_the_address_is_counted_whatever_its_case_and_spaces(client, alice):
    for spelling in ["alice@acme.test", "ALICE@ACME.TEST", " Alice@Acme.test "] * 4:
        sign_in(client, spelling, "guess")

    assert TOO_MANY_SIGN_INS in sign_in(client, "alice@acme.test", PASSWORD).content.decode()


def test_tries_at_one_address_do_not_lock_out_another(client, alice, bob):
    for _ in range(11):
        sign_in(client, "alice@acme.test", "guess")

    response = sign_in(client, "bob@acme.test", PASSWORD)

    assert response.status_code == 302


def test_one_network_trying_many_addresses_is_stopped(client, alice):
    for n in range(60):
        sign_in(client, f"someone{n}@acme.test", "guess")

    response = sign_in(client, "alice@acme.test", PASSWORD)

    assert "Too many attempts to sign in from your network." in response.content.decode()
    assert not signed_in(client)


def test_another_network_can_still_sign_in(client, alice):
    for n in range(61):
        sign_in(client, f"someone{n}@acme.test", "guess")
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")

    assert sign_in(elsewhere, "alice@acme.test", PASSWORD).status_code == 302


def test_behind_a_proxy_each_visitor_is_counted_by_the_header_it_names(alice, settings):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    noisy = Client(HTTP_X_REAL_IP="198.51.100.7")
    for n in range(61):
        sign_in(noisy, f"someone{n}@acme.test", "guess")

    # Same proxy address (REMOTE_ADDR), another visitor behind it.
    response = sign_in(Client(HTTP_X_REAL_IP="198.51.100.8"), "alice@acme.test", PASSWORD)

    assert response.status_code == 302


def test_the_admin_sign_in_counts_the_same_attempts(client, db):
    User.objects.create_superuser(email="root@acme.test", password=PASSWORD)
    admin_login = reverse("admin:login")
    for _ in range(10):
        sign_in(client, "root@acme.test", "guess", url=admin_login)

    response = sign_in(client, "root@acme.test", PASSWORD, url=admin_login)

    assert TOO_MANY_SIGN_INS in response.content.decode()
    assert not signed_in(client)


def test_a_cache_that_cannot_be_reached_lets_people_sign_in(client, alice, settings):
    settings.CACHES = {
        **settings.CACHES,
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        },
    }

    response = sign_in(client, "alice@acme.test", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


# Signing up -------------------------------------------------------------------------------


def sign_up(client, n):
    return client.post(
        reverse("signup"),
        {
            "email": f"founder{n}@example.test",
            "full_name": f"Founder {n}",
            "workspace_name": f"Company {n}",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )


def test_an_eleventh_account_from_one_network_in_an_hour_is_refused(db):
    for n in range(10):
        assert sign_up(Client(), n).status_code == 302

    response = sign_up(Client(), 10)

    assert response.status_code == 429
    assert "Too many accounts were created from your network" in response.content.decode()
    assert not User.objects.filter(email="founder10@example.test").exists()
    assert User.objects.count() == 10


def test_a_refused_sign_up_keeps_what_was_typed_but_not_the_password(db):
    for n in range(10):
        sign_up(Client(), n)

    page = sign_up(Client(), 10).content.decode()

    assert 'value="founder10@example.test"' in page
    assert "a-long-unusual-passphrase" not in page


# Password resets --------------------------------------------------------------------------


def test_a_fourth_reset_link_to_one_address_in_an_hour_is_refused(client, alice):
    for _ in range(3):
        assert (
            client.post(reverse("password_reset"), {"email": "alice@acme.test"}).status_code == 302
        )

    response = client.post(reverse("password_reset"), {"email": "Alice@acme.test"})

    assert response.status_code == 429
    assert "Check your inbox and spam folder" in response.content.decode()
    assert len(mail.outbox) == 3


def test_a_network_asking_for_many_resets_is_stopped(client, alice):
    for n in range(20):
        client.post(reverse("password_reset"), {"email": f"nobody{n}@acme.test"})

    response = client.post(reverse("password_reset"), {"email": "alice@acme.test"})

    assert response.status_code == 429
    assert not mail.outbox


# Invitations ------------------------------------------------------------------------------


def invite(client, team_url, email="dana@acme.test", role="member"):
    return client.post(team_url, {"email": email, "role": role})


def test_a_sixth_invitation_to_one_address_in_an_hour_is_refused_and_changes_nothing(
    alice_client, team_url
):
    for _ in range(5):
        assert invite(alice_client, team_url).status_code == 302
    token = Invitation.objects.get().token

    response = invite(alice_client, team_url, role="viewer")

    assert response.status_code == 429
    assert "This address has been sent 5 invitation emails in the last hour." in (
        response.content.decode()
    )
    invitation = Invitation.objects.get()
    assert (invitation.token, invitation.role) == (token, Membership.Role.MEMBER)
    assert len(mail.outbox) == 5


def test_a_workspace_sends_at_most_thirty_invitations_an_hour(alice_client, team_url):
    for n in range(30):
        assert invite(alice_client, team_url, email=f"person{n}@acme.test").status_code == 302

    response = invite(alice_client, team_url, email="one-more@acme.test")

    assert response.status_code == 429
    assert "This workspace has sent 30 invitations in the last hour" in response.content.decode()
    assert not Invitation.objects.filter(email="one-more@acme.test").exists()


def test_another_workspace_is_not_held_back(alice_client, team_url, client, charlie):
    for n in range(31):
        invite(alice_client, team_url, email=f"person{n}@acme.test")
    charlies = Client()
    charlies.force_login(charlie)
    elsewhere = reverse("team", args=[charlie.memberships.get().workspace_id])

    assert invite(charlies, elsewhere).status_code == 302


def test_a_new_link_counts_against_the_same_address(alice_client, workspace, team_url):
    invite(alice_client, team_url)
    invitation = Invitation.objects.get()
    renew = reverse("invitation_renew", args=[workspace.id, invitation.id])
    for _ in range(4):
        alice_client.post(renew)
    token = Invitation.objects.get().token

    response = alice_client.post(renew, follow=True)

    assert "No new link for dana@acme.test. This address has been sent 5 invitation emails" in (
        response.content.decode()
    )
    assert Invitation.objects.get().token == token
    assert len(mail.outbox) == 5
