"""Keyboard users keep their place when an owner, metric or system is added or edited."""

import pytest
from playwright.sync_api import Page, expect

from .test_founder_journey import _log_in_with_an_assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused(page: Page) -> dict:
    return page.evaluate(
        "() => ({id: document.activeElement.id, text: document.activeElement.textContent.trim(),"
        " row: document.activeElement.closest('li.record-item')?.id || ''})"
    )


def test_focus_follows_adding_editing_and_removing_an_owner(page: Page):
    assessment = _log_in_with_an_assessment(page, "focus@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/ownership/")
    page.on("dialog", lambda dialog: dialog.accept())

    # A refused Add lands on the field to correct.
    page.locator("#id_new-owners-name").fill("Fran Founder")
    page.locator("#id_new-owners-hours_per_week").fill("500")
    page.locator("#id_new-owners-hours_per_week").press("Enter")
    expect(page.locator("#id_new-owners-hours_per_week_error")).to_contain_text("168")
    expect(page.locator("#id_new-owners-hours_per_week")).to_be_focused()

    # A good Add lands on the row just added.
    page.locator("#id_new-owners-hours_per_week").fill("4")
    page.locator("#id_new-owners-hours_per_week").press("Enter")
    row = page.locator("#owners .record-item").filter(has_text="Fran Founder")
    expect(row).to_be_visible()
    edit = row.get_by_role("link", name="Edit Fran Founder")
    expect(edit).to_be_focused()

    # Edit opens on its first field; Save returns to the row's Edit button.
    page.keyboard.press("Enter")
    name = page.locator("#owners .record-item.editing input[name$='-name']")
    expect(name).to_be_focused()
    name.fill("Fran Okafor")
    page.keyboard.press("Enter")
    edit = page.locator("#owners .record-item").get_by_role("link", name="Edit Fran Okafor")
    expect(edit).to_be_focused()

    # Cancel returns to it too.
    page.keyboard.press("Enter")
    page.locator("#owners .record-item.editing").get_by_role("link", name="Cancel").click()
    expect(
        page.locator("#owners .record-item").get_by_role("link", name="Edit Fran Okafor")
    ).to_be_focused()

    # Removing lands on the Add button, the next thing to do in the list.
    page.locator("#owners").get_by_role("button", name="Remove Fran Okafor").click()
    expect(page.locator("#owners")).not_to_contain_text("Fran Okafor")
    expect(page.locator("#owners").get_by_role("button", name="Add a person")).to_be_focused()
