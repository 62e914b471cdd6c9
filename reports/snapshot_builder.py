"""Gather one assessment's data from the database and freeze it as a report snapshot."""

from datetime import datetime
from typing import Any

from assessments.models import Assessment
from assessments.scoring.engine import score
from assessments.selectors import assessment_input, rubric_for_version

from .snapshot import Branding, PlannedAction, build_snapshot


def snapshot_for_assessment(
    assessment: Assessment,
    *,
    requested_by: str,
    taken_at: datetime,
    logo: dict[str, str] | None = None,
) -> dict[str, Any]:
    pilot = assessment.pilot
    client = pilot.client
    workspace = client.workspace
    rubric = rubric_for_version(assessment.rubric_id)
    inp = assessment_input(assessment)
    card = score(inp, rubric)
    planned = {
        item.criterion_id: PlannedAction(owner=item.owner_name, due=item.due_date)
        for item in assessment.actions.all()
    }
    when = assessment.submitted_at or assessment.started_at
    return build_snapshot(
        inp=inp,
        card=card,
        rubric=rubric,
        branding=Branding(
            workspace=workspace.name,
            prepared_by=workspace.prepared_by,
            accent_colour=workspace.accent_colour,
            logo=logo,
        ),
        client_name=client.name,
        assessment={
            "id": assessment.pk,
            "label": f"{assessment.get_status_display()} assessment of {when:%-d %B %Y}",
            "assessed_on": when.date().isoformat(),
        },
        planned=planned,
        requested_by=requested_by,
        taken_at=taken_at,
    )
