"""Every write to the assessment data goes through here.

Each function validates with the model's own rules (`full_clean`) before saving and
raises `ValidationError` with messages a user can act on. Changing a pilot's records
or an agreed answer rescores the pilot's draft assessments at once, so the
denormalised decision on Assessment is never stale.
"""

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import dateformat, timezone

from accounts.models import InvitationClient, MembershipClient, User, Workspace
from readiness.prepared import PreparedQuery

from .interchange import ParsedAssessment, PersonIn
from .models import (
    ActionItem,
    Answer,
    Assessment,
    ChangePlan,
    Client,
    Integration,
    OversightPlan,
    Owner,
    Pilot,
    Respondent,
    RubricVersion,
    SuccessMetric,
    ValueCase,
    monthly_from_weekly,
)
from .names import cannot_tell_apart, name_sort_key, same_email
from .questionnaire import carried_in_section
from .rubric.loader import bundled_rubrics, rubric_hash, rubric_to_dict
from .rubric.model import Question
from .scoring.engine import is_action_id, score
from .scoring.inputs import AnswerIn, AssessmentInput
from .scoring.scorecard import Scorecard, scorecard_to_dict
from .selectors import (
    PILOT_ROW_COLUMNS,
    AgreedVersion,
    agreed_answer_version,
    agreed_answers,
    assessment_input,
    has_agreed_answers,
    latest_rubric_version,
    limits_to_only,
    pilot_records_from_row,
    pilot_records_input,
    records_to_snapshot,
    rubric_for_assessment,
    rubric_for_version,
)


def _apply(instance: models.Model, data: Mapping[str, Any], allowed: tuple[str, ...]) -> list[str]:
    """Copy the allowed keys of `data` onto the instance; return the fields that changed."""
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise TypeError(f"{type(instance).__name__} has no editable fields {unknown}")
    changed = []
    for name, value in data.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _create[M: models.Model](model: type[M], allowed: tuple[str, ...], **fields: Any) -> M:
    instance = model(**{k: v for k, v in fields.items() if k not in allowed})
    _apply(instance, {k: v for k, v in fields.items() if k in allowed}, allowed)
    instance.full_clean()
    instance.save()
    return instance


def _update[M: models.Model](instance: M, data: Mapping[str, Any], allowed: tuple[str, ...]) -> M:
    changed = _apply(instance, data, allowed)
    if changed:
        instance.full_clean()
        instance.save(update_fields=changed)
    return instance


# Clients ---------------------------------------------------------------------------

CLIENT_FIELDS = ("name", "industry", "size_band", "is_own_company", "currency")


def client_create(
    *,
    workspace: Workspace,
    name: str,
    industry: str = "",
    size_band: str = "",
    is_own_company: bool = False,
    currency: str = "",
) -> Client:
    return _create(
        Client,
        CLIENT_FIELDS,
        workspace=workspace,
        name=name,
        industry=industry,
        size_band=size_band,
        is_own_company=is_own_company,
        currency=currency,
    )


def client_own_company(*, workspace: Workspace, currency: str = "") -> Client:
    """The workspace's own company ("My company"), made on first use with the workspace's
    name, and `currency`, when none exists."""
    client = Client.objects.filter(workspace=workspace, is_own_company=True).first()
    if client is not None:
        return client
    name = workspace.name
    if Client.objects.filter(workspace=workspace, name=name).exists():
        name = f"{name} (own company)"
    return client_create(workspace=workspace, name=name, is_own_company=True, currency=currency)


def client_update(*, client: Client, data: Mapping[str, Any]) -> Client:
    return _update(client, data, CLIENT_FIELDS)


@transaction.atomic
def client_delete(*, client: Client) -> None:
    """Delete a client with its pilots and their assessments.

    People limited to this client alone leave the workspace, and open invitations
    limited to it alone are withdrawn: an empty limit would open the whole workspace.
    Those limited to other clients too just lose this one.
    """
    for only_this in limits_to_only(client):
        only_this.model.objects.filter(pk__in=list(only_this.values_list("pk", flat=True))).delete()
    MembershipClient.objects.filter(client=client).delete()
    InvitationClient.objects.filter(client=client).delete()
    client.delete()


# Pilots ----------------------------------------------------------------------------

PILOT_FIELDS = ("name", "workflow", "problem", "weekly_volume", "stage", "prototype_effort_days")


def pilot_create(
    *,
    client: Client,
    name: str,
    workflow: str = "",
    problem: str = "",
    weekly_volume: int | None = None,
    stage: str = Pilot.Stage.PILOT,
    prototype_effort_days: float | None = None,
) -> Pilot:
    return _create(
        Pilot,
        PILOT_FIELDS,
        client=client,
        name=name,
        workflow=workflow,
        problem=problem,
        weekly_volume=weekly_volume,
        stage=stage,
        prototype_effort_days=prototype_effort_days,
    )


@transaction.atomic
@transaction.atomic
def pilot_update(*, pilot: Pilot, data: Mapping[str, Any]) -> Pilot:
    weekly_before = pilot.weekly_volume
    _update(pilot, data, PILOT_FIELDS)
    _items_per_month_follow(pilot, weekly_before)
    pilot_rescore_drafts(pilot)
    return pilot


def _items_per_month_follow(pilot: Pilot, weekly_before: int | None) -> None:
    """The value case's items per month, worked out from the weekly volume.

    Pilot basics asks for the volume a week; the value case needs it a month. The
    monthly figure follows the weekly one while it is empty or still the figure worked
    out from it; once someone types their own, it is theirs and is left alone.
    """
    weekly = pilot.weekly_volume
    if weekly is None or weekly == weekly_before:
        return
    value_case = ValueCase.objects.filter(pilot=pilot).first()
    if value_case is None:
        ValueCase.objects.create(pilot=pilot, items_per_month=monthly_from_weekly(weekly))
        return
    derived_before = None if weekly_before is None else monthly_from_weekly(weekly_before)
    if value_case.items_per_month is None or value_case.items_per_month == derived_before:
        value_case.items_per_month = monthly_from_weekly(weekly)
        value_case.save(update_fields=["items_per_month"])


def pilot_archive(*, pilot: Pilot) -> Pilot:
    """Hide a pilot from the lists, keeping its assessments and reports."""
    if pilot.archived_at is None:
        pilot.archived_at = timezone.now()
        pilot.save(update_fields=["archived_at", "updated_at"])
    return pilot


def pilot_unarchive(*, pilot: Pilot) -> Pilot:
    if pilot.archived_at is not None:
        pilot.archived_at = None
        pilot.save(update_fields=["archived_at", "updated_at"])
    return pilot


def pilot_delete(*, pilot: Pilot) -> None:
    """Delete a pilot with its records and assessments, for one created by mistake."""
    pilot.delete()


def pilot_rescore_drafts(pilot: Pilot) -> None:
    """Rescore the pilot's draft assessments after its records changed.

    Drafts read the live records, so they change whenever a record does; submitted
    assessments read their snapshot and are left alone.
    """
    for assessment in pilot.assessments.filter(status=Assessment.Status.DRAFT):
        assessment_refresh_score(assessment)


# Pilot records -----------------------------------------------------------------------

OWNER_FIELDS = ("name", "email", "role", "accountable", "hours_per_week", "in_using_team")
METRIC_FIELDS = (
    "name",
    "kind",
    "unit",
    "baseline",
    "target",
    "direction",
    "measurement",
    "deadline",
    "go_threshold",
)
INTEGRATION_FIELDS = ("system", "access", "status", "budgeted", "effort_days")
OVERSIGHT_FIELDS = (
    "review_mode",
    "confidence_threshold",
    "sample_percent",
    "monitor_runs",
    "monitor_actions",
    "monitor_quality",
    "alert_recipient",
    "escalation_path",
    "exception_handling",
)
CHANGE_PLAN_FIELDS = (
    "teams_affected",
    "involvement",
    "sponsor_name",
    "training_plan",
    "rollout_phases",
    "rollout_commitment",
)
VALUE_CASE_FIELDS = (
    "items_per_month",
    "minutes_saved_per_item",
    "hourly_cost",
    "build_cost",
    "monthly_run_cost",
)


@transaction.atomic
def owner_add(
    *,
    pilot: Pilot,
    name: str,
    email: str = "",
    role: str = "",
    accountable: bool = False,
    hours_per_week: float | None = None,
    in_using_team: bool = False,
) -> Owner:
    owner = _create(
        Owner,
        OWNER_FIELDS,
        pilot=pilot,
        name=name,
        email=email,
        role=role,
        accountable=accountable,
        hours_per_week=hours_per_week,
        in_using_team=in_using_team,
    )
    pilot_rescore_drafts(pilot)
    return owner


@transaction.atomic
def owner_update(*, owner: Owner, data: Mapping[str, Any]) -> Owner:
    _update(owner, data, OWNER_FIELDS)
    pilot_rescore_drafts(owner.pilot)
    return owner


@transaction.atomic
def metric_add(
    *,
    pilot: Pilot,
    name: str,
    kind: str = SuccessMetric.Kind.OUTCOME,
    unit: str = "",
    baseline: float | None = None,
    target: float | None = None,
    direction: str = SuccessMetric.Direction.INCREASE,
    measurement: str = "",
    deadline: date | None = None,
    go_threshold: float | None = None,
) -> SuccessMetric:
    metric = _create(
        SuccessMetric,
        METRIC_FIELDS,
        pilot=pilot,
        name=name,
        kind=kind,
        unit=unit,
        baseline=baseline,
        target=target,
        direction=direction,
        measurement=measurement,
        deadline=deadline,
        go_threshold=go_threshold,
    )
    pilot_rescore_drafts(pilot)
    return metric


@transaction.atomic
def metric_update(*, metric: SuccessMetric, data: Mapping[str, Any]) -> SuccessMetric:
    _update(metric, data, METRIC_FIELDS)
    pilot_rescore_drafts(metric.pilot)
    return metric


@transaction.atomic
def integration_add(
    *,
    pilot: Pilot,
    system: str,
    access: str = Integration.Access.READ,
    status: str = Integration.Status.NONE,
    budgeted: bool = False,
    effort_days: float | None = None,
) -> Integration:
    integration = _create(
        Integration,
        INTEGRATION_FIELDS,
        pilot=pilot,
        system=system,
        access=access,
        status=status,
        budgeted=budgeted,
        effort_days=effort_days,
    )
    pilot_rescore_drafts(pilot)
    return integration


@transaction.atomic
def integration_update(*, integration: Integration, data: Mapping[str, Any]) -> Integration:
    _update(integration, data, INTEGRATION_FIELDS)
    pilot_rescore_drafts(integration.pilot)
    return integration


@transaction.atomic
def record_remove(*, record: Owner | SuccessMetric | Integration) -> None:
    """Remove an owner, metric or integration from its pilot."""
    pilot = record.pilot
    record.delete()
    pilot_rescore_drafts(pilot)


def _save_one_to_one[M: models.Model](
    model: type[M], pilot: Pilot, data: Mapping[str, Any], allowed: tuple[str, ...]
) -> M:
    instance = model.objects.filter(pilot=pilot).first()
    if instance is None:
        instance = _create(model, allowed, pilot=pilot, **data)
    else:
        _update(instance, data, allowed)
    pilot_rescore_drafts(pilot)
    return instance


@transaction.atomic
def oversight_save(*, pilot: Pilot, data: Mapping[str, Any]) -> OversightPlan:
    """Create or update the pilot's oversight plan; keys are OversightPlan's fields."""
    return _save_one_to_one(OversightPlan, pilot, data, OVERSIGHT_FIELDS)


@transaction.atomic
def change_plan_save(*, pilot: Pilot, data: Mapping[str, Any]) -> ChangePlan:
    return _save_one_to_one(ChangePlan, pilot, data, CHANGE_PLAN_FIELDS)


@transaction.atomic
def value_case_save(*, pilot: Pilot, data: Mapping[str, Any]) -> ValueCase:
    return _save_one_to_one(ValueCase, pilot, data, VALUE_CASE_FIELDS)


# Rubric versions -----------------------------------------------------------------------


def rubric_sync(*, using: str = "default") -> list[RubricVersion]:
    """Store every rubric bundled with the code that the database does not have yet.

    Idempotent, so it runs after every `migrate`. A bundled file whose content differs
    from the stored version of the same number is an error: published versions are
    immutable, and the fix is to bump the version in the file.
    """
    versions = RubricVersion.objects.db_manager(using)
    stored = dict(versions.values_list("version", "sha256"))
    created = []
    for version, rubric in bundled_rubrics().items():
        if version in stored:
            if stored[version] != rubric_hash(rubric):
                raise RubricVersion.Immutable(
                    f"The bundled rubric {version} differs from the published one in the "
                    f"database. Published rubrics never change: give the file a new version."
                )
            continue
        created.append(
            versions.create(
                version=version,
                title=rubric.title,
                definition=rubric_to_dict(rubric),
                published_at=timezone.now(),
            )
        )
    return created


# Assessments ---------------------------------------------------------------------------


class DraftInProgress(Exception):
    """The pilot already has a draft assessment: carry on with it rather than start another."""

    def __init__(self, draft: Assessment) -> None:
        super().__init__(f"Pilot {draft.pilot_id} already has draft assessment {draft.pk}")
        self.draft = draft


def _open_draft(pilot: Pilot) -> Assessment | None:
    return Assessment.objects.filter(pilot=pilot, status=Assessment.Status.DRAFT).first()


@transaction.atomic
def assessment_start(
    *, pilot: Pilot, user: User | None, rubric: RubricVersion | None = None
) -> Assessment:
    """Start a draft assessment pinned to a rubric version, the newest unless given.

    A pilot has one draft at a time: if it has one already, DraftInProgress names it.
    """
    if rubric is None:
        try:
            rubric = latest_rubric_version()
        except RubricVersion.DoesNotExist:
            raise ValidationError(
                "No rubric is loaded yet. Run `manage.py migrate` (or `load_rubric`) first."
            ) from None
    # Starts of one pilot queue on its row, so the second sees the draft the first made.
    # NO KEY UPDATE leaves the pilot's records free to be added meanwhile.
    Pilot.objects.select_for_update(no_key=True).filter(pk=pilot.pk).values_list("pk").first()
    if (draft := _open_draft(pilot)) is not None:
        raise DraftInProgress(draft)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(pilot=pilot, rubric=rubric, started_by=user)
    except IntegrityError as error:
        # A draft made without taking the lock (the admin, a script) won the race.
        if (draft := _open_draft(pilot)) is None:
            raise
        raise DraftInProgress(draft) from error
    assessment_refresh_score(assessment)
    return assessment


def _progress_percent(scorecard: Scorecard, answered: int) -> int:
    # Applicable questions are those answered plus those the engine still lists as
    # unanswered; questions that do not apply to this pilot do not count against it.
    total = answered + len(scorecard.unanswered)
    return 100 if total == 0 else math.floor(100 * answered / total)


def assessment_refresh_score(
    assessment: Assessment, *, inp: AssessmentInput | None = None
) -> Scorecard:
    """Score the assessment and store the result on it; returns the scorecard.

    Cheap enough for every autosave: the rubric is parsed once per process, the input is
    read in a fixed number of queries, and the result is one UPDATE of a few columns. A
    caller that has just read the input under the assessment's lock passes it as `inp`,
    so it is not read twice.
    """
    if inp is None:
        inp = assessment_input(assessment)
    card = score(inp, rubric_for_assessment(assessment))
    unanswered = set(card.unanswered)
    answered = sum(1 for question_id in inp.answers if question_id not in unanswered)
    assessment.decision = card.decision
    assessment.overall_score = card.overall
    assessment.progress_percent = _progress_percent(card, answered)
    # A draft's scorecard changes with every autosave and is scored afresh wherever it is
    # shown, so only a submitted assessment stores it, frozen with its records.
    assessment.scorecard = scorecard_to_dict(card) if assessment.is_submitted else None
    assessment.scored_at = timezone.now()
    assessment.save(
        update_fields=["decision", "overall_score", "progress_percent", "scorecard", "scored_at"]
    )
    return card


_LOCK_STATUS = PreparedQuery(
    lambda assessment_id: (
        Assessment.objects.select_for_update()
        .filter(pk=assessment_id)
        .order_by()
        .values_list("status")
    ),
    int,
)


def _lock_draft(assessment: Assessment) -> None:
    """Lock the assessment's row for this transaction and insist it is still a draft.

    The lock serialises concurrent autosaves, so the last rescore always sees every
    answer; reading the status from the row catches an instance that went stale.
    """
    found = _LOCK_STATUS.rows(assessment.pk)
    if not found:
        raise Assessment.DoesNotExist(f"No assessment {assessment.pk}")
    _require_draft(found[0][0])


def _require_draft(status: str) -> None:
    if status != Assessment.Status.DRAFT:
        raise ValidationError("This assessment is final and can no longer change; start a new one.")


# A final assessment's answers can never change, and a report needs at least one.
NOTHING_TO_MAKE_FINAL = (
    "No question is answered yet, so there is nothing to make final: a final assessment "
    "with no answers could never get a report. Answer at least one question first."
)


@transaction.atomic
def assessment_submit(*, assessment: Assessment) -> Assessment:
    """Submit the assessment, freezing the pilot's records as they are now. One with no
    answer of its own is refused."""
    _lock_draft(assessment)
    if not has_agreed_answers(assessment):
        raise ValidationError(NOTHING_TO_MAKE_FINAL)
    assessment.snapshot = records_to_snapshot(pilot_records_input(assessment.pilot_id))
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["snapshot", "status", "submitted_at"])
    assessment_refresh_score(assessment)
    return assessment


def assessment_set_section(*, assessment: Assessment, section: str) -> Assessment:
    """Remember where the questionnaire was left, so it resumes there."""
    if assessment.current_section != section:
        assessment.current_section = section
        assessment.save(update_fields=["current_section"])
    return assessment


# Import --------------------------------------------------------------------------------


def _at(path: str, error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{path}.{field}: {message}" if field != "__all__" else f"{path}: {message}"
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [f"{path}: {message}" for message in error.messages]


def _imported_pilot_name(client: Client, name: str) -> str:
    """The file's pilot name or, when the client already has a pilot of that name, the
    name with the day it was imported: "Lead replies (imported 22 Nov)"."""
    name = name.strip()
    taken = set(client.pilots.values_list("sort_name", flat=True))
    if not name or name_sort_key(name) not in taken:
        return name
    day = dateformat.format(timezone.localdate(), "j M")
    longest = Pilot._meta.get_field("name").max_length
    suffixes = itertools.chain(
        [f" (imported {day})"], (f" (imported {day}, {n})" for n in itertools.count(2))
    )
    candidates = (name[: longest - len(suffix)].rstrip() + suffix for suffix in suffixes)
    return next(candidate for candidate in candidates if name_sort_key(candidate) not in taken)


class ImportInto(StrEnum):
    """Where an imported file goes when no client is chosen for it by hand."""

    FILE_CLIENT = "file"
    OWN_COMPANY = "own"


@transaction.atomic
def assessment_import(
    *,
    workspace: Workspace,
    parsed: ParsedAssessment,
    rubric: RubricVersion,
    user: User | None = None,
    clients: models.QuerySet[Client] | None = None,
    into: Client | ImportInto = ImportInto.FILE_CLIENT,
) -> Assessment:
    """Create a pilot and a draft assessment under the client `into` names.

    `into` is an existing client of the workspace, the workspace's own company, or the
    client the file names: the one of that name (read alike whatever its case, accents
    and spacing), or a new one. A file that names no client goes to the own company.

    With `clients` (someone limited to some clients importing), the client must be one
    of them: no client is created, and no other one is reached by its name.

    A new client takes the file's currency, or the workspace's default when the file
    names none. A client reused without a currency takes the file's, unless `clients`
    is given: someone limited to some clients may not change a client, so it is left
    without one. A client already in another currency refuses the file, since its
    amounts would be read in the wrong one.

    The action plan's steps keep their owner, due date and status where the new
    assessment's plan has the same step; any other step in the file is left out.

    All or nothing: any record the database refuses raises one ValidationError listing
    every problem by its path in the file, and nothing is kept.
    """
    inp = parsed.assessment
    problems: list[str] = []

    def attempt(path: str, create, **fields):
        try:
            return create(**fields)
        except ValidationError as error:
            problems.extend(_at(path, error))
            return None

    known = Client.objects.filter(workspace=workspace) if clients is None else clients
    client_name = parsed.client.strip()
    to_own_company = into == ImportInto.OWN_COMPANY or (
        into == ImportInto.FILE_CLIENT and not client_name
    )
    if isinstance(into, Client):
        client = known.filter(pk=into.pk).first()
    elif to_own_company:
        client = known.filter(is_own_company=True).first()
    else:
        client = known.filter(sort_name=name_sort_key(client_name)).order_by("id").first()
    # Someone limited to some clients creates none, nor reaches another by its name.
    if client is None and isinstance(into, Client):
        raise ValidationError(f"Choose a client you can import into: {_names(known)}.")
    if client is None and clients is not None and to_own_company:
        raise ValidationError(
            "Your own company is not one of the clients you can import into. "
            f"Choose one of yours under “Import into”: {_names(clients)}."
        )
    if client is None and clients is not None:
        raise ValidationError(
            f"client: is {client_name}, which is not a client you can import into. "
            f"Name one of yours in the file, or choose it under “Import into”: "
            f"{_names(clients)}."
        )
    currency = parsed.currency or workspace.default_currency
    if client is None and to_own_company:
        client = attempt("client", client_own_company, workspace=workspace, currency=currency)
    elif client is None:
        client = attempt(
            "client", client_create, workspace=workspace, name=client_name, currency=currency
        )
    elif parsed.currency and client.currency and parsed.currency != client.currency:
        problems.append(
            f"currency: is {parsed.currency}, but {client.name} already has its amounts "
            f"in {client.currency}. Change the currency in the file, or import it under "
            "another client."
        )
    elif parsed.currency and not client.currency and clients is None:
        attempt("currency", client_update, client=client, data={"currency": parsed.currency})
    pilot = client and attempt(
        "pilot",
        pilot_create,
        client=client,
        **{**asdict(inp.pilot), "name": _imported_pilot_name(client, inp.pilot.name)},
    )
    if pilot is None:
        raise ValidationError(problems)
    for index, owner in enumerate(inp.owners):
        attempt(f"owners[{index}]", owner_add, pilot=pilot, **asdict(owner))
    for index, metric in enumerate(inp.metrics):
        attempt(f"metrics[{index}]", metric_add, pilot=pilot, **asdict(metric))
    for index, integration in enumerate(inp.integrations):
        attempt(f"integrations[{index}]", integration_add, pilot=pilot, **asdict(integration))
    for name, record, save in (
        ("oversight", inp.oversight, oversight_save),
        ("change_plan", inp.change_plan, change_plan_save),
        ("value_case", inp.value_case, value_case_save),
    ):
        if record is not None:
            attempt(name, save, pilot=pilot, data=asdict(record))
    if problems:
        raise ValidationError(problems)

    assessment = assessment_start(pilot=pilot, user=user, rubric=rubric)
    # An answer with neither a value nor "not sure" is the same as no answer.
    Answer.objects.bulk_create(
        Answer(
            assessment=assessment,
            question_id=answer.question_id,
            value=answer.value,
            not_sure=answer.not_sure,
            evidence=answer.evidence,
            answered_by=user,
        )
        for answer in inp.answers.values()
        if answer.not_sure or answer.value is not None
    )
    _import_people(assessment, parsed.people)
    plan = {action.criterion_id for action in assessment_refresh_score(assessment).actions}
    # Only steps of the new plan take their owner, date and status; the rest are left out.
    for index, action in enumerate(parsed.actions):
        if action.criterion_id in plan:
            attempt(
                f"actions[{index}]",
                action_item_update,
                assessment=assessment,
                criterion_id=action.criterion_id,
                data={
                    "owner_name": action.owner_name,
                    "due_date": action.due_date,
                    "status": action.status,
                },
            )
    if problems:
        raise ValidationError(problems)
    return assessment


def _names(clients: models.QuerySet[Client]) -> str:
    return ", ".join(clients.order_by("sort_name").values_list("name", flat=True))


def _import_people(assessment: Assessment, people: Sequence[PersonIn]) -> None:
    """The people who answered on their own, each with a new link to answer by.

    The workshop starts afresh: no imported answer is settled until the room agrees
    on it here.
    """
    now = timezone.now()
    created = Respondent.objects.bulk_create(
        Respondent(
            assessment=assessment,
            name=person.name,
            email=person.email,
            role=person.role,
            invite_token=Respondent.new_invite_token(),
            finished_at=now if person.finished else None,
        )
        for person in people
    )
    Answer.objects.bulk_create(
        Answer(
            assessment=assessment,
            respondent=respondent,
            question_id=answer.question_id,
            value=answer.value,
            not_sure=answer.not_sure,
            evidence=answer.evidence,
        )
        for respondent, person in zip(created, people, strict=True)
        for answer in person.answers.values()
        if answer.not_sure or answer.value is not None
    )


# Respondents ---------------------------------------------------------------------------

RESPONDENT_FIELDS = ("name", "email", "role")


@transaction.atomic
def respondent_add(
    *,
    assessment: Assessment,
    name: str,
    email: str = "",
    role: str = "",
    user: User | None = None,
) -> Respondent:
    """Add a person who answers on their own, with a link of their own to answer by.

    Only a draft takes new people: a final assessment's answers are settled. A name
    already asked (whatever its case, accents and spacing) is refused, unless a role is
    given that differs from theirs: everyone must be able to tell the two apart. An
    email already given for someone asked (whatever its case) is refused too: it is the
    same person under another name, whose answers would count twice.
    """
    _lock_draft(assessment)
    errors = {}
    for other in assessment.respondents.only("name", "email", "role"):
        if "name" not in errors and cannot_tell_apart(name, role, other.name, other.role):
            errors["name"] = (
                f"{other.name} is already asked to answer. If this is someone "
                "else of the same name, give their role too, different from the other "
                "person's, so everyone can tell them apart."
            )
        if "email" not in errors and same_email(email, other.email):
            who = f"{other.name} ({other.role})" if other.role else other.name
            errors["email"] = (
                f"{who} is already asked with this email. Each person answers "
                "once: give this person their own email, or leave it empty."
            )
    if errors:
        raise ValidationError(errors)
    return _create(
        Respondent,
        RESPONDENT_FIELDS,
        assessment=assessment,
        user=user,
        name=name,
        email=email,
        role=role,
    )


@transaction.atomic
def respondent_new_link(*, respondent: Respondent) -> Respondent:
    """Replace the person's link: the old one stops working at once. Only on a draft:
    once final, the link they have is how they see what they answered."""
    _lock_draft(respondent.assessment)
    respondent.invite_token = Respondent.new_invite_token()
    respondent.save(update_fields=["invite_token"])
    return respondent


@transaction.atomic
def respondent_remove(*, respondent: Respondent) -> None:
    """Remove the person and their answers; the agreed answers stay as they are."""
    _lock_draft(respondent.assessment)
    respondent.delete()


@transaction.atomic
def respondent_answer_save(
    *,
    respondent: Respondent,
    question: Question,
    value: Any,
    not_sure: bool,
    evidence: str,
    user: User | None = None,
) -> Answer:
    """Save one of the person's own answers. Their answers are never scored.

    An answer saved again unchanged is left alone, with whoever gave it: saving a section
    re-sends every answer in it, and the team reads the answer's time as when the person
    last changed it.
    """
    _lock_draft(respondent.assessment)
    value = answer_validate(
        rubric_questions={question.id: question},
        question_id=question.id,
        value=value,
        not_sure=not_sure,
    )
    fields = {
        "value": value,
        "not_sure": not_sure,
        "evidence": evidence.strip(),
        "answered_by": user,
    }
    answer = Answer.objects.filter(
        assessment_id=respondent.assessment_id, respondent=respondent, question_id=question.id
    ).first()
    if answer is None:
        return Answer.objects.create(
            assessment_id=respondent.assessment_id,
            respondent=respondent,
            question_id=question.id,
            **fields,
        )
    if all(getattr(answer, name) == fields[name] for name in ("value", "not_sure", "evidence")):
        return answer
    for name, wanted in fields.items():
        setattr(answer, name, wanted)
    answer.save(update_fields=[*fields, "updated_at"])
    return answer


@transaction.atomic
def respondent_answer_clear(*, respondent: Respondent, question_id: str) -> None:
    _lock_draft(respondent.assessment)
    Answer.objects.filter(
        assessment_id=respondent.assessment_id, respondent=respondent, question_id=question_id
    ).delete()


@transaction.atomic
def respondent_finish(*, respondent: Respondent) -> Respondent:
    """Record that the person has answered what they can; they may still change answers."""
    _lock_draft(respondent.assessment)
    respondent.finished_at = timezone.now()
    respondent.save(update_fields=["finished_at"])
    return respondent


# Answers -------------------------------------------------------------------------------


def _value_error(question: Question, value: Any) -> str | None:
    """Why the value is not a valid answer to the question, or None when it is."""
    if question.type == "yes_no":
        return None if isinstance(value, bool) else "Answer yes or no."
    if question.type == "choice":
        if isinstance(value, str) and question.option(value) is not None:
            return None
        allowed = ", ".join(option.value for option in question.options)
        return f"Choose one of the offered answers ({allowed}); got {value!r}."
    if question.type == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"Enter a number; got {value!r}."
        if not math.isfinite(value):
            return "Enter a finite number."
        if question.min is not None and value < question.min:
            return f"Enter a number of at least {question.min:g}."
        if question.max is not None and value > question.max:
            return f"Enter a number no greater than {question.max:g}."
        return None
    if question.type == "text":
        return None if isinstance(value, str) else f"Enter text; got {value!r}."
    return f"Questions of type {question.type!r} cannot be answered."


def answer_validate(
    *, rubric_questions: Mapping[str, Question], question_id: str, value: Any, not_sure: bool
) -> Any:
    """Check an answer against the rubric and return the value to store."""
    question = rubric_questions.get(question_id)
    if question is None:
        raise ValidationError({"question_id": f"There is no question {question_id!r}."})
    if not_sure:
        if not question.not_sure:
            raise ValidationError({"not_sure": "This question needs an answer."})
        if question.type != "number" or value is None or value == "":
            return None
        # A number beside "not sure" is kept to show again when it is unticked; the
        # engine never scores the value of a "not sure" answer.
        error = _value_error(question, value)
        if error is not None:
            raise ValidationError({"value": error})
        return value
    if isinstance(value, str) and question.type != "text":
        value = value.strip()
    if value is None or value == "":
        raise ValidationError({"value": "Give an answer, or say you are not sure."})
    error = _value_error(question, value)
    if error is not None:
        raise ValidationError({"value": error})
    return value.strip() if isinstance(value, str) else value


@dataclass(frozen=True)
class AnswerChange:
    """An agreed answer saved or cleared, with the input and scorecard it led to.

    The questionnaire renders the live scorecard and progress from these, so it need
    not read the assessment again after the write.
    """

    previous: AnswerIn | None  # the answer before the change, None if there was none
    inp: AssessmentInput
    card: Scorecard
    # The answers still as carried from an earlier assessment after the change (question
    # id → that assessment's id), and whether the changed answer was one of them.
    carried: Mapping[str, int] = field(default_factory=dict)
    was_carried: bool = False


@transaction.atomic
def answer_save(
    *,
    assessment: Assessment,
    question_id: str,
    value: Any,
    not_sure: bool = False,
    evidence: str = "",
    user: User | None,
    respondent: Respondent | None = None,
) -> Answer:
    """Save one answer and, for the agreed answer, rescore the assessment.

    Nothing is saved when the answer is invalid for the assessment's rubric.
    """
    if respondent is None:
        agreed_answer_save(
            assessment=assessment,
            question_id=question_id,
            value=value,
            not_sure=not_sure,
            evidence=evidence,
            user=user,
        )
        return Answer.objects.get(assessment=assessment, respondent=None, question_id=question_id)
    if respondent.assessment_id != assessment.pk:
        raise ValidationError({"respondent": "That person is not part of this assessment."})
    question = rubric_for_assessment(assessment).questions_by_id.get(question_id)
    if question is None:
        raise ValidationError({"question_id": f"There is no question {question_id!r}."})
    return respondent_answer_save(
        respondent=respondent,
        question=question,
        value=value,
        not_sure=not_sure,
        evidence=evidence,
        user=user,
    )


# The draft's status and its pilot's own row, read as the draft's row is locked.
_LOCKED_DRAFT_AND_PILOT = PreparedQuery(
    lambda assessment_id: (
        Assessment.objects.select_for_update(of=("self",))
        .filter(pk=assessment_id)
        .order_by()
        .values_list("status", "pilot_id", *(f"pilot__{c}" for c in PILOT_ROW_COLUMNS))
    ),
    int,
)


def _lock_draft_and_read(
    assessment: Assessment,
) -> tuple[dict[str, Any], dict[str, AnswerIn], dict[str, int]]:
    """Lock the draft as `_lock_draft` does, then read its records and agreed answers,
    with which answers are still as carried from an earlier assessment.

    Reading after the lock is what lets the rescore that follows see every answer
    committed before it. The pilot's own row comes with the lock, in the same query.
    """
    found = _LOCKED_DRAFT_AND_PILOT.rows(assessment.pk)
    if not found:
        raise Assessment.DoesNotExist(f"No assessment {assessment.pk}")
    status, pilot_id, *pilot_row = found[0]
    _require_draft(status)
    records = pilot_records_from_row(tuple(pilot_row), pilot_id)
    return records, *agreed_answers(assessment)


def _agreed(assessment: Assessment, question_id: str) -> models.QuerySet[Answer]:
    return Answer.objects.filter(assessment=assessment, respondent=None, question_id=question_id)


class AgreedAnswerChanged(Exception):
    """The agreed answer changed after the page that would replace it was loaded."""

    def __init__(self, current: AnswerIn | None, version: AgreedVersion | None) -> None:
        super().__init__("The agreed answer changed since the page was loaded")
        self.current = current
        self.settled = version is not None and version.settled


@transaction.atomic
def agreed_answer_save(
    *,
    assessment: Assessment,
    question_id: str,
    value: Any,
    not_sure: bool = False,
    evidence: str | None = "",
    user: User | None,
    settled: bool = False,
    shown_version: str | None = None,
) -> AnswerChange:
    """Save the assessment's own answer to one question and rescore it.

    The input is read once under the lock and reused for the rescore, so an autosave
    costs one read of the assessment rather than two. Saving an answer carried from an
    earlier assessment makes it this assessment's own: it is no longer marked.
    `evidence=None` keeps the evidence already given, as a workshop does when the room
    settles the answer but not the evidence.

    `settled` says the room has just agreed on this answer (a workshop, or adopting a
    person's answer). Any other save that changes the answer unsettles it; one that
    leaves it as it was, such as an autosave sending it again, keeps it settled.

    `shown_version` is the version of the agreed answer the page showed ("" for none):
    if the answer has changed since, and this save would change it again, nothing is
    saved and AgreedAnswerChanged says what it is now.
    """
    records, answers, carried = _lock_draft_and_read(assessment)
    questions = rubric_for_assessment(assessment).questions_by_id
    value = answer_validate(
        rubric_questions=questions, question_id=question_id, value=value, not_sure=not_sure
    )
    previous = answers.get(question_id)
    if shown_version is not None:
        # Read under the lock: two rooms agreeing at once are told apart here.
        now = agreed_answer_version(assessment, question_id)
        changed = (now.version if now else "") != shown_version
        if changed and (
            previous is None or (previous.value, previous.not_sure) != (value, not_sure)
        ):
            raise AgreedAnswerChanged(previous, now)
    if evidence is None:
        evidence = previous.evidence if previous is not None else ""
    evidence = evidence.strip()
    fields = {
        "value": value,
        "not_sure": not_sure,
        "evidence": evidence,
        "answered_by": user,
        "carried_from": None,
    }
    if settled:
        fields["settled_at"] = timezone.now()
    elif previous is None or (previous.value, previous.not_sure) != (value, not_sure):
        fields["settled_at"] = None
    # The row lock serialises every writer of this assessment's agreed answers, so the
    # rows read above are still current and the unique constraint cannot be raced.
    if previous is None:
        Answer.objects.create(
            assessment=assessment, respondent=None, question_id=question_id, **fields
        )
    else:
        _agreed(assessment, question_id).update(**fields, updated_at=timezone.now())
    answers[question_id] = AnswerIn(question_id, value, not_sure, evidence)
    was_carried = carried.pop(question_id, None) is not None
    assessment_set_section(assessment=assessment, section=questions[question_id].section)
    inp = AssessmentInput(**records, answers=answers)
    card = assessment_refresh_score(assessment, inp=inp)
    return AnswerChange(previous, inp, card, carried, was_carried)


@transaction.atomic
def answer_clear(
    *, assessment: Assessment, question_id: str, respondent: Respondent | None = None
) -> None:
    """Take an answer back, leaving the question unanswered."""
    if respondent is None:
        agreed_answer_clear(assessment=assessment, question_id=question_id)
        return
    _lock_draft(assessment)
    Answer.objects.filter(
        assessment=assessment, respondent=respondent, question_id=question_id
    ).delete()


@transaction.atomic
def agreed_answer_clear(*, assessment: Assessment, question_id: str) -> AnswerChange:
    """Take the assessment's own answer back and rescore it if there was one."""
    records, answers, carried = _lock_draft_and_read(assessment)
    previous = answers.pop(question_id, None)
    was_carried = carried.pop(question_id, None) is not None
    inp = AssessmentInput(**records, answers=answers)
    if previous is None:
        # Nothing stored changed, so the stored result stands; score only to show it.
        card = score(inp, rubric_for_assessment(assessment))
        return AnswerChange(None, inp, card, carried)
    _agreed(assessment, question_id).delete()
    card = assessment_refresh_score(assessment, inp=inp)
    return AnswerChange(previous, inp, card, carried, was_carried)


@transaction.atomic
def agreed_answer_adopt(
    *,
    assessment: Assessment,
    respondent: Respondent,
    question_id: str,
    user: User | None,
    shown_version: str | None = None,
) -> AnswerChange:
    """Make one person's answer the assessment's own, as a workshop agrees on it."""
    if respondent.assessment_id != assessment.pk:
        raise ValidationError("That person is not part of this assessment.")
    answer = Answer.objects.filter(
        assessment=assessment, respondent=respondent, question_id=question_id
    ).first()
    if answer is None:
        raise ValidationError(f"{respondent.name} has not answered this question.")
    return agreed_answer_save(
        assessment=assessment,
        question_id=question_id,
        value=answer.value,
        not_sure=answer.not_sure,
        evidence=answer.evidence,
        user=user,
        settled=True,
        shown_version=shown_version,
    )


# Reassessment: starting from the last assessment's answers ------------------------------


@dataclass(frozen=True)
class CarriedAnswers:
    """What carrying answers into a new assessment did."""

    carried: int  # copied, and marked as from last time until reviewed
    left_out: int  # not copied: the question is gone, or the answer no longer fits it


@transaction.atomic
def assessment_carry_answers(*, assessment: Assessment, source: Assessment) -> CarriedAnswers:
    """Copy an earlier assessment's agreed answers into a draft of the same pilot.

    Only answers to questions the draft's rubric still asks, with values that are
    still valid for them (the rubric may have moved on), are copied, with their
    evidence and "not sure", and each names its source until someone saves or confirms
    it. People's own answers stay with the assessment they answered. A question the
    draft has already answered keeps its answer. The draft is rescored once.
    """
    if source.pilot_id != assessment.pilot_id or source.pk == assessment.pk:
        raise ValidationError("Answers can only come from another assessment of the same pilot.")
    _lock_draft(assessment)
    questions = rubric_for_assessment(assessment).questions_by_id
    answered = set(
        Answer.objects.filter(assessment=assessment, respondent=None).values_list(
            "question_id", flat=True
        )
    )
    copies, left_out = [], 0
    for answer in Answer.objects.filter(assessment=source, respondent=None).order_by("question_id"):
        if answer.question_id in answered:
            left_out += 1
            continue
        try:
            value = answer_validate(
                rubric_questions=questions,
                question_id=answer.question_id,
                value=answer.value,
                not_sure=answer.not_sure,
            )
        except ValidationError:
            left_out += 1
            continue
        copies.append(
            Answer(
                assessment=assessment,
                respondent=None,
                question_id=answer.question_id,
                value=value,
                not_sure=answer.not_sure,
                evidence=answer.evidence.strip(),
                answered_by_id=answer.answered_by_id,
                carried_from=source,
            )
        )
    Answer.objects.bulk_create(copies)
    assessment_refresh_score(assessment)
    return CarriedAnswers(carried=len(copies), left_out=left_out)


@transaction.atomic
def carried_answers_confirm(
    *, assessment: Assessment, section: str, user: User | None
) -> list[str]:
    """Confirm that the answers from last time shown in one section still hold.

    They become this assessment's own, confirmed by the user; their values do not
    change, so neither does the score. An answer to a question the section does not
    show (skip logic) stays marked: nobody has seen it. Returns the questions confirmed.
    """
    records, answers, carried = _lock_draft_and_read(assessment)
    inp = AssessmentInput(**records, answers=answers)
    on_show = carried_in_section(rubric_for_assessment(assessment), section, inp, carried)
    Answer.objects.filter(assessment=assessment, respondent=None, question_id__in=on_show).update(
        carried_from=None, answered_by=user, updated_at=timezone.now()
    )
    return on_show


# Action plan ---------------------------------------------------------------------------

ACTION_FIELDS = ("owner_name", "due_date", "status", "notes")


@transaction.atomic
def action_item_update(
    *, assessment: Assessment, criterion_id: str, data: Mapping[str, Any]
) -> ActionItem:
    """Set the owner, due date, status or notes of one action of the plan.

    The plan itself comes from the scorecard; a row exists only once someone has
    given an action an owner, a date or a status. `criterion_id` is the action's
    identity: a criterion's id for a fix, a stop step's id for what a Stop calls for.
    """
    if not is_action_id(criterion_id, rubric_for_version(assessment.rubric_id)):
        raise ValidationError({"criterion_id": f"There is no action {criterion_id!r}."})
    action = ActionItem.objects.filter(assessment=assessment, criterion_id=criterion_id).first()
    if action is None:
        return _create(
            ActionItem, ACTION_FIELDS, assessment=assessment, criterion_id=criterion_id, **data
        )
    return _update(action, data, ACTION_FIELDS)


@transaction.atomic
def action_items_update(
    *, assessment: Assessment, changes: Mapping[str, Mapping[str, Any]]
) -> list[ActionItem]:
    """Update several actions of the plan at once, by action id; all or none are saved."""
    return [
        action_item_update(assessment=assessment, criterion_id=criterion_id, data=data)
        for criterion_id, data in changes.items()
    ]


@transaction.atomic
def assessment_carry_actions(*, assessment: Assessment, source: Assessment) -> int:
    """Carry the source's open actions into a reassessment of the same pilot.

    Each open action keeps its owner, due date and notes, matched by the action's
    identity (a criterion's id, or a stop step's), provided the draft's rubric still
    knows it; done ones stay behind. An action the draft already has keeps its own.
    Returns how many were carried.
    """
    if source.pilot_id != assessment.pilot_id or source.pk == assessment.pk:
        raise ValidationError("Actions can only come from another assessment of the same pilot.")
    _lock_draft(assessment)
    rubric = rubric_for_version(assessment.rubric_id)
    present = set(assessment.actions.values_list("criterion_id", flat=True))
    copies = [
        ActionItem(
            assessment=assessment,
            criterion_id=item.criterion_id,
            owner_name=item.owner_name,
            due_date=item.due_date,
            notes=item.notes,
        )
        for item in source.actions.filter(status=ActionItem.Status.OPEN)
        if item.criterion_id not in present and is_action_id(item.criterion_id, rubric)
    ]
    ActionItem.objects.bulk_create(copies)
    return len(copies)
