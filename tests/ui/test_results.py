"""The results page: decision, reasons, chart, gates, action plan and value case."""

import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from assessments import services
from assessments.models import ActionItem


def results_url(assessment):
    return reverse("assessment_results", args=[assessment.id])


def test_results_show_the_decision_reasons_chart_and_gates(alice_client, assessment):
    response = alice_client.get(results_url(assessment))

    assert response.status_code == 200
    page = response.content.decode()
    card = response.context["card"]
    assert card.decision_label in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="gap-chart"' in page
    # No owner is recorded at all: the gate says so, rather than what nobody said.
    assert "No owner is recorded, so nobody is named" in page, "a gate in plain words"
    gate = card.failed_gates[0].text
    # Named in Why, as the report names it on page one, and again in the Gates card.
    assert page.count(gate) == 2
    assert f'<a href="#gates-title">Gate not met</a>: {gate}' in page
    other = next(r for r in card.reasons if r.kind != "gate_failed")
    assert other.text in page
    assert len(response.context["top_actions"]) == 3
    assert "still unanswered" in page


def test_a_value_case_that_never_pays_back_says_so_and_stops(alice_client, assessment):
    services.value_case_save(
        pilot=assessment.pilot,
        data={
            "items_per_month": 10,
            "minutes_saved_per_item": 5,
            "hourly_cost": 30,
            "build_cost": 20000,
            "monthly_run_cost": 500,
        },
    )

    response = alice_client.get(results_url(assessment))

    page = response.content.decode()
    assert "never: the saving does not cover the running cost" in page
    assert response.context["card"].decision == "stop"


def _value_case(assessment):
    services.value_case_save(
        pilot=assessment.pilot,
        data={
            "items_per_month": 600,
            "minutes_saved_per_item": 9,
            "hourly_cost": 24,
            "build_cost": 9000,
            "monthly_run_cost": 350,
        },
    )


def test_a_payback_on_a_guess_says_it_is_a_rough_figure(alice_client, assessment):
    _value_case(assessment)
    for question_id, value in (
        ("val_saving_measured", "guess"),
        ("val_cost_complete", "prototype"),
    ):
        services.answer_save(assessment=assessment, question_id=question_id, value=value, user=None)

    page = alice_client.get(results_url(assessment)).content.decode()

    payback = page.split('data-testid="payback">', 1)[1].split("</dd>", 1)[0]
    assert payback == "5.0 months, a rough figure from a prototype-only cost and guessed savings"


def test_a_payback_on_measured_figures_is_not_qualified(alice_client, assessment):
    _value_case(assessment)
    for question_id, value in (
        ("val_saving_measured", "measured"),
        ("val_cost_complete", "itemised"),
    ):
        services.answer_save(assessment=assessment, question_id=question_id, value=value, user=None)

    page = alice_client.get(results_url(assessment)).content.decode()

    assert page.split('data-testid="payback">', 1)[1].split("</dd>", 1)[0] == "5.0 months"


def test_the_value_case_is_shown_in_the_clients_currency(alice_client, assessment):
    services.client_update(client=assessment.pilot.client, data={"currency": "GBP"})
    _value_case(assessment)

    page = alice_client.get(results_url(assessment)).content.decode()

    assert "<dt>Monthly saving</dt><dd>£2,160</dd>" in page
    assert "<dt>Running cost</dt><dd>£350 a month</dd>" in page
    assert "<dt>Cost to reach production</dt><dd>£9,000</dd>" in page


def test_a_currency_without_a_symbol_is_shown_by_its_code(alice_client, assessment):
    services.client_update(client=assessment.pilot.client, data={"currency": "SEK"})
    _value_case(assessment)

    page = alice_client.get(results_url(assessment)).content.decode()

    assert "<dt>Cost to reach production</dt><dd>SEK\u00a09,000</dd>" in page


def test_a_client_without_a_currency_shows_bare_numbers_as_before(alice_client, assessment):
    _value_case(assessment)

    page = alice_client.get(results_url(assessment)).content.decode()

    assert "<dt>Monthly saving</dt><dd>2,160</dd>" in page
    assert "<dt>Cost to reach production</dt><dd>9,000</dd>" in page


def test_setting_an_owner_and_due_date_on_an_action(alice_client, assessment, htmx):
    criterion = alice_client.get(results_url(assessment)).context["top_actions"][0]["action"]
    url = reverse("action_update", args=[assessment.id, criterion.criterion_id])
    prefix = f"action-{criterion.criterion_id}"

    response = alice_client.post(
        url,
        {
            f"{prefix}-owner_name": "Priya",
            f"{prefix}-due_date": "2026-12-01",
            f"{prefix}-status": "open",
        },
        **htmx,
    )

    assert response.status_code == 200
    assert "Saved" in response.content.decode()
    item = ActionItem.objects.get(assessment=assessment, criterion_id=criterion.criterion_id)
    assert (item.owner_name, str(item.due_date)) == ("Priya", "2026-12-01")


def test_a_bad_due_date_is_422_and_saves_nothing(alice_client, assessment):
    criterion = alice_client.get(results_url(assessment)).context["top_actions"][0]["action"]
    prefix = f"action-{criterion.criterion_id}"

    response = alice_client.post(
        reverse("action_update", args=[assessment.id, criterion.criterion_id]),
        {
            f"{prefix}-owner_name": "Priya",
            f"{prefix}-due_date": "next tuesday",
            f"{prefix}-status": "open",
        },
    )

    assert response.status_code == 422
    assert "Enter a valid date." in response.content.decode()
    assert not ActionItem.objects.exists()


def test_an_action_not_in_the_plan_is_404(alice_client, assessment):
    response = alice_client.post(
        reverse("action_update", args=[assessment.id, "no_such_criterion"]), {}
    )

    assert response.status_code == 404


def test_marking_final_freezes_the_assessment(alice_client, assessment):
    _answer(assessment, "own_authority", True)

    response = alice_client.post(
        reverse("assessment_submit", args=[assessment.id]), {"confirm": "yes"}
    )

    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.is_submitted


def test_marking_final_without_confirming_changes_nothing_and_says_why(alice_client, assessment):
    _answer(assessment, "own_authority", True)
    page = alice_client.get(results_url(assessment)).content.decode()
    response = alice_client.post(reverse("assessment_submit", args=[assessment.id]), follow=True)

    assert 'name="confirm" value="yes" required' in page
    assert "still unanswered and will stay so" in page
    assert "Tick the box to confirm" in response.content.decode()
    assessment.refresh_from_db()
    assert not assessment.is_submitted


def test_a_viewer_sees_results_without_forms(client, victor, assessment):
    client.force_login(victor)

    page = client.get(results_url(assessment)).content.decode()

    assert 'class="action-form"' not in page
    assert client.post(reverse("assessment_submit", args=[assessment.id])).status_code == 403


def test_each_action_form_shows_its_own_saved_values(alice_client, assessment):
    """The plan's forms are rendered once per distinct item; each still shows its own."""
    actions = alice_client.get(results_url(assessment)).context["top_actions"]
    first, second = (row["action"].criterion_id for row in actions[:2])
    services.action_item_update(
        assessment=assessment,
        criterion_id=first,
        data={"owner_name": "Sam <ops>", "status": ActionItem.Status.DONE},
    )

    page = alice_client.get(results_url(assessment)).content.decode()

    assert f'<input type="text" name="action-{first}-owner_name" value="Sam &lt;ops&gt;"' in page
    assert f'<input type="text" name="action-{second}-owner_name" maxlength="160"' in page
    assert '<option value="done" selected>Done</option>' in page


def test_a_first_assessment_has_nothing_to_compare_with(alice_client, assessment):
    response = alice_client.get(results_url(assessment))

    assert response.context["since"] is None
    assert "Since the last final assessment" not in response.content.decode()


def test_a_reassessment_shows_what_changed_since_the_last_final_one(
    alice_client, assessment, alice, make_final
):
    make_final(assessment)
    first = assessment
    first.refresh_from_db()
    gate_text = next(
        g["text"] for g in first.scorecard["failed_gates"] if g["criterion"].startswith("own")
    )
    reassessment = services.assessment_start(pilot=first.pilot, user=alice)
    services.owner_add(
        pilot=first.pilot, name="Priya Shah", email="priya@northwind.test", accountable=True
    )

    response = alice_client.get(results_url(reassessment))

    page = response.content.decode()
    since = response.context["since"]
    assert since.previous_id == first.id
    assert "Since the last final assessment" in page
    assert results_url(first) in page
    assert [gate.text for gate in since.gates_now_met] == [gate_text]
    # Listed by what the gate asks for, not by last time's reason for failing it.
    met = since.gates_now_met[0]
    assert f"<li>{met.title}</li>" in page
    assert gate_text not in page
    ownership = next(gap for gap in since.gaps if gap.id == "ownership")
    assert ownership.delta > 0
    assert f"+{ownership.delta}" in page


def test_the_final_assessment_itself_compares_only_with_earlier_ones(
    alice_client, assessment, alice, make_final
):
    make_final(assessment)
    later = services.assessment_start(pilot=assessment.pilot, user=alice)
    make_final(later)

    assert alice_client.get(results_url(assessment)).context["since"] is None
    response = alice_client.get(results_url(later))
    assert response.context["since"].previous_id == assessment.id
    assert "Nothing has changed yet" in response.content.decode()


def _answer(assessment, question_id, value, evidence=""):
    services.answer_save(
        assessment=assessment,
        question_id=question_id,
        value=value,
        evidence=evidence,
        user=assessment.started_by,
    )


def _answers_changed_block(page: str) -> str:
    return page.split('data-testid="answers-changed">', 1)[1].split("</section>", 1)[0]


def _answers_changed(page: str) -> str:
    """The list of answers that changed, as text without its markup."""
    return " ".join(re.sub(r"<[^>]+>", " ", _answers_changed_block(page)).split())


def test_a_reassessment_lists_the_answers_that_changed_better_worse_and_other(
    alice_client, assessment, alice
):
    _answer(assessment, "own_named_when", "after")
    _answer(assessment, "own_authority", True)
    _answer(assessment, "basic_if_it_works", "Sales takes it on.")
    services.assessment_submit(assessment=assessment)
    draft = services.assessment_start(pilot=assessment.pilot, user=alice)
    services.assessment_carry_answers(assessment=draft, source=assessment)
    _answer(draft, "own_named_when", "before")
    _answer(draft, "own_authority", False)
    _answer(draft, "basic_if_it_works", "Sales and support take it on.")
    _answer(draft, "ov_test_cases", 40)

    page = alice_client.get(results_url(draft)).content.decode()

    listed = _answers_changed(page)
    assert listed == (
        "Better (2) "
        "When was the person who will run it in production named? "
        "After the pilot finished → Before the pilot began, and they helped design it "
        "How many real cases has the output been checked on? No answer → 40 cases "
        "Worse (1) "
        "Can the owner change the process, approve small spending and pause the workflow "
        "without asking anyone? Yes → No "
        "Other changes (1) "
        "If the pilot works, what happens next? One or two sentences. "
        "Sales takes it on. → Sales and support take it on."
    )
    assert "<details" not in _answers_changed_block(page)


def test_a_reassessment_lists_evidence_that_changed_with_the_answer_as_it_was(
    alice_client, assessment, alice
):
    _answer(assessment, "own_named_when", "during", evidence="In the kick-off notes")
    _answer(assessment, "own_authority", True, evidence="https://wiki.example.com/mandate")
    _answer(assessment, "own_duties", "written", evidence="https://wiki.example.com/duties")
    services.assessment_submit(assessment=assessment)
    draft = services.assessment_start(pilot=assessment.pilot, user=alice)
    services.assessment_carry_answers(assessment=draft, source=assessment)
    _answer(draft, "own_named_when", "during", evidence="https://wiki.example.com/kick-off")
    _answer(draft, "own_authority", True)
    # Another link is no change of credit, so no change worth listing.
    _answer(draft, "own_duties", "written", evidence="https://wiki.example.com/duties-v2")

    page = alice_client.get(results_url(draft)).content.decode()

    assert _answers_changed(page) == (
        "Better (1) "
        "When was the person who will run it in production named? "
        "Part way through the pilot (evidence: a note → a link) "
        "Worse (1) "
        "Can the owner change the process, approve small spending and pause the workflow "
        "without asking anyone? Yes (evidence removed)"
    )


def test_a_long_list_of_changed_answers_shows_five_and_folds_the_rest(
    alice_client, assessment, alice
):
    changed = ["own_authority", "int_flow_mapped", "int_it_involved", "ov_error_handling"]
    changed += ["ado_users_tested", "ado_rollout_budget", "ado_sponsor_active"]
    _answer(assessment, "own_authority", False)
    services.assessment_submit(assessment=assessment)
    draft = services.assessment_start(pilot=assessment.pilot, user=alice)
    for question_id in changed:
        _answer(draft, question_id, True)

    page = alice_client.get(results_url(draft)).content.decode()

    listed = _answers_changed_block(page)
    shown, folded = listed.split("<details", 1)
    assert "<strong>Better</strong> (6)" in shown
    assert shown.count("<li>") == 5
    assert "<summary>1 more</summary>" in folded
    assert folded.count("<li>") == 1
    # The sponsor question applies only once a sponsor is named in the change plan.
    assert "sponsor" not in listed


def test_a_reassessment_with_the_same_answers_says_no_answer_changed_since_then(
    alice_client, assessment, alice
):
    _answer(assessment, "own_authority", True)
    services.assessment_submit(assessment=assessment)
    assessment.refresh_from_db()
    draft = services.assessment_start(pilot=assessment.pilot, user=alice)
    services.assessment_carry_answers(assessment=draft, source=assessment)

    page = alice_client.get(results_url(draft)).content.decode()

    then = date_format(timezone.localtime(assessment.submitted_at), "j M Y")
    assert _answers_changed(page) == f"No answer changed since {then}."
    assert "Nothing has changed yet" in page


def test_a_stop_starts_the_plan_with_what_the_stop_calls_for(alice_client, assessment):
    services.value_case_save(
        pilot=assessment.pilot,
        data={
            "items_per_month": 10,
            "minutes_saved_per_item": 5,
            "hourly_cost": 30,
            "build_cost": 20000,
            "monthly_run_cost": 500,
        },
    )

    response = alice_client.get(results_url(assessment))

    page = response.content.decode()
    top = [row["action"].title for row in response.context["top_actions"]]
    assert top[:2] == ["Re-examine the value case, or close the pilot", "Record what was learned"]
    assert "should stop, so start with what that calls for" in page
    assert "they close the most ground" not in page
    plan = [row["action"].criterion_id for row in response.context["top_actions"]]
    plan += [row["action"].criterion_id for row in response.context["more_actions"]]
    assert "int_live_path" not in plan
    assert "ado_rollout_commitment" not in plan
    assert "left out while the decision is Stop" in page


def test_answer_them_goes_to_the_first_unanswered_question(alice_client, assessment):
    response = alice_client.get(results_url(assessment))

    first = response.context["card"].unanswered[0]
    section = response.context["rubric"].questions_by_id[first].section
    target = reverse("assessment_section", args=[assessment.id, section]) + f"#question-{first}"
    assert f'<a href="{target}">Answer them</a>' in response.content.decode()
    # The anchor is there to land on.
    assert f'id="question-{first}"' in alice_client.get(target).content.decode()


def test_answer_them_skips_the_questions_already_answered(alice_client, assessment, alice):
    services.answer_save(
        assessment=assessment, question_id="basic_built_by", value="own_team", user=alice
    )

    response = alice_client.get(results_url(assessment))

    first = response.context["card"].unanswered[0]
    assert first != "basic_built_by"
    assert f'#question-{first}">Answer them</a>' in response.content.decode()


def test_a_final_assessment_offers_a_reassessment_instead_of_answering(
    alice_client, assessment, make_final
):
    make_final(assessment)

    page = alice_client.get(results_url(assessment)).content.decode()

    assert "Answer them" not in page
    pilot_url = reverse("pilot_detail", args=[assessment.pilot_id])
    assert f'<a href="{pilot_url}#reassess-title">Start a reassessment</a>' in page


def test_a_final_assessment_with_a_reassessment_under_way_points_to_it(
    alice_client, assessment, alice, make_final
):
    make_final(assessment)
    draft = services.assessment_start(pilot=assessment.pilot, user=alice)

    page = alice_client.get(results_url(assessment)).content.decode()

    resume = reverse("assessment_resume", args=[draft.id])
    assert f'<a href="{resume}">Carry on with the reassessment</a>' in page


def test_a_viewer_is_not_sent_to_answer(client, victor, assessment):
    client.force_login(victor)

    page = client.get(results_url(assessment)).content.decode()

    assert "still unanswered" in page
    assert "Answer them" not in page


@pytest.mark.parametrize(
    ("gain", "words"),
    [(1.0, "worth up to 1 point overall"), (2.5, "worth up to 2.5 points overall")],
)
def test_an_action_says_point_or_points_as_its_gain_calls_for(gain, words):
    action = SimpleNamespace(
        criterion_id="c1",
        title="Name an owner",
        recommendation="Name one.",
        kind="fix",
        effort="low",
        gain=gain,
        fixes_gate=False,
    )
    row = SimpleNamespace(action=action, rank=1, gap_title="Ownership", head_html="")

    html = render_to_string("assessments/results.html#action-head", {"row": row})

    assert words in html


def test_a_final_assessment_leads_on_to_the_reassessment_and_its_answers(
    alice_client, assessment, make_final
):
    make_final(assessment)

    response = alice_client.get(results_url(assessment))

    page = response.content.decode()
    head = page[page.index('<div class="page-head">') : page.index("</div>", page.index("actions"))]
    pilot_url = reverse("pilot_detail", args=[assessment.pilot_id])
    answers_url = reverse("assessment_section", args=[assessment.id, "basics"])
    assert f'href="{pilot_url}#reassess-title">Start a reassessment</a>' in head
    assert f'href="{answers_url}">See the answers</a>' in head
    assert "Back to the questions" not in head
    # The answers it leads to are read-only, with the way to reassess beside them.
    answers = alice_client.get(answers_url).content.decode()
    assert "This assessment is final, so its answers are read-only." in answers


def test_a_final_assessment_leads_on_to_the_reassessment_already_open(
    alice_client, assessment, alice, make_final
):
    make_final(assessment)
    draft = services.assessment_start(pilot=assessment.pilot, user=alice)

    page = alice_client.get(results_url(assessment)).content.decode()

    head = page[page.index('<div class="page-head">') : page.index("</div>", page.index("actions"))]
    resume = reverse("assessment_resume", args=[draft.id])
    assert f'href="{resume}">Carry on with the reassessment</a>' in head
    assert "Start a reassessment" not in page


def test_a_viewer_of_a_final_assessment_can_see_its_answers_but_not_reassess(
    client, victor, assessment, make_final
):
    make_final(assessment)
    client.force_login(victor)

    page = client.get(results_url(assessment)).content.decode()

    assert "See the answers</a>" in page
    assert "reassess" not in page.lower()


def test_a_draft_goes_back_to_the_questions_rather_than_to_a_reassessment(alice_client, assessment):
    page = alice_client.get(results_url(assessment)).content.decode()

    assert "Back to the questions" in page
    assert "See the answers" not in page and "Start a reassessment" not in page


def test_once_people_have_answered_the_results_offer_the_workshop(alice_client, world):
    assessment = world.objects["assessment"]

    page = alice_client.get(results_url(assessment)).content.decode()

    workshop = reverse("workshop_agenda", args=[assessment.id])
    assert f'href="{workshop}">Run the workshop</a>' in page


def test_a_viewer_is_offered_to_follow_the_workshop(client, victor, world):
    client.force_login(victor)

    page = client.get(results_url(world.objects["assessment"])).content.decode()

    assert "Follow the workshop</a>" in page
    assert "Run the workshop" not in page


def test_no_workshop_is_offered_before_anyone_answers_or_once_final(
    alice_client, assessment, make_final
):
    services.respondent_add(assessment=assessment, name="Ola Berg")
    before = alice_client.get(results_url(assessment)).content.decode()
    make_final(assessment)
    final = alice_client.get(results_url(assessment)).content.decode()

    assert "the workshop" not in before
    assert "the workshop" not in final


def _never_pays_back(assessment):
    # 43 items a month, 3 minutes each at 30 an hour: 64.50 a month, below the 200 it costs.
    services.value_case_save(
        pilot=assessment.pilot,
        data={
            "items_per_month": 43,
            "minutes_saved_per_item": 3,
            "hourly_cost": 30,
            "build_cost": 5000,
            "monthly_run_cost": 200,
        },
    )


def test_a_stop_leads_why_with_its_reason_before_the_gates(alice_client, assessment):
    _never_pays_back(assessment)

    response = alice_client.get(results_url(assessment))

    page = response.content.decode()
    assert response.context["card"].failed_gates, "the fixture fails gates as well"
    why = page[page.index('<ul class="reasons">') : page.index("</ul>", page.index("reasons"))]
    assert why.index("The value case never pays back") < why.index("not met</a>")


def test_a_stop_reason_and_the_value_case_write_the_saving_alike(alice_client, assessment):
    _never_pays_back(assessment)

    page = alice_client.get(results_url(assessment)).content.decode()

    assert assessment.pilot.client.currency == ""
    assert "the monthly saving of 64.50 does not exceed the monthly running cost of 200." in page
    assert "<dt>Monthly saving</dt><dd>64.50</dd>" in page


def test_a_stop_reason_writes_its_amounts_in_the_clients_currency_as_the_value_case_does(
    alice_client, assessment
):
    services.client_update(client=assessment.pilot.client, data={"currency": "EUR"})
    _never_pays_back(assessment)

    page = alice_client.get(results_url(assessment)).content.decode()

    start = page.index('<ul class="reasons">')
    why = page[start : page.index("</ul>", start)]
    assert "the monthly saving of €64.50 does not exceed the monthly running cost of €200." in why
    assert "<dt>Monthly saving</dt><dd>€64.50</dd>" in page


def test_a_scorecard_stored_before_reasons_kept_their_amounts_still_serves_the_pages(
    alice_client, alice, assessment, make_final
):
    _never_pays_back(assessment)
    make_final(assessment)
    assessment.refresh_from_db()
    stored = assessment.scorecard
    for reason in stored["reasons"]:
        del reason["template"], reason["amounts"]
    type(assessment).objects.filter(pk=assessment.pk).update(scorecard=stored)
    later = services.assessment_start(pilot=assessment.pilot, user=alice)

    pages = [alice_client.get(results_url(shown)) for shown in (assessment, later)]

    assert [page.status_code for page in pages] == [200, 200]
    for page in pages:
        assert "the monthly saving of 64.50 does not exceed" in page.content.decode()
    assert 'data-testid="since"' in pages[1].content.decode()


def test_a_stop_plan_is_only_steps_with_no_points_and_no_repeated_value_case(
    alice_client, assessment
):
    _never_pays_back(assessment)

    response = alice_client.get(results_url(assessment))

    page = response.content.decode()
    rows = response.context["top_actions"] + response.context["more_actions"]
    assert [row["action"].criterion_id for row in rows] == ["stop_value_case", "stop_lessons"]
    assert "The value case pays back within the horizon</h3>" not in page
    assert "worth up to" not in page
    assert page.count("What the Stop calls for") == 2


def test_an_unanswered_oversight_gate_says_what_is_missing(alice_client, assessment):
    page = alice_client.get(results_url(assessment)).content.decode()

    assert "How bad a wrong output would be is not known yet, so it counts as high-stakes." in page
    assert "No oversight plan is recorded" in page
    assert "go out without a person approving them first" not in page


def test_a_best_answer_without_evidence_asks_for_the_evidence(alice_client, assessment):
    services.answer_save(
        assessment=assessment, question_id="int_test_data", value="raw_kept", user=None
    )

    response = alice_client.get(results_url(assessment))

    page = response.content.decode()
    assert "Back it with evidence: tested on real, messy data that looks like production" in page
    assert "Pull an untouched sample" not in page


def test_an_outcome_that_cannot_be_counted_beside_a_metric_baseline_is_pointed_out(
    alice_client, assessment
):
    services.answer_save(
        assessment=assessment, question_id="out_measurable", value="impossible", user=None
    )
    services.metric_add(
        pilot=assessment.pilot,
        name="Quotes won",
        baseline=12,
        measurement="Monthly count from the quoting tool",
    )

    response = alice_client.get(results_url(assessment))

    page = response.content.decode()
    assert response.context["card"].decision != "stop"
    assert 'data-testid="conflict"' in page
    assert "the outcome metric “Quotes won” has a baseline. Check one of them" in page


def test_a_fix_marked_done_keeps_its_rank_and_says_the_answers_do_not_show_it_yet(
    alice_client, assessment
):
    before = [
        r["action"].criterion_id
        for r in alice_client.get(results_url(assessment)).context["top_actions"]
    ]
    services.action_item_update(
        assessment=assessment, criterion_id=before[0], data={"status": ActionItem.Status.DONE}
    )

    response = alice_client.get(results_url(assessment))

    rows = response.context["top_actions"]
    assert [r["action"].criterion_id for r in rows] == before
    page = response.content.decode()
    row_html = page.split(f'<li id="action-{before[0]}"', 1)[1].split("</li>", 1)[0]
    assert "Marked done; the answers do not show it yet." in row_html
    assert page.count('data-testid="done-claimed"') == 1


def test_marking_a_fix_done_says_it_stays_until_the_answers_show_it(alice_client, assessment, htmx):
    criterion_id = (
        alice_client.get(results_url(assessment)).context["top_actions"][0]["action"].criterion_id
    )
    url = reverse("action_update", args=[assessment.id, criterion_id])

    response = alice_client.post(url, {f"action-{criterion_id}-status": "done"}, **htmx)

    assert response.status_code == 200
    assert "Marked done; it leaves the plan once the answers show it." in response.content.decode()
    assert ActionItem.objects.get(assessment=assessment, criterion_id=criterion_id).status == "done"


@pytest.fixture
def conditional_go(db, client):
    from assessments.demo import create_demo
    from assessments.models import Assessment

    result = create_demo()
    client.force_login(result.user)
    assessment = Assessment.objects.get(
        pilot__client__workspace=result.workspace,
        decision="go_with_conditions",
        status=Assessment.Status.SUBMITTED,
    )
    return client, assessment


def test_go_with_conditions_leads_the_plan_with_its_conditions_labelled(conditional_go):
    client, assessment = conditional_go

    response = client.get(results_url(assessment))

    card = response.context["card"]
    top = response.context["top_actions"]
    assert [r["action"].criterion_id for r in top] == [c.criterion_id for c in card.conditions]
    page = response.content.decode()
    count = len(card.conditions)
    assert f"Going live depends on these {count} conditions" in page or (
        count == 1 and "Going live depends on this condition" in page
    )
    assert page.count("<strong>Condition</strong> · ") == count
    plan = page.split('id="plan-title"', 1)[1]
    for condition in card.conditions:
        head = plan.split(f'id="action-{condition.criterion_id}-title"', 1)[1].split("</p>", 2)[1]
        assert "<strong>Condition</strong>" in head


def test_the_conditions_follow_the_why_list_from_the_weakest_gap_up(conditional_go):
    client, assessment = conditional_go

    response = client.get(results_url(assessment))

    card = response.context["card"]
    short = [gap for gap in card.gaps if gap.band != "strong"]
    weakest_first = [gap.id for gap in sorted(short, key=lambda gap: gap.score)]
    assert weakest_first != [gap.id for gap in short], "the demo's weakest gap is not the first"
    page = response.content.decode()
    start = page.index('<ul class="reasons">')
    why = page[start : page.index("</ul>", start)]
    in_why = sorted(short, key=lambda gap: why.index(f"{gap.title} scores {gap.score}"))
    assert [gap.id for gap in in_why] == weakest_first
    plan = page.split('id="plan-title"', 1)[1]
    in_plan = sorted(
        card.conditions, key=lambda c: plan.index(f'id="action-{c.criterion_id}-title"')
    )
    assert [c.gap for c in in_plan] == weakest_first
    assert [row["action"].gap for row in response.context["top_actions"]] == weakest_first
