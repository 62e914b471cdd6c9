"""What changed since the pilot's last final assessment, as the report snapshot keeps it."""

import json
from dataclasses import replace
from datetime import UTC, datetime

from assessments.comparison import compare
from assessments.rubric.loader import bundled_rubric
from assessments.scoring import samples
from assessments.scoring.engine import score
from assessments.scoring.scorecard import scorecard_to_dict
from reports.snapshot_format import snapshot_digest, validate_snapshot
from tests.reports.snapshots import june_snapshot

RUBRIC = bundled_rubric()
MARCH = datetime(2026, 3, 4, 15, 30, tzinfo=UTC)


def _stored(inp) -> dict:
    """A scorecard as a final assessment keeps it: JSON, read back."""
    return json.loads(json.dumps(scorecard_to_dict(score(inp, RUBRIC))))


def _without_accountable_owner(inp):
    return replace(inp, owners=tuple(replace(o, accountable=False) for o in inp.owners))


def _snapshot(inp, previous: dict | None):
    card = score(inp, RUBRIC)
    since = compare(previous, card, previous_id=7, previous_date=MARCH) if previous else None
    return june_snapshot(inp, since=since)


def test_a_pilot_without_an_earlier_final_assessment_has_nothing_to_compare():
    snapshot = _snapshot(samples.ready_pilot(), previous=None)

    validate_snapshot(snapshot)
    assert snapshot["since"] is None


def test_a_reassessment_keeps_the_date_the_decisions_and_each_gap_then_and_now():
    earlier = _without_accountable_owner(samples.ready_pilot())
    previous = _stored(earlier)

    snapshot = _snapshot(samples.ready_pilot(), previous)

    validate_snapshot(snapshot)
    since = snapshot["since"]
    assert since["previous_on"] == "2026-03-04"
    assert since["same_rubric"] is True
    assert since["decision_before"] == {"code": "not_yet", "label": "Not yet"}
    assert since["decision_after"] == {"code": "go", "label": "Go"}
    assert (since["overall_before"], since["overall_after"]) == (
        previous["overall"],
        snapshot["overall"],
    )
    ownership = next(g for g in since["gaps"] if g["key"] == "ownership")
    ownership_then = next(g["score"] for g in previous["gaps"] if g["id"] == "ownership")
    ownership_now = next(g["score"] for g in snapshot["gaps"] if g["key"] == "ownership")
    assert (ownership["before"], ownership["after"]) == (ownership_then, ownership_now)
    assert ownership["change"] == ownership_now - ownership_then > 0
    ownership_band_then = next(g["band"] for g in previous["gaps"] if g["id"] == "ownership")
    assert (ownership["band_before"], ownership["band_after"]) == (ownership_band_then, "strong")
    assert ownership_band_then != "strong"
    assert [g["label"] for g in since["gaps"]] == [g["label"] for g in snapshot["gaps"]]
    assert not since["unchanged"]


def test_the_owner_gate_met_again_is_named_by_its_criterion():
    previous = _stored(_without_accountable_owner(samples.ready_pilot()))

    since = _snapshot(samples.ready_pilot(), previous)["since"]

    title = RUBRIC.criteria_by_id["own_accountable_owner"].title
    assert [g["label"] for g in since["gates_now_met"]] == [title]
    assert since["gates_now_met"][0]["reason"] == next(
        g["text"] for g in previous["failed_gates"] if g["criterion"] == "own_accountable_owner"
    )
    assert since["gates_now_failing"] == []


def test_a_gate_that_fails_again_is_listed_as_failing_now():
    previous = _stored(samples.ready_pilot())

    since = _snapshot(_without_accountable_owner(samples.ready_pilot()), previous)["since"]

    title = RUBRIC.criteria_by_id["own_accountable_owner"].title
    assert title in [g["label"] for g in since["gates_now_failing"]]
    assert since["gates_now_met"] == []
    assert since["decision_before"]["code"] == "go"


def test_the_same_answers_again_are_marked_unchanged():
    previous = _stored(samples.ready_pilot())

    since = _snapshot(samples.ready_pilot(), previous)["since"]

    assert since["unchanged"] is True
    assert {g["change"] for g in since["gaps"]} == {0}


def test_an_earlier_rubric_without_a_gap_gives_it_no_score_then_and_no_change():
    previous = _stored(samples.ready_pilot())
    previous["gaps"] = [g for g in previous["gaps"] if g["id"] != "adoption"]
    previous["rubric_version"] = "0.9.0"

    snapshot = _snapshot(samples.ready_pilot(), previous)

    validate_snapshot(snapshot)
    since = snapshot["since"]
    adoption = next(g for g in since["gaps"] if g["key"] == "adoption")
    assert (adoption["before"], adoption["change"]) == (None, None)
    assert adoption["after"] is not None
    assert since["same_rubric"] is False
    assert since["unchanged"] is False


def test_a_gate_the_earlier_rubric_lacked_is_not_reported_as_failing_again():
    previous = _stored(samples.ready_pilot())
    for gap in previous["gaps"]:
        gap["criteria"] = [c for c in gap["criteria"] if c["id"] != "own_accountable_owner"]
    previous["rubric_version"] = "0.9.0"

    since = _snapshot(_without_accountable_owner(samples.ready_pilot()), previous)["since"]

    title = RUBRIC.criteria_by_id["own_accountable_owner"].title
    assert title not in [g["label"] for g in since["gates_now_failing"]]


def test_what_changed_is_part_of_the_snapshot_digest():
    previous = _stored(_without_accountable_owner(samples.ready_pilot()))
    with_history = _snapshot(samples.ready_pilot(), previous)
    changed = json.loads(json.dumps(with_history))
    changed["since"]["previous_on"] = "2026-02-01"

    assert snapshot_digest(changed) != snapshot_digest(with_history)
    assert snapshot_digest(_snapshot(samples.ready_pilot(), None)) != snapshot_digest(with_history)
