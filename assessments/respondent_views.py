"""Independent answers: people asked by link, and where their answers disagree.

Two audiences. The workspace's team adds people to a draft assessment, sends each one
their own link, and compares everyone's answers with the assessment's own, adopting
one person's answer as the agreed one. The people answer through the link without an
account: the link is the key, so an unknown or replaced link is a 404, with a page of
its own that speaks to someone who has no account.
A person's answers are never scored; only the agreed answers are.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from . import access, selectors, services
from .disagreement import (
    SETTLED,
    answer_text,
    people_of,
    talk_through,
    workshop_stage,
)
from .feeds import answer_feeds
from .forms import RespondentForm
from .models import Assessment, Respondent
from .questionnaire import (
    SECTIONS,
    QuestionState,
    applies,
    overall_percent,
    parse_answer,
    progress,
    question_states,
    section_after,
    section_before,
    unchanged_since_loaded,
)
from .rubric.model import Rubric
from .scoring.inputs import AssessmentInput
from .views import (
    _get_section,
    _posted,
    _status_error,
    _unprocessable,
    refusal_as_final,
    refused_as_final,
)

PEOPLE = "assessments/people.html"
DISAGREEMENTS = "assessments/disagreements.html"
ANSWERING = "assessments/answering.html"
LINK_NOT_FOUND = "assessments/answering_not_found.html"
CLOSED = "This assessment is final, so its answers can no longer change."
BAD_LINK = "This link does not work: it may have been replaced. Ask for a new one."
# A change within this long reads as "3 hours ago"; an older one by its date.
RECENT = datetime.timedelta(days=1)


# ---------------------------------------------------------------------------------
# The team's side: people, their links, and where they disagree
# ---------------------------------------------------------------------------------


def _respondent_of(assessment: Assessment, respondent_id: int | str) -> Respondent:
    try:
        return assessment.respondents.get(pk=int(respondent_id))
    except (Respondent.DoesNotExist, ValueError, TypeError):
        raise Http404("No such person in this assessment") from None


def _known_as(person: Respondent) -> str:
    """The person's name as the people page shows it: with their role when someone
    else asked shares the name, so a confirmation names the right one."""
    others = person.assessment.respondents.only("id", "name", "role")
    return next(p.known_as for p in people_of(others) if p.id == person.id)


def _people_url(assessment: Assessment, anchor: str = "") -> str:
    url = reverse("respondent_list", args=[assessment.id])
    return f"{url}#{anchor}" if anchor else url


def _answer_link(request: HttpRequest, respondent: Respondent) -> str:
    if not respondent.invite_token:
        return ""
    return request.build_absolute_uri(reverse("answer_start", args=[respondent.invite_token]))


# How far a person asked has got, in the order the pages count them.
STATUS_FINISHED, STATUS_ANSWERING, STATUS_NOT_STARTED = "finished", "answering", "not started"


def person_status(person: Respondent, answered: int) -> str:
    if person.finished_at:
        return STATUS_FINISHED
    return STATUS_ANSWERING if answered else STATUS_NOT_STARTED


def people_summary(statuses: list[str]) -> str:
    """ "42 people asked: 2 finished, 3 answering, 37 not started", leaving out the
    states nobody is in."""
    asked = f"{len(statuses)} {'person' if len(statuses) == 1 else 'people'} asked"
    counts = [
        f"{statuses.count(status)} {status}"
        for status in (STATUS_FINISHED, STATUS_ANSWERING, STATUS_NOT_STARTED)
        if status in statuses
    ]
    return f"{asked}: {', '.join(counts)}" if counts else asked


def _person_progress(rubric: Rubric, records: dict[str, Any], answers) -> tuple[int, int]:
    """Questions the person has answered, of those that apply given their own answers."""
    sections = progress(rubric, AssessmentInput(**records, answers=answers))
    return sum(s.answered for s in sections), sum(s.total for s in sections)


@login_required
@require_http_methods(["GET", "POST"])
def respondent_list(request: HttpRequest, assessment_id: int) -> HttpResponse:
    writing = request.method == "POST"
    assessment, membership = access.assessment_with_membership(
        request.user, assessment_id, write=writing
    )
    can_edit = membership.can_edit and not assessment.is_submitted
    form = RespondentForm(request.POST if writing else None, prefix="person")
    status = 200
    if writing:
        if assessment.is_submitted:
            messages.error(request, f"{CLOSED} Nobody new can be asked.")
            return redirect(_people_url(assessment))
        if form.is_valid():
            try:
                person = services.respondent_add(assessment=assessment, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"{_known_as(person)} is added. Copy their link below and send it to them.",
                )
                return redirect(_people_url(assessment))
        status = 422
    rubric = selectors.rubric_for_assessment(assessment)
    records = selectors.assessment_records(assessment)
    people, answers = selectors.respondents_with_answers(assessment)
    known_as = {person.id: person.known_as for person in people_of(people)}
    rows = []
    now = timezone.now()
    for person in people:
        answered, total = _person_progress(rubric, records, answers[person.id])
        last_change = person.last_answer_at
        rows.append(
            {
                "person": person,
                "status": person_status(person, answered),
                "known_as": known_as[person.id],
                "link": _answer_link(request, person),
                "answered": answered,
                "total": total,
                "last_change": last_change,
                "last_change_recent": bool(last_change and now - last_change < RECENT),
                # Finished, then changed their mind: what they said may read differently now.
                "changed_since_finished": bool(
                    person.finished_at and last_change and last_change > person.finished_at
                ),
            }
        )
    context = {
        "assessment": assessment,
        "pilot": assessment.pilot,
        "workspace": assessment.pilot.client.workspace,
        "can_edit": can_edit,
        "rows": rows,
        "summary": people_summary([row["status"] for row in rows]),
        "form": form,
        "answered_by_anyone": any(row["answered"] for row in rows),
    }
    return render(request, PEOPLE, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def respondent_remove(request: HttpRequest, assessment_id: int, respondent_id: int):
    assessment = access.assessment_for_user(request.user, assessment_id, write=True)
    person = _respondent_of(assessment, respondent_id)
    if assessment.is_submitted:
        messages.error(request, f"{CLOSED} The people who answered stay on record.")
        return redirect(_people_url(assessment))
    known_as = _known_as(person)
    if request.method == "POST":
        services.respondent_remove(respondent=person)
        messages.success(request, f"{known_as} is removed, with their answers.")
        return redirect(_people_url(assessment))
    answers = person.answers.count()
    context = {
        "title": f"Remove {known_as}?",
        "consequence": (
            f"Their link stops working and their {answers} answer{pluralize(answers)} "
            f"{pluralize(answers, 'is,are')} deleted. The agreed answers stay as they are."
        ),
        "action_label": "Remove",
        "cancel_url": _people_url(assessment, f"person-{person.id}"),
    }
    return render(request, "assessments/confirm_delete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def respondent_new_link(request: HttpRequest, assessment_id: int, respondent_id: int):
    """Replace a person's link, after asking: the one they have stops working."""
    assessment = access.assessment_for_user(request.user, assessment_id, write=True)
    person = _respondent_of(assessment, respondent_id)
    if assessment.is_submitted:
        # Their link now opens what they answered, read only; a new one would only break it.
        messages.error(request, f"{CLOSED} Each person keeps the link they have.")
        return redirect(_people_url(assessment))
    known_as = _known_as(person)
    if request.method == "POST":
        services.respondent_new_link(respondent=person)
        messages.success(
            request,
            f"{known_as} has a new link; the old one no longer works. Send them this one.",
        )
        return redirect(_people_url(assessment, f"person-{person.id}"))
    context = {
        "title": f"Give {known_as} a new link?",
        "consequence": (
            "The link they have stops working at once; their answers so far are kept. "
            "Send them the new one."
        ),
        "action_label": "Replace the link",
        "cancel_url": _people_url(assessment, f"person-{person.id}"),
    }
    return render(request, "assessments/confirm_delete.html", context)


@login_required
def assessment_disagreements(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment, membership = access.assessment_with_membership(request.user, assessment_id)
    rubric, people, _, result = selectors.people_spread(assessment)
    room_settled = selectors.agreed_since_people_answered(assessment)
    only_disagreements = request.GET.get("show") == "disagreements"
    stages = {q.id: workshop_stage(q, agreed_since=q.id in room_settled) for q in result.questions}
    context = {
        "assessment": assessment,
        "pilot": assessment.pilot,
        "workspace": assessment.pilot.client.workspace,
        "can_edit": membership.can_edit and not assessment.is_submitted,
        "people": people,
        "spread": result,
        # Counted as the workshop counts it, so both pages give the same number.
        "talk": talk_through((q, stages[q.id]) for q in result.questions),
        # Each section with what it has to talk through, and each question with what its
        # answer feeds, so the room knows what a difference moves, whether its answer is
        # agreed, as the workshop says, and whether the room agreed on it.
        "sections": [
            (
                s,
                talk_through((q, stages[q.id]) for q in s.questions),
                [
                    (
                        q,
                        answer_feeds(rubric, q.id),
                        stages[q.id] == SETTLED,
                        q.agreed is not None and q.id in room_settled,
                    )
                    for q in s.questions
                    if q.to_talk_through or not only_disagreements
                ],
            )
            for s in result.sections
            if any(q.to_talk_through or not only_disagreements for q in s.questions)
        ],
        "only_disagreements": only_disagreements,
        # Set by the adoption just made, to confirm it beside its question.
        "adopted": request.session.pop("adopted_question", None),
        "adopted_message": request.session.pop("adopted_message", ""),
    }
    return render(request, DISAGREEMENTS, context)


@login_required
@require_POST
def agreed_answer_adopt(request: HttpRequest, assessment_id: int, question_id: str):
    assessment = access.assessment_for_user(request.user, assessment_id, write=True)
    back = reverse("assessment_disagreements", args=[assessment.id])
    rubric = selectors.rubric_for_assessment(assessment)
    question = rubric.questions_by_id.get(question_id)
    if question is None:
        raise Http404("No such question")
    person = _respondent_of(assessment, request.POST.get("respondent", ""))
    try:
        change = services.agreed_answer_adopt(
            assessment=assessment, respondent=person, question_id=question.id, user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{back}#question-{question.id}")
    adopted = answer_text(question, change.inp.answers.get(question.id))
    # Confirmed beside the question, where the page returns to, rather than at its top.
    request.session["adopted_question"] = question.id
    request.session["adopted_message"] = (
        f"Adopted: the agreed answer is now “{adopted}”, as {_known_as(person)} answered."
    )
    return redirect(f"{back}#question-{question.id}")


# ---------------------------------------------------------------------------------
# The person's side: answering through their link, without an account
# ---------------------------------------------------------------------------------


@dataclasses.dataclass
class Answering:
    respondent: Respondent
    assessment: Assessment
    rubric: Rubric
    inp: AssessmentInput

    @property
    def open(self) -> bool:
        return not self.assessment.is_submitted


def _answering(token: str) -> Answering:
    respondent = selectors.respondent_by_token(token)
    if respondent is None:
        raise Http404(BAD_LINK)
    assessment = respondent.assessment
    rubric = selectors.rubric_for_assessment(assessment)
    return Answering(respondent, assessment, rubric, selectors.respondent_input(respondent))


def _by_link(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of a person's link whose 404 speaks to them rather than to the team.

    The app's own 404 page points to a dashboard that the person has no account for.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, token: str, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, token, *args, **kwargs)
        except Http404:
            # A link that still works but leads nowhere gets a way back to its questions.
            context = {"respondent": selectors.respondent_by_token(token), "token": token}
            return render(request, LINK_NOT_FOUND, context, status=404)

    return wrapper


def _answer_url(token: str, section: str) -> str:
    return reverse("answer_section", args=[token, section])


def _person_context(answering: Answering, token: str) -> dict[str, Any]:
    """What every page of a person's link shows: who, about what, and how far along."""
    sections = progress(answering.rubric, answering.inp)
    return {
        "respondent": answering.respondent,
        "assessment": answering.assessment,
        "pilot": answering.assessment.pilot,
        "workspace": answering.assessment.pilot.client.workspace,
        "token": token,
        "section_progress": sections,
        "overall_percent": overall_percent(sections),
        "can_edit": answering.open,
    }


def _answering_context(
    answering: Answering, token: str, section, states: list[QuestionState] | None = None
) -> dict[str, Any]:
    return {
        **_person_context(answering, token),
        "section": section,
        "questions": states or question_states(answering.rubric, section.id, answering.inp),
        "section_url": _answer_url(token, section.id),
        "step_url_name": "answer_section",
        "step_url_key": token,
        "previous_section": section_before(section.id),
        "next_section": section_after(section.id),
    }


def _save_own(answering: Answering, question, parsed) -> None:
    if parsed.cleared:
        services.respondent_answer_clear(respondent=answering.respondent, question_id=question.id)
    elif parsed.value is not None or parsed.not_sure:
        services.respondent_answer_save(
            respondent=answering.respondent,
            question=question,
            value=parsed.value,
            not_sure=parsed.not_sure,
            evidence=parsed.evidence,
        )


def _resume_section(answering: Answering) -> str | None:
    """Where the person left off: the section of the answer they changed last, or the
    next one with something still unanswered. None when every question is answered."""
    unanswered = {s.id for s in progress(answering.rubric, answering.inp) if not s.complete}
    if not unanswered:
        return None
    last = (
        answering.respondent.answers.order_by("-updated_at", "-id")
        .values_list("question_id", flat=True)
        .first()
    )
    question = answering.rubric.questions_by_id.get(last or "")
    order = [s.id for s in SECTIONS]
    start = order.index(question.section) if question and question.section in order else 0
    return next(section for section in order[start:] + order[:start] if section in unanswered)


@_by_link
def answer_start(request: HttpRequest, token: str) -> HttpResponse:
    answering = _answering(token)
    # Someone who has handed in comes back to what they handed in, not to a fresh start.
    if answering.respondent.finished_at and answering.open:
        return redirect("answer_done", token=token)
    section = _resume_section(answering)
    # Everything answered but not handed in: the next step is to hand in.
    if section is None and answering.open:
        return redirect("answer_done", token=token)
    return redirect("answer_section", token=token, section=section or SECTIONS[0].id)


@require_http_methods(["GET", "POST"])
@_by_link
def answer_section(request: HttpRequest, token: str, section: str) -> HttpResponse:
    current = _get_section(section)
    answering = _answering(token)
    if request.method == "POST" and not answering.open:
        return refused_as_final(
            request,
            message="Your change was not saved: this assessment was made final meanwhile, so "
            "your answers can no longer change.",
            url=_answer_url(token, current.id),
        )
    if request.method == "POST" and request.htmx and request.POST.get("_unit"):
        return _answer_autosave(request, answering, token, current)
    if request.method == "POST":
        return _answer_submit(request, answering, token, current)
    context = _answering_context(answering, token, current)
    if not answering.open:
        context.update(refusal_as_final(request))
    return render(request, ANSWERING, context)


def _answer_autosave(request: HttpRequest, answering: Answering, token: str, current):
    kind, _, question_id = request.POST["_unit"].partition(":")
    question = answering.rubric.questions_by_id.get(question_id)
    if kind != "q" or question is None or question.section != current.id:
        raise Http404("No such question in this section")
    status_id = f"status-q-{question.id}"
    parsed = parse_answer(question, request.POST)
    if parsed.error:
        return _status_error(request, status_id, parsed.error)
    try:
        _save_own(answering, question, parsed)
    except ValidationError as error:
        return _status_error(request, status_id, " ".join(error.messages))
    before = answering.inp
    after = dataclasses.replace(before, answers=selectors.respondent_answers(answering.respondent))
    answering.inp = after
    changed = [
        QuestionState(q, now, after.answers.get(q.id))
        for q in answering.rubric.questions_for_section(current.id)
        if (now := applies(q, after)) != applies(q, before)
    ]
    context = {
        **_answering_context(answering, token, current),
        "status_id": status_id,
        "status_message": parsed.saved_message,
        "oob": True,
        "changed_questions": changed,
    }
    if question not in (state.question for state in changed):
        # What the page's "Save and continue" compares this answer with from now on.
        context["saved_question"] = QuestionState(
            question, applies(question, after), after.answers.get(question.id)
        )
    return render(request, f"{ANSWERING}#autosave-reply", context)


def _answer_submit(request: HttpRequest, answering: Answering, token: str, current):
    """The whole section at once, for browsers without JavaScript and the section buttons."""
    parsed = {}
    states = []
    for state in question_states(answering.rubric, current.id, answering.inp):
        if state.applies and _posted(state.id, request.POST):
            answer = parse_answer(state.question, request.POST)
            # An answer untouched on this page is left as it is now: another tab of the
            # same link may have changed it since this page was loaded.
            if not unchanged_since_loaded(state.question, answer, request.POST):
                parsed[state.id] = (state.question, answer)
            if answer.error:
                state = QuestionState(
                    state.question, state.applies, state.answer, answer.raw, answer.error
                )
        states.append(state)
    if any(answer.error for _, answer in parsed.values()):
        context = _answering_context(answering, token, current, states)
        context["has_errors"] = True
        return _unprocessable(render(request, ANSWERING, context))
    try:
        with transaction.atomic():
            for question, answer in parsed.values():
                _save_own(answering, question, answer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_answer_url(token, current.id))
    go = request.POST.get("go", "next")
    if go == "prev":
        return redirect(_answer_url(token, section_before(current.id) or current.id))
    if go == "next":
        following = section_after(current.id)
        if following is None:
            return redirect("answer_done", token=token)
        return redirect(_answer_url(token, following))
    if go == "done":
        return redirect("answer_done", token=token)
    return redirect(_answer_url(token, go if go in {s.id for s in SECTIONS} else current.id))


@require_http_methods(["GET", "POST"])
@_by_link
def answer_done(request: HttpRequest, token: str) -> HttpResponse:
    answering = _answering(token)
    context = _person_context(answering, token)
    answered = sum(s.answered for s in context["section_progress"])
    if request.method == "POST":
        if not answering.open:
            messages.error(request, CLOSED)
        # Handing in nothing is allowed, but only when asked for in so many words: it
        # reads to the team as a person who had nothing to say, not one who slipped.
        elif answered or request.POST.get("no_answers") == "confirmed":
            services.respondent_finish(respondent=answering.respondent)
        return redirect("answer_done", token=token)
    context["answered"] = answered
    context["total"] = sum(s.total for s in context["section_progress"])
    context["first_section_url"] = _answer_url(token, SECTIONS[0].id)
    return render(request, "assessments/answering_done.html", context)
