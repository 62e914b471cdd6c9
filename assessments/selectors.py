"""Reads that pages, reports and commands share.

Every function here runs a fixed number of queries whatever the number of rows, so a
page listing fifty pilots costs the same as one listing five.
"""

import functools
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from accounts.models import Invitation, Membership, Workspace
from readiness.prepared import PreparedQuery

from .comparison import Comparison, answer_changes, compare
from .disagreement import Spread, people_of, spread
from .interchange import ActionIn, ParsedAssessment, PersonIn, assessment_input_to_json
from .models import (
    Answer,
    Assessment,
    Client,
    Integration,
    Owner,
    Pilot,
    Respondent,
    RubricVersion,
    SuccessMetric,
)
from .questionnaire import applies
from .rubric.loader import rubric_from_dict
from .rubric.model import Rubric
from .scoring import inputs as engine
from .scoring.engine import score
from .scoring.scorecard import Scorecard

# Published rubric versions never change, so a parsed Rubric can be kept for the life of
# the process. Keyed by content hash rather than id, so a reused id can never serve a
# stale rubric.
_RUBRICS: dict[str, Rubric] = {}


def rubric_for_version(rubric_version_id: int) -> Rubric:
    """The parsed rubric of one stored version, parsed once per process."""
    sha256 = RubricVersion.objects.values_list("sha256", flat=True).get(pk=rubric_version_id)
    return _rubric_by_hash(rubric_version_id, sha256)


def rubric_for_assessment(assessment: Assessment) -> Rubric:
    """The assessment's parsed rubric, without a query when its version row came with it.

    The access helpers read the version (less its definition) along with the
    assessment, so its content hash is already at hand.
    """
    if not Assessment.rubric.is_cached(assessment):
        return rubric_for_version(assessment.rubric_id)
    return _rubric_by_hash(assessment.rubric_id, assessment.rubric.sha256)


def _rubric_by_hash(rubric_version_id: int, sha256: str) -> Rubric:
    rubric = _RUBRICS.get(sha256)
    if rubric is None:
        definition = RubricVersion.objects.values_list("definition", flat=True).get(
            pk=rubric_version_id
        )
        rubric = _RUBRICS[sha256] = rubric_from_dict(definition)
    return rubric


def latest_rubric_version() -> RubricVersion:
    """The newest published version, which new assessments are pinned to."""
    return RubricVersion.objects.filter(published_at__isnull=False).defer("definition").latest()


def _seen_by(queryset: QuerySet, membership: Membership | None, client: str) -> QuerySet:
    """The rows of the clients the membership sees: all, unless it is limited to some.

    `client` is the path from the rows to their client ("" for clients themselves).
    """
    if membership is None or not membership.is_limited:
        return queryset
    return queryset.filter(**{f"{client}membership_limits__membership": membership})


def clients_for_workspace(
    workspace: Workspace, *, membership: Membership | None = None, archived: bool = False
) -> QuerySet[Client]:
    """The workspace's clients, each with its number of current pilots (all pilots with
    `archived`) and of archived ones; with a membership, only the clients it may see."""
    counted = Q() if archived else Q(pilots__archived_at__isnull=True)
    return _seen_by(
        Client.objects.filter(workspace=workspace)
        .annotate(
            pilot_count=Count("pilots", filter=counted),
            archived_count=Count("pilots", filter=Q(pilots__archived_at__isnull=False)),
        )
        .order_by("-is_own_company", "sort_name", "id"),
        membership,
        "",
    )


# The portfolio's filter by each pilot's latest decision; "unassessed" is a pilot with no
# assessment or none answered yet.
UNASSESSED = "unassessed"
# The portfolio's orders: by client and pilot name, or the most recently active first.
BY_NAME = "name"
BY_ACTIVITY = "activity"


def pilot_activity() -> Greatest:
    """When anything last happened to a pilot: its own details, an assessment started or
    made final, or any answer given (a person's own included)."""
    last_answer = (
        Answer.objects.filter(assessment__pilot=OuterRef("pk"))
        .order_by("-updated_at")
        .values("updated_at")[:1]
    )
    # Each part falls back on the pilot's own time: SQLite's greatest of a NULL is NULL.
    return Greatest(
        "updated_at",
        Coalesce(Subquery(last_answer), "updated_at"),
        Coalesce(_latest_assessment("started_at"), "updated_at"),
        Coalesce(_latest_assessment("submitted_at"), "updated_at"),
    )


def portfolio_pilots(
    workspace: Workspace,
    *,
    search: str = "",
    decision: str = "",
    membership: Membership | None = None,
    archived: bool = False,
    sort: str = BY_NAME,
) -> QuerySet:
    """The workspace's current pilots (archived ones too with `archived`) whose name or
    client's name holds `search`, and whose latest assessment reached `decision` (any
    when empty); with a membership, only those of the clients it may see. Sorted by name
    or, with `sort=BY_ACTIVITY`, the most recently active first, each with `last_activity`.
    """
    pilots = pilots_for_workspace(workspace, membership=membership, include_archived=archived)
    if search:
        pilots = pilots.filter(Q(name__icontains=search) | Q(client__name__icontains=search))
    if decision == UNASSESSED:
        pilots = pilots.filter(Q(latest_assessment_id__isnull=True) | Q(latest_progress=0))
    elif decision:
        pilots = pilots.filter(latest_decision=decision, latest_progress__gt=0)
    if sort == BY_ACTIVITY:
        pilots = pilots.annotate(last_activity=pilot_activity()).order_by(
            "-last_activity", "sort_name", "id"
        )
    return pilots


def portfolio_counts(
    workspace: Workspace,
    *,
    search: str = "",
    membership: Membership | None = None,
    archived: bool = False,
) -> dict[str, int]:
    """How many current pilots (archived too with `archived`, matching `search`) stand
    at each latest decision."""
    rows = (
        portfolio_pilots(workspace, search=search, membership=membership, archived=archived)
        .annotate(
            standing=Case(
                When(latest_progress__gt=0, then=F("latest_decision")),
                default=Value(UNASSESSED),
                output_field=CharField(),
            )
        )
        .order_by()
        .values("standing")
        .annotate(n=Count("id"))
    )
    return {row["standing"]: row["n"] for row in rows}


def portfolio_clients(
    workspace: Workspace,
    *,
    search: str = "",
    decision: str = "",
    membership: Membership | None = None,
    archived: bool = False,
    sort: str = BY_NAME,
) -> QuerySet:
    """The clients to list: all of them, or those the search or filter finds.

    A client whose own name matches is listed even with no pilot yet, unless a decision
    is asked for. Sorted by activity, a client comes in at its most recently active
    pilot (archived ones only with `archived`), or when it was added if it has none.
    """
    clients = clients_for_workspace(workspace, membership=membership, archived=archived)
    pilots = functools.partial(
        portfolio_pilots, workspace, membership=membership, archived=archived
    )
    if decision:
        clients = clients.filter(
            id__in=pilots(search=search, decision=decision).values("client_id")
        )
    elif search:
        clients = clients.filter(
            Q(name__icontains=search) | Q(id__in=pilots(search=search).values("client_id"))
        )
    if sort == BY_ACTIVITY:
        latest = pilots(sort=BY_ACTIVITY).filter(client=OuterRef("pk")).values("last_activity")[:1]
        clients = clients.annotate(last_activity=Coalesce(Subquery(latest), "created_at")).order_by(
            "-last_activity", "sort_name", "id"
        )
    return clients


def limits_to_only(client: Client) -> tuple[QuerySet[Membership], QuerySet[Invitation]]:
    """The memberships and open invitations limited to this client and no other."""
    others = Client.objects.exclude(pk=client.pk)
    return (
        Membership.objects.filter(client_limits__client=client).exclude(
            client_limits__client__in=others
        ),
        Invitation.objects.filter(client_limits__client=client, accepted_at__isnull=True).exclude(
            client_limits__client__in=others
        ),
    )


@dataclass(frozen=True)
class DeletionCounts:
    """What deleting a client or a pilot takes with it."""

    assessments: int
    # The people asked to answer on their own, and the answers they gave.
    people: int
    people_answers: int
    reports: int
    # Only for a client: a pilot is itself what goes.
    pilots: int = 0
    # Of those pilots, the archived ones: off the dashboard, but deleted all the same.
    archived_pilots: int = 0


def deletion_counts(*, client: Client | None = None, pilot: Pilot | None = None) -> DeletionCounts:
    """What deleting a client or a pilot takes with it: pilots, assessments, the people
    asked to answer on their own with their answers, and reports. Three queries."""
    pilots = Pilot.objects.filter(pk=pilot.pk) if pilot is not None else client.pilots.all()
    counts = Assessment.objects.filter(pilot__in=pilots).aggregate(
        assessments=Count("id", distinct=True),
        people=Count("respondents", distinct=True),
        reports=Count("reports", distinct=True),
    )
    people_answers = Answer.objects.filter(
        assessment__pilot__in=pilots, respondent__isnull=False
    ).count()
    if pilot is not None:
        return DeletionCounts(**counts, people_answers=people_answers)
    of_client = pilots.aggregate(
        pilots=Count("id"), archived_pilots=Count("id", filter=Q(archived_at__isnull=False))
    )
    return DeletionCounts(**counts, **of_client, people_answers=people_answers)


def _latest_assessment(field: str) -> Subquery:
    latest = Assessment.objects.filter(pilot=OuterRef("pk")).order_by("-started_at", "-id")
    return Subquery(latest.values(field)[:1])


def pilots_for_workspace(
    workspace: Workspace,
    *,
    client: Client | None = None,
    include_archived: bool = False,
    membership: Membership | None = None,
) -> QuerySet[Pilot]:
    """Pilots with their latest assessment's id, status, decision, score and progress;
    with a membership, only those of the clients it may see.

    The annotations read the denormalised columns on Assessment, so the whole list is
    one query and nothing is scored on the way.
    """
    pilots = _seen_by(
        Pilot.objects.filter(client__workspace=workspace).select_related("client"),
        membership,
        "client__",
    )
    if client is not None:
        pilots = pilots.filter(client=client)
    if not include_archived:
        pilots = pilots.filter(archived_at__isnull=True)
    return pilots.annotate(
        latest_assessment_id=_latest_assessment("id"),
        latest_status=_latest_assessment("status"),
        latest_decision=_latest_assessment("decision"),
        latest_overall_score=_latest_assessment("overall_score"),
        latest_progress=_latest_assessment("progress_percent"),
        latest_started_at=_latest_assessment("started_at"),
    ).order_by("client__sort_name", "sort_name", "id")


def assessments_for_pilot(pilot: Pilot) -> QuerySet[Assessment]:
    return pilot.assessments.select_related("rubric", "started_by").defer("rubric__definition")


def has_agreed_answers(assessment: Assessment) -> bool:
    """Whether the assessment has any answer of its own (the agreed ones it is scored on)."""
    return Answer.objects.filter(assessment=assessment, respondent__isnull=True).exists()


def people_have_answered(assessment: Assessment) -> bool:
    """Whether anyone asked to answer on their own has given an answer: a workshop
    then has something to compare."""
    return Answer.objects.filter(assessment=assessment, respondent__isnull=False).exists()


def pilot_history(pilot: Pilot) -> QuerySet[Assessment]:
    """The pilot's assessments, each with `people_answered`: whether anyone asked
    has answered on their own."""
    by_people = Answer.objects.filter(assessment=OuterRef("pk"), respondent__isnull=False)
    return assessments_for_pilot(pilot).annotate(people_answered=Exists(by_people))


# The engine's input is read on every autosave and every questionnaire and results
# page, so these reads are prepared once (see readiness/prepared.py) and return plain
# rows in the engine's field order rather than model instances.
_AGREED_ANSWERS = PreparedQuery(
    lambda assessment_id: (
        Answer.objects.filter(assessment_id=assessment_id, respondent=None)
        .order_by("question_id")
        .values_list("question_id", "value", "not_sure", "evidence", "carried_from_id")
    ),
    int,
)


def _names(shape: type) -> list[str]:
    return [f.name for f in fields(shape)]


_ONE_TO_ONE = {
    "oversight": engine.OversightIn,
    "change_plan": engine.ChangePlanIn,
    "value_case": engine.ValueCaseIn,
}
# The pilot's own row and its one-to-one records, as columns of one row.
PILOT_ROW_COLUMNS = (
    *_names(engine.PilotIn),
    *(
        f"{name}__{column}"
        for name, shape in _ONE_TO_ONE.items()
        for column in ("id", *_names(shape))
    ),
)
_PILOT_RECORDS = PreparedQuery(
    lambda pilot_id: Pilot.objects.filter(pk=pilot_id).values_list(*PILOT_ROW_COLUMNS), int
)
_LISTS = {
    "owners": (engine.OwnerIn, Owner),
    "metrics": (engine.MetricIn, SuccessMetric),
    "integrations": (engine.IntegrationIn, Integration),
}
_LIST_ROWS = {
    name: PreparedQuery(
        lambda pilot_id, model=model, shape=shape: model.objects.filter(
            pilot_id=pilot_id
        ).values_list(*_names(shape)),
        int,
    )
    for name, (shape, model) in _LISTS.items()
}


def agreed_answers(
    assessment: Assessment,
) -> tuple[dict[str, engine.AnswerIn], dict[str, int]]:
    """The agreed answers in the engine's shape, and which of them are still as carried
    from an earlier assessment (question id → that assessment's id), in one query."""
    answers: dict[str, engine.AnswerIn] = {}
    carried: dict[str, int] = {}
    for question_id, value, not_sure, evidence, source_id in _AGREED_ANSWERS.rows(assessment.pk):
        answers[question_id] = engine.AnswerIn(
            question_id=question_id, value=value, not_sure=not_sure, evidence=evidence
        )
        if source_id is not None:
            carried[question_id] = source_id
    return answers, carried


def agreed_answer_inputs(assessment: Assessment) -> dict[str, engine.AnswerIn]:
    """The agreed answers in the engine's shape, without building a model per row."""
    return agreed_answers(assessment)[0]


def pilot_records_input(pilot_id: int) -> dict[str, Any]:
    """The pilot's records in the engine's shapes, read as rows in four queries.

    The tests hold it equal to the same records read as model objects and converted
    with their `to_input()` methods.
    """
    found = _PILOT_RECORDS.rows(pilot_id)
    if not found:
        raise Pilot.DoesNotExist(f"No pilot {pilot_id}")
    return pilot_records_from_row(found[0], pilot_id)


def pilot_records_from_row(row: tuple, pilot_id: int) -> dict[str, Any]:
    """The records from a row of PILOT_ROW_COLUMNS, with the lists read beside it.

    A caller that must read the pilot's row with something else (the autosave reads it
    with the assessment's lock) selects these columns itself and passes the row here.
    """
    width = len(fields(engine.PilotIn))
    records: dict[str, Any] = {"pilot": engine.PilotIn(*row[:width])}
    at = width
    for name, shape in _ONE_TO_ONE.items():
        size = len(fields(shape))
        record_id, values = row[at], row[at + 1 : at + 1 + size]
        records[name] = shape(*values) if record_id is not None else None
        at += 1 + size
    for name, (shape, _model) in _LISTS.items():
        records[name] = tuple(shape(*values) for values in _LIST_ROWS[name].rows(pilot_id))
    return records


def records_to_snapshot(records: dict[str, Any]) -> dict[str, Any]:
    """Records as JSON-ready data, for freezing a submitted assessment."""

    def plain(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, tuple):
            return [plain(item) for item in value]
        data = asdict(value)
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}

    return {name: plain(value) for name, value in records.items()}


def records_from_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    def metric(data: dict[str, Any]) -> engine.MetricIn:
        deadline = data.get("deadline")
        return engine.MetricIn(
            **{**data, "deadline": date.fromisoformat(deadline) if deadline else None}
        )

    def optional(cls, data):
        return cls(**data) if data is not None else None

    return {
        "pilot": engine.PilotIn(**snapshot["pilot"]),
        "owners": tuple(engine.OwnerIn(**o) for o in snapshot["owners"]),
        "metrics": tuple(metric(m) for m in snapshot["metrics"]),
        "integrations": tuple(engine.IntegrationIn(**i) for i in snapshot["integrations"]),
        "oversight": optional(engine.OversightIn, snapshot["oversight"]),
        "change_plan": optional(engine.ChangePlanIn, snapshot["change_plan"]),
        "value_case": optional(engine.ValueCaseIn, snapshot["value_case"]),
    }


def assessment_input(assessment: Assessment) -> engine.AssessmentInput:
    """The assessment as the engine's input: the ORM-to-engine adapter.

    A draft reads the pilot's live records; a submitted assessment reads the records it
    froze on submit. Five queries for a draft and one for a submitted assessment,
    however many records and answers there are.
    """
    return engine.AssessmentInput(
        **assessment_records(assessment), answers=agreed_answer_inputs(assessment)
    )


def assessment_records(assessment: Assessment) -> dict[str, Any]:
    """The records the assessment scores: the pilot's live ones, or those frozen on submit."""
    if assessment.snapshot is not None:
        return records_from_snapshot(assessment.snapshot)
    return pilot_records_input(assessment.pilot_id)


def assessment_scorecard(assessment: Assessment) -> Scorecard:
    """The assessment's scorecard, scored afresh from its input.

    A draft stores only its decision, score and progress; a submitted assessment scores
    from its frozen records against its pinned rubric, so this equals what it stored.
    """
    return score(assessment_input(assessment), rubric_for_assessment(assessment))


def previous_final_assessment(assessment: Assessment) -> Assessment | None:
    """The pilot's last final assessment started before this one, with its stored scorecard."""
    return (
        Assessment.objects.filter(
            Q(started_at__lt=assessment.started_at)
            | Q(started_at=assessment.started_at, pk__lt=assessment.pk),
            pilot_id=assessment.pilot_id,
            status=Assessment.Status.SUBMITTED,
            scorecard__isnull=False,
        )
        .only("id", "started_at", "submitted_at", "scorecard", "snapshot")
        .order_by("-started_at", "-id")
        .first()
    )


def since_last_final(
    assessment: Assessment, *, card: Scorecard, inp: engine.AssessmentInput, rubric: Rubric
) -> Comparison | None:
    """What changed since the pilot's last final assessment, answers included; None
    when there is none. `card` and `inp` are this assessment's, scored with `rubric`."""
    previous = previous_final_assessment(assessment)
    if previous is None:
        return None
    return compare(
        previous.scorecard,
        card,
        previous_id=previous.pk,
        # The day it was made final where the team works, as every page names it.
        previous_date=timezone.localtime(previous.dated),
        answers_changed=answer_changes(rubric, assessment_input(previous), inp),
    )


def assessment_to_carry_forward(pilot: Pilot) -> Assessment | None:
    """The assessment whose agreed answers a new assessment of the pilot can start from.

    The pilot's latest final assessment, or its latest one while none is final; None
    when that one has no agreed answers to offer.
    """
    latest = (
        Assessment.objects.filter(pilot=pilot)
        .annotate(
            agreed_count=Count("answers", filter=Q(answers__respondent__isnull=True)),
            final_first=Case(When(status=Assessment.Status.SUBMITTED, then=0), default=1),
        )
        .only("id", "pilot_id", "status", "started_at", "submitted_at", "decision")
        .order_by("final_first", "-started_at", "-id")
        .first()
    )
    return latest if latest is not None and latest.agreed_count else None


def carried_source(assessment_id: int) -> Assessment | None:
    """The earlier assessment that carried answers came from, as far as naming it goes."""
    return (
        Assessment.objects.filter(pk=assessment_id)
        .only("id", "status", "started_at", "submitted_at", "decision")
        .first()
    )


def respondents_with_answers(
    assessment: Assessment,
) -> tuple[list[Respondent], dict[int, dict[str, engine.AnswerIn]]]:
    """The people answering on their own, and each one's answers by question: two queries.

    Each person carries `last_answer_at`, when they last changed one of their answers.
    """
    # An aggregate drops the model's default ordering, so it is named again here.
    people = list(
        assessment.respondents.annotate(last_answer_at=Max("answers__updated_at")).order_by(
            "name", "id"
        )
    )
    answers: dict[int, dict[str, engine.AnswerIn]] = {p.pk: {} for p in people}
    rows = Answer.objects.filter(assessment=assessment, respondent__isnull=False).values_list(
        "respondent_id", "question_id", "value", "not_sure", "evidence"
    )
    for respondent_id, question_id, value, not_sure, evidence in rows:
        answers.setdefault(respondent_id, {})[question_id] = engine.AnswerIn(
            question_id=question_id, value=value, not_sure=not_sure, evidence=evidence
        )
    return people, answers


def people_spread(
    assessment: Assessment,
    *,
    rubric: Rubric | None = None,
    inp: engine.AssessmentInput | None = None,
) -> tuple[Rubric, list[Respondent], dict[int, dict[str, engine.AnswerIn]], Spread]:
    """The rubric, the people asked with their answers, and where those answers differ,
    leaving out the questions the assessment's own answers skip.

    A page that has read the rubric and the assessment's input already passes them, so
    that only the people and their answers are read here (two queries)."""
    rubric = rubric if rubric is not None else rubric_for_assessment(assessment)
    inp = inp if inp is not None else assessment_input(assessment)
    people, answers = respondents_with_answers(assessment)
    result = spread(
        rubric,
        people_of(people),
        answers,
        inp.answers,
        applies=lambda question: applies(question, inp),
    )
    return rubric, people, answers, result


def assessment_people(assessment: Assessment) -> tuple[PersonIn, ...]:
    """The people answering on their own, with their answers, for the interchange file."""
    people, answers = respondents_with_answers(assessment)
    return tuple(
        PersonIn(
            name=person.name,
            email=person.email,
            role=person.role,
            finished=person.finished_at is not None,
            answers=answers.get(person.pk, {}),
        )
        for person in people
    )


def assessment_file(
    assessment: Assessment,
    inp: engine.AssessmentInput | None = None,
    card: Scorecard | None = None,
) -> str:
    """The assessment as an interchange file: records, agreed answers, people's own
    answers, and the owner, date and status of each step of its action plan.

    Pass `inp` and `card` when the caller has already read and scored the assessment.
    """
    client = assessment.pilot.client
    inp = inp or assessment_input(assessment)
    card = card or score(inp, rubric_for_assessment(assessment))
    return assessment_input_to_json(
        inp,
        rubric_version=assessment.rubric.version,
        client=client.name,
        currency=client.currency,
        people=assessment_people(assessment),
        actions=assessment_plan_actions(assessment, card),
    )


def assessment_plan_actions(assessment: Assessment, card: Scorecard) -> tuple[ActionIn, ...]:
    """The action plan's steps someone has given an owner, a date or a status, in plan order.

    Only the steps of the plan the results page shows: a step the answers have since
    made unnecessary keeps its row, but is not part of the plan.
    """
    saved = {item.criterion_id: item for item in assessment.actions.all()}
    return tuple(
        ActionIn(
            criterion_id=action.criterion_id,
            owner_name=item.owner_name,
            due_date=item.due_date,
            status=item.status,
        )
        for action in card.actions
        if (item := saved.get(action.criterion_id)) is not None
    )


def import_actions_left_out(assessment: Assessment, parsed: ParsedAssessment) -> int:
    """How many of an imported file's actions were left out: those not in the new plan.

    The assessment is new, so every action it holds came from the file.
    """
    return len(parsed.actions) - assessment.actions.count()


def respondent_input(respondent: Respondent) -> engine.AssessmentInput:
    """The assessment's records with one person's own answers, for their skip logic."""
    return engine.AssessmentInput(
        **assessment_records(respondent.assessment), answers=respondent_answers(respondent)
    )


def respondent_answers(respondent: Respondent) -> dict[str, engine.AnswerIn]:
    """One person's own answers by question."""
    return {
        answer.question_id: answer.to_input()
        for answer in Answer.objects.filter(
            assessment_id=respondent.assessment_id, respondent=respondent
        )
    }


def respondent_by_token(token: str) -> Respondent | None:
    """The person an answering link belongs to, with their assessment up to the workspace."""
    if not token:
        return None
    return (
        Respondent.objects.select_related(
            "assessment__pilot__client__workspace", "assessment__rubric"
        )
        .defer("assessment__rubric__definition", "assessment__scorecard")
        .filter(invite_token=token)
        .first()
    )


@dataclass(frozen=True)
class AgreedVersion:
    """Which version of an agreed answer a page showed: when it last changed, and
    whether the room had agreed on it then."""

    version: str
    settled: bool


def _version(updated_at, settled_at) -> AgreedVersion:
    return AgreedVersion(updated_at.isoformat(), settled_at is not None)


def agreed_answer_versions(assessment: Assessment) -> dict[str, AgreedVersion]:
    """Each agreed answer's version, by question id, in one query; a page carries it in
    its forms so that a change made since it was loaded is noticed, not overwritten."""
    rows = Answer.objects.filter(assessment=assessment, respondent=None).values_list(
        "question_id", "updated_at", "settled_at"
    )
    return {question_id: _version(updated, settled) for question_id, updated, settled in rows}


def agreed_answer_version(assessment: Assessment, question_id: str) -> AgreedVersion | None:
    """One agreed answer's version, as `agreed_answer_versions` gives it; None if none."""
    row = (
        Answer.objects.filter(assessment=assessment, respondent=None, question_id=question_id)
        .values_list("updated_at", "settled_at")
        .first()
    )
    return _version(*row) if row else None


def agreed_since_people_answered(assessment: Assessment) -> set[str]:
    """Questions the room has settled since every person gave their own answer: one query.

    Only the room settles a question (a workshop, or adopting a person's answer); an
    agreed answer typed into the questionnaire, or confirmed as carried from last time,
    does not. A person who changes their answer afterwards reopens the question.
    """
    rows = (
        Answer.objects.filter(assessment=assessment)
        .values("question_id")
        .annotate(
            settled_at=Max("settled_at", filter=Q(respondent__isnull=True)),
            people_at=Max("updated_at", filter=Q(respondent__isnull=False)),
        )
        .order_by()
    )
    return {
        row["question_id"]
        for row in rows
        if row["settled_at"] is not None
        and row["people_at"] is not None
        and row["settled_at"] >= row["people_at"]
    }
