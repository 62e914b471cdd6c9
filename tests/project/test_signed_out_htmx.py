"""A signed-out browser's htmx request is told so, instead of being sent the login page."""

from django.urls import reverse

from assessments import services


def test_a_signed_out_autosave_gets_401_and_saves_nothing(client, workspace, alice):
    pilot = services.pilot_create(
        client=services.client_create(workspace=workspace, name="Northwind"), name="Quotes"
    )
    assessment = services.assessment_start(pilot=pilot, user=alice)
    url = reverse("assessment_section", args=[assessment.id, "ownership"])

    response = client.post(
        url, {"_unit": "q:own_authority", "q-own_authority": "yes"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 401
    assert response.content.decode() == "You are signed out. Log in again, then try once more."
    assert response["X-Login-Url"].startswith(reverse("login"))
    assert not assessment.answers.exists()


def test_a_signed_out_page_request_still_goes_to_the_login_page(client, db):
    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_signed_in_htmx_redirect_is_left_alone(alice_client, workspace):
    response = alice_client.post(
        reverse("client_own_company", args=[workspace.id]), HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 302
