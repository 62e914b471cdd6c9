"""From the engine's input and scorecard to the plain data a report prints."""

import copy
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from assessments.rubric.loader import bundled_rubric
from assessments.scoring import samples
from assessments.scoring.engine import score
from assessments.scoring.inputs import IntegrationIn
from reports.pdf import render_report_html
from reports.snapshot import Branding, PlannedAction, build_snapshot
from reports.snapshot_format import SnapshotInvalid, snapshot_digest, validate_snapshot


def _snapshot(inp, planned=None, currency=""):
    rubric = bundled_rubric()
    card = score(inp, rubric)
    return build_snapshot(
        inp=inp,
        card=card,
        rubric=rubric,
        branding=Branding("Acme", "Prepared by Acme", "#1f5f8b"),
        client_name="Northwind",
        client_currency=currency,
        assessment={"id": 1, "label": "First look", "assessed_on": "2026-06-01"},
        planned=planned or {},
        requested_by="Alice Owner",
        taken_at=datetime(2026, 6, 1, 9, 0, tzinfo=UTC),
    ), card


def _extract_only(inp):
    crm = IntegrationIn(
        system="HubSpot", access="read", status="extract", budgeted=False, effort_days=None
    )
    return replace(inp, integrations=(crm,))


def test_a_snapshot_is_valid_and_has_every_gap_and_the_decision():
    snapshot, card = _snapshot(samples.ready_pilot())

    validate_snapshot(snapshot)
    assert snapshot["decision"]["code"] == card.decision
    assert [g["key"] for g in snapshot["gaps"]] == [g.id for g in card.gaps]


def test_a_failed_gate_is_traced_to_the_record_that_caused_it():
    snapshot, _ = _snapshot(_extract_only(samples.ready_pilot()))

    assert snapshot["decision"]["code"] == "not_yet"
    sources = [s for gate in snapshot["gates_failed"] for s in gate["sources"]]
    assert "Integration record: HubSpot" in sources


def test_findings_name_the_answers_behind_them():
    inp = samples.without_answers(samples.ready_pilot(), "own_authority")

    snapshot, _ = _snapshot(inp)

    ownership = next(g for g in snapshot["gaps"] if g["key"] == "ownership")
    traced = " ".join(f["source"] for f in ownership["findings"])
    assert "Can the owner change the process" in traced
    assert "not answered" in traced


def test_agreed_owners_and_dates_appear_on_the_actions():
    inp = _extract_only(samples.ready_pilot())
    _, card = _snapshot(inp)
    first = card.actions[0]

    snapshot, _ = _snapshot(
        inp, {first.criterion_id: PlannedAction("Marcus Lee", date(2026, 7, 15))}
    )

    assert snapshot["actions"][0]["owner"] == "Marcus Lee"
    assert snapshot["actions"][0]["due"] == "2026-07-15"


def test_a_value_case_that_never_pays_back_is_marked_so():
    snapshot, _ = _snapshot(samples.never_pays_back_pilot())

    assert snapshot["decision"]["code"] == "stop"
    assert snapshot["payback"]["never_pays_back"] is True
    assert snapshot["payback"]["months"] is None


def _listed(snapshot) -> dict[str, dict]:
    return {q["id"]: q for section in snapshot["appendix"] for q in section["questions"]}


def test_the_appendix_lists_every_question_that_applies_to_the_pilot():
    inp = samples.ready_pilot()
    snapshot, _ = _snapshot(inp)

    hidden = {"own_handover"}  # asked only when a contractor or vendor built it
    assert inp.answers["basic_built_by"].value not in ("contractor", "vendor")
    assert set(_listed(snapshot)) == {q.id for q in bundled_rubric().questions} - hidden


def test_a_question_the_skip_logic_hides_is_left_out_rather_than_shown_not_answered():
    inp = samples.ready_pilot()
    inp = replace(
        samples.without_answers(inp, "ov_threshold_policy"),
        oversight=replace(inp.oversight, review_mode="all", confidence_threshold=None),
    )

    snapshot, _ = _snapshot(inp)

    assert "ov_threshold_policy" not in _listed(snapshot)
    assert _listed(snapshot)["ov_audit_log"]["answer"]


def _record(snapshot, kind: str, label: str = "") -> list[str]:
    return next(
        r["lines"] for r in snapshot["records"] if r["kind"] == kind and r["label"] == label
    )


def test_the_records_are_written_with_the_labels_the_forms_use_never_raw_codes():
    snapshot, _ = _snapshot(samples.ready_pilot())

    assert _record(snapshot, "Integration", "CRM")[0] == (
        "Connected to the live system; reads and writes"
    )
    oversight = _record(snapshot, "Oversight plan")
    assert oversight[0] == (
        "Review: A person reviews outputs below a confidence threshold, set at 85%"
    )
    plan = _record(snapshot, "Change plan")
    assert "How involved the daily users are: Designing it with us" in plan
    assert plan[-2:] == [
        "Rollout: One rep for two weeks, then the whole team",
        "Commitment to roll out if it works: Committed, with budget and date",
    ]
    everything = " ".join(line for r in snapshot["records"] for line in r["lines"])
    for code in ("Status:", "live;", "read_write", "co_designing", "Review: confidence"):
        assert code not in everything


def test_a_metric_record_gives_its_deadline():
    snapshot, _ = _snapshot(samples.ready_pilot())

    metric = _record(snapshot, "Success metric", "Median time to first reply")
    assert metric[0] == "Outcome (a business result); lower is better"
    assert "Deadline for the go/no-go: 30 June 2026" in metric
    assert "Deadline for the go/no-go: not set" in _record(
        snapshot, "Success metric", "Drafts generated"
    )


def test_a_confidence_review_without_its_threshold_says_so():
    inp = samples.ready_pilot()
    inp = replace(inp, oversight=replace(inp.oversight, confidence_threshold=None))

    snapshot, _ = _snapshot(inp)

    assert _record(snapshot, "Oversight plan")[0].endswith("; the threshold is not set")


def test_the_digest_ignores_key_order_but_not_content():
    snapshot, _ = _snapshot(samples.ready_pilot())
    reordered = copy.deepcopy(dict(reversed(list(snapshot.items()))))

    assert snapshot_digest(reordered) == snapshot_digest(snapshot)
    snapshot["pilot"]["name"] += "!"
    assert snapshot_digest(reordered) != snapshot_digest(snapshot)


def test_a_snapshot_missing_its_decision_is_refused():
    snapshot, _ = _snapshot(samples.ready_pilot())
    del snapshot["decision"]

    with pytest.raises(SnapshotInvalid, match="decision"):
        validate_snapshot(snapshot)


def test_a_snapshot_carries_the_rubric_bands_the_app_shows():
    snapshot, _ = _snapshot(samples.ready_pilot())
    rubric = bundled_rubric()

    assert snapshot["thresholds"] == {
        "weak_below": rubric.thresholds.weak_below,
        "strong_min": rubric.thresholds.strong_min,
    }


def _value_case_lines(snapshot) -> list[str]:
    return next(r["lines"] for r in snapshot["records"] if r["kind"] == "Value case")


def test_a_snapshot_carries_the_clients_currency_and_writes_the_value_case_in_it():
    snapshot, _ = _snapshot(samples.ready_pilot(), currency="GBP")

    validate_snapshot(snapshot)
    assert snapshot["client"] == {"name": "Northwind", "currency": "GBP"}
    assert _value_case_lines(snapshot) == [
        "520 items a month (120 a week × about 4.33 weeks a month), 6 minutes saved each, "
        "at £40 an hour",
        "Build cost £9,000; running cost £250 a month",
    ]


def test_the_value_case_says_where_its_items_a_month_come_from():
    derived = samples.ready_pilot()
    own = replace(derived, value_case=replace(derived.value_case, items_per_month=390.0))
    unknown = replace(derived, pilot=replace(derived.pilot, weekly_volume=None))

    assert _value_case_lines(_snapshot(derived)[0])[0].startswith(
        "520 items a month (120 a week × about 4.33 weeks a month), "
    )
    assert _value_case_lines(_snapshot(own)[0])[0].startswith(
        "390 items a month (given in the value case; 120 a week would be about 520), "
    )
    assert _value_case_lines(_snapshot(unknown)[0])[0].startswith("520 items a month, ")


def test_the_payback_keeps_its_figures_as_numbers_whatever_the_currency():
    in_pounds, _ = _snapshot(samples.ready_pilot(), currency="GBP")
    in_yen, _ = _snapshot(samples.ready_pilot(), currency="JPY")

    assert in_pounds["payback"] == in_yen["payback"]
    assert in_pounds["payback"]["build_cost"] == 9000.0


def test_a_client_without_a_currency_has_its_amounts_written_bare():
    snapshot, _ = _snapshot(samples.ready_pilot())

    assert snapshot["client"]["currency"] == ""
    assert _value_case_lines(snapshot)[1] == "Build cost 9,000; running cost 250 a month"


def test_a_stopped_pilots_report_leads_with_what_the_stop_calls_for_not_rollout_work():
    inp = replace(samples.never_pays_back_pilot(), owners=(), integrations=(), change_plan=None)

    snapshot, card = _snapshot(inp)

    validate_snapshot(snapshot)
    titles = [a["title"] for a in snapshot["actions"]]
    assert titles[:2] == [
        "Re-examine the value case, or close the pilot",
        "Record what was learned",
    ]
    assert snapshot["actions"][0]["expected_gain"] is None
    rollout = card.set_aside[0]
    assert rollout.title not in titles
    # The gap pages still name the production work their findings call for.
    gap = next(g for g in snapshot["gaps"] if g["key"] == rollout.gap)
    assert rollout.recommendation in gap["recommendations"]


def test_a_stopped_pilots_report_heads_its_first_steps_for_a_stop():
    snapshot, _ = _snapshot(samples.never_pays_back_pilot())

    html = render_report_html(snapshot, reference="R-1", snapshot_sha256="a" * 64, preview=True)

    assert "What to do now" in html
    assert "Fix first" not in html


def test_a_stopped_pilots_plan_claims_no_score_and_estimates_no_production_work():
    snapshot, card = _snapshot(samples.never_pays_back_pilot())

    assert card.actions
    assert [a["expected_gain"] for a in snapshot["actions"]] == [None] * len(card.actions)
    assert [a["kind"] for a in snapshot["actions"]] == ["stop"] * len(card.actions)
    assert snapshot["effort"] is None


def test_a_stop_step_is_labelled_as_the_results_page_labels_it():
    snapshot, _ = _snapshot(samples.never_pays_back_pilot())

    html = render_report_html(snapshot, reference="R-1", snapshot_sha256="a" * 64, preview=True)

    assert "What the Stop calls for · Owner:" in html
    assert "Gap: Outcome and value" not in html


def test_an_older_snapshot_without_kinds_still_labels_actions_by_gap():
    snapshot, _ = _snapshot(samples.never_pays_back_pilot())
    for action in snapshot["actions"]:
        del action["kind"]

    html = render_report_html(snapshot, reference="R-1", snapshot_sha256="a" * 64, preview=True)

    assert "Gap: Outcome and value" in html


def test_the_payback_says_what_rough_figures_it_rests_on():
    inp = samples.with_answers(
        samples.ready_pilot(), val_saving_measured="guess", val_cost_complete="prototype"
    )

    snapshot, _ = _snapshot(inp)

    validate_snapshot(snapshot)
    assert snapshot["payback"]["basis"] == "from a prototype-only cost and guessed savings"


def test_a_payback_on_firm_figures_has_no_basis_to_qualify_it():
    snapshot, _ = _snapshot(samples.ready_pilot())

    assert snapshot["payback"]["months"] is not None
    assert snapshot["payback"]["basis"] == ""
