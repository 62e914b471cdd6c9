from django.db.models import QuerySet

from assessments.models import Assessment
from readiness.prepared import PreparedQuery

from .models import Report


def reports_for_assessment(assessment: Assessment) -> QuerySet[Report]:
    return (
        Report.objects.filter(assessment=assessment)
        .select_related("requested_by")
        .defer("snapshot")
        .order_by("-created_at", "-id")
    )


# Every page about an assessment shows its latest report, so the SQL is built once.
_LATEST = PreparedQuery(
    lambda assessment_id: (
        Report.objects.filter(assessment_id=assessment_id)
        .select_related("requested_by")
        .defer("snapshot")
        .order_by("-created_at", "-id")[:1]
    ),
    int,
)


def latest_report(assessment: Assessment) -> Report | None:
    return _LATEST.first(assessment.pk)
