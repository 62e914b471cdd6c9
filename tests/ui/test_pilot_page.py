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


def test_a_pilot_of_my_company_does_not_repeat_its_name_in_the_breadcrumb(alice_client, workspace):
    own = services.client_create(workspace=workspace, name="Acme Ltd", is_own_company=True)
    pilot = services.pilot_create(client=own, name="Invoice chasing")

    crumbs = breadcrumb(pilot_page(alice_client, pilot))

    assert crumbs.count("Acme Ltd") == 1
    assert "›" not in crumbs


def test_while_a_draft_is_open_the_page_says_how_reassessing_comes_about(alice_client, assessment):
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


def _row_links(page: str) -> str:
    start = page.index('<td class="row-links">')
    return page[start : page.index("</td>", start)]


def test_once_people_have_answered_the_assessments_row_offers_the_workshop(alice_client, world):
    assessment = world.objects["assessment"]

    links = _row_links(pilot_page(alice_client, world.objects["pilot"]))

    workshop = reverse("workshop_agenda", args=[assessment.id])
    assert f'<a href="{workshop}">Run the workshop</a>' in links
    assert links.index("People") < links.index("Run the workshop") < links.index("Results")


def test_a_viewer_is_offered_to_follow_the_workshop_not_to_run_it(client, victor, world):
    client.force_login(victor)

    links = _row_links(pilot_page(client, world.objects["pilot"]))

    assert "Follow the workshop" in links
    assert "Run the workshop" not in links


def test_before_anyone_has_answered_on_their_own_there_is_no_workshop_to_run(
    alice_client, assessment
):
    services.respondent_add(assessment=assessment, name="Ola Berg")

    links = _row_links(pilot_page(alice_client, assessment.pilot))

    assert "workshop" not in links


def _own_pilot(workspace):
    own = services.client_create(workspace=workspace, name="Acme Ltd", is_own_company=True)
    return services.pilot_create(client=own, name="Invoice chasing")


def test_the_new_pilot_and_edit_pilot_pages_name_my_company_once(alice_client, workspace):
    pilot = _own_pilot(workspace)

    for url in (
        reverse("pilot_create", args=[pilot.client_id]),
        reverse("pilot_update", args=[pilot.id]),
    ):
        crumbs = breadcrumb(alice_client.get(url).content.decode())
        assert crumbs.count("Acme Ltd") == 1, url


def test_the_new_pilot_and_edit_pilot_pages_name_a_clients_company(alice_client, pilot):
    for url in (
        reverse("pilot_create", args=[pilot.client_id]),
        reverse("pilot_update", args=[pilot.id]),
    ):
        crumbs = breadcrumb(alice_client.get(url).content.decode())
        assert "Acme Ltd</a> › Northwind Plumbing" in crumbs, url


def test_the_report_list_breadcrumb_starts_at_the_workspace_like_the_other_pages(
    alice_client, assessment
):
    crumbs = breadcrumb(
        alice_client.get(reverse("report_list", args=[assessment.id])).content.decode()
    )

    assert crumbs.startswith(
        f'<p class="breadcrumb"><a href="{reverse("workspace_detail", args=[assessment.pilot.client.workspace_id])}">Acme Ltd</a> › Northwind Plumbing › '
    )
