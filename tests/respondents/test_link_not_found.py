"""A link that no longer works says so to someone who has no account."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Answer, Respondent

# Every page of a person's link, and how it is reached: (url name, extra args, method, data).
LINK_PAGES = [
    ("answer_start", [], "get", None),
    ("answer_section", ["ownership"], "get", None),
    ("answer_section", ["ownership"], "post", {"q-own_authority": "yes", "go": "next"}),
    ("answer_section", ["ownership"], "autosave", {"_unit": "q:own_authority"}),
    ("answer_done", [], "get", None),
    ("answer_done", [], "post", {}),
]


def _visit(client, name, token, args, method, data):
    url = reverse(name, args=[token, *args])
    if method == "autosave":
        return client.post(url, {**data, "q-own_authority": "yes"}, HTTP_HX_REQUEST="true")
    if method == "post":
        return client.post(url, data)
    return client.get(url)


def _assert_link_gone(response):
    assert response.status_code == 404
    page = response.content.decode()
    assert "This link no longer works" in page
    assert "may have been replaced" in page
    assert "Ask whoever sent it to you for a new link." in page
    # Nothing that needs an account: no dashboard, no logging in or signing up.
    assert f'href="{reverse("dashboard")}"' not in page
    assert reverse("login") not in page
    assert reverse("signup") not in page
    assert "Go to your dashboard" not in page


@pytest.mark.parametrize(("name", "args", "method", "data"), LINK_PAGES)
def test_an_unknown_link_gets_its_own_404_and_changes_nothing(
    client, priya, name, args, method, data
):
    before = list(Answer.objects.values_list("id", "value", "updated_at"))

    response = _visit(client, name, "not-a-real-link", args, method, data)

    _assert_link_gone(response)
    assert list(Answer.objects.values_list("id", "value", "updated_at")) == before
    priya.refresh_from_db()
    assert priya.finished_at is None


@pytest.mark.parametrize(("name", "args", "method", "data"), LINK_PAGES)
def test_a_replaced_link_gets_its_own_404_and_changes_nothing(
    client, priya, name, args, method, data
):
    old = priya.invite_token
    services.respondent_new_link(respondent=priya)
    before = list(Answer.objects.values_list("id", "value", "updated_at"))

    response = _visit(client, name, old, args, method, data)

    _assert_link_gone(response)
    assert list(Answer.objects.values_list("id", "value", "updated_at")) == before
    priya.refresh_from_db()
    assert priya.finished_at is None


def test_the_link_of_a_removed_person_gets_the_same_404(client, priya):
    token = priya.invite_token
    services.respondent_remove(respondent=priya)

    _assert_link_gone(client.get(reverse("answer_start", args=[token])))
    assert not Respondent.objects.filter(invite_token=token).exists()


def test_a_signed_in_member_following_a_dead_link_sees_the_same_page(alice_client):
    _assert_link_gone(alice_client.get(reverse("answer_start", args=["not-a-real-link"])))


def test_a_working_link_to_a_page_that_does_not_exist_leads_back_to_the_questions(client, priya):
    response = client.get(reverse("answer_section", args=[priya.invite_token, "no-such-section"]))

    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no such page among your questions" in page
    assert "Answering as Priya Shah" in page
    assert reverse("answer_start", args=[priya.invite_token]) in page
    assert "This link no longer works" not in page
    assert "Go to your dashboard" not in page
