from typing import Any

from django import template

from accounts.models import Membership
from assessments.models import Assessment

from ..selectors import latest_report

register = template.Library()


@register.simple_tag(takes_context=True)
def report_panel_state(context, assessment: Assessment) -> dict[str, Any]:
    """What the report panel needs, so including it takes nothing but the assessment."""
    request = context.get("request")
    user = getattr(request, "user", None)
    role = (
        Membership.objects.filter(
            workspace_id=assessment.pilot.client.workspace_id, user_id=getattr(user, "pk", None)
        )
        .values_list("role", flat=True)
        .first()
    )
    return {
        "latest": latest_report(assessment),
        "can_request": role is not None and role != Membership.Role.VIEWER,
    }
