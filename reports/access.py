"""The one way views reach a report: through the assessment's access check.

A report outside the user's workspaces is a 404, exactly like its assessment.
"""

from django.http import Http404

from accounts.models import User
from assessments.access import assessment_for_user

from .models import Report


def report_for_user(user: User, report_id: int, *, write: bool = False) -> Report:
    assessment_id = (
        Report.objects.filter(pk=report_id).values_list("assessment_id", flat=True).first()
    )
    if assessment_id is None:
        raise Http404("No such report")
    # Raises 404 outside the user's workspaces, 403 for a viewer asking to write.
    assessment = assessment_for_user(user, assessment_id, write=write)
    report = Report.objects.select_related("requested_by").get(pk=report_id)
    report.assessment = assessment
    return report
