"""The engine's input read the plain ORM way: model objects and their `to_input()`.

The app reads it as prepared rows (assessments.selectors); tests hold the two equal.
"""

from typing import Any

from assessments.models import Answer, Assessment, Pilot


def pilot_with_records(pilot_id: int) -> Pilot:
    return (
        Pilot.objects.select_related("client", "oversight", "change_plan", "value_case")
        .prefetch_related("owners", "metrics", "integrations")
        .get(pk=pilot_id)
    )


def records_input(pilot: Pilot) -> dict[str, Any]:
    def optional(name: str):
        record = getattr(pilot, name, None)  # a missing one-to-one raises on access
        return record.to_input() if record is not None else None

    return {
        "pilot": pilot.to_input(),
        "owners": tuple(owner.to_input() for owner in pilot.owners.all()),
        "metrics": tuple(metric.to_input() for metric in pilot.metrics.all()),
        "integrations": tuple(item.to_input() for item in pilot.integrations.all()),
        "oversight": optional("oversight"),
        "change_plan": optional("change_plan"),
        "value_case": optional("value_case"),
    }


def agreed_answers(assessment: Assessment) -> dict[str, Answer]:
    answers = assessment.answers.filter(respondent__isnull=True)
    return {answer.question_id: answer for answer in answers}
