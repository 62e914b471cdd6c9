"""Print, as JSON, the demo pages the HTTP benchmark measures.

Run as `python -m bench.http_targets` with the server's DATABASE_URL, after
`seed_demo`: it picks the demo's draft assessment and one of its questions.
"""

import json
import os
import sys
import urllib.parse


def demo_targets() -> list[dict]:
    from django.urls import reverse

    from assessments.demo import DEMO_EMAIL
    from assessments.models import Assessment
    from assessments.questionnaire import field_name
    from assessments.selectors import rubric_for_version

    assessment = (
        Assessment.objects.filter(
            pilot__client__workspace__memberships__user__email=DEMO_EMAIL,
            status=Assessment.Status.DRAFT,
        )
        .select_related("rubric")
        .order_by("-progress_percent", "id")
        .first()
    )
    if assessment is None:
        raise SystemExit("no draft assessment in the demo data: run seed_demo first")
    rubric = rubric_for_version(assessment.rubric_id)
    question = next(q for q in rubric.questions if q.type == "choice" and q.applies_if is None)
    body = urllib.parse.urlencode(
        {"_unit": f"q:{question.id}", field_name(question.id): question.options[-1].value}
    )
    section_url = reverse("assessment_section", args=[assessment.id, question.section])
    return [
        {"label": "questionnaire page", "path": section_url},
        {"label": "autosave", "path": section_url, "method": "POST", "body": body, "htmx": True},
        {"label": "results page", "path": reverse("assessment_results", args=[assessment.id])},
    ]


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness.settings")
    import django

    django.setup()
    json.dump(demo_targets(), sys.stdout)
