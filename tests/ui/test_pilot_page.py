"""The pilot's page: where it sits, its assessments, and the way to the next one."""

from django.urls import reverse

from assessments import services


def pilot_page(client, pilot) -> str:
    response = client.get(reverse("pilot_detail", args=[pilot.id]))
    assert response.status_code == 200
    return response.content.decode()


def breadcrumb(page: str) -> str:
    start = page.index('<p class="breadcrumb">')
    return page[start : page.index("</p>", start)]


def test_a_clients_pilot_names_the_client_in_the_breadcrumb(alice_client, pilot):
    crumbs = breadcrumb(pilot_page(alice_client, pilot))

    assert "Acme Ltd</a> › Northwind Plumbing" in crumbs


def test_a_pilot_of_my_company_does_not_repeat_its_name_in_the_breadcrumb(
    alice_client, workspace
):
    own = services.client_create(workspace=workspace, name="Acme Ltd", is_own_company=True)
    pilot = services.pilot_create(client=own, name="Invoice chasing")

    crumbs = breadcrumb(pilot_page(alice_client, pilot))

    assert crumbs.count("Acme Ltd") == 1
    assert "›" not in crumbs


def test_while_a_draft_is_open_the_page_says_how_reassessing_comes_about(
    alice_client, assessment
):
    page = pilot_page(alice_client, assessment.pilot)

    assert (
        "To reassess, first mark this assessment final from its results page; "
        "the choice to reassess then appears here."
    ) in page
    assert "Reassess once this assessment is marked final" not in page


def test_once_the_assessment_is_final_the_reassessment_is_offered_here(
    alice_client, assessment, alice
):
    services.answer_save(
        assessment=assessment, question_id="basic_built_by", value="own_team", user=alice
    )
    services.assessment_submit(assessment=assessment)

    page = pilot_page(alice_client, assessment.pilot)

    assert 'id="reassess-title">Reassess</h2>' in page
    assert "To reassess, first mark" not in page
