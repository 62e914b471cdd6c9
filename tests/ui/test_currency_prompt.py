"""The value case asks for the client's currency while its amounts have none."""

from django.urls import reverse

from assessments import services


def value_case(client, assessment) -> str:
    return client.get(reverse("assessment_section", args=[assessment.id, "value"])).content.decode()


def test_without_a_currency_the_value_case_says_so_and_links_to_where_it_is_chosen(
    alice_client, assessment, client_company
):
    page = value_case(alice_client, assessment)

    assert "These amounts have no currency yet, so they show as plain numbers." in page
    edit_url = reverse("client_update", args=[client_company.id])
    assert f'<a href="{edit_url}">Choose the currency of Northwind Plumbing</a>' in page


def test_with_a_currency_there_is_no_prompt(alice_client, assessment, client_company):
    services.client_update(client=client_company, data={"currency": "GBP"})

    page = value_case(alice_client, assessment)

    assert 'id="currency-prompt"' not in page
    assert "(£)" in page


def test_other_sections_do_not_ask(alice_client, assessment):
    page = alice_client.get(
        reverse("assessment_section", args=[assessment.id, "ownership"])
    ).content.decode()

    assert 'id="currency-prompt"' not in page


def test_a_viewer_is_told_who_can_choose_it_without_a_link_they_cannot_use(
    client, victor, assessment, client_company
):
    client.force_login(victor)

    page = value_case(client, assessment)

    assert "Someone who manages this workspace can choose Northwind Plumbing's currency." in page
    assert reverse("client_update", args=[client_company.id]) not in page
