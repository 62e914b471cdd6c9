"""A person answers on their own through a link, and the team adopts their answer.

Alice adds Sam on the people page and copies his link. Sam, with no account, opens
it in a browser of his own, answers one ownership question differently from the
assessment, reloads to check it stuck, and hands in. Alice then sees the difference
on the disagreements page and adopts Sam's answer as the assessment's own.
Screenshots go to var/screenshots/.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from assessments import services
from assessments.models import Answer, Respondent
from assessments.questionnaire import SECTIONS
from assessments.rubric.loader import bundled_rubric
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = re.compile(r"Saved")


def ownership_yes_no_question():
    """The first yes/no ownership question that always applies."""
    return next(
        q
        for q in bundled_rubric().questions_for_section("ownership")
        if q.type == "yes_no" and q.applies_if is None
    )


def log_in(page: Page, email: str) -> None:
    page.goto("/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def answer_cell(disagreement: Locator, who: str) -> Locator:
    return disagreement.locator("tr", has_text=who).locator('td[data-label="Answer"]')


def test_a_person_answers_by_link_and_the_team_adopts_their_answer(
    page: Page, chromium: Browser, live_server, alice, workspace, screenshot
):
    question = ownership_yes_no_question()
    client = services.client_create(workspace=workspace, name="Acme Ltd", is_own_company=True)
    pilot = services.pilot_create(client=client, name="Invoice matching")
    assessment = services.assessment_start(pilot=pilot, user=alice)
    services.agreed_answer_save(
        assessment=assessment, question_id=question.id, value=True, user=alice
    )

    # Alice asks Sam and reads his link off the page.
    log_in(page, alice.email)
    page.goto(f"/assessments/{assessment.id}/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("People answering on their own")
    expect(page.get_by_text("Nobody has been asked yet.")).to_be_visible()
    page.locator("#id_person-name").fill("Sam Ortiz")
    page.locator("#id_person-email").fill("sam@acme.test")
    page.locator("#id_person-role").fill("Finance lead")
    page.get_by_role("button", name="Add and get their link").click()
    expect(page.get_by_text("Sam Ortiz is added.")).to_be_visible()
    sam = Respondent.objects.get(assessment=assessment, name="Sam Ortiz")
    row = page.locator(f"#person-{sam.id}")
    expect(row).to_contain_text("Finance lead")
    expect(row).to_contain_text("Not started")
    link_field = page.locator(f"#link-{sam.id}")
    expect(link_field).to_have_value(re.compile(r"^https?://.+/answer/[\w-]+/$"))
    link = link_field.input_value()
    assert link.startswith(live_server.url)
    assert urlsplit(link).path == f"/answer/{sam.invite_token}/"
    screenshot("respondent-01-people-page")

    # Sam opens the link in a browser of his own, with no account.
    sams_context = chromium.new_context(viewport={"width": 1280, "height": 900})
    sams_context.set_default_timeout(20_000)
    try:
        sams = sams_context.new_page()
        sams.goto(link)
        expect(sams).to_have_url(re.compile(rf"/answer/{re.escape(sam.invite_token)}/basics/$"))
        expect(sams.get_by_role("heading", level=1)).to_have_text(SECTIONS[0].title)
        expect(sams.get_by_text("Answering as Sam Ortiz")).to_be_visible()

        sams.locator("nav.stepper").get_by_role("button", name=re.compile(r"Ownership")).click()
        expect(sams.get_by_role("heading", level=1)).to_have_text("Ownership")
        expect(sams).to_have_url(re.compile(r"/ownership/$"))
        fieldset = sams.locator(f"#question-{question.id}")
        expect(fieldset.locator("legend")).to_have_text(question.prompt)
        # Sam answers on his own: the assessment's "Yes" is not shown to him.
        expect(fieldset.locator("input[type=radio]:checked")).to_have_count(0)

        fieldset.get_by_label("No", exact=True).check()
        expect(sams.locator(f"#status-q-{question.id}")).to_have_text(SAVED)
        screenshot("respondent-02-sam-answers", sams)

        sams.reload()
        expect(fieldset.locator('input[value="no"]')).to_be_checked()
        expect(fieldset.locator('input[value="yes"]')).not_to_be_checked()
        ownership_step = sams.locator("nav.stepper").get_by_role(
            "button", name=re.compile(r"Ownership")
        )
        expect(ownership_step).to_contain_text(re.compile(r"\b1 of \d+ questions"))

        # His answer is his own: the assessment's scored answer is untouched.
        assert Answer.objects.get(respondent=sam, question_id=question.id).value is False
        agreed = Answer.objects.get(
            assessment=assessment, respondent__isnull=True, question_id=question.id
        )
        assert agreed.value is True

        # On through the sections to the end, then hand in.
        index = next(i for i, s in enumerate(SECTIONS) if s.id == "ownership")
        for section in SECTIONS[index + 1 :]:
            sams.get_by_role("button", name="Save and continue →").click()
            expect(sams.get_by_role("heading", level=1)).to_have_text(section.title)
        sams.get_by_role("button", name="Save and finish →").click()
        expect(sams).to_have_url(re.compile(r"/done/$"))
        expect(sams.get_by_role("heading", level=1)).to_have_text("Ready to hand in?")
        sams.get_by_role("button", name="I have finished").click()
        expect(sams.get_by_role("heading", level=1)).to_have_text("Thank you, Sam Ortiz")
        screenshot("respondent-03-sam-thank-you", sams)
    finally:
        sams_context.close()

    # Back with Alice: Sam shows as finished, and his answer differs from the assessment's.
    page.reload()
    expect(page.locator(f"#person-{sam.id}")).to_contain_text("Finished")
    page.get_by_role("link", name="See where they disagree").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where people disagree")
    disagreement = page.locator(f"#question-{question.id}")
    expect(disagreement).to_contain_text("Answers differ.")
    expect(answer_cell(disagreement, "Current answer")).to_have_text("Yes")
    expect(answer_cell(disagreement, "Sam Ortiz")).to_have_text("No")
    sams_row = disagreement.locator("tr", has_text="Sam Ortiz")
    screenshot("respondent-04-disagreements")

    sams_row.get_by_role("button", name=re.compile(r"^Adopt")).click()
    disagreement = page.locator(f"#question-{question.id}")
    expect(disagreement.get_by_role("status")).to_have_text(
        "Adopted: the agreed answer is now “No”, as Sam Ortiz answered."
    )
    expect(disagreement).not_to_contain_text("Answers differ.")
    expect(answer_cell(disagreement, "Agreed answer")).to_have_text("No")
    expect(disagreement).to_contain_text("Agreed by the team")
    expect(disagreement.get_by_role("button", name=re.compile(r"^Adopt"))).to_have_count(0)
    screenshot("respondent-05-adopted")

    agreed = Answer.objects.get(
        assessment=assessment, respondent__isnull=True, question_id=question.id
    )
    assert agreed.value is False
