"""Go with conditions in the PDF: page one and the action plan name the conditions."""

from dataclasses import replace
from datetime import UTC, date, datetime

from assessments.scoring import samples
from assessments.scoring.engine import score
from reports.samples import sample_snapshot
from reports.snapshot import Branding, PlannedAction, build_snapshot
from reports.snapshot_format import validate_snapshot

from .snapshots import RUBRIC
from .test_report_action_plan import _pages, _plan


def _moderate_pilot():
    """No gate failed, no gap weak, Integration and Adoption short of strong."""
    ready = samples.ready_pilot()
    plan = replace(ready.change_plan, involvement="consulted", training_plan="")
    return samples.with_answers(
        replace(ready, change_plan=plan),
        int_test_data="tidied",
        int_process_written="partial",
        int_flow_mapped=False,
        ado_fits_tools="new_screen",
    )


def _snapshot(inp, planned=None):
    snapshot = build_snapshot(
        inp=inp,
        card=score(inp, RUBRIC),
        rubric=RUBRIC,
        branding=Branding("Acme", "Prepared by Acme", "#1f5f8b"),
        client_name="Northwind",
        assessment={"id": 8, "label": "June review", "assessed_on": "2026-06-01"},
        planned=planned or {},
        requested_by="Alice Owner",
        taken_at=datetime(2026, 6, 1, 9, 0, tzinfo=UTC),
    )
    validate_snapshot(snapshot)
    return snapshot


def test_the_snapshot_marks_the_conditions_and_puts_them_first():
    inp = _moderate_pilot()
    card = score(inp, RUBRIC)

    actions = _snapshot(inp)["actions"]

    assert card.decision == "go_with_conditions"
    titles = [c.title for c in card.conditions]
    assert [a["title"] for a in actions[: len(titles)]] == titles
    assert [a["condition"] for a in actions] == [True] * len(titles) + [False] * (
        len(actions) - len(titles)
    )


def test_page_one_lists_exactly_the_conditions_of_going_live_with_owner_and_date():
    inp = _moderate_pilot()
    card = score(inp, RUBRIC)
    adoption, integration = card.conditions
    planned = {integration.criterion_id: PlannedAction("Marcus Lee", date(2026, 7, 15))}

    pages = _pages(_snapshot(inp, planned))

    assert "FIX FIRST" not in pages[0]
    listed = pages[0].split("CONDITIONS OF GOING LIVE", 1)[1]
    assert f"1. {adoption.title} Adoption" in listed
    assert f"2. {integration.title} Integration and data · Marcus Lee · by 15 Jul 2026" in listed
    assert "3. " not in listed.split("Readiness by gap")[0], "only the conditions are listed"


def test_page_one_lists_the_conditions_in_the_order_of_its_reasons_weakest_gap_first():
    inp = _moderate_pilot()
    card = score(inp, RUBRIC)
    assert (card.gap("adoption").score, card.gap("integration").score) == (74, 75)

    snapshot = _snapshot(inp)
    page_one = _pages(snapshot)[0]

    assert [r.split(" scores ")[0] for r in snapshot["decision"]["reasons_by_severity"]] == [
        "Adoption",
        "Integration and data",
    ]
    why, listed = page_one.split("CONDITIONS OF GOING LIVE", 1)
    assert why.index("Adoption scores 74") < why.index("Integration and data scores 75")
    adoption, integration = card.conditions
    assert listed.index(f"1. {adoption.title} Adoption") < listed.index(
        f"2. {integration.title} Integration and data"
    )


def test_the_action_plan_labels_the_conditions_and_lists_them_first():
    inp = _moderate_pilot()
    card = score(inp, RUBRIC)

    plan = _plan(_pages(_snapshot(inp)))

    assert "The first 2 actions are the conditions of going live" in plan
    assert [c.gap for c in card.conditions] == ["adoption", "integration"]
    for number, condition in enumerate(card.conditions, start=1):
        assert f"{number}. {condition.title} Condition · Gap:" in plan
    assert plan.count("Condition · Gap:") == len(card.conditions)


def test_a_go_with_conditions_report_from_before_conditions_were_marked_lists_fix_first():
    snapshot = sample_snapshot()
    snapshot["decision"] = {
        "code": "go_with_conditions",
        "label": "Go with conditions",
        "reasons": ["Integration and data scores 64, short of the 80 that counts as strong."],
    }
    snapshot["gates_failed"] = []

    pages = _pages(snapshot)

    page_one = pages[0].split("FIX FIRST", 1)[1]
    for action in snapshot["actions"][:3]:
        assert action["title"] in page_one
    assert "Condition ·" not in _plan(pages)
