"""A facilitator runs the workshop on a projector.

Two people, Ana and Ben, answered on their own and both said the owner cannot act
without asking, where the assessment says they can. Alice opens the workshop from
the disagreements page, starts the section's timebox, records the room's answer with
one click, hides names for a sensitive moment, and moves on with the arrow key; a
reload keeps the timer where it was.
Without JavaScript the same click is a form post that returns to the question.
Screenshots go to var/screenshots/.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from assessments import services
from assessments.models import Answer
from tests.browser.test_respondent_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _workshop_ready(alice, workspace):
    client = services.client_create(workspace=workspace, name="Acme Ltd", is_own_company=True)
    pilot = services.pilot_create(client=client, name="Invoice matching")
    assessment = services.assessment_start(pilot=pilot, user=alice)
    services.agreed_answer_save(
        assessment=assessment, question_id="own_authority", value=True, user=alice
    )
    services.agreed_answer_save(
        assessment=assessment, question_id="own_named_when", value="before", user=alice
    )
    for name, named_when in (("Ana Lopez", "after"), ("Ben Okafor", "before")):
        person = services.respondent_add(assessment=assessment, name=name, role="Finance")
        for question_id, value in (("own_authority", False), ("own_named_when", named_when)):
            services.answer_save(
                assessment=assessment,
                question_id=question_id,
                value=value,
                user=alice,
                respondent=person,
            )
    # Something open in the next section too, for the arrow key to go to.
    services.answer_save(
        assessment=assessment,
        question_id="out_scope",
        not_sure=True,
        value=None,
        user=alice,
        respondent=person,
    )
    return assessment


def _agreed_value(assessment, question_id):
    return Answer.objects.get(assessment=assessment, respondent=None, question_id=question_id).value


def test_a_facilitator_times_a_section_records_the_rooms_answer_and_moves_on(
    page: Page, live_server, alice, workspace, screenshot
):
    assessment = _workshop_ready(alice, workspace)
    log_in(page, alice.email)
    page.goto(f"/assessments/{assessment.id}/disagreements/")
    page.get_by_role("link", name="Run the workshop").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invoice matching")
    expect(page.get_by_text("2 questions to talk through")).to_be_visible()
    screenshot("workshop-01-agenda")

    page.get_by_role("link", name=re.compile("Begin with Ownership")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ownership")
    clock = page.locator("[data-timer-clock]")
    expect(clock).to_have_text("4:00")
    toggle = page.locator("[data-timer-toggle]")
    toggle.click()
    expect(toggle).to_have_text("Pause")
    expect(clock).not_to_have_text("4:00", timeout=5_000)

    # The timer survives a reload, paused where it was.
    toggle.click()
    expect(toggle).to_have_text("Resume")
    paused_at = clock.text_content()
    page.reload()
    expect(page.locator("[data-timer-toggle]")).to_have_text("Resume")
    expect(page.locator("[data-timer-clock]")).to_have_text(paused_at)
    expect(page.get_by_role("timer")).to_have_text(f"{paused_at} left")

    question = page.locator("#ws-q-own_authority")
    no = question.locator("li").filter(has=page.get_by_text("No", exact=True))
    expect(no.locator(".ws-count")).to_have_text("2")
    expect(no).to_contain_text("Ana Lopez")
    expect(no).to_contain_text("Ben Okafor")
    no.get_by_role("button", name=re.compile("Agree on this")).click()
    confirmation = page.locator("#ws-q-own_authority [data-recorded]")
    expect(confirmation).to_have_text("Recorded as agreed: “No”")
    expect(confirmation).to_be_focused()
    expect(
        page.locator("#ws-q-own_authority li").filter(has=page.get_by_text("No", exact=True))
    ).to_contain_text("✓ Agreed")
    assert _agreed_value(assessment, "own_authority") is False
    screenshot("workshop-02-section")

    # Counts only, for a moment when names would put someone on the spot.
    page.get_by_role("button", name="Hide names").click()
    expect(page.locator("#ws-q-own_named_when").get_by_text("Ana Lopez")).to_be_hidden()
    expect(page.get_by_role("button", name="Show names")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Show names").click()
    expect(page.locator("#ws-q-own_named_when").get_by_text("Ana Lopez")).to_be_visible()

    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(rf"/assessments/{assessment.id}/workshop/outcome/$"))
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(rf"/assessments/{assessment.id}/workshop/ownership/$"))


def test_without_javascript_agreeing_is_a_form_post(
    browser_without_js: Page, live_server, alice, workspace
):
    page = browser_without_js
    assessment = _workshop_ready(alice, workspace)
    log_in(page, alice.email)
    page.goto(f"/assessments/{assessment.id}/workshop/ownership/")
    expect(page.get_by_text("Timebox 4 minutes")).to_be_visible()
    question = page.locator("#ws-q-own_named_when")
    question.locator("li", has_text="After the pilot finished").get_by_role(
        "button", name=re.compile("Agree on this")
    ).click()
    expect(page.locator("#ws-q-own_named_when")).to_contain_text(
        "Recorded as agreed: “After the pilot finished”"
    )
    assert _agreed_value(assessment, "own_named_when") == "after"


def _agree_button_boxes(page: Page) -> tuple[dict, dict, dict]:
    question = page.locator("#ws-q-own_authority")
    current = question.locator("li.ws-agreed").get_by_role("button", name=re.compile("Agree"))
    other = question.locator("li", has_text="Ana Lopez").get_by_role(
        "button", name=re.compile("Agree")
    )
    row = question.locator("li.ws-agreed")
    return current.bounding_box(), other.bounding_box(), row.bounding_box()


@pytest.mark.parametrize("width", [1280, 390])
def test_agreeing_on_the_current_answer_is_a_button_like_the_others(
    page: Page, live_server, alice, workspace, width
):
    assessment = _workshop_ready(alice, workspace)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, alice.email)
    page.goto(f"/assessments/{assessment.id}/workshop/ownership/")
    expect(page.locator("#ws-q-own_authority li.ws-agreed")).to_contain_text("Current answer")

    current, other, row = _agree_button_boxes(page)
    # One line, as wide as the button on the other rows, inside its row.
    assert current["height"] == pytest.approx(other["height"], abs=2)
    assert current["width"] == pytest.approx(other["width"], abs=2)
    assert current["x"] + current["width"] <= row["x"] + row["width"]
    assert current["x"] + current["width"] <= width
    if width > 640:
        # On a wide screen the button sits on the right, where the others are.
        assert current["x"] + current["width"] == pytest.approx(other["x"] + other["width"], abs=2)


def test_a_stale_tab_is_told_the_room_agreed_elsewhere_and_can_replace_it(
    page: Page, live_server, alice, workspace, screenshot
):
    assessment = _workshop_ready(alice, workspace)
    log_in(page, alice.email)
    page.goto(f"/assessments/{assessment.id}/workshop/ownership/")
    # Another tab, the projector's, agrees on "After the pilot finished" meanwhile.
    services.agreed_answer_save(
        assessment=assessment,
        question_id="own_named_when",
        value="after",
        evidence=None,
        user=alice,
        settled=True,
    )

    question = page.locator("#ws-q-own_named_when")
    question.locator("li", has_text="Part way through the pilot").get_by_role(
        "button", name=re.compile("Agree on this")
    ).click()
    changed = page.locator("#ws-q-own_named_when [data-recorded]")
    expect(changed).to_contain_text(
        "Since this page was opened, this was agreed as “After the pilot finished”."
    )
    expect(changed).to_be_focused()
    assert _agreed_value(assessment, "own_named_when") == "after"
    screenshot("workshop-03-changed-since")

    changed.get_by_role("button", name=re.compile("Replace it with")).click()
    expect(page.locator("#ws-q-own_named_when [data-recorded]")).to_contain_text(
        "Recorded as agreed"
    )
    assert _agreed_value(assessment, "own_named_when") == "during"


def test_a_section_with_nothing_open_has_no_timer_and_the_keys_still_work(
    page: Page, live_server, alice, workspace
):
    assessment = _workshop_ready(alice, workspace)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, alice.email)

    page.goto(f"/assessments/{assessment.id}/workshop/value/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Value case")
    expect(page.get_by_role("timer")).to_have_count(0)
    expect(page.get_by_role("button", name="Hide names")).to_have_count(0)
    expect(page.get_by_role("button", name="Start")).to_have_count(0)
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(rf"/assessments/{assessment.id}/workshop/(?!value)"))
    assert errors == []
