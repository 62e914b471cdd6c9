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
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.models import Membership

from . import access, selectors, services
from .disagreement import (
    ONE_VOICE,
    SETTLED,
    TALK,
    UNRECORDED,
    WRITTEN,
    Choice,
    PersonAnswer,
    QuestionSpread,
    Spread,
    TalkThrough,
    answer_text,
    choices,
    talk_through,
    workshop_stage,
)
from .feeds import answer_feeds
from .models import Assessment, Respondent
from .questionnaire import (
    SECTIONS,
    Section,
    applies,
    field_name,
    parse_answer,
    section_before,
)
from .respondent_views import (
    CLOSED,
    STATUS_NOT_STARTED,
    _respondent_of,
    people_summary,
    person_status,
)
from .rubric.model import Rubric
from .scoring.inputs import AnswerIn
from .selectors import AgreedVersion
from .services import AgreedAnswerChanged
from .views import _get_section, _unprocessable

WORKSHOP = "assessments/workshop.html"
AGENDA = "assessments/workshop_agenda.html"
WRAP_UP = "assessments/workshop_wrap_up.html"

# The suggested timebox: a couple of minutes per question to talk through, a minute
# per written answer to read, within bounds a facilitator can keep to.
MINUTES_PER_QUESTION, MINUTES_PER_WRITTEN, MIN_MINUTES, MAX_MINUTES = 2, 1, 2, 15

# How the wrap-up names what is still open about a question.
STAGE_LABELS = {
    TALK: "answers differ or someone is not sure",
    WRITTEN: "written answers not yet agreed",
    UNRECORDED: "everyone gave the same answer; not recorded yet",
    ONE_VOICE: "answered by one person",
}

NOT_NEEDED = (
    "That question no longer applies to this pilot, given the answers agreed since, "
    "so there is nothing to agree on."
)

# What "Agree on this" beside the current answer posts: keep it, now agreed by the room.
KEEP, KEEP_CURRENT = "keep", "current"

# The groups of a section's page, in the order it shows them.
GROUPS = (TALK, WRITTEN, UNRECORDED, ONE_VOICE, SETTLED)


@dataclasses.dataclass(frozen=True)
class Shown:
    """A question as the workshop shows it: its spread, its stage and, for fixed
    answers, the tally of who gave each."""

    row: QuestionSpread
    stage: str
    choices: tuple[Choice, ...]
    # Whether the answer counts towards a score, a gate or a decision rule.
    scored: bool = True
    # The agreed answer's version as shown ("" for none); its forms post it back, so
    # that an answer agreed elsewhere since is not overwritten unseen.
    version: str = ""

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def field(self) -> str:
        """The name the questionnaire posts this question's answer under."""
        return field_name(self.row.id)

    @property
    def settled(self) -> bool:
        return self.stage == SETTLED

    @property
    def open_reason(self) -> str:
        """Why the question is still open, in words; empty once settled."""
        return STAGE_LABELS.get(self.stage, "")

    @property
    def silent(self) -> list[PersonAnswer]:
        """The people asked who have not answered this question."""
        return [p for p in self.row.people if not p.answered]

    @property
    def current_unshown(self) -> bool:
        """A current answer that no person's answer on show stands for: a written or
        number answer nobody gave, which gets its own "Agree on this" beside it."""
        if self.row.agreed is None or self.choices:
            return False
        return not any(p.answered and p.text == self.row.agreed_text for p in self.row.people)

    @property
    def common(self) -> AnswerIn | None:
        """The answer everyone gave, when they all gave the same one."""
        if self.stage != UNRECORDED:
            return None
        return next(p.answer for p in self.row.people if p.answered)


@dataclasses.dataclass(frozen=True)
class Step:
    """One section in the workshop's agenda and stepper."""

    section: Section
    number: int
    questions: tuple[Shown, ...]
    # Questions here with no answer yet, from the people asked or in the assessment.
    no_answer: int = 0

    def count(self, stage: str) -> int:
        return sum(1 for q in self.questions if q.stage == stage)

    @property
    def to_talk_through(self) -> int:
        return self.count(TALK)

    @property
    def talk(self) -> TalkThrough:
        return talk_through((q.row, q.stage) for q in self.questions)

    @property
    def written(self) -> int:
        return self.count(WRITTEN)

    @property
    def open(self) -> int:
        """Questions the room still has something to do with."""
        return sum(1 for q in self.questions if not q.settled)

    @property
    def minutes(self) -> int:
        wanted = MINUTES_PER_QUESTION * self.to_talk_through + MINUTES_PER_WRITTEN * self.written
        return max(MIN_MINUTES, min(MAX_MINUTES, wanted))

    def group(self, stage: str) -> list[Shown]:
        return [q for q in self.questions if q.stage == stage]


@dataclasses.dataclass(frozen=True)
class Workshop:
    assessment: Assessment
    membership: Membership
    people: list[Respondent]
    answers: Mapping[int, Mapping[str, AnswerIn]]
    steps: list[Step]
    unanswered: int
    no_answer: int

    @property
    def can_edit(self) -> bool:
        return self.membership.can_edit and not self.assessment.is_submitted

    @property
    def roster(self) -> list[tuple[Respondent, int, str]]:
        """Each person asked, with how many questions they have answered and how far
        they have got."""
        return [
            (p, answered, person_status(p, answered))
            for p in self.people
            for answered in [len(self.answers.get(p.id, {}))]
        ]

    def step(self, section_id: str) -> Step:
        return next(s for s in self.steps if s.section.id == section_id)

    def next_open(self, section_id: str) -> Step | None:
        """The next section after this one that still has something to do."""
        later = self.steps[[s.section.id for s in self.steps].index(section_id) + 1 :]
        return next((s for s in later if s.open), None)


def _steps(
    result: Spread, agreed_since: set[str], rubric: Rubric, versions: Mapping[str, AgreedVersion]
) -> list[Step]:
    by_section = {s.id: s.questions for s in result.sections}
    return [
        Step(
            section=section,
            number=number,
            questions=tuple(
                Shown(
                    row,
                    workshop_stage(row, agreed_since=row.id in agreed_since),
                    choices(row),
                    scored=answer_feeds(rubric, row.id).scored,
                    version=versions[row.id].version if row.id in versions else "",
                )
                for row in by_section.get(section.id, ())
            ),
            no_answer=result.no_answer_by_section.get(section.id, 0),
        )
        for number, section in enumerate(SECTIONS, start=1)
    ]


def _workshop(request: HttpRequest, assessment_id: int, *, write: bool = False) -> Workshop:
    assessment, membership = access.assessment_with_membership(
        request.user, assessment_id, write=write
    )
    rubric, people, answers, result = selectors.people_spread(assessment)
    steps = _steps(
        result,
        selectors.agreed_since_people_answered(assessment),
        rubric,
        selectors.agreed_answer_versions(assessment),
    )
    return Workshop(
        assessment, membership, people, answers, steps, result.unanswered, result.no_answer
    )


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
        "can_edit": workshop.can_edit,
        "steps": workshop.steps,
    }


@login_required
def workshop_agenda(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The session's plan: who answered, and what each section has to talk through."""
    workshop = _workshop(request, assessment_id)
    steps = workshop.steps
    to_visit = [s for s in steps if s.open]
    first = to_visit[0] if to_visit else next((s for s in steps if s.questions), steps[0])
    roster = workshop.roster
    context = {
        **_base_context(workshop),
        # Those who have not started are many on a big team: they fold into one line.
        "roster": [row for row in roster if row[2] != STATUS_NOT_STARTED],
        "not_started": [person for person, _, status in roster if status == STATUS_NOT_STARTED],
        "people_summary": people_summary([status for _, _, status in roster]),
        "first": first,
        "total_minutes": sum(s.minutes for s in to_visit),
        "open_count": sum(s.open for s in steps),
        # Counted as the disagreements page counts it, so both give the same number.
        "talk": talk_through((q.row, q.stage) for s in steps for q in s.questions),
        "unanswered": workshop.unanswered,
        "no_answer": workshop.no_answer,
        # Nobody asked answered these, but the assessment has an answer already.
        "answered_in_assessment_only": workshop.unanswered - workshop.no_answer,
        "per_question": MINUTES_PER_QUESTION,
        "per_written": MINUTES_PER_WRITTEN,
        "min_minutes": MIN_MINUTES,
        "max_minutes": MAX_MINUTES,
    }
    return render(request, AGENDA, context)


def _section_context(workshop: Workshop, current: Section) -> dict:
    step = workshop.step(current.id)
    return {
        **_base_context(workshop),
        "section": current,
        "step": step,
        "talk": step.group(TALK),
        "written": step.group(WRITTEN),
        "unrecorded": step.group(UNRECORDED),
        "one_voice": step.group(ONE_VOICE),
        "settled": step.group(SETTLED),
        "previous_section": section_before(current.id),
        "next_step": workshop.next_open(current.id),
    }


# What the page shows beside a question after a form post without JavaScript.
_FLASH = (
    "question",
    "message",
    "error",
    "raw",
    "changed",
    "replace_field",
    "replace_value",
    "replace_text",
)


def _flash(request: HttpRequest, **values: str) -> None:
    request.session["workshop_recorded"] = {k: values.get(k, "") for k in _FLASH}


@login_required
def workshop_section(request: HttpRequest, assessment_id: int, section: str) -> HttpResponse:
    current = _get_section(section)
    workshop = _workshop(request, assessment_id)
    context = _section_context(workshop, current)
    flashed = request.session.pop("workshop_recorded", None) or {}
    context.update(
        {f"recorded_{k}" if k != "question" else "recorded": v for k, v in flashed.items()}
    )
    return render(request, WORKSHOP, context)


# The version of the agreed answer an "Agree on this" form was shown with.
SHOWN = "shown"


@dataclasses.dataclass(frozen=True)
class Changed:
    """The agreed answer changed since the page was loaded, so nothing was recorded:
    what it is now, and the answer the room chose, to replace it with if they wish."""

    message: str
    # The form field that carries the room's answer again, its value and it in words;
    # empty when there is nothing to replace it with.
    field: str = ""
    value: str = ""
    text: str = ""


def _shown_version(request: HttpRequest) -> str | None:
    # None: a form from before pages carried it, which is recorded as it always was.
    return request.POST.get(SHOWN)


def _changed_message(question, error: AgreedAnswerChanged) -> str:
    if error.current is None:
        return (
            "Since this page was opened, the answer recorded here was removed. Nothing was changed."
        )
    now = answer_text(question, error.current)
    if error.settled:
        return f"Since this page was opened, this was agreed as “{now}”. Nothing was changed."
    return f"Since this page was opened, the answer was changed to “{now}”. Nothing was changed."


def _record(request: HttpRequest, assessment: Assessment, question) -> str:
    """Record what the room agreed on; returns the confirmation, or raises ValidationError,
    or AgreedAnswerChanged when someone else changed the answer since the page loaded."""
    if assessment.is_submitted:
        raise ValidationError(CLOSED)
    shown = _shown_version(request)
    if request.POST.get(KEEP) == KEEP_CURRENT:
        # The room agrees the answer already recorded stands: saving it again as
        # settled is what settles the question.
        current = selectors.agreed_answers(assessment)[0].get(question.id)
        now = selectors.agreed_answer_version(assessment, question.id)
        if shown is not None and (now.version if now else "") != shown:
            # The room kept an answer that is no longer the one recorded.
            raise AgreedAnswerChanged(current, now)
        if current is None:
            raise ValidationError("Nothing is recorded yet: choose the answer the room agrees on.")
        text = _settle(request, assessment, question, current.value, current.not_sure)
        return f"Recorded as agreed: “{text}”, the answer already recorded"
    if "respondent" in request.POST:
        person = _respondent_of(assessment, request.POST["respondent"])
        change = services.agreed_answer_adopt(
            assessment=assessment,
            respondent=person,
            question_id=question.id,
            user=request.user,
            shown_version=shown,
        )
        text = answer_text(question, change.inp.answers.get(question.id))
        return f"Recorded as agreed: “{text}”, as {person.name} answered"
    parsed = parse_answer(question, request.POST)
    if parsed.error:
        raise ValidationError(parsed.error)
    if parsed.value is None and not parsed.not_sure:
        raise ValidationError("Choose or enter the answer the room agrees on.")
    text = _settle(request, assessment, question, parsed.value, parsed.not_sure)
    return f"Recorded as agreed: “{text}”"


def _settle(request: HttpRequest, assessment: Assessment, question, value, not_sure: bool) -> str:
    """Save the room's answer as settled, keeping the evidence given; returns it in words."""
    change = services.agreed_answer_save(
        assessment=assessment,
        question_id=question.id,
        value=value,
        not_sure=not_sure,
        evidence=None,
        user=request.user,
        settled=True,
        shown_version=_shown_version(request),
    )
    return answer_text(question, change.inp.answers.get(question.id))


def _changed(
    request: HttpRequest, assessment: Assessment, question, error: AgreedAnswerChanged
) -> Changed:
    """What to say when the answer changed under the room, and how to replace it."""
    message = _changed_message(question, error)
    if request.POST.get(KEEP) == KEEP_CURRENT:
        # What the room kept is gone: the page now shows the answer to agree on instead.
        return Changed(message)
    if "respondent" in request.POST:
        person = _respondent_of(assessment, request.POST["respondent"])
        chosen = selectors.respondents_with_answers(assessment)[1].get(person.id, {})
        text = answer_text(question, chosen.get(question.id))
        return Changed(message, "respondent", str(person.id), text)
    parsed = parse_answer(question, request.POST)
    field = field_name(question.id)
    text = answer_text(question, AnswerIn(question.id, parsed.value, parsed.not_sure, ""))
    return Changed(message, field, request.POST.get(field, ""), text)


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
    if not applies(question, selectors.assessment_input(assessment)):
        # Only a page left open while the room changed an earlier answer can ask this.
        messages.error(request, NOT_NEEDED)
        back = _section_url(assessment, current.id)
        return HttpResponseClientRedirect(back) if request.htmx else redirect(back)
    changed = Changed("")
    try:
        message, error = _record(request, assessment, question), ""
    except ValidationError as exc:
        message, error = "", " ".join(exc.messages)
    except AgreedAnswerChanged as exc:
        message, error = "", ""
        changed = _changed(request, assessment, question, exc)
    # What was typed comes back with its error, never lost.
    raw = request.POST.get(field_name(question.id), "") if error else ""
    if not request.htmx:
        _flash(
            request,
            question=question.id,
            message=message,
            error=error,
            raw=raw,
            changed=changed.message,
            replace_field=changed.field,
            replace_value=changed.value,
            replace_text=changed.text,
        )
        return redirect(_section_url(assessment, current.id, f"ws-q-{question.id}"))

    workshop = _workshop(request, assessment_id)
    context = _section_context(workshop, current)
    shown = next((q for q in context["step"].questions if q.id == question_id), None)
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
            "recorded_raw": raw,
            "recorded_changed": changed.message,
            "recorded_replace_field": changed.field,
            "recorded_replace_value": changed.value,
            "recorded_replace_text": changed.text,
        }
    )
    response = render(request, f"{WORKSHOP}#agree-reply", context)
    return _unprocessable(response) if error or changed.message else response


@login_required
@require_POST
def workshop_record_unanimous(request: HttpRequest, assessment_id: int, section: str):
    """Record, in one go, every answer of the section that everyone gave alike."""
    current = _get_section(section)
    workshop = _workshop(request, assessment_id, write=True)
    back = _section_url(workshop.assessment, current.id)
    if workshop.assessment.is_submitted:
        messages.error(request, CLOSED)
        return redirect(back)
    unanimous = workshop.step(current.id).group(UNRECORDED)
    try:
        with transaction.atomic():
            for shown in unanimous:
                services.agreed_answer_save(
                    assessment=workshop.assessment,
                    question_id=shown.id,
                    value=shown.common.value,
                    not_sure=shown.common.not_sure,
                    evidence=None,
                    user=request.user,
                    settled=True,
                )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    if unanimous:
        messages.success(
            request,
            f"Recorded {len(unanimous)} answer{pluralize(len(unanimous))} everyone gave alike.",
        )
    else:
        messages.info(request, "Nothing to record: no answer here is shared by everyone yet.")
    return redirect(back)


@login_required
def workshop_wrap_up(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The end of the session: what the room settled, what is still open, and the decision."""
    workshop = _workshop(request, assessment_id)
    settled = [(s, s.group(SETTLED)) for s in workshop.steps if s.group(SETTLED)]
    still_open = [(s, [q for q in s.questions if not q.settled]) for s in workshop.steps if s.open]
    context = {
        **_base_context(workshop),
        "settled": settled,
        "settled_count": sum(len(qs) for _, qs in settled),
        "still_open": still_open,
        "open_count": sum(len(qs) for _, qs in still_open),
        "unanswered": workshop.unanswered,
        "no_answer": workshop.no_answer,
        # Nobody asked answered these, but the assessment has an answer already.
        "answered_in_assessment_only": workshop.unanswered - workshop.no_answer,
    }
    return render(request, WRAP_UP, context)
