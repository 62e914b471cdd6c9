"""The questionnaire: sections, whole-section saves, autosave, skip logic and resuming."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Answer, Assessment, ChangePlan, OversightPlan
from tests.section_form import section_form


def section_url(assessment, section):
    return reverse("assessment_section", args=[assessment.id, section])


def agreed(assessment):
    return {a.question_id: a for a in Answer.objects.filter(assessment=assessment)}


def test_a_section_shows_its_questions_help_and_a_not_sure_choice(alice_client, assessment):
    response = alice_client.get(section_url(assessment, "ownership"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "When was the person who will run it in production named?" in page
    assert "An owner who shaped the pilot inherits a system they understand" in page
    assert 'value="__not_sure__"' in page
    assert 'id="scorecard"' in page
    assert 'id="stepper"' in page


def test_an_unknown_section_is_404(alice_client, assessment):
    assert alice_client.get(section_url(assessment, "astrology")).status_code == 404


def test_saving_a_section_stores_every_answer_and_moves_on(alice_client, assessment):
    response = alice_client.post(
        section_url(assessment, "ownership"),
        {
            "q-own_named_when": "before",
            "q-own_named_when-evidence": "https://wiki.example.com/owner",
            "q-own_authority": "yes",
            "q-own_duties": "__not_sure__",
            "go": "next",
        },
    )

    assert response.status_code == 302
    assert response.url == section_url(assessment, "outcome")
    answers = agreed(assessment)
    assert answers["own_named_when"].value == "before"
    assert answers["own_named_when"].evidence == "https://wiki.example.com/owner"
    assert answers["own_authority"].value is True
    assert answers["own_duties"].not_sure is True
    assessment.refresh_from_db()
    assert assessment.current_section == "outcome"


def test_a_bad_answer_saves_nothing_in_the_section_and_says_why(alice_client, assessment):
    response = alice_client.post(
        section_url(assessment, "oversight"),
        {
            "q-ov_edge_cases": "listed",
            "q-ov_test_cases": "lots",
            "oversight-review_mode": "all",
            "go": "next",
        },
    )

    assert response.status_code == 422
    assert "Enter a number." in response.content.decode()
    assert 'value="lots"' in response.content.decode(), "what was typed is kept"
    assert agreed(assessment) == {}
    assert not OversightPlan.objects.exists()


def test_a_bad_record_field_saves_nothing_in_the_section(alice_client, assessment):
    response = alice_client.post(
        section_url(assessment, "value"),
        {"value_case-items_per_month": "-5", "q-val_saving_measured": "measured", "go": "next"},
    )

    assert response.status_code == 422
    assert agreed(assessment) == {}


def test_a_failed_section_save_opens_on_a_summary_that_leads_to_each_field(
    alice_client, assessment
):
    response = alice_client.post(
        section_url(assessment, "value"),
        {"value_case-items_per_month": "-100", "q-val_saving_measured": "measured", "go": "next"},
    )

    page = response.content.decode()
    assert response.status_code == 422
    # Focus starts at the summary, not at the top of the page.
    assert (
        '<div id="error-summary" class="form-errors" role="alert" tabindex="-1" autofocus>' in page
    )
    assert page.count("autofocus") == 1
    assert '<li><a href="#id_value_case-items_per_month">Items per month</a>: ' in page


def test_a_failed_answer_is_listed_in_the_summary_with_a_link_to_its_input(
    alice_client, assessment
):
    response = alice_client.post(
        section_url(assessment, "oversight"),
        {"q-ov_test_cases": "lots", "oversight-review_mode": "all", "go": "next"},
    )

    page = response.content.decode()
    summary = page[
        page.index('id="error-summary"') : page.index("</div>", page.index('id="error-summary"'))
    ]
    assert '<a href="#q-ov_test_cases-input">' in summary
    assert "Enter a number." in summary


def test_the_previous_and_named_section_buttons_lead_there(alice_client, assessment):
    back = alice_client.post(section_url(assessment, "outcome"), {"go": "prev"})
    jump = alice_client.post(section_url(assessment, "outcome"), {"go": "adoption"})
    results = alice_client.post(section_url(assessment, "value"), {"go": "next"})

    assert back.url == section_url(assessment, "ownership")
    assert jump.url == section_url(assessment, "adoption")
    assert results.url == reverse("assessment_results", args=[assessment.id])


def test_coming_back_resumes_in_the_last_section(alice_client, assessment):
    alice_client.get(section_url(assessment, "integration"))

    response = alice_client.get(reverse("assessment_resume", args=[assessment.id]))

    assert response.url == section_url(assessment, "integration")


def test_autosave_saves_one_answer_and_swaps_the_scorecard_out_of_band(
    alice_client, assessment, htmx
):
    before = alice_client.get(section_url(assessment, "ownership")).context["card"]

    response = alice_client.post(
        section_url(assessment, "ownership"),
        {"_unit": "q:own_authority", "q-own_authority": "yes", "q-own_duties": "rehearsed"},
        **htmx,
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="status-q-own_authority"' in page
    assert "Saved" in page
    assert 'id="scorecard"' in page and 'hx-swap-oob="true"' in page
    assert '<ol id="stepper-list" hx-swap-oob="true">' in page
    assert set(agreed(assessment)) == {"own_authority"}, "only the changed question is saved"
    after = alice_client.get(section_url(assessment, "ownership")).context["card"]
    assert after.gap("ownership").score > before.gap("ownership").score


def test_changing_an_answer_swaps_the_scores_but_not_the_unchanged_progress(
    alice_client, assessment, htmx
):
    url = section_url(assessment, "ownership")
    alice_client.post(url, {"_unit": "q:own_duties", "q-own_duties": "rehearsed"}, **htmx)

    response = alice_client.post(url, {"_unit": "q:own_duties", "q-own_duties": "nobody"}, **htmx)

    page = response.content.decode()
    assert response.status_code == 200
    assert agreed(assessment)["own_duties"].value == "nobody"
    assert 'id="scorecard"' in page
    # Still one answered question: the stepper and the section's progress stand, and
    # only the one-line result above them is swapped.
    assert 'id="stepper-list"' not in page and 'id="stepper-progress"' not in page
    assert 'id="section-progress"' not in page
    assert '<p id="scorecard-mini" class="scorecard-mini" hx-swap-oob="true">' in page


def test_a_first_answer_swaps_the_progress_with_the_scores(alice_client, assessment, htmx):
    response = alice_client.post(
        section_url(assessment, "ownership"),
        {"_unit": "q:own_duties", "q-own_duties": "rehearsed"},
        **htmx,
    )

    page = response.content.decode()
    assert '<div id="stepper-progress" class="section-progress" hx-swap-oob="true">' in page
    assert '<ol id="stepper-list" hx-swap-oob="true">' in page
    assert 'id="section-progress"' in page
    assert "1 of " in page
    assert '<p id="scorecard-mini" class="scorecard-mini" hx-swap-oob="true">' in page
    # Never the fold around the steps: on a phone, one the person opened stays open.
    assert 'id="stepper"' not in page and 'class="stepper-fold"' not in page


def test_autosave_of_a_bad_value_is_422_beside_the_field(alice_client, assessment, htmx):
    response = alice_client.post(
        section_url(assessment, "oversight"),
        {"_unit": "q:ov_test_cases", "q-ov_test_cases": "-3"},
        **htmx,
    )

    assert response.status_code == 422
    assert 'id="status-q-ov_test_cases"' in response.content.decode()
    assert "Enter at least 0." in response.content.decode()
    assert agreed(assessment) == {}


def test_clearing_a_text_answer_removes_it(alice_client, assessment, htmx):
    services.answer_save(
        assessment=assessment, question_id="basic_if_it_works", value="Sales adopts it", user=None
    )

    alice_client.post(
        section_url(assessment, "basics"),
        {"_unit": "q:basic_if_it_works", "q-basic_if_it_works": ""},
        **htmx,
    )

    assert "basic_if_it_works" not in agreed(assessment)


def test_autosave_of_a_record_field_saves_only_that_field(alice_client, assessment, htmx):
    response = alice_client.post(
        section_url(assessment, "oversight"),
        {"_unit": "f:alert_recipient", "oversight-alert_recipient": "Priya on call"},
        **htmx,
    )

    assert response.status_code == 200
    assert OversightPlan.objects.get(pilot=assessment.pilot).alert_recipient == "Priya on call"


def test_autosave_of_a_bad_record_field_is_422(alice_client, assessment, htmx):
    response = alice_client.post(
        section_url(assessment, "oversight"),
        {"_unit": "f:confidence_threshold", "oversight-confidence_threshold": "150"},
        **htmx,
    )

    assert response.status_code == 422
    assert 'id="status-oversight-confidence_threshold"' in response.content.decode()
    assert not OversightPlan.objects.exists()


def test_a_question_that_does_not_apply_is_hidden_and_not_scored(alice_client, assessment):
    page = alice_client.get(section_url(assessment, "ownership")).content.decode()

    # Handing over from a builder only matters when someone outside built it.
    assert 'id="question-own_handover" class="question" hidden disabled' in page


def test_a_question_appears_once_its_trigger_is_answered(alice_client, assessment):
    services.answer_save(
        assessment=assessment, question_id="basic_built_by", value="contractor", user=None
    )

    page = alice_client.get(section_url(assessment, "ownership")).content.decode()

    assert 'id="question-own_handover"' in page
    assert 'id="question-own_handover" class="question" hidden' not in page


def test_changing_a_record_field_swaps_in_the_question_it_unlocks(alice_client, assessment, htmx):
    response = alice_client.post(
        section_url(assessment, "oversight"),
        {"_unit": "f:review_mode", "oversight-review_mode": "confidence"},
        **htmx,
    )

    page = response.content.decode()
    assert 'id="question-ov_threshold_policy"' in page
    assert 'id="question-ov_threshold_policy" class="question" hidden' not in page


def test_an_unrelated_save_does_not_re_render_other_questions(alice_client, assessment, htmx):
    response = alice_client.post(
        section_url(assessment, "oversight"),
        {"_unit": "q:ov_edge_cases", "q-ov_edge_cases": "listed"},
        **htmx,
    )

    assert 'id="question-' not in response.content.decode()


def test_a_viewer_can_read_but_not_answer(client, victor, assessment):
    client.force_login(victor)

    page = client.get(section_url(assessment, "ownership"))
    attempt = client.post(section_url(assessment, "ownership"), {"q-own_authority": "yes"})

    assert page.status_code == 200
    assert "You can view this assessment but not change it." in page.content.decode()
    assert attempt.status_code == 403
    assert agreed(assessment) == {}


def test_a_final_assessment_cannot_be_changed(alice_client, assessment, make_final):
    make_final(assessment)

    response = alice_client.post(section_url(assessment, "ownership"), {"q-own_authority": "yes"})

    assert response.status_code == 302
    assert "own_authority" not in agreed(assessment)


@pytest.mark.parametrize(
    "section", ["basics", "ownership", "outcome", "integration", "oversight", "adoption", "value"]
)
def test_every_section_renders_for_an_outsider_as_404(client, charlie, assessment, section):
    client.force_login(charlie)

    assert client.get(section_url(assessment, section)).status_code == 404
    assert (
        client.post(section_url(assessment, section), {"q-own_authority": "yes"}).status_code == 404
    )
    assert Assessment.objects.get(pk=assessment.pk).current_section == ""


def test_autosave_changes_an_existing_record(alice_client, assessment, htmx):
    services.oversight_save(pilot=assessment.pilot, data={"alert_recipient": "Nobody"})

    alice_client.post(
        section_url(assessment, "oversight"),
        {"_unit": "f:alert_recipient", "oversight-alert_recipient": "Priya on call"},
        **htmx,
    )

    assert OversightPlan.objects.get(pilot=assessment.pilot).alert_recipient == "Priya on call"


def test_saving_the_basics_section_updates_the_pilot(alice_client, assessment):
    alice_client.post(
        section_url(assessment, "basics"),
        {
            "pilot-name": "Quote chasing",
            "pilot-workflow": "Chase quotes",
            "pilot-problem": "Quotes go cold",
            "pilot-weekly_volume": "40",
            "pilot-stage": "pilot",
            "pilot-prototype_effort_days": "",
            "q-basic_built_by": "contractor",
            "go": "next",
        },
    )

    assessment.pilot.refresh_from_db()
    assert (assessment.pilot.name, assessment.pilot.weekly_volume) == ("Quote chasing", 40)
    assert agreed(assessment)["basic_built_by"].value == "contractor"


def test_the_value_case_labels_name_the_clients_currency(alice_client, assessment):
    services.client_update(client=assessment.pilot.client, data={"currency": "CAD"})
    services.value_case_save(pilot=assessment.pilot, data={"build_cost": 6000})

    page = alice_client.get(section_url(assessment, "value")).content.decode()

    assert ">Cost of an hour of staff time (CA$)<" in page
    assert ">Cost to reach production (CA$)<" in page
    assert ">Running cost per month (CA$)<" in page
    assert ">Items per month<" in page, "counts are not money"


def test_the_labels_name_the_currency_before_any_figure_is_given(alice_client, assessment):
    services.client_update(client=assessment.pilot.client, data={"currency": "EUR"})

    page = alice_client.get(section_url(assessment, "value")).content.decode()

    assert ">Cost to reach production (€)<" in page


def test_the_value_case_labels_name_no_currency_while_the_client_has_none(alice_client, assessment):
    page = alice_client.get(section_url(assessment, "value")).content.decode()

    assert ">Cost to reach production<" in page


def test_the_evidence_field_says_what_a_bare_answer_earns(alice_client, assessment):
    page = alice_client.get(section_url(assessment, "ownership")).content.decode()

    assert "Evidence (optional, but a bare answer earns half of its credit)" in page
    assert "Without it the answer earns 50% of its credit; with a name or a note, 80%" in page


def test_ticking_not_sure_keeps_the_number_typed_and_unticking_brings_it_back(
    alice_client, assessment, htmx
):
    url = section_url(assessment, "oversight")
    alice_client.post(url, {"_unit": "q:ov_test_cases", "q-ov_test_cases": "250"}, **htmx)

    response = alice_client.post(
        url,
        {
            "_unit": "q:ov_test_cases",
            "q-ov_test_cases": "250",
            "q-ov_test_cases-not-sure": "on",
        },
        **htmx,
    )

    assert response.status_code == 200
    answer = agreed(assessment)["ov_test_cases"]
    assert (answer.not_sure, answer.value) == (True, 250)
    page = alice_client.get(url).content.decode()
    assert 'name="q-ov_test_cases" value="250"' in page
    assert 'name="q-ov_test_cases-not-sure" checked' in page
    # Not scored while "not sure" is ticked.
    assessment.refresh_from_db()
    card = alice_client.get(url).context["card"]
    assert "ov_test_cases" in card.not_sure

    alice_client.post(url, {"_unit": "q:ov_test_cases", "q-ov_test_cases": "250"}, **htmx)

    answer = agreed(assessment)["ov_test_cases"]
    assert (answer.not_sure, answer.value) == (False, 250)


NOT_SCORED = "The number is kept but not scored while “Not sure” is ticked."


def test_a_section_saved_with_not_sure_and_a_number_keeps_both(alice_client, assessment):
    """Without JavaScript typing cannot untick "Not sure": it wins, and the page says so."""
    response = alice_client.post(
        section_url(assessment, "oversight"),
        {"q-ov_test_cases": "1,200", "q-ov_test_cases-not-sure": "on", "go": "stay"},
        follow=True,
    )

    answer = agreed(assessment)["ov_test_cases"]
    assert (answer.not_sure, answer.value) == (True, 1200)
    page = response.content.decode()
    assert 'name="q-ov_test_cases" value="1200"' in page
    assert (
        f'id="not-scored-ov_test_cases" aria-live="polite" data-not-scored="{NOT_SCORED}">{NOT_SCORED}</p>'
        in page
    )
    assert "ov_test_cases" in response.context["card"].not_sure


def test_not_sure_without_a_number_says_nothing_about_scoring(alice_client, assessment):
    alice_client.post(
        section_url(assessment, "oversight"),
        {"q-ov_test_cases": "", "q-ov_test_cases-not-sure": "on", "go": "stay"},
    )

    page = alice_client.get(section_url(assessment, "oversight")).content.decode()
    assert agreed(assessment)["ov_test_cases"].not_sure is True
    assert f'data-not-scored="{NOT_SCORED}"></p>' in page


def test_autosave_of_a_number_under_not_sure_says_it_was_saved_as_not_sure(
    alice_client, assessment, htmx
):
    response = alice_client.post(
        section_url(assessment, "oversight"),
        {"_unit": "q:ov_test_cases", "q-ov_test_cases": "50", "q-ov_test_cases-not-sure": "on"},
        **htmx,
    )

    assert response.status_code == 200
    assert "Saved as “Not sure”." in response.content.decode()
    answer = agreed(assessment)["ov_test_cases"]
    assert (answer.not_sure, answer.value) == (True, 50)


def test_autosave_of_a_number_alone_answers_it_and_just_says_saved(alice_client, assessment, htmx):
    url = section_url(assessment, "oversight")
    alice_client.post(url, {"_unit": "q:ov_test_cases", "q-ov_test_cases-not-sure": "on"}, **htmx)

    response = alice_client.post(url, {"_unit": "q:ov_test_cases", "q-ov_test_cases": "50"}, **htmx)

    assert "Not sure" not in response.content.decode().split('id="status-q-ov_test_cases"')[1][:200]
    answer = agreed(assessment)["ov_test_cases"]
    assert (answer.not_sure, answer.value) == (False, 50)


def test_human_review_starts_as_not_chosen_yet(alice_client, assessment):
    page = alice_client.get(section_url(assessment, "oversight")).content.decode()

    assert '<option value="" selected>Not chosen yet</option>' in page
    assert 'value="all" selected' not in page


def test_high_stakes_with_no_review_mode_chosen_fails_the_oversight_gate(alice_client, assessment):
    response = alice_client.post(
        section_url(assessment, "oversight"),
        {
            "oversight-monitor_runs": "A daily count of runs on the dashboard",
            "oversight-monitor_actions": "Every reply is logged with its input",
            "oversight-monitor_quality": "A weekly sample scored by the team",
            "oversight-alert_recipient": "Priya Shah",
            "q-ov_stakes": "high",
            "go": "stay",
        },
    )

    assert response.status_code == 302
    plan = OversightPlan.objects.get(pilot=assessment.pilot)
    assert plan.review_mode == ""
    assert plan.alert_recipient == "Priya Shah"
    results = alice_client.get(reverse("assessment_results", args=[assessment.id]))
    assert "go out without a person approving them first" in results.content.decode()
    assert "ov_human_review" in {gate.criterion_id for gate in results.context["card"].failed_gates}


def test_a_review_mode_can_be_unchosen_again(alice_client, assessment, htmx):
    services.oversight_save(pilot=assessment.pilot, data={"review_mode": "all"})

    response = alice_client.post(
        section_url(assessment, "oversight"),
        {"_unit": "f:review_mode", "oversight-review_mode": ""},
        **htmx,
    )

    assert response.status_code == 200
    assert OversightPlan.objects.get(pilot=assessment.pilot).review_mode == ""


def test_an_unknown_review_mode_is_refused_beside_the_field(alice_client, assessment, htmx):
    services.oversight_save(pilot=assessment.pilot, data={"review_mode": "all"})

    response = alice_client.post(
        section_url(assessment, "oversight"),
        {"_unit": "f:review_mode", "oversight-review_mode": "whenever"},
        **htmx,
    )

    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert OversightPlan.objects.get(pilot=assessment.pilot).review_mode == "all"


def test_involvement_and_rollout_commitment_start_as_not_chosen_yet(alice_client, assessment):
    page = alice_client.get(section_url(assessment, "adoption")).content.decode()

    assert page.count('<option value="" selected>Not chosen yet</option>') == 2
    assert 'value="undecided" selected' not in page
    assert 'value="informed" selected' not in page


def test_an_adoption_section_saved_without_choices_leaves_them_unset(alice_client, assessment):
    response = alice_client.post(
        section_url(assessment, "adoption"),
        {"change_plan-sponsor_name": "Sam Ortiz", "go": "stay"},
    )

    assert response.status_code == 302
    plan = ChangePlan.objects.get(pilot=assessment.pilot)
    assert (plan.involvement, plan.rollout_commitment, plan.sponsor_name) == ("", "", "Sam Ortiz")


def test_a_rollout_commitment_can_be_unchosen_again(alice_client, assessment, htmx):
    services.change_plan_save(pilot=assessment.pilot, data={"rollout_commitment": "committed"})

    response = alice_client.post(
        section_url(assessment, "adoption"),
        {"_unit": "f:rollout_commitment", "change_plan-rollout_commitment": ""},
        **htmx,
    )

    assert response.status_code == 200
    assert ChangePlan.objects.get(pilot=assessment.pilot).rollout_commitment == ""


def test_an_unknown_involvement_is_refused_beside_the_field(alice_client, assessment, htmx):
    services.change_plan_save(pilot=assessment.pilot, data={"involvement": "consulted"})

    response = alice_client.post(
        section_url(assessment, "adoption"),
        {"_unit": "f:involvement", "change_plan-involvement": "whenever"},
        **htmx,
    )

    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert ChangePlan.objects.get(pilot=assessment.pilot).involvement == "consulted"


def _autosave_in_another_tab(client, url, unit, data):
    response = client.post(url, {"_unit": unit, **data}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200


def test_saving_an_older_page_leaves_alone_the_answers_changed_since_in_another_tab(
    alice_client, assessment
):
    services.answer_save(assessment=assessment, question_id="own_authority", value=False, user=None)
    url = section_url(assessment, "ownership")
    older = section_form(alice_client.get(url).content.decode())
    _autosave_in_another_tab(alice_client, url, "q:own_authority", {"q-own_authority": "yes"})
    _autosave_in_another_tab(alice_client, url, "q:own_named_when", {"q-own_named_when": "before"})

    response = alice_client.post(url, {**older, "go": "next"})

    assert response.status_code == 302
    answers = agreed(assessment)
    assert answers["own_authority"].value is True
    assert answers["own_named_when"].value == "before"


def test_saving_an_older_page_saves_what_was_changed_on_it_and_only_that(alice_client, assessment):
    services.oversight_save(pilot=assessment.pilot, data={"alert_recipient": "Nobody"})
    url = section_url(assessment, "oversight")
    older = section_form(alice_client.get(url).content.decode())
    _autosave_in_another_tab(
        alice_client, url, "f:alert_recipient", {"oversight-alert_recipient": "Priya on call"}
    )

    # Without JavaScript: another field is changed on the older page and the section sent.
    alice_client.post(url, {**older, "oversight-review_mode": "confidence", "go": "stay"})

    plan = OversightPlan.objects.get(pilot=assessment.pilot)
    assert plan.alert_recipient == "Priya on call"
    assert plan.review_mode == "confidence"


def test_a_section_sent_without_what_it_was_loaded_with_saves_every_answer(
    alice_client, assessment
):
    services.answer_save(assessment=assessment, question_id="own_authority", value=True, user=None)

    alice_client.post(section_url(assessment, "ownership"), {"q-own_authority": "no"})

    assert agreed(assessment)["own_authority"].value is False


@pytest.mark.parametrize("depth", [3_000, 50_000])
def test_a_loaded_answer_nested_too_deeply_to_read_counts_as_changed(
    alice_client, assessment, depth
):
    response = alice_client.post(
        section_url(assessment, "basics"),
        {
            "q-basic_built_by": "vendor",
            "loaded-basic_built_by": "[" * depth + "]" * depth,
            "go": "stay",
        },
    )

    assert response.status_code == 302
    assert agreed(assessment)["basic_built_by"].value == "vendor"
