"""The results page lists the decision's reasons in the report's order."""

import html
import re
from datetime import UTC, datetime

from django.urls import reverse

from assessments import selectors, services
from reports.snapshot_builder import snapshot_for_assessment


def _why(page: str) -> list[str]:
    start = page.index('<ul class="reasons">')
    items = re.findall(r"<li>(.*?)</li>", page[start : page.index("</ul>", start)], re.S)
    return [
        html.unescape(re.sub(r"<[^>]+>", "", item)).removeprefix("Gate not met: ") for item in items
    ]


def _answer_best(assessment, user, section):
    """Give every question of `section` its best-scoring option, so its gap is strong."""
    for question in selectors.rubric_for_assessment(assessment).questions_for_section(section):
        if question.options:
            best = max(question.options, key=lambda option: option.credit)
            services.agreed_answer_save(
                assessment=assessment, question_id=question.id, value=best.value, user=user
            )


def test_why_lists_the_gates_then_the_weakest_gaps_as_the_report_does(
    alice_client, alice, assessment
):
    _answer_best(assessment, alice, "ownership")
    _answer_best(assessment, alice, "outcome")

    response = alice_client.get(reverse("assessment_results", args=[assessment.id]))

    card = response.context["card"]
    in_rubric_order = [r.text for r in card.reasons if r.kind != "conflict"]
    snapshot = snapshot_for_assessment(
        assessment, requested_by="Alice", taken_at=datetime(2026, 6, 1, tzinfo=UTC)
    )
    in_report = snapshot["decision"]["reasons_by_severity"]
    assert in_report != in_rubric_order, "the weakest gap comes later in the rubric"
    assert _why(response.content.decode()) == in_report
