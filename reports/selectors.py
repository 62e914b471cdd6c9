from django.db.models import QuerySet

from assessments.models import Assessment

from .models import Report


def reports_for_assessment(assessment: Assessment) -> QuerySet[Report]:
    return (
        Report.objects.filter(assessment=assessment)
        .select_related("requested_by")
        .defer("snapshot")
        .order_by("-created_at", "-id")
    )


def latest_report(assessment: Assessment) -> Report | None:
    return reports_for_assessment(assessment).first()
