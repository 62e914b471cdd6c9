"""Starting a workspace of one's own, for someone signed in who belongs to none."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import services
from accounts.models import Membership, Workspace
from tests.accounts.conftest import membership

START = reverse("workspace_start")


def test_after_leaving_their_only_workspace_a_member_is_offered_their_own(client, bob, workspace):
    client.force_login(bob)
    client.post(reverse("member_remove", args=[workspace.id, membership(bob, workspace).id]))

    page = client.get(reverse("dashboard")).content.decode()

    assert "sign up with another email address" not in page
    assert "Your workspaces" not in page
    assert "not a member" not in page
    assert '<h1 id="workspace-start-title">Start your own workspace</h1>' in page
    assert (
        "You do not belong to any workspace. Start one of your own here, or ask whoever runs "
        "your team's workspace to add you to it."
    ) in page
    assert page.index("Start your own workspace") < page.index("You do not belong")
    assert f'action="{START}"' in page
    assert 'name="workspace_name"' in page
    assert 'name="currency"' in page


def test_someone_who_never_belonged_to_one_reads_the_same(client, bob):
    Membership.objects.filter(user=bob).delete()
    client.force_login(bob)

    page = client.get(reverse("dashboard")).content.decode()

    assert "Your workspaces" not in page
    assert "You do not belong to any workspace." in page
    assert f'action="{START}"' in page


def test_starting_one_makes_them_its_owner_and_lands_on_it(client, bob, workspace):
    Membership.objects.filter(user=bob).delete()
    client.force_login(bob)

    response = client.post(START, {"workspace_name": "  Bob's Advisory ", "currency": "EUR"})

    own = Workspace.objects.get(name="Bob's Advisory")
    assert response.status_code == 302
    assert response.url == reverse("workspace_detail", args=[own.id])
    assert own.default_currency == "EUR"
    assert Membership.objects.get(user=bob).workspace == own
    assert Membership.objects.get(user=bob).role == Membership.Role.OWNER
    page = client.get(response.url).content.decode()
    assert "Your workspace Bob&#x27;s Advisory is ready." in page


def test_the_currency_may_be_left_unset(client, bob):
    Membership.objects.filter(user=bob).delete()
    client.force_login(bob)

    client.post(START, {"workspace_name": "Bob Plain", "currency": ""})

    assert Workspace.objects.get(name="Bob Plain").default_currency == ""


def test_a_blank_name_is_refused_and_nothing_is_made(client, bob):
    Membership.objects.filter(user=bob).delete()
    client.force_login(bob)
    before = Workspace.objects.count()

    response = client.post(START, {"workspace_name": "   ", "currency": ""})

    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert Workspace.objects.count() == before
    assert not Membership.objects.filter(user=bob).exists()


def test_an_unknown_currency_is_refused_and_the_name_is_kept(client, bob):
    Membership.objects.filter(user=bob).delete()
    client.force_login(bob)

    response = client.post(START, {"workspace_name": "Bob Advisory", "currency": "XYZ"})

    page = response.content.decode()
    assert response.status_code == 422
    assert 'value="Bob Advisory"' in page
    assert 'class="error" id="id_currency_error"' in page
    assert not Workspace.objects.filter(name="Bob Advisory").exists()


def test_a_name_too_long_is_refused(client, bob):
    Membership.objects.filter(user=bob).delete()
    client.force_login(bob)

    response = client.post(START, {"workspace_name": "x" * 121})

    assert response.status_code == 422
    assert not Membership.objects.filter(user=bob).exists()


def test_someone_who_belongs_to_a_workspace_is_not_offered_another(alice_client, alice):
    response = alice_client.post(START, {"workspace_name": "Second"}, follow=True)

    assert "You already belong to a workspace" in response.content.decode()
    assert not Workspace.objects.filter(name="Second").exists()
    assert Membership.objects.filter(user=alice).count() == 1


def test_a_visitor_who_is_not_signed_in_is_sent_to_log_in(client, db):
    response = client.post(START, {"workspace_name": "Anon"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Workspace.objects.filter(name="Anon").exists()


def test_only_a_post_starts_one(client, bob):
    Membership.objects.filter(user=bob).delete()
    client.force_login(bob)

    assert client.get(START).status_code == 405


def test_a_second_start_after_the_first_is_refused_and_makes_nothing(bob):
    Membership.objects.filter(user=bob).delete()
    first = services.workspace_start(user=bob, name="Bob's Advisory")

    with pytest.raises(PermissionDenied, match="You already belong to a workspace"):
        services.workspace_start(user=bob, name="Bob's Second")

    assert list(Workspace.objects.filter(memberships__user=bob)) == [first]
    assert not Workspace.objects.filter(name="Bob's Second").exists()


def test_starting_one_locks_the_user_before_checking_they_belong_to_none(bob):
    if not connection.features.has_select_for_update:
        pytest.skip("the database takes no row locks")
    Membership.objects.filter(user=bob).delete()

    with CaptureQueriesContext(connection) as queries:
        services.workspace_start(user=bob, name="Bob's Advisory")

    sql = [query["sql"] for query in queries.captured_queries]
    lock = next(i for i, q in enumerate(sql) if q.endswith("FOR UPDATE") and "accounts_user" in q)
    check = next(i for i, q in enumerate(sql) if "accounts_membership" in q)
    assert lock < check


def test_one_started_meanwhile_by_another_request_sends_them_on_to_it(client, bob, monkeypatch):
    Membership.objects.filter(user=bob).delete()
    client.force_login(bob)
    start = services.workspace_start

    def another_request_first(**kwargs):
        start(**{**kwargs, "name": "Bob's First"})
        return start(**kwargs)

    monkeypatch.setattr(services, "workspace_start", another_request_first)

    response = client.post(START, {"workspace_name": "Bob's Second"}, follow=True)

    assert "You already belong to a workspace: carry on there." in response.content.decode()
    assert [m.workspace.name for m in Membership.objects.filter(user=bob)] == ["Bob's First"]
