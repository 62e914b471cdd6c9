"""A final assessment's stored scorecard, shown in the admin as the results page reads it."""

import html
import json

import pytest
from django.urls import reverse

from assessments import services
from assessments.admin_scorecard import NOT_STORED
from assessments.scoring.scorecard import scorecard_from_dict


@pytest.fixture
def final(world):
    assessment = services.assessment_submit(assessment=world.objects["assessment"])
    assessment.refresh_from_db()
    return assessment


def _page(admin_client, assessment) -> str:
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    return html.unescape(" ".join(response.content.decode().split()))


def test_the_stored_scorecard_is_summarised_in_words(admin_client, final):
    card = scorecard_from_dict(final.scorecard)
    weakest = card.gap(card.weakest_gap)

    page = _page(admin_client, final)

    assert f"<dt>Decision</dt><dd>{card.decision_label}</dd>" in page
    assert f"<dt>Overall score</dt><dd>{card.overall}/100</dd>" in page
    assert f"<dt>Weakest gap</dt><dd>{weakest.title} ({weakest.score}/100)</dd>" in page
    for gap in card.gaps:
        assert f"<li>{gap.title}: {gap.score}/100, {gap.band}</li>" in page
    for gate in card.failed_gates:
        assert f"{card.gap(gate.gap).title}: {gate.text}" in page
    for action in card.actions:
        assert action.title in page


def test_the_reasons_are_listed_most_severe_first_as_on_the_results_page(admin_client, final):
    card = scorecard_from_dict(final.scorecard)
    reasons = [r.text for r in card.reasons_by_severity() if r.kind != "conflict"]
    assert len(reasons) > 1 and reasons != [r.text for r in card.reasons], (
        "the world's result should have reasons whose order matters"
    )

    page = _page(admin_client, final)

    why = page.split("<h4>Why</h4>", 1)[1].split("</ol>", 1)[0]
    assert [item.split("</li>")[0] for item in why.split("<li>")[1:]] == reasons


def test_the_stored_json_stays_folded_for_support(admin_client, final):
    page = _page(admin_client, final)

    folded = page.split("<details><summary>Stored JSON</summary><pre>", 1)[1].split("</pre>")[0]
    assert json.loads(folded) == final.scorecard


def test_stored_text_is_escaped(admin_client, final):
    final.scorecard["reasons"][0]["text"] = "<script>alert(1)</script>"
    final.save(update_fields=["scorecard"])

    url = reverse("admin:assessments_assessment_change", args=[final.pk])
    content = admin_client.get(url).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_a_scorecard_that_cannot_be_read_still_shows_its_json(admin_client, final):
    final.scorecard = {"decision": "go"}
    final.save(update_fields=["scorecard"])

    page = _page(admin_client, final)

    assert "The stored scorecard could not be read." in page
    assert '"decision": "go"' in page


def test_a_draft_says_its_scorecard_is_stored_when_final(admin_client, world):
    page = _page(admin_client, world.objects["assessment"])

    assert NOT_STORED in page
    assert "Stored JSON" not in page
