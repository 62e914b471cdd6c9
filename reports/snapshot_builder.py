"""Gather one assessment's data from the database and freeze it as a report snapshot."""

from datetime import datetime
from typing import Any

from assessments.models import Assessment
from assessments.questionnaire import carried_on_show
from assessments.scoring.engine import score
from assessments.selectors import (
    agreed_answers,
    agreed_since_people_answered,
    assessment_input,
    respondents_with_answers,
    rubric_for_version,
    since_last_final,
)

from .snapshot import Branding, PlannedAction, TeamMember, build_snapshot


def _team(assessment: Assessment) -> list[TeamMember]:
    people, answers = respondents_with_answers(assessment)
    return [
        TeamMember(
            name=person.name,
            role=person.role,
            finished=person.finished_at is not None,
            answers=answers.get(person.pk, {}),
        )
        for person in people
    ]


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
    # Answers copied from the last assessment that nobody has re-checked since: the
    # reader must not take them for fresh ones. Hidden questions were never shown.
    carried = agreed_answers(assessment)[1]
    unreviewed = len(carried_on_show(rubric, inp, carried))
    planned = {
        item.criterion_id: PlannedAction(
            owner=item.owner_name, due=item.due_date, status=item.status
        )
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
        client_currency=client.currency,
        assessment={
            "id": assessment.pk,
            "label": f"{assessment.get_status_display()} assessment of {when:%-d %B %Y}",
            "assessed_on": when.date().isoformat(),
            "unreviewed": unreviewed,
            "final": assessment.is_submitted,
        },
        planned=planned,
        requested_by=requested_by,
        taken_at=taken_at,
        since=since_last_final(assessment, card=card, inp=inp, rubric=rubric),
        team=_team(assessment),
        settled=agreed_since_people_answered(assessment),
    )
