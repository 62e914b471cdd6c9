"""Page one of the PDF: go or no-go, why, and what to fix first, whatever was typed."""

import base64
import io
from dataclasses import replace

from PIL import Image
from pypdf import PdfReader

from assessments.scoring import samples
from assessments.scoring.engine import score
from reports.pdf import _shorten_reason, render_pdf
from reports.samples import sample_snapshot
from reports.snapshot_format import snapshot_digest

from .snapshots import RUBRIC, june_snapshot


def _pages(snapshot) -> list[str]:
    rendered = render_pdf(snapshot, reference="R-000042", snapshot_sha256=snapshot_digest(snapshot))
    reader = PdfReader(io.BytesIO(rendered.content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def _page_of(pages: list[str], text: str) -> int:
    return next(number for number, page in enumerate(pages, start=1) if text in page)


def _long_pilot(snapshot) -> dict:
    """A pilot whose name, workflow, reasons and gates run as long as anyone could type."""
    snapshot["pilot"]["name"] = (
        "Qualify every inbound enquiry from the website, the phone line and the trade "
        "shows, then draft the first reply for the sales team to check before it goes"
    )[:160]
    snapshot["pilot"]["workflow"] = " ".join(
        f"Step {n}: read the enquiry, look the company up in the CRM, score it against "
        "the ideal customer profile and draft a reply in the house tone."
        for n in range(1, 15)
    )
    snapshot["decision"]["reasons"] = [
        f"Reason {n}: " + "the pilot depends on a weekly spreadsheet export that someone "
        "has to remember to run, so the replies are drafted from data up to a week old. " * 3
        for n in range(1, 13)
    ]
    snapshot["gates_failed"] = [
        {
            "label": f"Gate number {n} that failed",
            "reason": "Nobody recorded who answers for this when it breaks in production.",
            "sources": ["Record: owner records", f"Answer to “Question {n}”: not answered"],
        }
        for n in range(1, 9)
    ]
    snapshot["since"]["gates_now_met"] = [
        {"label": f"A gate met since last time, number {n}", "reason": "Was missing."}
        for n in range(1, 9)
    ]
    return snapshot


def test_the_demo_report_says_go_or_no_go_why_and_what_to_fix_first_on_page_one():
    snapshot = sample_snapshot()

    first, second = _pages(snapshot)[:2]

    assert "Not yet" in first
    for reason in snapshot["decision"]["reasons"]:
        assert reason in first
    assert "FIX FIRST" in first
    for action in snapshot["actions"][:3]:
        assert action["title"] in first
    assert "5 months" in first
    assert "£2,160 saved a month; £9,000 to build, £350 a month to run" in first
    assert second.startswith("GAP 1 OF 5")


def test_failed_gates_are_counted_on_page_one_and_traced_in_the_decision_in_full():
    pages = _pages(sample_snapshot())

    assert "A path to the live systems" not in pages[0]
    assert "FAILED GATES 1" in pages[0]
    full = _page_of(pages, "APPENDIX The decision in full")
    assert (
        f"The failed gate and what it was traced to: The decision in full, page {full}."
        in (pages[0])
    )
    assert "A path to the live systems Every integration is a data extract" in pages[full - 1]
    assert "Traced to: Record: integration HubSpot CRM; Answer: int_live" in pages[full - 1]


def test_a_long_pilot_with_many_failed_gates_still_keeps_the_decision_and_fix_first_on_page_one():
    snapshot = _long_pilot(sample_snapshot())

    pages = _pages(snapshot)
    first = pages[0]

    assert "Not yet" in first
    assert "Reason 1:" in first
    assert "FIX FIRST" in first
    for action in snapshot["actions"][:3]:
        assert action["title"] in first
    assert "£2,160 saved a month; £9,000 to build, £350 a month to run" in first
    assert "Gate number 1 that failed" not in first
    assert "Reason 12:" not in first


def test_what_page_one_leaves_out_is_in_the_decision_in_full_on_the_page_it_names():
    snapshot = _long_pilot(sample_snapshot())

    pages = _pages(snapshot)

    full = _page_of(pages, "APPENDIX The decision in full")
    more = [page for page in pages[:1] if "more reasons in The decision in full" in page]
    assert more, "page one says how many reasons it left out"
    assert f"The decision in full, page {full}." in more[0]
    rest = " ".join(pages[full - 1 :])
    assert "Reason 12: the pilot depends on a weekly spreadsheet export" in rest
    assert "Gate number 8 that failed" in rest
    assert "Traced to: Record: owner records; Answer to “Question 8”: not answered" in rest
    # The pilot's name and workflow, shortened on page one, are there in full.
    assert snapshot["pilot"]["name"] in rest
    assert "Step 14: read the enquiry" in rest
    assert "gate now met: A gate met since last time, number 8" in rest


def test_page_one_says_how_many_more_reasons_there_are():
    snapshot = sample_snapshot()
    snapshot["decision"]["reasons"] += ["A fourth reason.", "A fifth reason."]

    first = _pages(snapshot)[0]

    assert "A fourth reason." not in first
    assert "And 2 more reasons in The decision in full, page" in first


def test_each_gaps_recommendations_stay_on_its_own_page():
    snapshot = sample_snapshot()
    oversight = next(g for g in snapshot["gaps"] if g["key"] == "oversight")
    oversight["recommendations"] = [
        f"Recommendation {n}: route low-confidence items to a person and widen autonomy "
        "only when the measured accuracy has earned it over several weeks of volume."
        for n in range(1, 9)
    ]
    oversight["findings"] = oversight["findings"] * 3

    pages = _pages(snapshot)

    where = {_page_of(pages, f"Recommendation {n}:") for n in range(1, 9)}
    assert len(where) == 1, "the recommendations are not split across pages"


def test_page_one_and_the_decision_in_full_lead_with_the_failed_gate_then_the_weakest_gaps():
    ready = samples.ready_pilot()
    dropped = [
        q.id
        for section in ("integration", "oversight", "adoption")
        for q in RUBRIC.questions_for_section(section)
    ]
    inp = replace(samples.without_answers(ready, *dropped), oversight=None, change_plan=None)
    snapshot = june_snapshot(inp)
    gate, integration, oversight, adoption = snapshot["decision"]["reasons"]
    assert "Integration" in integration and "Oversight" in oversight

    pages = _pages(snapshot)

    # Integration (41) comes before Oversight (0) and Adoption (0) in the rubric.
    on_page_one = pages[0].split("And 1 more reason")[0]
    for reason in (gate, oversight, adoption):
        assert " ".join(reason.split()) in on_page_one
    assert " ".join(integration.split()) not in on_page_one
    # The decision in full lists them in the same order, most severe first.
    in_full = " ".join(pages[_page_of(pages, "APPENDIX The decision in full") - 1 :])
    order = [in_full.index(" ".join(r.split())) for r in (gate, oversight, adoption, integration)]
    assert order == sorted(order)


WEAKEST = (
    "Weakest: the production work is scoped, estimated and budgeted (20); the pilot was "
    "tested on real, messy data from the live systems (25); the process, its rules and "
    "the context are written down (30)."
)


def _crowded(snapshot) -> dict:
    """A draft with copied answers and three long reasons: page one cannot hold it all."""
    snapshot["assessment"].update(final=False, unanswered=4, unreviewed=3)
    snapshot["pilot"]["workflow"] = snapshot["pilot"]["workflow"] * 3
    snapshot["decision"]["reasons"] = [
        f"Integration and data scores 43, below 50. {WEAKEST}",
        "Oversight and quality scores 41, below 50. Weakest: monitoring answers did it run, "
        "what did it do and was it any good (10); a person reviews the output where a "
        "mistake would be costly (20); exceptions have a designed path (30).",
        "The value case pays back in 14 months, longer than the 12 the rubric allows for a "
        "pilot of this size and at this stage.",
    ]
    snapshot["decision"]["reasons_by_severity"] = list(snapshot["decision"]["reasons"])
    return snapshot


def test_a_crowded_page_one_shortens_its_reasons_only_where_a_clause_ends():
    pages = _pages(_crowded(sample_snapshot()))

    why = pages[0].split("WHY", 1)[1].split("READINESS BY GAP", 1)[0]
    assert "…" not in why
    assert (
        "1. Integration and data scores 43, below 50. Weakest: the production work is scoped, "
        "estimated and budgeted (20) and 2 more." in why
    )
    assert "FIX FIRST" in pages[0]
    full = " ".join(pages[_page_of(pages, "APPENDIX The decision in full") - 1 :])
    assert " ".join(WEAKEST.split()) in full


def test_a_page_one_with_room_prints_its_reasons_whole():
    snapshot = sample_snapshot()
    snapshot["decision"]["reasons"][0] = f"Integration and data scores 43, below 50. {WEAKEST}"
    snapshot["decision"]["reasons_by_severity"] = list(snapshot["decision"]["reasons"])

    first = _pages(snapshot)[0]

    assert " ".join(WEAKEST.split()) in first


def test_a_reason_is_shortened_by_whole_items_then_whole_sentences():
    reason = f"Integration and data scores 43, below 50. {WEAKEST}"

    assert _shorten_reason(reason, None) == reason
    assert _shorten_reason(reason, 400) == reason
    assert _shorten_reason(reason, 200) == (
        "Integration and data scores 43, below 50. Weakest: the production work is scoped, "
        "estimated and budgeted (20); the pilot was tested on real, messy data from the live "
        "systems (25) and 1 more."
    )
    assert _shorten_reason(reason, 130).endswith("budgeted (20) and 2 more.")
    assert _shorten_reason(reason, 60) == "Integration and data scores 43, below 50."
    # One sentence is never cut, however long.
    assert _shorten_reason("A single long sentence, " * 10 + "end.", 40).endswith("end.")


def test_the_running_line_names_a_long_pilot_shortly_and_page_one_keeps_its_workflow_in_brief():
    snapshot = _long_pilot(sample_snapshot())
    snapshot["client"]["name"] = "Northern Counties Regional Builders Merchants Cooperative Ltd"
    name = snapshot["pilot"]["name"]

    pages = _pages(snapshot)

    # The running line at the foot of every page, shortened at a word like the title.
    running = (
        "Northern Counties Regional… · Qualify every inbound enquiry from the… · "
        "Production readiness report · Page 2 of"
    )
    assert running in pages[1]
    assert name not in pages[1]
    # Page one shortens the workflow rather than leaving it out.
    assert "Step 1: read the enquiry" in pages[0]
    assert "Step 14: read the enquiry" not in pages[0]


def _five_conditions() -> tuple:
    """Every gap short of strong and no gate failed: Go with five conditions."""
    ready = samples.ready_pilot()
    plan = replace(ready.change_plan, involvement="consulted", training_plan="")
    inp = samples.with_answers(
        replace(ready, change_plan=plan),
        int_test_data="tidied",
        int_process_written="partial",
        int_flow_mapped=False,
        ado_fits_tools="new_screen",
        own_duties="informal",
        own_named_when="after",
        own_authority=False,
        out_scope="broad",
        out_criteria_agreed="after",
        out_measurable="by_hand",
        out_pain="general",
        ov_edge_cases="some",
        ov_audit_log="partial",
        ov_expand_rule="none",
        ov_monitoring_live="occasional",
    )
    card = score(inp, RUBRIC)
    assert card.decision == "go_with_conditions"
    assert len(card.conditions) == 5
    return inp, card


def test_a_drafts_page_one_keeps_all_five_conditions_of_going_live():
    inp, card = _five_conditions()
    snapshot = june_snapshot(inp)
    snapshot["assessment"].update(final=False, unanswered=2, unreviewed=3)

    pages = _pages(snapshot)

    listed = pages[0].split("CONDITIONS OF GOING LIVE", 1)[1]
    for number, condition in enumerate(card.conditions, start=1):
        assert f"{number}. {condition.title}" in listed
    assert pages[1].startswith("GAP 1 OF 5"), "nothing of page one runs onto page two"
    assert "Provisional: a draft; 2 questions unanswered; 3 answers copied" in pages[0]
    # The banner's full sentences are in The decision in full.
    full = " ".join(pages[_page_of(pages, "APPENDIX The decision in full") - 1 :])
    assert (
        "not yet made final, and 2 questions are still unanswered. Unanswered questions earn "
        "no credit. 3 answers were copied from the last assessment"
    ) in full


def _logo() -> dict:
    png = io.BytesIO()
    Image.new("RGB", (600, 200), "#1f5f8b").save(png, "PNG")
    return {"content_type": "image/png", "base64": base64.b64encode(png.getvalue()).decode()}


def test_page_one_fits_however_much_a_draft_with_five_conditions_carries():
    inp, card = _five_conditions()
    snapshot = june_snapshot(inp)
    for action in snapshot["actions"]:
        action.update(owner="Marcus Lee-Fitzgerald", due="2026-07-15")
    snapshot["assessment"].update(final=False, unanswered=12, unreviewed=14)
    snapshot["branding"]["logo"] = _logo()
    snapshot["client"]["name"] = "Northern Counties Regional Builders Merchants Cooperative Ltd"
    long = _long_pilot(sample_snapshot())
    snapshot["pilot"].update(name=long["pilot"]["name"], workflow=long["pilot"]["workflow"])
    snapshot["pilot"]["problem"] = "Enquiries that arrive after three wait until morning. " * 6
    snapshot["since"] = long["since"]

    pages = _pages(snapshot)

    assert "CONDITIONS OF GOING LIVE" in pages[0]
    assert pages[1].startswith("GAP 1 OF 5"), "nothing of page one runs onto page two"
    # What page one had no room for is listed in the action plan, on the page it names.
    plan = _page_of(pages, "WHAT TO DO NEXT Action plan")
    listed = pages[0].split("CONDITIONS OF GOING LIVE", 1)[1]
    if "5. " not in listed:
        assert f"more in the action plan, page {plan}." in listed
    for condition in card.conditions:
        assert f"{condition.title} Condition · Gap:" in " ".join(pages[plan - 1 :])


def test_page_one_states_the_business_problem_the_stage_and_the_weekly_volume():
    first = _pages(sample_snapshot())[0]

    assert (
        "Inbound lead reply assistant The problem: New enquiries wait a day for a first "
        "answer and a third of them go cold. Northwind Wholesale · Pilot running · "
        "140 items a week · 2 June 2026"
    ) in first


def test_a_long_problem_is_shortened_on_page_one_and_whole_in_the_appendixs_pilot_basics():
    snapshot = _long_pilot(sample_snapshot())
    problem = " ".join(
        f"Problem {n}: enquiries that arrive after three wait until the next morning."
        for n in range(1, 9)
    )
    snapshot["pilot"]["problem"] = problem

    pages = _pages(snapshot)

    assert "Problem 8:" not in pages[0]
    appendix = " ".join(
        pages[_page_of(pages, "Every question, answer and piece of evidence") - 1 :]
    )
    basics = appendix.split("PILOT BASICS", 1)[1]
    assert basics.startswith(f" The business problem it should solve {problem}")
    assert "Items handled in a typical week 140 items a week (about 607 a month)" in basics
    assert "Stage Pilot running" in basics
