"""A person typed into "Add a person", or changed in an Edit form, is never lost by the
section's other buttons, and leaving by a link asks first."""

import time

import pytest
from playwright.sync_api import Page, expect

from assessments import services
from assessments.models import Owner

from .test_founder_journey import _log_in_with_an_assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def type_a_person(page: Page, name: str = "Fran Founder") -> None:
    if name:
        page.locator("#id_new-owners-name").fill(name)
    page.locator("#id_new-owners-email").fill("fran@brightwave.test")
    page.locator("#id_new-owners-hours_per_week").fill("4")
    page.get_by_label("Accountable for it in production").check()


def test_a_person_typed_then_save_and_continue_is_there_on_coming_back(page: Page):
    assessment = _log_in_with_an_assessment(page, "typed@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/ownership/")

    type_a_person(page)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome and value")
    expect(page.get_by_text("Added “Fran Founder”.")).to_be_visible()

    page.get_by_role("button", name="← Back").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ownership")
    expect(page.locator("#owners .record-item")).to_contain_text(["Fran Founder"])
    expect(page.locator("#id_new-owners-name")).to_have_value("")
    owner = Owner.objects.get(pilot=assessment.pilot)
    assert (owner.email, owner.hours_per_week, owner.accountable) == (
        "fran@brightwave.test",
        4,
        True,
    )


def test_a_person_without_a_name_stops_the_step_and_says_what_is_missing(page: Page):
    assessment = _log_in_with_an_assessment(page, "unnamed@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/ownership/")

    type_a_person(page, name="")
    page.locator("#step-results").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("the person typed under “Add a person” was not added")
    summary.get_by_role("link", name="Add a person: Name").click()
    expect(page.locator("#id_new-owners-name")).to_be_focused()
    expect(page.locator("#id_new-owners-email")).to_have_value("fran@brightwave.test")
    assert not Owner.objects.exists()

    page.locator("#id_new-owners-name").fill("Fran Founder")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome and value")
    assert Owner.objects.get().name == "Fran Founder"


def test_a_person_typed_is_added_when_the_founder_leaves_by_a_link(page: Page):
    assessment = _log_in_with_an_assessment(page, "linkleaver@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/ownership/")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))

    type_a_person(page)
    page.get_by_role("link", name="Lead replies").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lead replies")

    deadline = time.monotonic() + 10
    while not Owner.objects.filter(pilot=assessment.pilot).exists():
        assert time.monotonic() < deadline, "the person typed was lost on leaving the page"
        time.sleep(0.1)
    assert Owner.objects.get().name == "Fran Founder"
    assert asked == ["beforeunload"]


def test_without_javascript_save_and_continue_adds_the_person_typed(browser_without_js: Page):
    page = browser_without_js
    assessment = _log_in_with_an_assessment(page, "typednojs@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/ownership/")

    type_a_person(page)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome and value")

    page.get_by_role("button", name="← Back").click()
    expect(page.locator("#owners .record-item")).to_contain_text(["Fran Founder"])
    assert Owner.objects.get(pilot=assessment.pilot).accountable is True


def open_edit(page: Page, name: str) -> None:
    page.locator("#owners .record-item").get_by_role("link", name=f"Edit {name}").click()
    expect(page.locator("#owners .record-item.editing")).to_be_visible()


def edit_field(page: Page, name: str):
    return page.locator(f"#owners .record-item.editing input[name$='-{name}']")


def test_a_change_typed_into_an_edit_form_is_saved_by_save_and_continue(page: Page):
    assessment = _log_in_with_an_assessment(page, "edited@brightwave.test")
    owner = services.owner_add(pilot=assessment.pilot, name="Fran Founder", hours_per_week=4)
    page.goto(f"/assessments/{assessment.id}/ownership/")

    open_edit(page, "Fran Founder")
    edit_field(page, "name").fill("Fran Okafor")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome and value")
    expect(page.get_by_text("Saved “Fran Okafor”.")).to_be_visible()
    owner.refresh_from_db()
    assert (owner.name, owner.hours_per_week) == ("Fran Okafor", 4)


def test_an_edit_without_a_name_stops_the_step_and_says_what_is_missing(page: Page):
    assessment = _log_in_with_an_assessment(page, "badedit@brightwave.test")
    owner = services.owner_add(pilot=assessment.pilot, name="Fran Founder", hours_per_week=4)
    page.goto(f"/assessments/{assessment.id}/ownership/")

    open_edit(page, "Fran Founder")
    edit_field(page, "name").fill("")
    edit_field(page, "hours_per_week").fill("6")
    page.locator("#step-results").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("your changes to “Fran Founder” were not saved")
    summary.get_by_role("link", name="Edit “Fran Founder”: Name").click()
    expect(edit_field(page, "name")).to_be_focused()
    expect(edit_field(page, "hours_per_week")).to_have_value("6")
    owner.refresh_from_db()
    assert (owner.name, owner.hours_per_week) == ("Fran Founder", 4)

    edit_field(page, "name").fill("Fran Okafor")
    edit_field(page, "name").press("Enter")
    expect(
        page.locator("#owners .record-item").get_by_role("link", name="Edit Fran Okafor")
    ).to_be_focused()
    owner.refresh_from_db()
    assert (owner.name, owner.hours_per_week) == ("Fran Okafor", 6)


def test_leaving_by_a_link_with_a_person_half_typed_asks_first(page: Page):
    assessment = _log_in_with_an_assessment(page, "halftyped@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/ownership/")
    asked = []

    type_a_person(page, name="")
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Lead replies").click()

    # Staying keeps what was typed, to complete.
    expect(page.locator("#id_new-owners-email")).to_have_value("fran@brightwave.test")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ownership")
    assert asked == ["beforeunload"]
    assert not Owner.objects.exists()


def test_leaving_by_a_link_with_an_edit_not_saved_asks_then_saves_it(page: Page):
    assessment = _log_in_with_an_assessment(page, "editleaver@brightwave.test")
    owner = services.owner_add(pilot=assessment.pilot, name="Fran Founder")
    page.goto(f"/assessments/{assessment.id}/ownership/")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))

    open_edit(page, "Fran Founder")
    edit_field(page, "role").fill("Head of sales")
    page.get_by_role("link", name="Lead replies").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lead replies")

    assert asked == ["beforeunload"]
    deadline = time.monotonic() + 10
    while Owner.objects.get(pk=owner.pk).role != "Head of sales":
        assert time.monotonic() < deadline, "the change typed was lost on leaving the page"
        time.sleep(0.1)


def test_a_page_with_nothing_left_unsaved_leaves_without_asking(page: Page):
    assessment = _log_in_with_an_assessment(page, "clean@brightwave.test")
    services.owner_add(pilot=assessment.pilot, name="Fran Founder")
    page.goto(f"/assessments/{assessment.id}/ownership/")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))

    # An answer autosaves; an Edit form opened and cancelled, and one typed into and
    # saved, leave nothing behind.
    page.locator('#question-own_authority input[value="yes"]').check()
    expect(page.locator("#status-q-own_authority")).to_have_text("Saved")
    open_edit(page, "Fran Founder")
    edit_field(page, "role").fill("Head of sales")
    page.locator("#owners .record-item.editing").get_by_role("link", name="Cancel").click()
    open_edit(page, "Fran Founder")
    edit_field(page, "role").fill("Head of ops")
    page.locator("#owners .record-item.editing").get_by_role("button", name="Save").click()
    expect(page.locator("#owners .record-item")).to_contain_text("Head of ops")
    page.get_by_role("link", name="Lead replies").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Lead replies")
    assert asked == []


def test_save_and_continue_with_a_person_typed_never_asks(page: Page):
    assessment = _log_in_with_an_assessment(page, "noprompt@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/ownership/")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))

    type_a_person(page, name="")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("#error-summary")).to_be_focused()
    page.locator("#id_new-owners-name").fill("Fran Founder")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome and value")
    page.get_by_role("link", name="Lead replies").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Lead replies")
    assert asked == []
    assert Owner.objects.get(pilot=assessment.pilot).name == "Fran Founder"
