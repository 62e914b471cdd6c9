"""Pages for clients, pilots, the questionnaire and the results.

Every view is thin: an access helper fetches the object (404 outside the user's
workspaces, 403 for viewers on writes), forms validate, services write, and the
template renders either the whole page or, for htmx, the partial that changed.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import ModelForm, modelform_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from accounts.access import membership_for_user, require_manager, require_whole_workspace
from accounts.models import Membership
from readiness.prepared import PreparedQuery

from . import access, selectors, services
from .charts import GapBar, gap_chart_svg
from .disagreement import people_of, still_open
from .forms import (
    LIST_FORMS,
    RECORD_FORMS,
    ActionItemForm,
    ClientForm,
    ImportForm,
    PilotCreateForm,
    PilotEditForm,
)
from .interchange import (
    FieldError,
    InterchangeError,
    ParsedAssessment,
    parse_assessment_json,
    read_rubric_version,
)
from .interchange.problems import plain_problems
from .models import (
    ActionItem,
    Assessment,
    Client,
    Integration,
    Owner,
    Pilot,
    RubricVersion,
    SuccessMetric,
)
from .questionnaire import (
    SECTIONS,
    SECTIONS_BY_ID,
    QuestionState,
    Section,
    applies,
    carried_in_section,
    carried_on_show,
    evidence_credit,
    overall_percent,
    parse_answer,
    progress,
    question_states,
    repeats_stored,
    section_after,
    section_before,
    unchanged_since_loaded,
)
from .rubric.model import Rubric
from .scoring.engine import score
from .scoring.inputs import AssessmentInput
from .scoring.payback import payback_basis
from .scoring.scorecard import Action as ScoredAction
from .scoring.scorecard import Scorecard

QUESTIONNAIRE = "assessments/questionnaire.html"
# Autosave triggers: text waits for a pause in typing, choices save as soon as they
# change. "input" rather than "keyup" so pasting and browser autofill save too; no
# extra "change" on blur, which would only repeat the save the pause already made.
TEXT_TRIGGER = "input changed delay:800ms"
CHOICE_TRIGGER = "change"


def _unprocessable(response: HttpResponse) -> HttpResponse:
    response.status_code = 422
    return response


# ---------------------------------------------------------------------------------
# Clients and pilots
# ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def client_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    membership = membership_for_user(request.user, workspace_id, write=request.method == "POST")
    require_whole_workspace(membership)
    workspace = membership.workspace
    form = ClientForm(
        request.POST or None,
        workspace=workspace,
        initial={"currency": workspace.default_currency},
    )
    if request.method == "POST" and form.is_valid():
        try:
            client = services.client_create(workspace=workspace, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Added {client.name}. Now describe one of its pilots.")
            return redirect("pilot_create", client_id=client.id)
    return render(
        request,
        "assessments/client_form.html",
        {"workspace": workspace, "membership": membership, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_update(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access.client_for_user(request.user, client_id, write=request.method == "POST")
    workspace = client.workspace
    # A client's record is the workspace's bookkeeping, not for its own people to change.
    require_whole_workspace(membership_for_user(request.user, workspace.id))
    # The form validates into a copy: the service compares the original with what changed.
    # A page that sent the user here (the value case asking for a currency) gets them back.
    next_url = _safe_next(request)
    back_url = next_url or reverse("workspace_detail", args=[workspace.id]) + f"#client-{client.id}"
    form = ClientForm(request.POST or None, instance=_detached(client), workspace=workspace)
    if request.method == "POST" and form.is_valid():
        try:
            services.client_update(client=client, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Saved {client.name}.")
            return redirect(back_url)
    return render(
        request,
        "assessments/client_form.html",
        {
            "workspace": workspace,
            "client": client,
            "form": form,
            "next_url": next_url,
            "back_url": back_url,
        },
        status=422 if form.errors else 200,
    )


def _safe_next(request: HttpRequest) -> str:
    """The `next` page asked for, if it is a path on this site; "" for anything else."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts=None, require_https=request.is_secure()
    ):
        return next_url
    return ""


@login_required
@require_POST
def client_own_company(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """One click to assess your own business without thinking of it as a client."""
    membership = membership_for_user(request.user, workspace_id, write=True)
    require_whole_workspace(membership)
    workspace = membership.workspace
    client = services.client_own_company(workspace=workspace, currency=workspace.default_currency)
    return redirect("pilot_create", client_id=client.id)


@login_required
@require_http_methods(["GET", "POST"])
def client_delete(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access.client_for_user(request.user, client_id, write=True)
    require_manager(membership_for_user(request.user, client.workspace_id))
    if request.method == "POST":
        workspace_id = client.workspace_id
        name = client.name
        services.client_delete(client=client)
        messages.success(request, f"Deleted {name} and its pilots.")
        return redirect("workspace_detail", workspace_id=workspace_id)
    counts = selectors.deletion_counts(client=client)
    return render(
        request,
        "assessments/confirm_delete.html",
        {
            "workspace": client.workspace,
            "title": f"Delete {client.name}?",
            "consequence": f"{_what_goes(counts)} {_records_go(counts.pilots)}"
            f"{_who_goes(client)}This cannot be undone.",
            "cancel_url": reverse("workspace_detail", args=[client.workspace_id]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pilot_create(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access.client_for_user(request.user, client_id, write=request.method == "POST")
    form = PilotCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                pilot = services.pilot_create(client=client, **form.cleaned_data)
                assessment = services.assessment_start(pilot=pilot, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("assessment_section", assessment_id=assessment.id, section="basics")
    return render(
        request,
        "assessments/pilot_form.html",
        {"workspace": client.workspace, "client": client, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def pilot_detail(request: HttpRequest, pilot_id: int) -> HttpResponse:
    pilot = access.pilot_for_user(request.user, pilot_id)
    membership = membership_for_user(request.user, pilot.client.workspace_id)
    assessments = list(selectors.pilot_history(pilot))
    open_draft = next((a for a in assessments if not a.is_submitted), None)
    can_start = membership.can_edit and open_draft is None
    return render(
        request,
        "assessments/pilot_detail.html",
        {
            "workspace": pilot.client.workspace,
            "membership": membership,
            "client": pilot.client,
            "pilot": pilot,
            "assessments": assessments,
            "open_draft": open_draft,
            "carry_source": selectors.assessment_to_carry_forward(pilot)
            if can_start and assessments
            else None,
            "start_blank": START_BLANK,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pilot_update(request: HttpRequest, pilot_id: int) -> HttpResponse:
    """Rename or redescribe the pilot at any time.

    A final assessment keeps the name and description frozen with its answers, and a
    report keeps its own snapshot, so neither changes; drafts show the new ones at once.
    """
    pilot = access.pilot_for_user(request.user, pilot_id, write=True)
    form = PilotEditForm(request.POST or None, instance=_detached(pilot))
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_update(pilot=pilot, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Saved the pilot {pilot.name}.")
            return redirect("pilot_detail", pilot_id=pilot.id)
    return render(
        request,
        "assessments/pilot_edit.html",
        {"workspace": pilot.client.workspace, "client": pilot.client, "pilot": pilot, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def pilot_delete(request: HttpRequest, pilot_id: int) -> HttpResponse:
    pilot = access.pilot_for_user(request.user, pilot_id, write=True)
    require_manager(membership_for_user(request.user, pilot.client.workspace_id))
    if request.method == "POST":
        workspace_id = pilot.client.workspace_id
        name = pilot.name
        services.pilot_delete(pilot=pilot)
        messages.success(request, f"Deleted the pilot {name}.")
        return redirect("workspace_detail", workspace_id=workspace_id)
    return render(
        request,
        "assessments/confirm_delete.html",
        {
            "workspace": pilot.client.workspace,
            "title": f"Delete the pilot {pilot.name}?",
            "consequence": f"{_what_goes(selectors.deletion_counts(pilot=pilot))} "
            "The people who own it, its metrics and its systems go with it. This cannot be "
            "undone.",
            "cancel_url": reverse("pilot_detail", args=[pilot.id]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pilot_archive(request: HttpRequest, pilot_id: int) -> HttpResponse:
    """Take a pilot off the dashboard without losing anything, after a confirmation."""
    return _archive_or_restore(request, pilot_id, archive=True)


@login_required
@require_http_methods(["GET", "POST"])
def pilot_restore(request: HttpRequest, pilot_id: int) -> HttpResponse:
    """Bring an archived pilot back to the dashboard, after a confirmation."""
    return _archive_or_restore(request, pilot_id, archive=False)


def _archive_or_restore(request: HttpRequest, pilot_id: int, *, archive: bool) -> HttpResponse:
    pilot = access.pilot_for_user(request.user, pilot_id, write=True)
    require_manager(membership_for_user(request.user, pilot.client.workspace_id))
    workspace_id = pilot.client.workspace_id
    if request.method == "POST":
        if archive:
            services.pilot_archive(pilot=pilot)
            messages.success(
                request,
                f"Archived the pilot {pilot.name}. Tick “Show archived pilots” to find it again.",
            )
            return redirect(
                reverse("workspace_detail", args=[workspace_id]) + f"#client-{pilot.client_id}"
            )
        services.pilot_unarchive(pilot=pilot)
        messages.success(request, f"Restored the pilot {pilot.name} to the dashboard.")
        return redirect(
            reverse("workspace_detail", args=[workspace_id]) + f"#client-{pilot.client_id}"
        )
    if archive:
        title = f"Archive the pilot {pilot.name}?"
        consequence = (
            "It leaves the dashboard and its counts, for everyone in the workspace. Nothing "
            "is deleted: its assessments, reports and answering links stay as they are, "
            "and its page still opens. Restore it at any time from the dashboard with "
            "“Show archived pilots”."
        )
    else:
        title = f"Restore the pilot {pilot.name}?"
        consequence = (
            "It comes back to the dashboard and its counts, with its assessments and "
            "reports as they were."
        )
    return render(
        request,
        "assessments/confirm_delete.html",
        {
            "workspace": pilot.client.workspace,
            "title": title,
            "consequence": consequence,
            "action_label": "Archive" if archive else "Restore",
            "action_class": "primary",
            "cancel_url": reverse("pilot_detail", args=[pilot.id]),
        },
    )


def _records_go(pilots: int) -> str:
    """What goes with a client's pilots besides their assessments, as the pilot's own
    confirmation names it."""
    if not pilots:
        return ""
    if pilots == 1:
        return "The pilot's people, metrics, systems and action plans go with it. "
    return "Their people, metrics, systems and action plans go with them. "


def _who_goes(client: Client) -> str:
    """Who, limited to this client alone, loses access with it (a limit never empties)."""
    memberships, invitations = (q.count() for q in selectors.limits_to_only(client))
    parts = []
    if memberships:
        parts.append(
            f"{memberships} {'person who sees' if memberships == 1 else 'people who see'} "
            f"only {client.name} {'loses' if memberships == 1 else 'lose'} access to the "
            "workspace"
        )
    if invitations:
        parts.append(
            f"{invitations} open invitation{_plural(invitations)} limited to it "
            f"{'is' if invitations == 1 else 'are'} withdrawn"
        )
    return f"{' and '.join(parts)}. " if parts else ""


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _pilots_archived(pilots: int, archived: int) -> str:
    """ "2 pilots, 1 of them archived": archived pilots are off the dashboard, so the
    count would otherwise not match what the manager sees there."""
    if pilots == 1:
        return "1 archived pilot"
    if archived == pilots:
        return f"{pilots} pilots, all of them archived"
    return f"{pilots} pilots, {archived} of them archived"


def _what_goes(counts: selectors.DeletionCounts) -> str:
    """ "1 assessment is deleted with it, with 3 people asked to answer on their own
    (37 answers) and 2 reports." from the counts."""
    parts = [
        f"{n} {kind}{_plural(n)}"
        for kind, n in (("pilot", counts.pilots), ("assessment", counts.assessments))
        if n
    ]
    if not parts:
        return "Nothing else is deleted with it."
    if counts.archived_pilots:
        parts[0] = _pilots_archived(counts.pilots, counts.archived_pilots)
    total = counts.pilots + counts.assessments
    # "2 pilots, 1 of them archived, and 3 assessments": the comma keeps the aside apart.
    listed = ", and ".join(parts) if counts.archived_pilots and len(parts) > 1 else _listed(parts)
    sentence = f"{listed} {'is' if total == 1 else 'are'} deleted with it"
    within = []
    if counts.people:
        answers = (
            f"{counts.people_answers} answer{_plural(counts.people_answers)}"
            if counts.people_answers
            else "no answers yet"
        )
        within.append(
            f"{counts.people} {'person' if counts.people == 1 else 'people'} asked to answer "
            f"on their own ({answers})"
        )
    if counts.reports:
        within.append(f"{counts.reports} report{_plural(counts.reports)}")
    return f"{sentence}, with {_listed(within)}." if within else f"{sentence}."


# The start form's choice for a reassessment that starts with no answers; the other
# choice is the id of the assessment to start from.
START_BLANK = "blank"


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


def _day(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j M Y")


def _carried_message(source: Assessment, result: services.CarriedAnswers) -> str:
    day = _day(source.dated)
    if not result.carried:
        return (
            f"None of the answers of {day} fit the current questions, so this assessment "
            "starts with no answers."
        )
    message = (
        f"Started from the answers of {day}: {result.carried} "
        f"answer{_plural(result.carried)} carried over, marked “From last time” "
        "until you change or confirm them."
    )
    if result.left_out:
        one = result.left_out == 1
        message += (
            f" {result.left_out} {'was' if one else 'were'} left out: the current questions "
            f"no longer ask or accept {'it' if one else 'them'}."
        )
    return message


def _carry_on_with(request: HttpRequest, draft: Assessment) -> HttpResponse:
    # One open assessment at a time: a second blank draft would split the answers.
    messages.info(
        request,
        "This pilot already has an assessment in progress: carry on with it, and mark it "
        "final from its results page before you reassess.",
    )
    return redirect("assessment_resume", assessment_id=draft.id)


@login_required
@require_POST
def assessment_start(request: HttpRequest, pilot_id: int) -> HttpResponse:
    pilot = access.pilot_for_user(request.user, pilot_id, write=True)
    draft = selectors.assessments_for_pilot(pilot).filter(status=Assessment.Status.DRAFT).first()
    if draft is not None:
        return _carry_on_with(request, draft)
    source = selectors.assessment_to_carry_forward(pilot)
    # Starting from last time's answers is the default, so a form without the choice
    # (or a pilot with nothing to offer) needs no field.
    choice = request.POST.get("start_from", "")
    if choice == START_BLANK:
        source = None
    elif choice and (source is None or choice != str(source.id)):
        messages.error(
            request,
            "That is not one of the ways to start offered here; the choices may have changed. "
            "Choose again.",
        )
        return redirect("pilot_detail", pilot_id=pilot.id)
    try:
        with transaction.atomic():
            assessment = services.assessment_start(pilot=pilot, user=request.user)
            carried, actions = None, 0
            if source is not None:
                carried = services.assessment_carry_answers(assessment=assessment, source=source)
                actions = services.assessment_carry_actions(assessment=assessment, source=source)
    except services.DraftInProgress as started:
        # Pressed twice, or by two people at once: the first press made the draft.
        return _carry_on_with(request, started.draft)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("pilot_detail", pilot_id=pilot.id)
    if source is not None and carried is not None:
        message = _carried_message(source, carried)
        if actions:
            message += (
                f" {actions} open action{_plural(actions)} of the plan kept "
                f"{'its' if actions == 1 else 'their'} owner and due date."
            )
        messages.success(request, message)
    return redirect("assessment_section", assessment_id=assessment.id, section="basics")


# ---------------------------------------------------------------------------------
# The questionnaire
# ---------------------------------------------------------------------------------


@dataclass
class Loaded:
    """One assessment with everything its pages show, read in a fixed number of queries."""

    assessment: Assessment
    membership: Membership
    pilot: Pilot
    rubric: Rubric
    inp: AssessmentInput
    card: Scorecard
    # Answers still as carried from an earlier assessment: question id → its id.
    carried: dict[str, int] = dataclasses.field(default_factory=dict)
    # A final assessment's answers that were made final as copied, never re-checked.
    final_unchecked: int = 0

    @property
    def can_edit(self) -> bool:
        return self.membership.can_edit and not self.assessment.is_submitted


def _load(
    request: HttpRequest, assessment: Assessment, membership: Membership | None = None
) -> Loaded:
    """Everything the pages show; pass the membership when access already fetched it."""
    if membership is None:
        membership = membership_for_user(request.user, assessment.pilot.client.workspace_id)
    answers, carried = selectors.agreed_answers(assessment)
    inp = AssessmentInput(**selectors.assessment_records(assessment), answers=answers)
    rubric = selectors.rubric_for_assessment(assessment)
    final_unchecked = 0
    if assessment.is_submitted:
        # A final assessment's answers are settled, wherever they came from; the results
        # still say how many were never re-checked, as the report does.
        final_unchecked = len(carried_on_show(rubric, inp, carried))
        carried = {}
    # The access helpers bring the pilot with its client and workspace; a section reads
    # the records it shows as objects only when it shows them.
    return Loaded(
        assessment,
        membership,
        assessment.pilot,
        rubric,
        inp,
        score(inp, rubric),
        carried,
        final_unchecked,
    )


def _detached(instance):
    """A copy for a model form to validate into.

    A model form writes cleaned values onto its instance; the services compare the
    instance they are given with the new data to decide what changed, so they must
    receive the untouched original.
    """
    return copy.copy(instance)


def _record_instance(pilot: Pilot, record: str):
    """A copy of the section's one-to-one record, or a new one while it does not exist."""
    if record == "pilot":
        return _detached(pilot)
    instance = getattr(pilot, record, None)
    if instance is None:
        model = RECORD_FORMS[record]._meta.model
        return model(pilot=pilot)
    return _detached(instance)


def _frozen_pilot(loaded: Loaded) -> Pilot:
    """The pilot as it was when the assessment was made final, never to be saved."""
    pilot = _detached(loaded.pilot)
    for name, value in dataclasses.asdict(loaded.inp.pilot).items():
        setattr(pilot, name, value)
    return pilot


def _shown_record_instance(loaded: Loaded, record: str):
    """The section's one-to-one record as the page shows it.

    A final assessment shows the record frozen when it was made final, since later
    edits to the pilot belong to the next assessment; a draft shows the live one.
    """
    if not loaded.assessment.is_submitted:
        return _record_instance(loaded.pilot, record)
    pilot = _frozen_pilot(loaded)
    if record == "pilot":
        return pilot
    model = RECORD_FORMS[record]._meta.model
    frozen = getattr(loaded.inp, record)
    return model(pilot=pilot, **(dataclasses.asdict(frozen) if frozen is not None else {}))


def _shown_records(loaded: Loaded, kind: str) -> list:
    """A list of records as the page shows it: frozen for a final assessment, else live.

    Frozen records are unsaved objects without an id; a final assessment offers no
    editing, which is all an id is needed for.
    """
    if not loaded.assessment.is_submitted:
        return list(getattr(loaded.pilot, kind).all())
    model = RECORD_KINDS[kind].model
    return [
        model(pilot=loaded.pilot, **dataclasses.asdict(item)) for item in getattr(loaded.inp, kind)
    ]


def _save_record(pilot: Pilot, record: str, data: dict[str, Any]) -> None:
    if record == "pilot":
        services.pilot_update(pilot=pilot, data=data)
    elif record == "oversight":
        services.oversight_save(pilot=pilot, data=data)
    elif record == "change_plan":
        services.change_plan_save(pilot=pilot, data=data)
    elif record == "value_case":
        services.value_case_save(pilot=pilot, data=data)
    else:  # pragma: no cover - the sections name only these
        raise ValueError(record)


def _autosave_attrs(form: ModelForm, url: str) -> ModelForm:
    for name, field in form.fields.items():
        input_type = getattr(field.widget, "input_type", "textarea")
        choice = input_type in {"select", "checkbox", "radio", "date"}
        trigger = CHOICE_TRIGGER if choice else TEXT_TRIGGER
        field.widget.attrs.update(
            {
                "hx-post": url,
                "hx-trigger": trigger,
                "hx-vals": json.dumps({"_unit": f"f:{name}"}),
                "hx-target": f"#status-{form.prefix}-{name}",
                "hx-indicator": f"#status-{form.prefix}-{name}",
                "hx-swap": "outerHTML",
                "hx-sync": "this:queue last",
            }
        )
        # Keep the help text and add the save status, so both are read with the field.
        described = [f"status-{form.prefix}-{name}"]
        if field.help_text:
            described.insert(0, f"{form.auto_id % form.add_prefix(name)}_helptext")
        field.widget.attrs["aria-describedby"] = " ".join(described)
    return form


def _keep_loaded_values(form: ModelForm) -> ModelForm:
    """Have the form carry each field's value as its page was loaded (Django's hidden
    initial), so sending the whole section writes only what was changed on that page."""
    for field in form.fields.values():
        field.show_hidden_initial = True
    return form


def _changed_since_loaded(form: ModelForm) -> dict[str, Any]:
    """The form's cleaned values that were changed on its page; a field posted without
    its value as loaded counts as changed."""
    changed = set(form.changed_data)
    return {
        name: value
        for name, value in form.cleaned_data.items()
        if name in changed or form[name].html_initial_name not in form.data
    }


def _add_form(kind: str, data=None) -> ModelForm:
    """A list's add form, read from a post or blank."""
    return LIST_FORMS[kind](data, prefix=f"new-{kind}")


def _edit_form(kind: str, record, data=None) -> ModelForm:
    """A record's Edit form, read from a post or showing the record as it is."""
    return LIST_FORMS[kind](data, instance=_detached(record), prefix=f"edit-{kind}-{record.id}")


# A field of a record's Edit form as the section's form sends it: "edit-owners-12-name".
EDIT_FIELD = re.compile(r"edit-(?P<kind>[a-z_]+)-(?P<id>\d+)-")

# An Edit form left open in a section: (kind, record id) -> (the record, its bound form).
OpenEdits = dict[tuple[str, int], tuple[Any, ModelForm]]


def _sent_edits(pilot: Pilot, kinds: Collection[str], data) -> OpenEdits:
    """The Edit forms that were open on the page and sent with it, bound to what they held.

    Only the pilot's own records are read, so an id from elsewhere is ignored; so is a
    record removed since the page was opened, as there is nothing left to save it to.
    """
    ids: dict[str, set[int]] = {}
    for key in data:
        match = EDIT_FIELD.match(key)
        if match and match["kind"] in kinds:
            ids.setdefault(match["kind"], set()).add(int(match["id"]))
    return {
        (kind, record.id): (record, _edit_form(kind, record, data))
        for kind, wanted in ids.items()
        for record in getattr(pilot, kind).filter(id__in=wanted).order_by("id")
    }


def _sent_with_section(form: ModelForm) -> ModelForm:
    """Make a record form's fields part of the section's form, wherever they sit on the
    page, so that any button that sends the section carries what was typed into them."""
    for field in form.fields.values():
        field.widget.attrs["form"] = "section-form"
    return form


def _list_forms(
    loaded: Loaded,
    section: Section,
    bound: dict[str, ModelForm] | None = None,
    editing: OpenEdits | None = None,
):
    """The record lists shown in a section, each with its add form, and each record with
    its Edit form where one is open."""
    lists = []
    for kind in section.lists:
        form = _sent_with_section((bound or {}).get(kind) or _add_form(kind))
        records = _shown_records(loaded, kind)
        edit_forms = {key[1]: form for key, (_, form) in (editing or {}).items() if key[0] == kind}
        lists.append(
            {
                "kind": kind,
                "meta": RECORD_KINDS[kind],
                "records": records,
                "rows": [
                    (record, _sent_with_section(edit_forms[record.id]))
                    if record.id in edit_forms
                    else (record, None)
                    for record in records
                ],
                "form": form,
            }
        )
    return lists


def _section_context(
    loaded: Loaded,
    section: Section,
    *,
    states: list[QuestionState] | None = None,
    record_form: ModelForm | None = None,
    bound_lists: dict[str, ModelForm] | None = None,
    editing: OpenEdits | None = None,
) -> dict[str, Any]:
    assessment = loaded.assessment
    url = reverse("assessment_section", args=[assessment.id, section.id])
    if record_form is None and section.record:
        record_form = RECORD_FORMS[section.record](
            instance=_shown_record_instance(loaded, section.record), prefix=section.record
        )
    if record_form is not None and loaded.can_edit:
        _autosave_attrs(record_form, url)
        _keep_loaded_values(record_form)
    return {
        **_live_context(
            assessment,
            section,
            loaded.rubric,
            loaded.inp,
            loaded.card,
            can_edit=loaded.can_edit,
            carried=loaded.carried,
        ),
        "pilot": loaded.pilot,
        "client": loaded.pilot.client,
        "workspace": assessment.pilot.client.workspace,
        "membership": loaded.membership,
        "sections": SECTIONS,
        "questions": states
        or question_states(loaded.rubric, section.id, loaded.inp, loaded.carried),
        **_carried_context(loaded.rubric, section, loaded.inp, loaded.carried),
        "record_form": record_form,
        "lists": _list_forms(loaded, section, bound_lists, editing),
        "previous_section": section_before(section.id),
        "next_section": section_after(section.id),
        **_reassess_context(loaded),
    }


def _live_context(
    assessment: Assessment,
    section: Section,
    rubric: Rubric,
    inp: AssessmentInput,
    card: Scorecard,
    *,
    can_edit: bool,
    carried: Collection[str] = (),
) -> dict[str, Any]:
    """What the parts that change with every answer show: scorecard, stepper, progress."""
    sections = progress(rubric, inp, carried)
    return {
        "assessment": assessment,
        "can_edit": can_edit,
        "section": section,
        "section_progress": sections,
        "current_progress": next(s for s in sections if s.id == section.id),
        "overall_percent": overall_percent(sections),
        "section_url": reverse("assessment_section", args=[assessment.id, section.id]),
        "step_url_name": "assessment_section",
        "step_url_key": assessment.id,
        "evidence_credit": evidence_credit(rubric),
        **_scorecard_context(card, rubric, inp),
    }


def _carried_context(
    rubric: Rubric, section: Section, inp: AssessmentInput, carried: dict[str, int]
) -> dict[str, Any]:
    """The section's notice of answers carried from last time and still unreviewed."""
    here = carried_in_section(rubric, section.id, inp, carried)
    return {
        "carried_count": len(here),
        # Read only when there is something to name; one reassessment has one source.
        "carried_source": selectors.carried_source(carried[here[0]]) if here else None,
    }


def _scorecard_context(card: Scorecard, rubric: Rubric, inp: AssessmentInput) -> dict[str, Any]:
    gaps = [
        {
            "id": gap.id,
            "title": gap.title,
            "score": gap.score,
            "band": gap.band,
            "weakest": gap.id == card.weakest_gap,
        }
        for gap in card.gaps
    ]
    return {
        "card": card,
        # The Why list in the report's order: what stops the pilot, the failed gates,
        # then the gaps from the weakest up; a contradiction is a note of its own.
        "reasons": [r for r in card.reasons_by_severity() if r.kind != "conflict"],
        "conflicts": [r for r in card.reasons if r.kind == "conflict"],
        "gap_scores": gaps,
        # Named as the rubric names the gap, never by its id.
        "failed_gates": [
            {"gap_title": rubric.gaps_by_id[gate.gap].title, "text": gate.text}
            for gate in card.failed_gates
        ],
        "weakest_title": rubric.gaps_by_id[card.weakest_gap].title,
        "answered_any": bool(inp.answers),
    }


# Said when a change reaches an assessment that became final after its page was opened.
NOT_SAVED_FINAL = "Your change was not saved: this assessment was made final meanwhile."
# The tag that lets the page the refusal lands on say it in place of its read-only notice.
REFUSED_AS_FINAL = "refused-as-final"


def refused_as_final(request: HttpRequest, *, message: str, url: str):
    """The reply to a change that arrived after the assessment became final.

    A form goes to `url` with the message. A request from htmx reloads the page it came
    from instead, read only with the message at the top: its reply would otherwise be
    swapped into the small part of the page that asked, and a redirect there would put a
    whole page inside a question.
    """
    messages.error(request, message, extra_tags=REFUSED_AS_FINAL)
    if request.htmx:
        return HttpResponseClientRefresh()
    return redirect(url)


def refusal_as_final(request: HttpRequest) -> dict[str, Any]:
    """A refusal of `refused_as_final`, taken out of the page's messages.

    A read-only page says it in place of its own notice that the assessment is final, so
    the reason is given once; the other messages are shown as usual.
    """
    shown = list(messages.get_messages(request))
    refusals = [m for m in shown if REFUSED_AS_FINAL in (m.extra_tags or "").split()]
    if not refusals:
        return {}
    return {
        # Several changes refused at once (two autosaves, say) read as one.
        "refusal": " ".join(dict.fromkeys(str(m) for m in refusals)),
        "messages": [m for m in shown if m not in refusals],
    }


def _get_section(section: str) -> Section:
    if section not in SECTIONS_BY_ID:
        raise Http404("No such section")
    return SECTIONS_BY_ID[section]


@login_required
def assessment_resume(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """Where the founder left off: the section they were last in."""
    assessment = access.assessment_for_user(request.user, assessment_id)
    if assessment.is_submitted:
        return redirect("assessment_results", assessment_id=assessment.id)
    section = assessment.current_section if assessment.current_section in SECTIONS_BY_ID else None
    return redirect("assessment_section", assessment_id=assessment.id, section=section or "basics")


@login_required
@require_http_methods(["GET", "POST"])
def assessment_section(request: HttpRequest, assessment_id: int, section: str) -> HttpResponse:
    current = _get_section(section)
    writing = request.method == "POST"
    assessment, membership = access.assessment_with_membership(
        request.user, assessment_id, write=writing
    )
    if writing and assessment.is_submitted:
        return refused_as_final(
            request,
            message=NOT_SAVED_FINAL,
            url=reverse("assessment_results", args=[assessment.id]),
        )
    if writing:
        unit = request.POST.get("_unit", "")
        if request.htmx and unit:
            return _autosave(request, assessment, membership, current, unit)
        return _section_submit(request, assessment, membership, current)
    loaded = _load(request, assessment, membership)
    if loaded.can_edit:
        services.assessment_set_section(assessment=assessment, section=current.id)
    context = _section_context(loaded, current)
    if assessment.is_submitted:
        context.update(refusal_as_final(request))
    return render(request, QUESTIONNAIRE, context)


def _posted(question_id: str, data) -> bool:
    prefix = f"q-{question_id}"
    return any(key == prefix or key.startswith(prefix + "-") for key in data)


def _destination(assessment: Assessment, current: Section, go: str) -> tuple[str, str | None]:
    """Where a section's buttons lead: (url, section to remember)."""
    if go == "results":
        return reverse("assessment_results", args=[assessment.id]), None
    if go == "prev":
        target = section_before(current.id) or current.id
    elif go == "next":
        target = section_after(current.id)
        if target is None:
            return reverse("assessment_results", args=[assessment.id]), None
    elif go in SECTIONS_BY_ID:
        target = go
    else:
        target = current.id
    return reverse("assessment_section", args=[assessment.id, target]), target


def _section_submit(
    request: HttpRequest, assessment: Assessment, membership: Membership, current: Section
):
    """The whole section at once: the no-JavaScript path and every section change.

    Everything is validated first and written in one transaction, so a mistake in one
    answer leaves the rest of the section unsaved rather than half-saved. An answer
    carried from last time that comes back exactly as shown is not written: moving on
    is not the same as confirming it.

    A record typed into one of the lists' add forms comes with the section and is added
    with its answers, whole or not at all: one that cannot be added keeps the founder on
    the section with its errors, once the answers are saved. So does a change typed into
    a record's open Edit form, which is saved whole or not at all.
    """
    loaded = _load(request, assessment, membership)
    data = request.POST
    parsed = {}
    states = []
    for state in question_states(loaded.rubric, current.id, loaded.inp, loaded.carried):
        if state.applies and _posted(state.id, data):
            answer = parse_answer(state.question, data)
            if answer.error:
                state = dataclasses.replace(state, raw=answer.raw, error=answer.error)
            if not (
                (state.carried and repeats_stored(state.question, answer, state.answer))
                or unchanged_since_loaded(state.question, answer, data)
            ):
                parsed[state.id] = answer
        states.append(state)
    record_form = None
    if current.record and any(key.startswith(f"{current.record}-") for key in data):
        record_form = _keep_loaded_values(
            RECORD_FORMS[current.record](
                data, instance=_record_instance(loaded.pilot, current.record), prefix=current.record
            )
        )
    invalid = any(a.error for a in parsed.values()) or (
        record_form is not None and not record_form.is_valid()
    )
    go = data.get("go", "next")
    # A page without JavaScript adds a record by sending the whole section: "add-owners".
    adding = go.removeprefix("add-") if go.startswith("add-") else ""
    typed = _typed_records(current, data, adding=adding)
    # Likewise an Edit form's Save: "save-owners-12".
    saving = go.removeprefix("save-") if go.startswith("save-") else ""
    open_edits = _sent_edits(loaded.pilot, current.lists, data)
    edits = {key: edit for key, edit in open_edits.items() if edit[1].has_changed()}
    added, saved = [], []
    if not invalid:
        try:
            with transaction.atomic():
                if record_form is not None:
                    # Like the answers: what an older page did not touch stays as it is now.
                    changed = _changed_since_loaded(record_form)
                    if changed:
                        _save_record(loaded.pilot, current.record, changed)
                for question_id, answer in parsed.items():
                    _write_answer(request, assessment, question_id, answer)
                added = _add_typed_records(loaded.pilot, typed)
                saved = _save_edited_records(edits)
        except ValidationError as error:
            invalid, added, saved = True, [], []
            messages.error(request, " ".join(error.messages))
    not_added = {kind: form for kind, form in typed.items() if kind not in dict(added)}
    not_saved = {key: edit for key, edit in edits.items() if key not in dict(saved)}
    if (
        invalid
        or any(form.errors for form in not_added.values())
        or any(form.errors for _, form in not_saved.values())
    ):
        if not invalid:
            loaded, states, record_form = _load(request, assessment, membership), None, None
        context = _section_context(
            loaded,
            current,
            states=states,
            record_form=record_form,
            bound_lists=not_added,
            # Every Edit form stays open as it was, but for the records just saved.
            editing={key: edit for key, edit in open_edits.items() if key not in dict(saved)},
        )
        context["has_errors"] = True
        context["invalid_questions"] = [q for q in context["questions"] if q.error]
        context["record_errors"] = [
            (kind, form, RECORD_KINDS[kind]) for kind, form in not_added.items() if form.errors
        ]
        context["edit_errors"] = [
            (kind, record, form) for (kind, _), (record, form) in not_saved.items() if form.errors
        ]
        context["error_intro"] = _not_saved_message(
            answers_saved=not invalid,
            not_added=[RECORD_KINDS[kind] for kind in not_added],
            not_saved=[RECORD_KINDS[k].called(record) for (k, _), (record, _) in not_saved.items()],
        )
        return render(request, QUESTIONNAIRE, context, status=422)
    for kind, record in added:
        messages.success(request, f"Added {RECORD_KINDS[kind].called(record)}.")
    for (kind, _), record in saved:
        messages.success(request, f"Saved {RECORD_KINDS[kind].called(record)}.")
    if go in CONFIRMING:
        # "These still hold" sent with the section: what was edited is saved above, the
        # answers from last time still as shown are confirmed now.
        _confirm_carried(request, assessment, current)
        go = CONFIRMING[go]
    if adding in current.lists:
        # Back to the list, with the new row in it.
        url = reverse("assessment_section", args=[assessment.id, current.id])
        return redirect(f"{url}#{adding}")
    if saving and EDIT_FIELD.match(f"edit-{saving}-"):
        # Back to the row just saved.
        url = reverse("assessment_section", args=[assessment.id, current.id])
        return redirect(f"{url}#{saving}")
    url, remember = _destination(assessment, current, go)
    if remember:
        services.assessment_set_section(assessment=assessment, section=remember)
    return redirect(url)


def _typed_records(current: Section, data, *, adding: str) -> dict[str, ModelForm]:
    """The section's add forms that were sent with something typed into them, by kind.

    An add form left as the page showed it adds nothing and asks for nothing; the one
    whose Add button was pressed (without JavaScript) is read even when blank, so that it
    says what is missing as its own button does.
    """
    typed = {}
    for kind in current.lists:
        if not any(key.startswith(f"new-{kind}-") for key in data):
            continue  # a page that does not show the add form, or an older one
        form = _add_form(kind, data)
        if form.has_changed() or kind == adding:
            typed[kind] = form
    return typed


def _add_typed_records(pilot: Pilot, typed: dict[str, ModelForm]) -> list[tuple[str, Any]]:
    """Add each complete record typed into an add form, as its Add button would have.

    Each record is added whole or not at all; one that is refused keeps its errors on
    its form and leaves the others, and the section's answers, to be saved.
    """
    added = []
    for kind, form in typed.items():
        if not form.is_valid():
            continue
        try:
            with transaction.atomic():
                added.append((kind, _create_record(kind, pilot, form.cleaned_data)))
        except ValidationError as error:
            form.add_error(None, error)
    return added


def _not_saved_message(
    *, answers_saved: bool, not_added: list[RecordKind], not_saved: list[str]
) -> str:
    """What the error summary says was, and was not, saved when the section was sent.

    `not_saved` names the records whose changes in an Edit form were not saved.
    """
    typed = [f"the {kind.singular} typed under “{kind.add_label}”" for kind in not_added]
    changes = [f"your changes to {called}" for called in not_saved]
    if not answers_saved:
        if not typed and not changes:
            return "Nothing in this section was saved: please correct the answers marked below."
        pending = [f"{what} is not added yet" for what in typed]
        pending += [f"{what} are not saved yet" for what in changes]
        return (
            f"Nothing in this section was saved, and {_listed(pending)}: please correct what "
            "is marked below."
        )
    refused = [f"{what} was not added" for what in typed]
    refused += [f"{what} were not saved" for what in changes]
    if not changes:
        way_out = "clear them to leave it out"
    elif not typed:
        way_out = "press Cancel to keep it as it was"
    else:
        way_out = "clear or cancel them to leave things as they were"
    return (
        f"Your answers in this section were saved, but {_listed(refused)}: correct the "
        f"fields marked below, or {way_out}."
    )


def _save_edited_records(edits: OpenEdits) -> list[tuple[tuple[str, int], Any]]:
    """Save each record changed in an open Edit form, as its Save button would have.

    Each is saved whole or not at all; one that is refused keeps its errors on its form
    and leaves the others, and the section's answers, to be saved.
    """
    saved = []
    for (kind, record_id), (record, form) in edits.items():
        if not form.is_valid():
            continue
        try:
            with transaction.atomic():
                saved.append(((kind, record_id), _update_record(kind, record, form.cleaned_data)))
        except ValidationError as error:
            form.add_error(None, error)
    return saved


# "These still hold" as a section's own button: confirm, then stay or move on.
CONFIRMING = {"confirm-carried": "stay", "confirm-carried-next": "next"}


def _confirm_carried(request: HttpRequest, assessment: Assessment, current: Section) -> None:
    confirmed = services.carried_answers_confirm(
        assessment=assessment, section=current.id, user=request.user
    )
    message = _confirmed_message(len(confirmed))
    (messages.success if confirmed else messages.info)(request, message)


def _confirmed_message(count: int) -> str:
    if not count:
        return "Nothing in this section was waiting to be confirmed."
    return (
        f"Confirmed {count} answer{_plural(count)} from last time: "
        f"{'they are' if count != 1 else 'it is'} now this assessment's own."
    )


def _write_answer(
    request: HttpRequest, assessment: Assessment, question_id: str, answer
) -> services.AnswerChange | None:
    """Save or clear one parsed answer; None when there is nothing to save yet."""
    if answer.cleared:
        return services.agreed_answer_clear(assessment=assessment, question_id=question_id)
    if answer.value is None and not answer.not_sure:
        return None  # evidence typed before an answer was chosen waits for the answer
    return services.agreed_answer_save(
        assessment=assessment,
        question_id=question_id,
        value=answer.value,
        not_sure=answer.not_sure,
        evidence=answer.evidence,
        user=request.user,
    )


def _status_error(request: HttpRequest, status_id: str, error: str) -> HttpResponse:
    status = render_to_string(
        f"{QUESTIONNAIRE}#save-status",
        {"status_id": status_id, "status_error": error},
        request=request,
    )
    return _unprocessable(HttpResponse(status))


def _autosave(
    request: HttpRequest,
    assessment: Assessment,
    membership: Membership,
    current: Section,
    unit: str,
):
    """One answer or one record field, saved as it changes.

    Replies with the field's save status; the scorecard, the progress, any question
    whose applicability changed and the notice of answers from last time ride along as
    out-of-band swaps. The input itself is never replaced, so typing continues
    undisturbed.
    """
    kind, _, name = unit.partition(":")
    was_carried = False
    if kind == "q":
        rubric = selectors.rubric_for_assessment(assessment)
        question = rubric.questions_by_id.get(name)
        if question is None or question.section != current.id:
            raise Http404("No such question in this section")
        status_id = f"status-q-{name}"
        answer = parse_answer(question, request.POST)
        if answer.error:
            return _status_error(request, status_id, answer.error)
        try:
            change = _write_answer(request, assessment, name, answer)
        except ValidationError as exc:
            return _status_error(request, status_id, " ".join(exc.messages))
        if change is None:
            # Nothing was written, so nothing can have changed: show the scores as they are.
            loaded = _load(request, assessment, membership)
            inp, card, before, carried = loaded.inp, loaded.card, loaded.inp, loaded.carried
            message = "Choose an answer and the evidence is saved with it."
        else:
            # The save scored the assessment under its lock; render from that rather than
            # reading it all again. Only the saved question differs from before the save.
            inp, card = change.inp, change.card
            carried, was_carried = dict(change.carried), change.was_carried
            answers = {k: v for k, v in inp.answers.items() if k != name}
            if change.previous is not None:
                answers[name] = change.previous
            before = dataclasses.replace(inp, answers=answers)
            message = answer.saved_message
    elif kind == "f" and current.record:
        form_class = RECORD_FORMS[current.record]
        if name not in form_class.base_fields:
            raise Http404("No such field")
        status_id = f"status-{current.record}-{name}"
        loaded = _load(request, assessment, membership)
        rubric, before = loaded.rubric, loaded.inp
        single = modelform_factory(form_class._meta.model, form=form_class, fields=[name])
        form = single(
            request.POST,
            instance=_record_instance(loaded.pilot, current.record),
            prefix=current.record,
        )
        if not form.is_valid():
            error = " ".join(form.errors.get(name, []) or form.non_field_errors())
            return _status_error(request, status_id, error)
        try:
            _save_record(loaded.pilot, current.record, {name: form.cleaned_data[name]})
        except ValidationError as exc:
            return _status_error(request, status_id, " ".join(exc.messages))
        loaded = _load(request, assessment, membership)
        inp, card, carried, message = loaded.inp, loaded.card, loaded.carried, "Saved"
    else:
        raise Http404("Nothing to save")

    can_edit = membership.can_edit and not assessment.is_submitted
    context = _live_context(
        assessment, current, rubric, inp, card, can_edit=can_edit, carried=carried
    )
    context.update({"status_id": status_id, "status_message": message, "oob": True})
    carried_before = {*carried, name} if was_carried else carried
    context["progress_changed"] = context["section_progress"] != progress(
        rubric, before, carried_before
    )
    context["changed_questions"] = [
        QuestionState(question, now, inp.answers.get(question.id), carried=question.id in carried)
        for question in rubric.questions_for_section(current.id)
        if (now := applies(question, inp)) != applies(question, before)
    ]
    if kind == "q" and not any(state.id == name for state in context["changed_questions"]):
        # What a later "Save and continue" compares this answer with, so it is not
        # written again from this page unless it changes here again.
        context["saved_question"] = QuestionState(
            question, applies(question, inp), inp.answers.get(name), carried=name in carried
        )
    # The notice counts the carried answers on show, so it changes when one is saved or
    # when a question holding one appears or goes.
    if was_carried or any(state.carried for state in context["changed_questions"]):
        context.update(_carried_context(rubric, current, inp, carried))
        context.update({"carried_changed": True, "uncarried": name if was_carried else None})
    return render(request, f"{QUESTIONNAIRE}#autosave-reply", context)


@login_required
@require_POST
def carried_answers_confirm(request: HttpRequest, assessment_id: int, section: str) -> HttpResponse:
    """Confirm at once that the section's answers from last time still hold."""
    current = _get_section(section)
    assessment = access.assessment_for_user(request.user, assessment_id, write=True)
    section_url = reverse("assessment_section", args=[assessment.id, current.id])
    try:
        confirmed = services.carried_answers_confirm(
            assessment=assessment, section=current.id, user=request.user
        )
    except ValidationError:
        return refused_as_final(
            request,
            message="The answers from last time were not confirmed: this assessment was made "
            "final meanwhile.",
            url=reverse("assessment_results", args=[assessment.id]),
        )
    count = len(confirmed)
    message = _confirmed_message(count)
    if request.htmx:
        # The stepper's count of answers to review goes down with the notice.
        loaded = _load(request, assessment)
        context = _live_context(
            assessment,
            current,
            loaded.rubric,
            loaded.inp,
            loaded.card,
            can_edit=loaded.can_edit,
            carried=loaded.carried,
        )
        context.update({"confirmed": confirmed, "confirmed_message": message, "oob": True})
        return render(request, f"{QUESTIONNAIRE}#carried-confirmed", context)
    if count:
        messages.success(request, message)
    else:
        messages.info(request, message)
    return redirect(section_url)


# ---------------------------------------------------------------------------------
# Structured records edited in place: owners, metrics, integrations
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordKind:
    model: type
    section: str
    singular: str
    add_label: str
    empty: str
    # A person is named by their name alone; "the metric “Quotes won”" says what it is.
    named_alone: bool = False

    def called(self, record) -> str:
        """How a message names one record of this kind."""
        return f"“{record}”" if self.named_alone else f"the {self.singular} “{record}”"


RECORD_KINDS: dict[str, RecordKind] = {
    "owners": RecordKind(
        Owner,
        "ownership",
        "person",
        "Add a person",
        "Nobody is recorded yet. Start with the one person who will answer for it in production.",
        named_alone=True,
    ),
    "metrics": RecordKind(
        SuccessMetric,
        "outcome",
        "metric",
        "Add a metric",
        "No metric yet. Add the business result you expect to change, with today's value.",
    ),
    "integrations": RecordKind(
        Integration,
        "integration",
        "system",
        "Add a system",
        "No systems yet. Add each tool the workflow reads from or writes to.",
    ),
}


def _get_kind(kind: str) -> RecordKind:
    if kind not in RECORD_KINDS:
        raise Http404("No such record kind")
    return RECORD_KINDS[kind]


def _record_of_assessment(request, assessment: Assessment, kind: RecordKind, record_id: int):
    record = access.pilot_record_for_user(request.user, kind.model, record_id, write=True)
    if record.pilot_id != assessment.pilot_id:
        raise Http404("That record belongs to another pilot")
    return record


def _create_record(kind: str, pilot: Pilot, data: dict[str, Any]):
    if kind == "owners":
        return services.owner_add(pilot=pilot, **data)
    if kind == "metrics":
        return services.metric_add(pilot=pilot, **data)
    return services.integration_add(pilot=pilot, **data)


def _update_record(kind: str, record, data: dict[str, Any]):
    if kind == "owners":
        return services.owner_update(owner=record, data=data)
    if kind == "metrics":
        return services.metric_update(metric=record, data=data)
    return services.integration_update(integration=record, data=data)


def _records_refused_as_final(
    request: HttpRequest, assessment: Assessment, kind: str, not_done: str
) -> HttpResponse:
    """`not_done`: what did not happen, as "The person was not added"."""
    meta = RECORD_KINDS[kind]
    return refused_as_final(
        request,
        message=f"{not_done}: this assessment was made final meanwhile."
        if request.method == "POST"
        else "This assessment was made final meanwhile, so its records can no longer change.",
        url=reverse("assessment_section", args=[assessment.id, meta.section]) + f"#{kind}",
    )


def _focus_first(form, *, with_errors: bool = False):
    """Mark the field a keyboard user should land on after a swap: the first one, or the
    first with an error; htmx moves focus to it."""
    for name in form.fields:
        if not with_errors or name in form.errors:
            form.fields[name].widget.attrs["autofocus"] = True
            break
    return form


def _records_response(
    request,
    loaded: Loaded,
    kind: str,
    form=None,
    status: int = 200,
    *,
    focus_record: int | None = None,
):
    """The whole list after a change, with the scorecard and progress out of band.

    Focus lands where the keyboard user was: on the first wrong field of a refused
    form, on the row just added (`focus_record`), or else on the Add button.
    """
    section = SECTIONS_BY_ID[RECORD_KINDS[kind].section]
    if form is not None:
        _focus_first(form, with_errors=True)
    context = _section_context(
        loaded,
        section,
        bound_lists={kind: form} if form else None,
        # The list is swapped whole: an Edit form open in it stays open, as it was typed.
        editing=_sent_edits(loaded.pilot, [kind], request.POST),
    )
    context.update({"oob": True, "list": next(x for x in context["lists"] if x["kind"] == kind)})
    context.update({"focus_record": focus_record, "focus_add": form is None and not focus_record})
    parts = [render_to_string(f"{QUESTIONNAIRE}#record-list", context, request=request)]
    if status == 200:
        parts += [
            render_to_string(f"{QUESTIONNAIRE}#scorecard", context, request=request),
            render_to_string(f"{QUESTIONNAIRE}#stepper-update", context, request=request),
        ]
    return HttpResponse("".join(parts), status=status)


@login_required
@require_POST
def record_create(request: HttpRequest, assessment_id: int, kind: str) -> HttpResponse:
    meta = _get_kind(kind)
    assessment = access.assessment_for_user(request.user, assessment_id, write=True)
    if assessment.is_submitted:
        return _records_refused_as_final(
            request, assessment, kind, f"The {meta.singular} was not added"
        )
    loaded = _load(request, assessment)
    form = LIST_FORMS[kind](request.POST, prefix=f"new-{kind}")
    record = None
    if form.is_valid():
        try:
            record = _create_record(kind, loaded.pilot, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        if request.htmx:
            return _records_response(request, loaded, kind, form, status=422)
        context = _section_context(loaded, SECTIONS_BY_ID[meta.section], bound_lists={kind: form})
        return render(request, QUESTIONNAIRE, context, status=422)
    loaded = _load(request, assessment)
    if request.htmx:
        return _records_response(request, loaded, kind, focus_record=record.id)
    messages.success(request, f"Added {meta.called(record)}.")
    return redirect(reverse("assessment_section", args=[assessment.id, meta.section]) + f"#{kind}")


@login_required
@require_http_methods(["GET", "POST"])
def record_update(request: HttpRequest, assessment_id: int, kind: str, record_id: int):
    meta = _get_kind(kind)
    assessment = access.assessment_for_user(request.user, assessment_id, write=True)
    record = _record_of_assessment(request, assessment, meta, record_id)
    if assessment.is_submitted:
        return _records_refused_as_final(request, assessment, kind, "Your change was not saved")
    section_url = reverse("assessment_section", args=[assessment.id, meta.section])
    context = {
        "assessment": assessment,
        "workspace": assessment.pilot.client.workspace,
        "kind": kind,
        "meta": meta,
        "record": record,
        "section_url": section_url,
        "can_edit": True,
    }
    # With htmx the form opens in the section, its fields part of the section's form, and
    # its Save posts the whole section here, of which only its own fields are read.
    # Without JavaScript it is a page of its own.
    template = f"{QUESTIONNAIRE}#record-edit" if request.htmx else "assessments/record_edit.html"
    if request.method == "GET":
        if request.htmx and request.GET.get("view") == "row":
            # Cancelled: back on the Edit button that opened the form.
            context["focus_record"] = record.id
            return render(request, f"{QUESTIONNAIRE}#record-row", context)
        form = _edit_form(kind, record)
        context["form"] = _sent_with_section(_focus_first(form)) if request.htmx else form
        return render(request, template, context)

    form = _edit_form(kind, record, request.POST)
    if form.is_valid():
        try:
            record = _update_record(kind, record, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        if request.htmx:
            form = _sent_with_section(_focus_first(form, with_errors=True))
        context["form"] = form
        return render(request, template, context, status=422)
    if request.htmx:
        loaded = _load(request, assessment)
        context = _section_context(loaded, SECTIONS_BY_ID[meta.section])
        context.update({"oob": True, "kind": kind, "meta": meta, "record": record})
        context["focus_record"] = record.id  # back on the saved row's Edit button
        parts = [
            render_to_string(f"{QUESTIONNAIRE}#record-row", context, request=request),
            render_to_string(f"{QUESTIONNAIRE}#scorecard", context, request=request),
            render_to_string(f"{QUESTIONNAIRE}#stepper-update", context, request=request),
        ]
        return HttpResponse("".join(parts))
    messages.success(request, f"Saved {meta.called(record)}.")
    return redirect(section_url + f"#{kind}")


@login_required
@require_http_methods(["GET", "POST"])
def record_delete(request: HttpRequest, assessment_id: int, kind: str, record_id: int):
    meta = _get_kind(kind)
    assessment = access.assessment_for_user(request.user, assessment_id, write=True)
    record = _record_of_assessment(request, assessment, meta, record_id)
    if assessment.is_submitted:
        return _records_refused_as_final(
            request, assessment, kind, f"The {meta.singular} was not removed"
        )
    section_url = reverse("assessment_section", args=[assessment.id, meta.section])
    if request.method == "GET":
        return render(
            request,
            "assessments/confirm_delete.html",
            {
                "workspace": assessment.pilot.client.workspace,
                "title": f"Remove {meta.called(record)}?",
                "consequence": "The scores are recalculated without it.",
                "cancel_url": section_url + f"#{kind}",
                "action_label": "Remove",
            },
        )
    services.record_remove(record=record)
    if request.htmx:
        return _records_response(request, _load(request, assessment), kind)
    messages.success(request, f"Removed {meta.called(record)}.")
    return redirect(section_url + f"#{kind}")


# ---------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _action_fields_html(
    criterion_id: str, owner_name: str, due_date: date | None, status: str, language: str
) -> str:
    """The unbound fields of one action's form, which depend on nothing but these values.

    The plan shows a form for every action, and rendering them was most of the results
    page's cost; most actions have no item yet, so the same few fields repeat. A form
    bound to posted data is never served from here: it renders with its errors.
    """
    item = ActionItem(
        criterion_id=criterion_id, owner_name=owner_name, due_date=due_date, status=status
    )
    form = _action_form(item)
    return render_to_string("assessments/results.html#action-fields", {"row": {"form": form}})


def _action_form(item: ActionItem, data=None) -> ActionItemForm:
    """One action's fields, each described by its own message and the row's save status."""
    form = ActionItemForm(data, instance=item, prefix=f"action-{item.criterion_id}")
    for name, field in form.fields.items():
        field.widget.attrs["aria-describedby"] = (
            f"{form[name].auto_id}_error status-action-{item.criterion_id}"
        )
    return form


@functools.lru_cache(maxsize=4096)
def _action_head_html(
    action: ScoredAction,
    rank: int,
    gap_title: str,
    links: tuple[tuple[str, str], ...],
    language: str,
) -> str:
    """An action's title, advice and worth: the same for every page that ranks it alike.

    `links` are (url, prompt) for the questions its advice quotes, which become links
    to those questions in the questionnaire.
    """
    context = {
        "row": {
            "action": action,
            "rank": rank,
            "gap_title": gap_title,
            "recommendation_html": _linked_prompts(action.recommendation, links),
        }
    }
    return render_to_string("assessments/results.html#action-head", context)


def _linked_prompts(text: str, links: tuple[tuple[str, str], ...]) -> str:
    """The text as HTML, each quoted prompt of `links` a link to its question."""
    html = str(escape(text))
    for url, prompt in links:
        quoted = f"“{prompt}”"
        html = html.replace(str(escape(quoted)), format_html('<a href="{}">{}</a>', url, quoted), 1)
    # Safe: every piece is escaped text or built by format_html.
    return mark_safe(html)


def _question_links(action: ScoredAction, loaded: Loaded) -> tuple[tuple[str, str], ...]:
    """Where to answer each question an action's advice quotes by its prompt."""
    links = []
    for question_id in action.questions:
        question = loaded.rubric.questions_by_id.get(question_id)
        if question is not None and f"“{question.prompt}”" in action.recommendation:
            url = reverse("assessment_section", args=[loaded.assessment.id, question.section])
            links.append((f"{url}#question-{question_id}", question.prompt))
    return tuple(links)


_SAVED_ACTIONS = PreparedQuery(
    lambda assessment_id: ActionItem.objects.filter(assessment_id=assessment_id), int
)
_CRITERION_SLOT = "criterion-id-slot"


def _action_rows(loaded: Loaded) -> list[dict[str, Any]]:
    saved = {a.criterion_id: a for a in _SAVED_ACTIONS.objects(loaded.assessment.id)}
    language = get_language()
    # One reverse for the whole plan: the actions' URLs differ only in the criterion.
    url = reverse("action_update", args=[loaded.assessment.id, _CRITERION_SLOT])
    rows = []
    for rank, action in enumerate(loaded.card.actions, start=1):
        item = saved.get(action.criterion_id)
        gap_title = loaded.rubric.gaps_by_id[action.gap].title
        rows.append(
            {
                "rank": rank,
                "action": action,
                "url": url.replace(_CRITERION_SLOT, action.criterion_id),
                "head_html": _action_head_html(
                    action, rank, gap_title, _question_links(action, loaded), language
                ),
                "item": item,
                "fields_html": _action_fields_html(
                    action.criterion_id,
                    item.owner_name if item else "",
                    item.due_date if item else None,
                    item.status if item else ActionItem.Status.OPEN,
                    language,
                ),
            }
        )
    return rows


def _unanswered_context(loaded: Loaded) -> dict[str, Any]:
    """Where the results send someone to answer what is still unanswered.

    A draft goes to the first unanswered question itself. A final assessment cannot be
    answered any more, so it offers the reassessment that can: the open one, or a new one.
    """
    unanswered, assessment = loaded.card.unanswered, loaded.assessment
    if not unanswered or not loaded.membership.can_edit:
        return {}
    if not assessment.is_submitted:
        first = unanswered[0]
        section = loaded.rubric.questions_by_id[first].section
        url = reverse("assessment_section", args=[assessment.id, section])
        return {"answer_url": f"{url}#question-{first}"}
    return _reassess_context(loaded)


def _reassess_context(loaded: Loaded) -> dict[str, Any]:
    """Where a final assessment's results lead someone who may edit: the reassessment
    already open, or the pilot's page, where a new one is started."""
    if not loaded.assessment.is_submitted or not loaded.membership.can_edit:
        return {}
    draft = (
        selectors.assessments_for_pilot(loaded.pilot).filter(status=Assessment.Status.DRAFT).first()
    )
    if draft is not None:
        return {
            "reassess_url": reverse("assessment_resume", args=[draft.id]),
            "reassess_label": "Carry on with the reassessment",
        }
    return {
        "reassess_url": reverse("pilot_detail", args=[loaded.pilot.id]) + "#reassess-title",
        "reassess_label": "Start a reassessment",
    }


def _before_final(loaded: Loaded) -> dict[str, Any]:
    """Whether the workshop is open, and for those who may make a draft final, what that
    would cut short: the people asked who have not handed in, whose links then only show
    their answers, and the compared questions the workshop has not settled."""
    assessment = loaded.assessment
    if assessment.is_submitted:
        # The workshop compares what people answered on their own, while it can change.
        return {"workshop_ready": False}
    if not loaded.membership.can_edit:
        return {"workshop_ready": selectors.people_have_answered(assessment)}
    _, people, answers, result = selectors.people_spread(
        assessment, rubric=loaded.rubric, inp=loaded.inp
    )
    workshop_ready = any(answers.values())
    known_as = {person.id: person.known_as for person in people_of(people)}
    return {
        "workshop_ready": workshop_ready,
        "people_count": len(people),
        "not_handed_in": [known_as[p.id] for p in people if p.finished_at is None],
        "workshop_open": len(still_open(result, selectors.agreed_since_people_answered(assessment)))
        if workshop_ready
        else 0,
    }


def _results_context(loaded: Loaded) -> dict[str, Any]:
    card, rubric = loaded.card, loaded.rubric
    # Answers from last time still unreviewed, by section, counting only questions that
    # are shown: one hidden by the skip logic cannot be reviewed, so it is not asked for.
    to_review = [
        (section, len(here))
        for section in SECTIONS
        if (here := carried_in_section(rubric, section.id, loaded.inp, loaded.carried))
    ]
    bars = [
        GapBar(
            label=gap.title,
            score=gap.score,
            band=gap.band,
            weakest=gap.id == card.weakest_gap,
        )
        for gap in card.gaps
    ]
    chart = gap_chart_svg(
        bars,
        weak_below=rubric.thresholds.weak_below,
        strong_from=rubric.thresholds.strong_min,
    )
    actions = _action_rows(loaded)
    # The conditions of going live lead the plan, all of them; otherwise the first three.
    top = len(card.conditions) or 3
    value_case = loaded.inp.value_case
    since = selectors.since_last_final(loaded.assessment, card=card, inp=loaded.inp, rubric=rubric)
    return {
        **_reassess_context(loaded),
        **_unanswered_context(loaded),
        "since": since,
        "assessment": loaded.assessment,
        "pilot": loaded.pilot,
        # A final assessment is of the pilot as it was named then, as its report says.
        "assessed_name": loaded.inp.pilot.name,
        "client": loaded.pilot.client,
        # The assessment came with its workspace; the pilot read for scoring did not.
        "workspace": loaded.assessment.pilot.client.workspace,
        "membership": loaded.membership,
        "can_edit": loaded.membership.can_edit,
        "chart": chart,
        "top_actions": actions[:top],
        "more_actions": actions[top:],
        "top_count": top,
        "value_case": value_case,
        "monthly_saving": value_case.monthly_saving if value_case else None,
        "payback_never": card.payback_months == float("inf"),
        "payback_basis": payback_basis(card, loaded.inp, rubric),
        "unanswered_count": len(card.unanswered),
        # For the reports panel: a report of no answers at all is not offered.
        "has_answers": bool(loaded.inp.answers),
        "to_review": to_review,
        "unreviewed_count": sum(count for _, count in to_review),
        "final_unchecked": loaded.final_unchecked,
        **_before_final(loaded),
        "rubric": rubric,
        **_scorecard_context(card, rubric, loaded.inp),
    }


@login_required
def assessment_results(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment, membership = access.assessment_with_membership(request.user, assessment_id)
    loaded = _load(request, assessment, membership)
    return render(request, "assessments/results.html", _results_context(loaded))


def _action_errors(form: ActionItemForm) -> str:
    """What stopped an action's save, for its status line."""
    errors = [str(error) for field in form for error in field.errors]
    errors += [str(error) for error in form.non_field_errors()]
    return "Not saved: " + " ".join(errors)


def _action_saved_message(row: dict[str, Any]) -> str:
    """What an action's status line says once saved; a fix marked done is only a claim."""
    item = row["item"]
    if item is not None and item.status == ActionItem.Status.DONE and row["action"].kind == "fix":
        return "Saved. Marked done; it leaves the plan once the answers show it."
    return "Saved"


@login_required
@require_POST
def action_update(request: HttpRequest, assessment_id: int, criterion_id: str) -> HttpResponse:
    """Save one action of the plan: as it changes with htmx, or from its own form."""
    assessment = access.assessment_for_user(request.user, assessment_id, write=True)
    loaded = _load(request, assessment)
    row = next((r for r in _action_rows(loaded) if r["action"].criterion_id == criterion_id), None)
    if row is None:
        raise Http404("No such action in this plan")
    item = row["item"] or ActionItem(assessment=assessment, criterion_id=criterion_id)
    form = _action_form(_detached(item), request.POST)
    if form.is_valid() and form.has_changed():
        try:
            row["item"] = services.action_item_update(
                assessment=assessment, criterion_id=criterion_id, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
    row["form"], row["fields_html"] = form, None  # shown as posted, with any errors
    status = 422 if form.errors else 200
    if request.htmx:
        context = {
            "row": row,
            "status_message": _action_saved_message(row) if status == 200 else "",
            "status_error": _action_errors(form) if status == 422 else "",
        }
        return render(request, "assessments/results.html#action-saved", context, status=status)
    if status == 422:
        context = _results_context(loaded)
        _show_posted(context, {criterion_id: row})
        return render(request, "assessments/results.html", context, status=422)
    messages.success(request, "Action plan saved.")
    return redirect(reverse("assessment_results", args=[assessment.id]) + f"#action-{criterion_id}")


def _show_posted(context: dict[str, Any], posted: dict[str, dict[str, Any]]) -> None:
    """Put the rows as posted, with their errors, in place of the saved ones."""
    context["plan_errors"] = True
    for rows in (context["top_actions"], context["more_actions"]):
        for index, other in enumerate(rows):
            if other["action"].criterion_id in posted:
                rows[index] = posted[other["action"].criterion_id]


@login_required
@require_POST
def action_plan_save(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """Save every row of the plan at once: the plan's one button, for pages without htmx.

    All or nothing: one row with a bad date saves none of them, and each bad field
    says why beside it.
    """
    assessment = access.assessment_for_user(request.user, assessment_id, write=True)
    loaded = _load(request, assessment)
    posted = {}
    for row in _action_rows(loaded):
        criterion_id = row["action"].criterion_id
        if not any(key.startswith(f"action-{criterion_id}-") for key in request.POST):
            continue
        item = row["item"] or ActionItem(assessment=assessment, criterion_id=criterion_id)
        posted[criterion_id] = {**row, "form": _action_form(_detached(item), request.POST)}
        posted[criterion_id]["fields_html"] = None
    forms = {criterion_id: row["form"] for criterion_id, row in posted.items()}
    if all(form.is_valid() for form in forms.values()):
        changes = {cid: form.cleaned_data for cid, form in forms.items() if form.has_changed()}
        try:
            services.action_items_update(assessment=assessment, changes=changes)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("assessment_results", assessment_id=assessment.id)
        messages.success(request, "Action plan saved.")
        return redirect(reverse("assessment_results", args=[assessment.id]) + "#plan-title")
    context = _results_context(loaded)
    _show_posted(context, posted)
    return render(request, "assessments/results.html", context, status=422)


@login_required
@require_POST
def assessment_submit(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = access.assessment_for_user(request.user, assessment_id, write=True)
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Tick the box to confirm that the answers can be frozen.")
        return redirect("assessment_results", assessment_id=assessment.id)
    try:
        services.assessment_submit(assessment=assessment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The assessment is final. Its answers are frozen as they are.")
    return redirect("assessment_results", assessment_id=assessment.id)


# ---------------------------------------------------------------------------------
# Export and import in the interchange format (docs/assessment-format.md)
# ---------------------------------------------------------------------------------


@login_required
def assessment_export(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = access.assessment_for_user(request.user, assessment_id)
    loaded = _load(request, assessment)
    text = selectors.assessment_file(assessment, loaded.inp, loaded.card)
    filename = f"{slugify(loaded.pilot.name) or 'pilot'}-{assessment.started_at:%Y-%m-%d}.json"
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _field_error(message: str) -> FieldError:
    # The import service names each problem "path: message", as the file parser does.
    path, separator, text = message.partition(": ")
    return FieldError(path, text) if separator else FieldError("", message)


def _parse_upload(raw: bytes) -> tuple[ParsedAssessment | None, RubricVersion | None, list]:
    """The uploaded file parsed against the rubric it names, or every problem found."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, None, [FieldError("$", "is not a text file")]
    try:
        version = read_rubric_version(text)
        stored = RubricVersion.objects.filter(version=version).defer("definition").first()
        if stored is None:
            known = ", ".join(RubricVersion.objects.values_list("version", flat=True))
            raise InterchangeError(
                [
                    FieldError(
                        "rubric_version",
                        f"is {version!r}, which is not known here (known: {known})",
                    )
                ]
            )
        parsed = parse_assessment_json(text, selectors.rubric_for_version(stored.id))
    except InterchangeError as error:
        return None, None, list(error.errors)
    return parsed, stored, []


def _actions_left_out(count: int) -> str:
    if not count:
        return ""
    return (
        f" {count} action{_plural(count)} in the file {'is' if count == 1 else 'are'} not "
        f"part of this assessment's plan, so {'it was' if count == 1 else 'they were'} left out."
    )


def _imported_message(assessment: Assessment, parsed: ParsedAssessment, *, new_client: bool) -> str:
    pilot = assessment.pilot
    client = pilot.client
    # My company is the workspace's own, never a client, even when made for the file.
    if client.is_own_company:
        into = f"My company ({client.name}){', created for it' if new_client else ''}"
    else:
        into = f"a new client, {client.name}" if new_client else client.name
    named = parsed.assessment.pilot.name.strip()
    message = f"Imported {pilot.name} into {into}."
    if pilot.name != named:
        message += (
            f" {pilot.client.name} already had a pilot called “{named}”, so this one is named "
            "for the day it was imported. You can rename it from its page."
        )
    if parsed.currency and not pilot.client.currency:
        # Only someone limited to some clients imports without setting it: they may not
        # change a client.
        message += (
            f" The file's currency ({parsed.currency}) was not set on the client: ask "
            "someone who manages the workspace."
        )
    return message


@login_required
@require_http_methods(["GET", "POST"])
def assessment_import(request: HttpRequest, workspace_id: int) -> HttpResponse:
    membership = membership_for_user(request.user, workspace_id, write=request.method == "POST")
    workspace = membership.workspace
    seen = selectors.clients_for_workspace(workspace, membership=membership)
    clients = list(seen)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        clients=clients,
        may_add_clients=not membership.is_limited,
        workspace_name=workspace.name,
    )
    file_errors: list = []
    if request.method == "POST" and form.is_valid():
        parsed, rubric, file_errors = _parse_upload(form.cleaned_data["file"].read())
        if parsed is not None and rubric is not None:
            try:
                assessment = services.assessment_import(
                    workspace=workspace,
                    parsed=parsed,
                    rubric=rubric,
                    user=request.user,
                    clients=seen if membership.is_limited else None,
                    into=form.cleaned_data["into"],
                )
            except ValidationError as error:
                file_errors = [_field_error(message) for message in error.messages]
            else:
                left_out = selectors.import_actions_left_out(assessment, parsed)
                new_client = assessment.pilot.client_id not in {client.pk for client in clients}
                messages.success(
                    request,
                    _imported_message(assessment, parsed, new_client=new_client)
                    + _actions_left_out(left_out),
                )
                return redirect("assessment_results", assessment_id=assessment.id)
    return render(
        request,
        "assessments/import.html",
        {
            "workspace": workspace,
            "form": form,
            "problems": plain_problems(file_errors) if file_errors else None,
            "only_clients": clients if membership.is_limited else None,
        },
        status=422 if form.errors or file_errors else 200,
    )
