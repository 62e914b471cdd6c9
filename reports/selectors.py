from django.db.models import BooleanField, Case, QuerySet, Value, When

from assessments.models import Assessment
from readiness.prepared import PreparedQuery

from .models import Report


def _with_origin(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Whether each report was made from the draft, read from its snapshot in the query,
    so lists need not load the snapshots. Snapshots taken before drafts were kept say
    nothing, and their reports are not labelled."""
    return reports.annotate(
        snapshot_from_draft=Case(
            When(snapshot__assessment__final=False, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def reports_for_assessment(assessment: Assessment) -> QuerySet[Report]:
    return _with_origin(
        Report.objects.filter(assessment=assessment)
        .select_related("requested_by")
        .defer("snapshot")
        .order_by("-created_at", "-id")
    )


# Every page about an assessment shows its latest report, so the SQL is built once.
_LATEST = PreparedQuery(
    lambda assessment_id: _with_origin(
        Report.objects.filter(assessment_id=assessment_id)
        .select_related("requested_by")
        .defer("snapshot")
        .order_by("-created_at", "-id")
    )[:1],
    int,
)


def latest_report(assessment: Assessment) -> Report | None:
    return _LATEST.first(assessment.pk)
