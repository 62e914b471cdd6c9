"""A founder, start to finish, in real headless Chromium.

Signs up, picks "My company", describes a pilot, answers every section with the
keyboard and the mouse, watches the live scorecard move, reloads to check nothing
was lost, and reaches the results. Screenshots go to var/screenshots/.
"""

import re
import time

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Answer, Assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = re.compile(r"Saved")


def saved(page: Page, status_id: str) -> None:
    expect(page.locator(f"#{status_id}")).to_have_text(SAVED)


def choose(page: Page, question_id: str, value: str) -> None:
    """Click a radio answer (mouse) and wait for its autosave."""
    page.locator(f'#question-{question_id} input[value="{value}"]').check()
    saved(page, f"status-q-{question_id}")


def choose_with_keyboard(page: Page, question_id: str, presses: int) -> None:
    """Tab into a radio group and move with the arrow keys, as a keyboard user would."""
    first = page.locator(f"#question-{question_id} input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")
    for _ in range(presses):
        page.keyboard.press("ArrowDown")
    saved(page, f"status-q-{question_id}")


def fill_field(page: Page, field_id: str, value: str, status_id: str) -> None:
    page.locator(f"#{field_id}").fill(value)
    saved(page, status_id)


def arrived(page: Page, title: str) -> None:
    """On the page titled so, once its scripts have set up the autosave: the heading
    shows as soon as it is parsed, before htmx listens to the fields."""
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.wait_for_load_state("load")


def next_section(page: Page, title: str) -> None:
    page.get_by_role("button", name=re.compile(r"Save and (continue|see results)")).click()
    arrived(page, title)


def test_a_founder_assesses_a_pilot_from_sign_up_to_results(page: Page, screenshot):
    started = time.monotonic()

    # Sign up.
    page.goto("/signup/")
    page.get_by_label("Email address").fill("founder@brightwave.test")
    page.get_by_label("Your name").fill("Fran Founder")
    page.get_by_label("Company or consultancy name").fill("Brightwave Studio")
    page.locator("#id_password1").fill("a-long-and-unusual-passphrase")
    page.locator("#id_password2").fill("a-long-and-unusual-passphrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Assess your first pilot")).to_be_visible()
    screenshot("01-empty-dashboard")

    # My company, then the pilot.
    page.get_by_role("button", name="My company").click()
    page.get_by_label("Name of the pilot").fill("Lead qualification and first reply")
    page.get_by_label("What does it do?").fill("Scores inbound leads and drafts the first reply.")
    page.get_by_role("button", name="Start the assessment").click()
    arrived(page, "Pilot basics")

    # Basics: record fields and the two questions.
    fill_field(page, "id_pilot-weekly_volume", "60", "status-pilot-weekly_volume")
    fill_field(page, "id_pilot-problem", "Leads wait two days for a reply.", "status-pilot-problem")
    choose(page, "basic_built_by", "own_team")
    page.locator("#q-basic_if_it_works-input").fill("Sales uses it for every inbound lead.")
    saved(page, "status-q-basic_if_it_works")
    screenshot("02-basics")
    next_section(page, "Ownership")

    # Ownership: add the accountable owner in place, then answer.
    scorecard = page.locator("#scorecard")
    before = scorecard.inner_text()
    # A mistake is pointed out beside the field, and nothing is saved.
    page.locator("#id_new-owners-hours_per_week").fill("500")
    page.get_by_role("button", name="Add a person").click()
    expect(page.locator("#id_new-owners-hours_per_week_error")).to_contain_text("168")
    page.locator("#id_new-owners-name").fill("Fran Founder")
    page.locator("#id_new-owners-email").fill("fran@brightwave.test")
    page.locator("#id_new-owners-hours_per_week").fill("4")
    page.get_by_label("Accountable for it in production").check()
    page.get_by_role("button", name="Add a person").click()
    expect(page.locator("#owners .record-item")).to_contain_text(["Fran Founder"])
    expect(scorecard).not_to_have_text(before)
    choose(page, "own_named_when", "before")
    choose_with_keyboard(page, "own_authority", presses=0)  # Space selects "Yes"
    live_before = scorecard.locator('[data-gap="ownership"] .score').inner_text()
    choose(page, "own_duties", "written")
    expect(scorecard.locator('[data-gap="ownership"] .score')).not_to_have_text(live_before)
    screenshot("03-ownership-live-score")
    next_section(page, "Outcome and value")

    # Outcome: a metric with a baseline, and the four judgements.
    page.locator("#id_new-metrics-name").fill("Lead reply time")
    page.locator("#id_new-metrics-unit").fill("hours")
    page.locator("#id_new-metrics-direction").select_option("decrease")
    page.locator("#id_new-metrics-baseline").fill("48")
    page.locator("#id_new-metrics-target").fill("2")
    page.locator("#id_new-metrics-go_threshold").fill("4")
    page.get_by_role("button", name="Add a metric").click()
    expect(page.locator("#metrics .record-item")).to_contain_text(["Lead reply time"])
    choose(page, "out_pain", "counted")
    choose(page, "out_scope", "held")
    choose(page, "out_measurable", "in_system")
    choose(page, "out_criteria_agreed", "__not_sure__")
    next_section(page, "Integration and data")

    # Integration: one live system, six answers.
    page.locator("#id_new-integrations-system").fill("HubSpot")
    page.locator("#id_new-integrations-status").select_option("live")
    page.get_by_role("button", name="Add a system").click()
    expect(page.locator("#integrations .record-item")).to_contain_text(["HubSpot"])
    # Removing asks first.
    page.locator("#id_new-integrations-system").fill("Excel")
    page.locator("#id_new-integrations-system").press("Enter")  # the keyboard way to add
    expect(page.locator("#integrations .record-item")).to_contain_text(["Excel", "HubSpot"])
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove Excel").click()
    expect(page.locator("#integrations .record-item")).to_have_count(1)
    expect(page.locator("#integrations .record-item")).to_contain_text(["HubSpot"])
    choose(page, "int_end_to_end", "most")
    choose(page, "int_test_data", "raw_sample")
    choose(page, "int_process_written", "current")
    choose(page, "int_flow_mapped", "yes")
    choose(page, "int_production_estimate", "funded")
    choose(page, "int_it_involved", "no")
    next_section(page, "Oversight and quality")

    # Oversight: picking confidence review reveals the threshold question.
    threshold_question = page.locator("#question-ov_threshold_policy")
    expect(threshold_question).to_be_hidden()
    page.locator("#id_oversight-review_mode").select_option("confidence")
    saved(page, "status-oversight-review_mode")
    expect(threshold_question).to_be_visible()
    fill_field(
        page, "id_oversight-confidence_threshold", "0.8", "status-oversight-confidence_threshold"
    )
    fill_field(page, "id_oversight-alert_recipient", "Fran", "status-oversight-alert_recipient")
    fill_field(page, "id_oversight-monitor_runs", "Daily run log", "status-oversight-monitor_runs")
    choose(page, "ov_stakes", "medium")
    choose(page, "ov_threshold_policy", "tested")
    test_cases = page.locator("#q-ov_test_cases-input")
    test_cases.fill("-5")
    expect(page.locator("#status-q-ov_test_cases")).to_have_class(re.compile(r"\binvalid\b"))
    expect(test_cases).to_have_attribute("aria-invalid", "true")
    test_cases.fill("150")
    saved(page, "status-q-ov_test_cases")
    expect(test_cases).not_to_have_attribute("aria-invalid", "true")
    for question_id, value in [
        ("ov_edge_cases", "listed"),
        ("ov_error_handling", "yes"),
        ("ov_audit_log", "full"),
        ("ov_monitoring_live", "occasional"),
        ("ov_expand_rule", "low_risk_first"),
    ]:
        choose(page, question_id, value)
    screenshot("04-oversight")
    next_section(page, "Adoption")

    # Adoption: naming a sponsor reveals the sponsor question.
    fill_field(
        page, "id_change_plan-sponsor_name", "Sam in Sales", "status-change_plan-sponsor_name"
    )
    page.locator("#id_change_plan-involvement").select_option("involved")
    saved(page, "status-change_plan-involvement")
    expect(page.locator("#question-ado_sponsor_active")).to_be_visible()
    for question_id, value in [
        ("ado_users_tested", "yes"),
        ("ado_sponsor_active", "yes"),
        ("ado_fits_tools", "existing"),
        ("ado_training_done", "planned"),
        ("ado_rollout_budget", "no"),
    ]:
        choose(page, question_id, value)
    # Evidence, typed with the keyboard into the disclosure.
    page.locator("#question-ado_users_tested summary").click()
    page.locator("#q-ado_users_tested-evidence").type("Notes from the sales team trial")
    saved(page, "status-q-ado_users_tested")
    next_section(page, "Value case")

    # Value: the numbers and the two judgements.
    for field, value in [
        ("items_per_month", "240"),
        ("minutes_saved_per_item", "10"),
        ("hourly_cost", "40"),
        ("build_cost", "6000"),
        ("monthly_run_cost", "150"),
    ]:
        fill_field(page, f"id_value_case-{field}", value, f"status-value_case-{field}")
    choose(page, "val_cost_complete", "allowance")
    choose(page, "val_saving_measured", "measured")
    expect(page.locator("#stepper")).to_contain_text("100% answered overall")
    screenshot("05-value")

    # Reload: every answer is still there.
    page.reload()
    expect(page.locator('#question-val_saving_measured input[value="measured"]')).to_be_checked()
    expect(page.locator("#id_value_case-build_cost")).to_have_value("6000")
    page.goto(page.url.replace("/value/", "/ownership/"))
    expect(page.locator('#question-own_duties input[value="written"]')).to_be_checked()
    expect(page.locator('#question-own_authority input[value="yes"]')).to_be_checked()
    page.goto(page.url.replace("/ownership/", "/adoption/"))
    expect(page.locator("#q-ado_users_tested-evidence")).to_have_value(
        "Notes from the sales team trial"
    )
    assessment = Assessment.objects.get()
    answered = set(
        Answer.objects.filter(assessment=assessment).values_list("question_id", flat=True)
    )
    # Every question but the hand-over one, which only applies when outsiders built it.
    assert len(answered) == 30 and "own_handover" not in answered

    # Results.
    page.goto(page.url.replace("/adoption/", "/value/"))
    page.get_by_role("button", name="Save and see results").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ready for production?")
    expect(page.locator(".gap-chart")).to_be_visible()
    expect(page.get_by_test_id("payback")).to_contain_text("months")
    first_action = page.locator(".action").first
    first_action.get_by_label("Who").fill("Fran")
    first_action.get_by_label("By when").fill("2026-12-31")
    expect(first_action.locator(".save-status")).to_have_text(SAVED)
    screenshot("06-results")

    # On a phone the scorecard follows the form and nothing overflows sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.url.replace("/results/", "/ownership/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("08-phone-ownership")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.url.replace("/ownership/", "/results/"))

    # The dashboard shows the pilot with its decision and progress.
    page.get_by_role("link", name="Dashboard").click()
    expect(page.locator(".pilot-row")).to_contain_text("100% answered")
    screenshot("07-dashboard")

    print(f"founder journey took {time.monotonic() - started:.1f}s")


def test_a_failed_save_says_so_and_can_be_retried(page: Page):
    assessment = _log_in_with_an_assessment(page, "retry@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/ownership/")

    page.route(
        "**/ownership/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.locator('#question-own_authority input[value="yes"]').check()
    status = page.locator("#status-q-own_authority")
    expect(status).to_contain_text("Not saved")

    page.unroute("**/ownership/")
    status.get_by_role("button", name="Try again").click()
    expect(status).to_have_text(SAVED)
    assert Answer.objects.get(assessment=assessment).value is True


def test_a_save_after_signing_out_says_so_and_keeps_the_answer_on_screen(page: Page):
    assessment = _log_in_with_an_assessment(page, "signedout@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/ownership/")
    # As if they logged out in another tab: the session is gone, the CSRF cookie stays.
    kept = [c for c in page.context.cookies() if c["name"] != "sessionid"]
    page.context.clear_cookies()
    page.context.add_cookies(kept)

    page.locator('#question-own_authority input[value="yes"]').check()

    status = page.locator("#status-q-own_authority")
    expect(status).to_contain_text("Not saved: you are signed out.")
    assert page.locator('#question-own_authority input[value="yes"]').is_checked()
    assert page.locator("#status-q-own_authority form").count() == 0, "no login page inside"
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_typing_is_kept_when_the_founder_leaves_before_the_autosave_fires(page: Page):
    assessment = _log_in_with_an_assessment(page, "leaver@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/basics/")

    # Type, then leave at once by a link: the debounced autosave has not fired yet.
    page.locator("#q-basic_if_it_works-input").fill("Sales answers every lead within the hour.")
    page.get_by_role("link", name="Lead replies").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lead replies")

    deadline = time.monotonic() + 10
    while not Answer.objects.filter(assessment=assessment, question_id="basic_if_it_works"):
        assert time.monotonic() < deadline, "the typing was lost on leaving the page"
        time.sleep(0.1)
    answer = Answer.objects.get(assessment=assessment, question_id="basic_if_it_works")
    assert answer.value == "Sales answers every lead within the hour."
    assessment.refresh_from_db()
    assert assessment.current_section == "basics"


def _log_in_with_an_assessment(page: Page, email: str) -> Assessment:
    from accounts import services as account_services
    from assessments import services

    user = account_services.user_signup(
        email=email, password="a-long-and-unusual-passphrase", workspace_name="Brightwave"
    )
    client = services.client_create(
        workspace=user.workspaces.get(), name="Brightwave", is_own_company=True
    )
    pilot = services.pilot_create(client=client, name="Lead replies")
    assessment = services.assessment_start(pilot=pilot, user=user)
    page.goto("/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("a-long-and-unusual-passphrase")
    page.get_by_role("button", name="Log in").click()
    return assessment


def test_the_questionnaire_works_without_javascript(browser_without_js: Page, screenshot):
    page = browser_without_js
    assessment = _log_in_with_an_assessment(page, "nojs@brightwave.test")
    page.goto(f"/assessments/{assessment.id}/ownership/")

    page.locator('#question-own_authority input[value="yes"]').check()
    page.locator("#id_new-owners-name").fill("Fran Founder")
    page.get_by_role("button", name="Add a person").click()
    expect(page.locator("#owners")).to_contain_text("Fran Founder")
    page.locator('#question-own_authority input[value="yes"]').check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome and value")
    assert Answer.objects.get(assessment=assessment).value is True
    # Without JavaScript, removing goes through a confirmation page.
    page.goto(f"/assessments/{assessment.id}/ownership/")
    page.get_by_role("button", name="Remove Fran Founder").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Remove “Fran Founder”?")
    page.get_by_role("button", name="Remove").click()
    expect(page.locator("#owners")).to_contain_text("Nobody is recorded yet")
    page.get_by_role("button", name="1. Pilot basics").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pilot basics")
    screenshot("09-no-javascript", page)
