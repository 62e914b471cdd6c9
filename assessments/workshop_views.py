"""The workshop: a facilitator walks the room through where people's answers differ.

Made for a projector: one section at a time in large type, a timebox per section, each
question's answers counted by who gave them, and the answer the room agrees on
recorded beside them with one click. It reads the same comparison as the
"where people disagree" page (`disagreement.spread`) and writes through the same
services, so an agreed answer is rescored like any other.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.models import Membership

from . import access, selectors, services
from .disagreement import (
    AGREE,
    DISAGREE,
    SIDE_BY_SIDE,
    SINGLE,
    UNSURE,
    Choice,
    Person,
    QuestionSpread,
    SectionSpread,
    Spread,
    answer_text,
    choices,
    spread,
)
from .models import Assessment, Respondent
from .questionnaire import (
    SECTIONS,
    Section,
    field_name,
    parse_answer,
    section_after,
    section_before,
)
from .respondent_views import CLOSED, _respondent_of
from .scoring.inputs import AnswerIn
from .views import _get_section, _unprocessable

WORKSHOP = "assessments/workshop.html"
AGENDA = "assessments/workshop_agenda.html"

# The suggested timebox: a couple of minutes per question to talk through, a minute
# per written answer to read, within bounds a facilitator can keep to.
MINUTES_PER_QUESTION, MINUTES_PER_WRITTEN, MIN_MINUTES, MAX_MINUTES = 2, 1, 2, 15


@dataclasses.dataclass(frozen=True)
class Step:
    """One section in the workshop's agenda and stepper."""

    section: Section
    number: int
    to_talk_through: int
    written: int
    answered: int

    @property
    def minutes(self) -> int:
        wanted = MINUTES_PER_QUESTION * self.to_talk_through + MINUTES_PER_WRITTEN * self.written
        return max(MIN_MINUTES, min(MAX_MINUTES, wanted))


@dataclasses.dataclass(frozen=True)
class Workshop:
    assessment: Assessment
    membership: Membership
    people: list[Respondent]
    answers: Mapping[int, Mapping[str, AnswerIn]]
    result: Spread

    @property
    def roster(self) -> list[tuple[Respondent, int]]:
        """Each person asked, with how many questions they have answered."""
        return [(p, len(self.answers.get(p.id, {}))) for p in self.people]

    @property
    def can_edit(self) -> bool:
        return self.membership.can_edit and not self.assessment.is_submitted

    def section(self, section_id: str) -> SectionSpread | None:
        return next((s for s in self.result.sections if s.id == section_id), None)

    @property
    def steps(self) -> list[Step]:
        steps = []
        for number, section in enumerate(SECTIONS, start=1):
            found = self.section(section.id)
            rows = found.questions if found else ()
            steps.append(
                Step(
                    section=section,
                    number=number,
                    to_talk_through=sum(1 for q in rows if q.to_talk_through),
                    written=sum(1 for q in rows if q.verdict == SIDE_BY_SIDE),
                    answered=len(rows),
                )
            )
        return steps


def _workshop(request: HttpRequest, assessment_id: int, *, write: bool = False) -> Workshop:
    assessment, membership = access.assessment_with_membership(
        request.user, assessment_id, write=write
    )
    rubric = selectors.rubric_for_assessment(assessment)
    inp = selectors.assessment_input(assessment)
    people, answers = selectors.respondents_with_answers(assessment)
    result = spread(rubric, [Person(p.id, p.name, p.role) for p in people], answers, inp.answers)
    return Workshop(assessment, membership, people, answers, result)


def _section_url(assessment: Assessment, section_id: str, anchor: str = "") -> str:
    url = reverse("workshop_section", args=[assessment.id, section_id])
    return f"{url}#{anchor}" if anchor else url


def _base_context(workshop: Workshop) -> dict:
    assessment = workshop.assessment
    return {
        "assessment": assessment,
        "pilot": assessment.pilot,
        "workspace": assessment.pilot.client.workspace,
        "people": workshop.people,
        "roster": workshop.roster,
        "can_edit": workshop.can_edit,
        "steps": workshop.steps,
    }


@login_required
def workshop_agenda(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The session's plan: who answered, and what each section has to talk through."""
    workshop = _workshop(request, assessment_id)
    steps = workshop.steps
    to_visit = [s for s in steps if s.to_talk_through or s.written]
    first = to_visit[0] if to_visit else next((s for s in steps if s.answered), steps[0])
    context = {
        **_base_context(workshop),
        "first": first,
        "total_minutes": sum(s.minutes for s in to_visit),
        "to_talk_through": sum(s.to_talk_through for s in steps),
        "unanswered": workshop.result.unanswered,
        "per_question": MINUTES_PER_QUESTION,
        "per_written": MINUTES_PER_WRITTEN,
        "min_minutes": MIN_MINUTES,
        "max_minutes": MAX_MINUTES,
    }
    return render(request, AGENDA, context)


def _section_context(workshop: Workshop, current: Section) -> dict:
    found = workshop.section(current.id)
    rows = found.questions if found else ()
    step = next(s for s in workshop.steps if s.section.id == current.id)
    return {
        **_base_context(workshop),
        "section": current,
        "step": step,
        "talk": [_shown(q) for q in rows if q.verdict in {DISAGREE, UNSURE}],
        "written": [_shown(q) for q in rows if q.verdict == SIDE_BY_SIDE],
        "settled": [_shown(q) for q in rows if q.verdict in {AGREE, SINGLE}],
        "previous_section": section_before(current.id),
        "next_section": section_after(current.id),
    }


@dataclasses.dataclass(frozen=True)
class Shown:
    """A question as the workshop shows it: its spread and, for fixed answers, the tally."""

    row: QuestionSpread
    choices: tuple[Choice, ...]

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def field(self) -> str:
        """The name the questionnaire posts this question's answer under."""
        return field_name(self.row.id)


def _shown(row: QuestionSpread) -> Shown:
    return Shown(row, choices(row))


@login_required
def workshop_section(request: HttpRequest, assessment_id: int, section: str) -> HttpResponse:
    current = _get_section(section)
    workshop = _workshop(request, assessment_id)
    context = _section_context(workshop, current)
    # Set by the agreement just recorded without JavaScript, to confirm it in place.
    context["recorded"] = request.session.pop("workshop_recorded", None)
    context["recorded_message"] = request.session.pop("workshop_recorded_message", "")
    return render(request, WORKSHOP, context)


def _record(request: HttpRequest, assessment: Assessment, question) -> str:
    """Record what the room agreed on; returns the confirmation, or raises ValidationError."""
    if assessment.is_submitted:
        raise ValidationError(CLOSED)
    if "respondent" in request.POST:
        person = _respondent_of(assessment, request.POST["respondent"])
        change = services.agreed_answer_adopt(
            assessment=assessment, respondent=person, question_id=question.id, user=request.user
        )
        text = answer_text(question, change.inp.answers.get(question.id))
        return f"Agreed: “{text}”, as {person.name} answered."
    parsed = parse_answer(question, request.POST)
    if parsed.error:
        raise ValidationError(parsed.error)
    if parsed.value is None and not parsed.not_sure:
        raise ValidationError("Choose or enter the answer the room agrees on.")
    change = services.agreed_answer_record(
        assessment=assessment,
        question_id=question.id,
        value=parsed.value,
        not_sure=parsed.not_sure,
        user=request.user,
    )
    return f"Agreed: “{answer_text(question, change.inp.answers.get(question.id))}”."


@login_required
@require_POST
def workshop_agree(
    request: HttpRequest, assessment_id: int, section: str, question_id: str
) -> HttpResponse:
    """Make an answer the agreed one: a person's (`respondent`) or one posted as a form."""
    current = _get_section(section)
    assessment = access.assessment_for_user(request.user, assessment_id, write=True)
    question = selectors.rubric_for_assessment(assessment).questions_by_id.get(question_id)
    if question is None or question.section != current.id:
        raise Http404("No such question in this section")
    try:
        message, error = _record(request, assessment, question), ""
    except ValidationError as exc:
        message, error = "", " ".join(exc.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            request.session["workshop_recorded"] = question.id
            request.session["workshop_recorded_message"] = message
        return redirect(_section_url(assessment, current.id, f"ws-q-{question.id}"))

    workshop = _workshop(request, assessment_id)
    context = _section_context(workshop, current)
    shown = next(
        (
            q
            for group in ("talk", "written", "settled")
            for q in context[group]
            if q.id == question_id
        ),
        None,
    )
    if shown is None:
        # Nobody has answered it on their own: the workshop has nothing to show for it.
        raise Http404("Nobody has answered this question on their own")
    context.update(
        {
            "q": shown,
            "oob": True,
            "recorded": question.id,
            "recorded_message": message,
            "recorded_error": error,
        }
    )
    response = render(request, f"{WORKSHOP}#agree-reply", context)
    return _unprocessable(response) if error else response
