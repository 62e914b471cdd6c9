"""Print, as JSON, the demo pages the HTTP benchmark measures.

Run as `python -m bench.http_targets` with the server's DATABASE_URL, after
`seed_demo`. It picks the demo's draft assessment and one of its questions, and makes
(once) copies of that draft for a client of the demo workspace, one per concurrent
client of the benchmark: twenty founders each save into their own assessment, as they
would in use, instead of twenty saves queueing on one assessment's row lock.
"""

import json
import os
import sys
import urllib.parse

FOUNDERS = 20
BENCH_CLIENT = "Benchmark founders"


def _founder_drafts(template) -> list:
    from assessments.interchange import ParsedAssessment
    from assessments.models import Assessment
    from assessments.selectors import assessment_input
    from assessments.services import assessment_import

    workspace = template.pilot.client.workspace
    drafts = list(
        Assessment.objects.filter(
            pilot__client__workspace=workspace,
            pilot__client__name=BENCH_CLIENT,
            status=Assessment.Status.DRAFT,
        ).order_by("id")[:FOUNDERS]
    )
    copy = ParsedAssessment(
        format_version=1,
        rubric_version=template.rubric.version,
        client=BENCH_CLIENT,
        assessment=assessment_input(template),
    )
    while len(drafts) < FOUNDERS:
        drafts.append(assessment_import(workspace=workspace, parsed=copy, rubric=template.rubric))
    return drafts


def demo_targets() -> list[dict]:
    from django.urls import reverse

    from assessments.demo import DEMO_EMAIL
    from assessments.models import Assessment
    from assessments.questionnaire import field_name
    from assessments.selectors import rubric_for_version

    template = (
        Assessment.objects.filter(
            pilot__client__workspace__memberships__user__email=DEMO_EMAIL,
            status=Assessment.Status.DRAFT,
        )
        .exclude(pilot__client__name=BENCH_CLIENT)
        .select_related("rubric", "pilot__client__workspace")
        .order_by("-progress_percent", "id")
        .first()
    )
    if template is None:
        raise SystemExit("no draft assessment in the demo data: run seed_demo first")
    rubric = rubric_for_version(template.rubric_id)
    question = next(q for q in rubric.questions if q.type == "choice" and q.applies_if is None)
    # A founder changing their mind: each save writes the other of two answers.
    bodies = [
        urllib.parse.urlencode({"_unit": f"q:{question.id}", field_name(question.id): o.value})
        for o in (question.options[-1], question.options[0])
    ]
    drafts = _founder_drafts(template)
    sections = [reverse("assessment_section", args=[d.id, question.section]) for d in drafts]
    results = [reverse("assessment_results", args=[d.id]) for d in drafts]
    saves = [f"/bench/signed-in-write/{d.id}/" for d in drafts]
    return [
        # The stack's floor (bench/reference_views.py), measured beside the real pages.
        {"label": "signed-in floor", "paths": ["/bench/signed-in/"], "reference": True},
        {
            "label": "signed-in save floor",
            "paths": saves,
            "method": "POST",
            "bodies": ["touch=1"],
            "reference": True,
        },
        {"label": "questionnaire page", "paths": sections},
        {"label": "autosave", "paths": sections, "method": "POST", "bodies": bodies, "htmx": True},
        {"label": "results page", "paths": results},
    ]


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness.settings")
    import django

    django.setup()
    json.dump(demo_targets(), sys.stdout)
