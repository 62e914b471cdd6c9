from reports.pdf import render_pdf, render_report_html
from reports.samples import sample_snapshot
from reports.snapshot_format import snapshot_digest

from .conftest import pdf_text


def _render(snapshot=None):
    snapshot = snapshot or sample_snapshot()
    return render_pdf(snapshot, reference="R-000042", snapshot_sha256=snapshot_digest(snapshot))


def test_the_pdf_states_the_decision_the_pilot_every_gap_and_every_action():
    snapshot = sample_snapshot()

    text = pdf_text(_render(snapshot).content)

    assert "Not yet" in text
    assert "Inbound lead reply assistant" in text
    assert "Northwind Wholesale" in text
    for gap in snapshot["gaps"]:
        assert gap["label"] in text
    flat = " ".join(text.split())
    for action in snapshot["actions"]:
        assert " ".join(action["title"].split()) in flat


def _pages(snapshot) -> list[str]:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(_render(snapshot).content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_the_demo_report_has_a_summary_page_one_page_per_gap_a_plan_and_an_appendix():
    rendered = _render()

    # 1 summary + 5 gaps + action plan with effort + where the team disagreed
    # + the decision in full, with what changed since last time, and the appendix
    assert rendered.page_count == 12
    assert rendered.content.startswith(b"%PDF-")


def test_every_page_footer_carries_the_report_reference_and_its_number():
    pages = _pages(sample_snapshot())

    for number, page in enumerate(pages, start=1):
        assert "Report R-000042" in page
        assert f"Page {number} of {len(pages)}" in page


def test_the_snapshot_fingerprint_is_printed_once_in_about_this_report():
    snapshot = sample_snapshot()
    digest = snapshot_digest(snapshot)

    pages = _pages(snapshot)

    # A long word may be wrapped anywhere; the text extractor may split it.
    compact = ["".join(page.split()) for page in pages]
    assert sum(page.count(digest) for page in compact) == 1
    assert digest in compact[-1]
    assert "ABOUT THIS REPORT" in pages[-1]
    assert "The snapshot's fingerprint (SHA-256) is" in pages[-1]


def test_short_sections_after_the_plan_share_a_page_and_keep_their_headings_with_them():
    snapshot = sample_snapshot()
    # A first assessment: with nothing to compare, the decision in full is short.
    snapshot["since"] = None
    pages = _pages(snapshot)

    def page_of(text: str) -> int:
        return next(n for n, page in enumerate(pages, start=1) if text in page)

    full = page_of("APPENDIX The decision in full")
    assert page_of("APPENDIX Every question, answer and piece of evidence") == full
    assert page_of("EVERY REASON") == full
    assert page_of("ABOUT THIS REPORT") == len(pages)
    # Page one stays page one alone, and each gap keeps its own page.
    assert pages[1].startswith("GAP 1 OF 5")
    assert page_of("WHAT TO DO NEXT Action plan") == 7


def test_a_short_action_plan_shares_its_page_with_the_decision_in_full():
    snapshot = sample_snapshot()
    snapshot["disagreements"] = None
    snapshot["actions"] = snapshot["actions"][:3]

    pages = _pages(snapshot)

    plan = next(n for n, page in enumerate(pages) if "WHAT TO DO NEXT Action plan" in page)
    assert "APPENDIX The decision in full" in pages[plan]
    assert "EVERY REASON" in pages[plan], "a heading is never left without its content"


def test_a_go_decision_lists_next_steps_rather_than_fixes():
    snapshot = sample_snapshot()
    snapshot["decision"] = {"code": "go", "label": "Go", "reasons": ["Every gap is strong."]}

    text = pdf_text(_render(snapshot).content).lower()

    assert "next steps" in text
    assert "fix first" not in text


def test_a_stop_report_plans_no_production_work():
    snapshot = sample_snapshot()
    # As a snapshot taken before a Stop set production work aside would have it.
    snapshot["decision"] = {
        "code": "stop",
        "label": "Stop",
        "reasons": ["The value case never pays back."],
    }
    assert snapshot["effort"] and snapshot["actions"][0]["expected_gain"]

    flat = " ".join(pdf_text(_render(snapshot).content).split()).lower()

    assert "what to do now" in flat
    assert "production-effort estimate" not in flat
    assert "person-days" not in flat
    assert "expected gain" not in flat
    assert "work towards production is set aside" in flat


def test_a_stop_reports_gap_pages_give_findings_only_with_a_note_that_fixes_are_set_aside():
    snapshot = sample_snapshot()
    snapshot["decision"] = {"code": "stop", "label": "Stop", "reasons": ["It never pays back."]}
    recommendations = [r for gap in snapshot["gaps"] for r in gap["recommendations"]]
    assert recommendations

    flat = " ".join(pdf_text(_render(snapshot).content).split())

    assert "RECOMMENDED ACTIONS" not in flat
    assert "ASSIGNED IN THE ACTION PLAN" not in flat
    assert not any(rec in flat for rec in recommendations)
    assert flat.count("Improvements to this gap are set aside while the decision is Stop") == len(
        snapshot["gaps"]
    )
    for gap in snapshot["gaps"]:
        for finding in gap["findings"]:
            assert finding["text"] in flat


def test_a_reports_gap_pages_recommend_actions_unless_it_is_a_stop():
    flat = " ".join(pdf_text(_render().content).split())

    assert flat.count("RECOMMENDED ACTIONS") == len(sample_snapshot()["gaps"])
    assert "set aside while the decision is Stop" not in flat


def test_a_not_sure_answer_is_printed_as_not_sure_and_not_as_unanswered():
    snapshot = sample_snapshot()
    question = snapshot["appendix"][0]["questions"][0]
    question.update(answer="", not_sure=True)

    text = _flat(snapshot)

    after = text.split(question["prompt"], 1)[1]
    assert after.startswith(" Not sure ")
    assert not after.startswith(" Not sure Not answered")
    assert "NOT SURE" not in text


def test_a_value_case_that_never_pays_back_says_so_on_page_one():
    snapshot = sample_snapshot()
    snapshot["payback"]["never_pays_back"] = True
    snapshot["payback"]["months"] = None

    first_page = pdf_text(_render(snapshot).content).split("Page 1 of")[0]

    assert "Never" in first_page


def _first_page(snapshot) -> str:
    return " ".join(pdf_text(_render(snapshot).content).split("Page 1 of")[0].split())


def test_page_one_gives_the_figures_behind_the_payback_in_the_clients_currency():
    first_page = _first_page(sample_snapshot())

    assert "5 months" in first_page
    assert "£2,160 saved a month; £9,000 to build, £350 a month to run" in first_page


def test_page_one_says_when_the_payback_rests_on_rough_figures():
    snapshot = sample_snapshot()
    snapshot["payback"]["basis"] = "from a prototype-only cost and guessed savings"

    # The narrow figures column may wrap the line after a hyphen.
    first_page = _first_page(snapshot).replace("- ", "-")

    assert "5 months A rough figure, from a prototype-only cost and guessed savings" in first_page


def test_a_payback_on_firm_figures_or_from_an_older_snapshot_is_not_qualified():
    firm = sample_snapshot()
    firm["payback"]["basis"] = ""

    for snapshot in (firm, sample_snapshot()):
        assert "rough figure" not in _first_page(snapshot)


def test_a_client_in_euros_gets_euros():
    snapshot = sample_snapshot()
    snapshot["client"]["currency"] = "EUR"

    assert "€2,160 saved a month; €9,000 to build, €350 a month to run" in _first_page(snapshot)


def test_a_snapshot_taken_before_clients_had_a_currency_prints_bare_numbers():
    snapshot = sample_snapshot()
    del snapshot["client"]["currency"]

    first_page = _first_page(snapshot)

    assert "2,160 saved a month; 9,000 to build, 350 a month to run" in first_page
    assert "£" not in first_page


def test_an_incomplete_value_case_gives_no_figures():
    snapshot = sample_snapshot()
    snapshot["payback"].update(months=None, build_cost=None)

    first_page = _first_page(snapshot)

    assert "Value case incomplete" in first_page
    assert "saved a month" not in first_page


def test_the_preview_uses_the_same_template_and_a_browser_stylesheet_url():
    snapshot = sample_snapshot()

    html = render_report_html(snapshot, reference="R-1", snapshot_sha256="a" * 64, preview=True)

    assert 'class="report preview"' in html
    assert "/static/reports/report.css" in html
    assert "Inbound lead reply assistant" in html


def test_the_report_bands_gaps_where_the_rubric_does():
    snapshot = sample_snapshot()
    snapshot["thresholds"] = {"weak_below": 45, "strong_min": 85}

    html = render_report_html(snapshot, reference="R-1", snapshot_sha256="a" * 64, preview=True)

    assert "Weak: below 45" in html
    assert "Strong: 85 and above" in html


def test_a_snapshot_from_before_thresholds_were_kept_uses_rubric_one_bands():
    snapshot = sample_snapshot()
    snapshot.pop("thresholds", None)

    html = render_report_html(snapshot, reference="R-1", snapshot_sha256="a" * 64, preview=True)

    assert "Weak: below 50" in html
    assert "Strong: 80 and above" in html


def _flat(snapshot) -> str:
    return " ".join(pdf_text(_render(snapshot).content).split())


def test_page_one_says_what_changed_since_the_last_final_assessment():
    first_page = " ".join(
        pdf_text(_render(sample_snapshot()).content).split("Page 1 of")[0].split()
    )

    assert (
        "Since the assessment of 4 March 2026: Not yet, as before · overall 49 → 61 (+12) · "
        "gate now met: One named person is accountable for the workflow in production."
    ) in first_page


def test_each_gaps_page_gives_its_score_last_time():
    text = _flat(sample_snapshot())

    # The band line is printed in capitals.
    assert "OUT OF 100 · STRONG · 41 ON 4 MAR 2026 (+37)" in text
    assert "38 ON 4 MAR 2026 (NO CHANGE)" in text
    assert "61 ON 4 MAR 2026 (−6)" in text


def test_a_decision_that_moved_and_a_gate_failing_again_are_spelled_out():
    snapshot = sample_snapshot()
    snapshot["since"]["decision_before"] = {
        "code": "go_with_conditions",
        "label": "Go with conditions",
    }
    snapshot["since"]["gates_now_met"] = []
    snapshot["since"]["gates_now_failing"] = [
        {"label": "A path to the live systems", "reason": "Every integration is an extract."}
    ]

    text = _flat(snapshot)

    assert "Go with conditions → Not yet" in text
    assert "gate now failing (met last time): A path to the live systems" in text
    assert "gate now met" not in text


def test_a_gap_new_to_the_rubric_is_shown_without_a_score_then():
    snapshot = sample_snapshot()
    snapshot["since"]["same_rubric"] = False
    adoption = snapshot["since"]["gaps"][-1]
    adoption.update(before=None, change=None)

    text = _flat(snapshot)

    assert "used an earlier version of the rubric" in text
    assert "overall 49 → 61" not in text, "overall scores of two rubrics do not compare"
    assert "NOT SCORED LAST TIME" in text


def test_a_reassessment_with_nothing_changed_says_so_in_one_line():
    snapshot = sample_snapshot()
    snapshot["since"]["unchanged"] = True

    text = _flat(snapshot)

    assert "Since the assessment of 4 March 2026: no change in the decision" in text
    assert "ON 4 MAR 2026 (" not in text


def test_the_pdf_names_who_answered_and_sets_their_answers_beside_the_agreed_one():
    text = _flat(sample_snapshot())

    assert "Where the team disagreed" in text
    assert "Marcus Lee (CRM administrator) · finished · 36 of 38 questions answered" in text
    assert "Sam Rivera (Sales representative) · still answering · 21 of 38" in text
    assert "Provisional: 1 of 3 people has not finished answering" in text
    assert "Answers differ on 2 questions and someone was not sure on 1 question" in text
    assert "Besides: everyone who answered agreed on 25 questions" in text
    assert "Is one person accountable for the workflow in production?" in text
    assert "Current answer (scored): Yes" in text
    assert "Marcus Lee: No Priya Shah: Yes Sam Rivera: No" in text
    assert "Priya Shah: Not sure" in text
    assert (
        "2 different answers. Feeds the Ownership gap "
        "(“One named person is accountable for the workflow in production”). "
        "Current answer (scored): Yes"
    ) in text


def test_the_pdf_explains_once_why_people_were_asked_different_numbers_of_questions():
    snapshot = sample_snapshot()
    snapshot["disagreements"]["people"][0]["total"] = 39

    text = _flat(snapshot)

    assert "36 of 39 questions answered" in text
    assert text.count("the number of questions can differ from one person to the next") == 1


def test_one_person_answering_needs_no_word_on_differing_numbers_of_questions():
    snapshot = sample_snapshot()
    del snapshot["disagreements"]["people"][1:]

    assert "can differ from one person to the next" not in _flat(snapshot)


def test_only_an_answer_the_team_settled_is_called_agreed_in_the_pdf():
    snapshot = sample_snapshot()
    first, *others = snapshot["disagreements"]["questions"]
    first["settled"] = True
    for question in others:
        question["settled"] = False

    text = _flat(snapshot)

    assert f"Agreed answer (scored): {first['agreed']} · Agreed by the team" in text
    assert text.count("Agreed answer (scored)") == 1
    assert text.count("Agreed by the team") == 1
    assert "workshop" not in text
    assert text.count("Current answer (scored)") == len(others)


def test_an_answer_that_is_not_scored_is_not_called_scored_in_the_pdf():
    snapshot = sample_snapshot()
    first, *others = snapshot["disagreements"]["questions"]
    first.update(scored=False, settled=False)
    for question in others:
        question["settled"] = False

    text = _flat(snapshot)

    assert f"Current answer: {first['agreed']}" in text
    assert text.count("Current answer (scored)") == len(others)


def test_a_snapshot_from_before_it_said_what_is_scored_calls_every_answer_scored():
    snapshot = sample_snapshot()
    for question in snapshot["disagreements"]["questions"]:
        question.pop("scored", None)
        question["settled"] = False

    text = _flat(snapshot)

    assert text.count("Current answer (scored)") == len(snapshot["disagreements"]["questions"])


def test_a_snapshot_from_before_disagreements_said_what_they_feed_still_lists_them():
    snapshot = sample_snapshot()
    for question in snapshot["disagreements"]["questions"]:
        del question["feeds"]

    text = _flat(snapshot)

    assert "2 different answers. Current answer (scored): Yes" in text
    assert "Feeds the" not in text


def test_when_everyone_agreed_the_pdf_says_so_instead_of_listing_questions():
    snapshot = sample_snapshot()
    snapshot["disagreements"]["questions"] = []

    text = _flat(snapshot)

    assert "Where the team disagreed" in text
    assert "No answers differ and nobody was unsure. Besides: everyone who answered agreed" in text
    assert "answer (scored)" not in text


def test_without_an_earlier_assessment_or_people_answering_neither_section_is_printed():
    snapshot = sample_snapshot()
    snapshot["since"] = None
    snapshot["disagreements"] = None

    rendered = _render(snapshot)
    text = pdf_text(rendered.content).lower()

    assert "what changed since last time" not in text
    assert "where the team disagreed" not in text
    # Summary, 5 gaps, the action plan, then the decision in full and the appendix.
    assert rendered.page_count == 10


def test_a_snapshot_from_before_either_section_existed_still_renders_without_them():
    snapshot = sample_snapshot()
    del snapshot["since"], snapshot["disagreements"]

    text = pdf_text(_render(snapshot).content).lower()

    assert "inbound lead reply assistant" in text
    assert "what changed since last time" not in text
    assert "where the team disagreed" not in text


def test_a_question_the_team_differs_on_is_never_split_from_its_answers_across_pages():
    snapshot = sample_snapshot()
    people = [f"Person {n}" for n in range(1, 7)]
    snapshot["disagreements"]["questions"] = [
        {
            "id": f"q{n}",
            "section": "Ownership",
            "prompt": f"Question number {n} about the pilot?",
            "verdict": "disagree",
            "note": "2 different answers.",
            "agreed": f"Agreed-{n}",
            "answers": [{"name": name, "answer": f"Reply-{n}"} for name in people],
        }
        for n in range(1, 16)
    ]

    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(_render(snapshot).content))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]

    for n in range(1, 16):
        (page,) = [p for p in pages if f"Question number {n} about" in p]
        assert f"Current answer (scored): Agreed-{n}" in page
        assert f"Person 6: Reply-{n}" in page


def test_each_gap_whose_band_moved_says_so_in_words():
    text = _flat(sample_snapshot())

    assert "Moved up from weak to strong since 4 March 2026." in text
    assert "Moved up from weak to moderate since 4 March 2026." in text
    assert text.count("Moved ") == 2, "a gap that stayed in its band says nothing of it"


def test_a_gap_that_fell_a_band_says_it_moved_down():
    snapshot = sample_snapshot()
    oversight = next(g for g in snapshot["since"]["gaps"] if g["key"] == "oversight")
    oversight["band_before"] = "strong"

    assert "Moved down from strong to moderate since 4 March 2026." in _flat(snapshot)


def test_a_snapshot_from_before_bands_were_kept_says_nothing_of_them():
    snapshot = sample_snapshot()
    for gap in snapshot["since"]["gaps"]:
        del gap["band_before"], gap["band_after"]

    text = _flat(snapshot)

    assert "Moved " not in text
    assert "41 ON 4 MAR 2026 (+37)" in text


def test_a_drafts_page_one_says_it_is_provisional_and_how_many_questions_are_unanswered():
    snapshot = sample_snapshot()
    snapshot["assessment"].update(final=False, unanswered=5)

    assert (
        "Provisional: this is a draft assessment, not yet made final, and 5 questions are "
        "still unanswered. Unanswered questions earn no credit."
    ) in _first_page(snapshot)


def test_a_final_assessment_with_unanswered_questions_is_still_provisional():
    snapshot = sample_snapshot()
    snapshot["assessment"].update(final=True, unanswered=1)

    assert "Provisional: 1 question is unanswered." in _first_page(snapshot)


def test_a_draft_with_every_question_answered_says_its_answers_may_change():
    snapshot = sample_snapshot()
    snapshot["assessment"].update(final=False, unanswered=0)

    assert "Provisional: this is a draft assessment; its answers may change" in _first_page(
        snapshot
    )


def test_a_final_assessment_with_every_answer_is_not_called_provisional_on_page_one():
    snapshot = sample_snapshot()
    snapshot["assessment"].update(final=True, unanswered=0)

    assert "Provisional" not in _first_page(snapshot)


def test_a_draft_with_answers_copied_from_last_time_says_both_in_one_box():
    snapshot = sample_snapshot()
    snapshot["assessment"].update(final=False, unanswered=2, unreviewed=3)

    assert (
        "2 questions are still unanswered. Unanswered questions earn no credit. "
        "3 answers were copied from the last assessment and have not been re-checked since."
    ) in _first_page(snapshot)


def test_a_stored_accent_too_light_for_white_is_darkened_for_the_report():
    from readiness.colours import contrast_with_white, legible_on_white

    snapshot = sample_snapshot()
    snapshot["branding"]["accent_colour"] = "#ffff66"

    html = render_report_html(snapshot, reference="R-1", snapshot_sha256="a" * 64)

    darker = legible_on_white("#ffff66")
    assert "#ffff66" not in html
    assert f".eyebrow, .sub, .wordmark, .effort-days {{ color: {darker}; }}" in html
    assert contrast_with_white(darker) >= 3


def test_people_who_did_not_answer_a_question_share_one_line_under_it():
    snapshot = sample_snapshot()
    snapshot["disagreements"]["people"] += [
        {"name": "Ola Berg", "role": "Support", "finished": False, "answered": 4, "total": 38},
        {"name": "Tom Reyes", "role": "Finance", "finished": False, "answered": 9, "total": 38},
    ]
    for question in snapshot["disagreements"]["questions"]:
        question["no_answer"] = ["Ola Berg", "Tom Reyes"]

    text = _flat(snapshot)

    assert "Marcus Lee: No Priya Shah: Yes Sam Rivera: No No answer from: Ola Berg, Tom Reyes" in (
        text
    )
    assert text.count("No answer from: Ola Berg, Tom Reyes") == 3
    assert "Ola Berg: No answer" not in text


def test_an_older_snapshot_listing_no_answer_per_person_prints_them_on_one_line():
    snapshot = sample_snapshot()
    snapshot["disagreements"]["people"] += [
        {"name": "Ola Berg", "role": "", "finished": False, "answered": 4, "total": 38},
        {"name": "Tom Reyes", "role": "", "finished": False, "answered": 0, "total": 38},
    ]
    for question in snapshot["disagreements"]["questions"]:
        question.pop("no_answer", None)
        question["answers"] += [
            {"name": "Ola Berg", "answer": "No answer"},
            {"name": "Tom Reyes", "answer": "No answer"},
        ]

    text = _flat(snapshot)

    assert text.count("No answer from: Ola Berg ") == 3
    assert "No answer from: Ola Berg, Tom Reyes" not in text, "Tom has answered nothing"
    assert ": No answer" not in text


def test_no_one_in_who_answered_is_split_across_two_pages():
    snapshot = sample_snapshot()
    people = [
        {
            # As long as names and roles may be: four lines or more each.
            "name": f"Person {n} Alexandra Montgomery-Fitzwilliam de la Croix-Vandermeer "
            "of the Northern Depots and the Weekend Trade Counter",
            "role": "Regional operations coordinator for the northern depots, the returns "
            "desk and the weekend trade counter, standing in for the branch manager on "
            "Saturdays and bank holidays",
            "finished": False,
            "answered": 1,
            "total": 28,
        }
        for n in range(1, 41)
    ]
    snapshot["disagreements"]["people"] = people

    pages = _pages(snapshot)

    for person in people:
        entry = f"{person['name']} ({person['role']}) · still answering · 1 of 28 questions"
        assert any(entry in page for page in pages), f"{person['name']} is split"
