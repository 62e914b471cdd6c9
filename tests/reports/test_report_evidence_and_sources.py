"""The report lists the answers that lack only evidence once per gap, and traces each
finding to records in words, saying so when nothing was recorded."""

import io
from dataclasses import replace
from datetime import UTC, datetime

from pypdf import PdfReader

from assessments.rubric.loader import bundled_rubric
from assessments.scoring import samples
from assessments.scoring.engine import score
from reports.pdf import render_pdf
from reports.snapshot import Branding, build_snapshot
from reports.snapshot_format import snapshot_digest, validate_snapshot

RUBRIC = bundled_rubric("1.0.0")


def _snapshot(inp):
    card = score(inp, RUBRIC)
    snapshot = build_snapshot(
        inp=inp,
        card=card,
        rubric=RUBRIC,
        branding=Branding("Acme", "Prepared by Acme", "#1f5f8b"),
        client_name="Northwind",
        assessment={"id": 1, "label": "First look", "assessed_on": "2026-06-01"},
        planned={},
        requested_by="Alice Owner",
        taken_at=datetime(2026, 6, 1, 9, 0, tzinfo=UTC),
    )
    validate_snapshot(snapshot)
    return snapshot


def _gap(snapshot, key):
    return next(g for g in snapshot["gaps"] if g["key"] == key)


def _finding(snapshot, gap, title):
    return next(f for f in _gap(snapshot, gap)["findings"] if f["text"].startswith(title))


def _text(snapshot) -> str:
    rendered = render_pdf(snapshot, reference="R-000042", snapshot_sha256=snapshot_digest(snapshot))
    reader = PdfReader(io.BytesIO(rendered.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_answers_short_of_evidence_are_listed_by_prompt_not_as_repeated_advice():
    snapshot = _snapshot(samples.claims_without_evidence(samples.ready_pilot()))

    integration = _gap(snapshot, "integration")
    prompts = [q["prompt"] for q in integration["evidence_needed"]]
    assert RUBRIC.questions_by_id["int_test_data"].prompt in prompts
    assert RUBRIC.questions_by_id["int_flow_mapped"].prompt in prompts
    assert not any("only the evidence is missing" in r for r in integration["recommendations"])


def test_evidence_described_but_not_linked_is_marked_so():
    ready = samples.claims_without_evidence(samples.ready_pilot())
    answers = dict(ready.answers)
    answers["int_test_data"] = replace(answers["int_test_data"], evidence="in the QA folder")

    snapshot = _snapshot(replace(ready, answers=answers))

    needed = {q["prompt"]: q["described"] for q in _gap(snapshot, "integration")["evidence_needed"]}
    assert needed[RUBRIC.questions_by_id["int_test_data"].prompt] is True
    assert needed[RUBRIC.questions_by_id["int_flow_mapped"].prompt] is False


def test_the_pdf_prints_the_evidence_list_once_per_gap_instead_of_a_paragraph_each():
    text = _text(_snapshot(samples.claims_without_evidence(samples.ready_pilot())))

    assert "only the evidence is missing" not in text
    assert text.count("a link someone can open earns full credit") == 5
    assert "Add evidence to these answers: they already give the best option" in text


def test_nothing_recorded_is_said_in_words():
    ready = samples.ready_pilot()
    inp = replace(ready, owners=(), change_plan=None, integrations=())

    snapshot = _snapshot(inp)

    owner = _finding(snapshot, "ownership", "One named person is accountable")
    assert owner["source"] == "No owner recorded"
    sponsor = _finding(snapshot, "adoption", "A sponsor inside the team")
    assert "No change plan" in sponsor["source"]
    route = _finding(snapshot, "integration", "A funded route")
    assert route["source"] == "No system recorded"
    gate_sources = [s for gate in snapshot["gates_failed"] for s in gate["sources"]]
    assert "No owner recorded" in gate_sources
    assert not any("records" in s for s in gate_sources)


def test_a_change_plan_without_a_sponsor_says_so():
    ready = samples.ready_pilot()
    inp = replace(ready, change_plan=replace(ready.change_plan, sponsor_name=""))

    sponsor = _finding(_snapshot(inp), "adoption", "A sponsor inside the team")

    assert "Change plan: no sponsor named" in sponsor["source"]


def test_an_owner_is_named_once_rather_than_beside_a_collection_name():
    owner = _finding(_snapshot(samples.ready_pilot()), "ownership", "One named person")

    assert owner["source"] == "Owner record: Dana Ortiz"


def test_the_pdf_traces_a_failed_gate_in_words():
    inp = replace(samples.ready_pilot(), owners=())

    text = _text(_snapshot(inp))

    assert "Traced to: No owner recorded" in text
    assert "Owner records" not in text
