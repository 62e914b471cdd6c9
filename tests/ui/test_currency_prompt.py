"""The value case asks for the client's currency while its amounts have none."""

import re

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
    back = reverse("assessment_section", args=[assessment.id, "value"])
    assert f'<a href="{edit_url}?next={back}">Choose the currency of Northwind Plumbing</a>' in page


def test_choosing_the_currency_from_the_prompt_leads_back_to_the_value_case(
    alice_client, assessment, client_company
):
    edit_url = reverse("client_update", args=[client_company.id])
    value_url = reverse("assessment_section", args=[assessment.id, "value"])
    prompt_link = re.search(
        rf'href="({re.escape(edit_url)}[^"]*)"', value_case(alice_client, assessment)
    )

    edit_page = alice_client.get(prompt_link.group(1)).content.decode()
    posted_next = re.search(r'<input type="hidden" name="next" value="([^"]*)">', edit_page)
    response = alice_client.post(
        edit_url, {"name": client_company.name, "currency": "GBP", "next": posted_next.group(1)}
    )

    assert posted_next.group(1) == value_url
    assert f'<a href="{value_url}">Cancel</a>' in edit_page
    assert response.status_code == 302
    assert response.url == value_url
    client_company.refresh_from_db()
    assert client_company.currency == "GBP"
    assert "(£)" in alice_client.get(response.url).content.decode()


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
