"""What the rubric data promises: seed coverage, a short questionnaire, the document."""

from pathlib import Path

from assessments.rubric.document import render_rubric_markdown
from assessments.rubric.loader import bundled_rubric
from assessments.rubric.model import SECTION_IDS

ROOT = Path(__file__).resolve().parents[2]
SEEDS_BY_FILE = {
    "S0": "000_c608d1712a7dcc08.txt",
    "S1": "001_95320ee3e6e8e577.txt",
    "S2": "002_5630f5515f826b1c.txt",
    "S3": "003_9e6ff8513bf9e38d.txt",
    "S4": "004_3685137253e77e1b.txt",
}
RUBRIC = bundled_rubric("1.0.0")


def test_the_seeds_are_the_five_source_articles():
    assert {seed.id: seed.file for seed in RUBRIC.seeds} == SEEDS_BY_FILE


def test_every_seed_item_maps_to_existing_criteria():
    for item in RUBRIC.coverage:
        assert item.criteria
        assert all(criterion in RUBRIC.criteria_by_id for criterion in item.criteria)


def test_every_seed_names_failures_and_fixes_and_is_cited_by_criteria():
    for seed in SEEDS_BY_FILE:
        kinds = {item.kind for item in RUBRIC.coverage if item.seed == seed}
        assert kinds == {"failure", "fix"}, seed
        assert any(seed in criterion.seeds for criterion in RUBRIC.criteria), seed


def test_a_coverage_item_maps_to_criteria_that_cite_its_seed():
    for item in RUBRIC.coverage:
        citing = [c for c in item.criteria if item.seed in RUBRIC.criteria_by_id[c].seeds]
        assert citing, f"{item.seed}: {item.item}"


def test_the_four_hard_gates_required_by_the_product_exist():
    gates = {c.id: c.gate.check for c in RUBRIC.criteria if c.gate is not None}

    assert gates == {
        "own_accountable_owner": "accountable_owner_named",
        "out_outcome_metric": "outcome_baseline",
        "int_live_path": "integration_path_funded",
        "ov_human_review": "high_stakes_guarded",
    }


def test_the_questionnaire_stays_short_enough_for_fifteen_minutes():
    records = 7  # pilot, owners, metrics, integrations, oversight, change plan, value case

    assert 30 <= len(RUBRIC.questions) + records <= 45


def test_every_section_the_interface_shows_has_questions():
    assert {q.section for q in RUBRIC.questions} == set(SECTION_IDS)


def test_every_question_has_a_prompt_and_help_and_scored_ones_offer_not_sure():
    for question in RUBRIC.questions:
        assert question.prompt.strip() and question.help.strip()
        if question.id in RUBRIC.scored_question_ids:
            assert question.not_sure, question.id


def test_every_criterion_carries_a_recommendation():
    assert all(len(c.recommendation.split()) >= 8 for c in RUBRIC.criteria)


def test_the_committed_rubric_document_matches_the_data():
    committed = (ROOT / "docs" / "rubric.md").read_text(encoding="utf-8")

    assert committed == render_rubric_markdown(RUBRIC), (
        "docs/rubric.md is stale: run `python -m assessments.rubric.document > docs/rubric.md`"
    )


def test_the_document_shows_the_coverage_table_and_the_thresholds():
    document = render_rubric_markdown(RUBRIC)

    assert "| Seed | Kind | Failure reason or fix | Criteria |" in document
    assert f"*strong* at {RUBRIC.thresholds.strong_min}" in document
    assert f"exceeds {RUBRIC.decision.payback_horizon_months:g} months" in document
    assert document.count("| S") >= len(RUBRIC.coverage)
