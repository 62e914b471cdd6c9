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
    user_id = getattr(user, "pk", None)
    workspace_id = assessment.pilot.client.workspace_id
    # A page about the assessment usually has the user's membership already.
    known = context.get("membership")
    if (
        isinstance(known, Membership)
        and user_id is not None
        and (known.workspace_id, known.user_id) == (workspace_id, user_id)
    ):
        role = known.role
    else:
        role = (
            Membership.objects.filter(workspace_id=workspace_id, user_id=user_id)
            .values_list("role", flat=True)
            .first()
        )
    return {
        "latest": latest_report(assessment),
        "can_request": role is not None and role != Membership.Role.VIEWER,
    }
