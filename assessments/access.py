"""The one way views reach assessment objects: scoped to the user's workspaces.

Each helper fetches the object with the chain up to its workspace and the user's
membership of that workspace (asked of `accounts.access.membership_for_client`, or
joined into the same query for assessments), so an object in someone else's workspace,
or of a client that a limited membership does not see, is a 404 exactly like an id that
does not exist, and `write=True` turns viewers away.
"""

from django.db import models
from django.db.models import Exists, F, FilteredRelation, OuterRef, Q
from django.http import Http404

from accounts.access import limited, membership_for_client, require_membership
from accounts.models import Membership, MembershipClient, User
from readiness.prepared import PreparedQuery

from .models import ActionItem, Assessment, Client, Integration, Owner, Pilot, SuccessMetric

PILOT_RECORDS = (Owner, SuccessMetric, Integration)

# The questionnaire's every request starts here, so this is one prepared query: the
# assessment with its chain up to the workspace, and the user's membership of that
# workspace joined on (absent for an outsider). The stored scorecard is not read.
_MEMBER_FIELDS = ("id", "role", "created_at")
_ASSESSMENT_FOR_USER = PreparedQuery(
    lambda assessment_id, user_id: (
        Assessment.objects.select_related("pilot__client__workspace", "rubric")
        .defer("rubric__definition", "scorecard")
        .filter(pk=assessment_id)
        .annotate(
            member=FilteredRelation(
                "pilot__client__workspace__memberships",
                condition=Q(pilot__client__workspace__memberships__user_id=user_id),
            ),
            **{f"member_{name}": F(f"member__{name}") for name in _MEMBER_FIELDS},
            member_is_limited=limited("member__id"),
            member_sees_client=Exists(
                MembershipClient.objects.filter(
                    membership_id=OuterRef("member__id"), client_id=OuterRef("pilot__client_id")
                )
            ),
        )
    ),
    int,
    int,
)


def _first_or_404(queryset: models.QuerySet, object_id: int):
    obj = queryset.filter(pk=object_id).first()
    if obj is None:
        raise Http404(f"No such {queryset.model._meta.verbose_name}")
    return obj


def client_for_user(user: User, client_id: int, *, write: bool = False) -> Client:
    client = _first_or_404(Client.objects.select_related("workspace"), client_id)
    membership_for_client(user, client.workspace_id, client.pk, write=write)
    return client


def pilot_for_user(user: User, pilot_id: int, *, write: bool = False) -> Pilot:
    pilot = _first_or_404(Pilot.objects.select_related("client__workspace"), pilot_id)
    membership_for_client(user, pilot.client.workspace_id, pilot.client_id, write=write)
    return pilot


def assessment_for_user(user: User, assessment_id: int, *, write: bool = False) -> Assessment:
    return assessment_with_membership(user, assessment_id, write=write)[0]


def assessment_with_membership(
    user: User, assessment_id: int, *, write: bool = False
) -> tuple[Assessment, Membership]:
    """The assessment and the membership that grants access, for pages that show both.

    Returning the membership saves the pages asking for it a second time.
    """
    assessment = _ASSESSMENT_FOR_USER.first(assessment_id, user.pk) if user.pk else None
    if assessment is None:
        raise Http404("No such assessment")
    membership = None
    if assessment.member_id is not None and (
        assessment.member_sees_client or not assessment.member_is_limited
    ):
        workspace = assessment.pilot.client.workspace
        membership = Membership.from_db(
            assessment._state.db,
            ["id", "workspace_id", "user_id", "role", "created_at"],
            [
                assessment.member_id,
                workspace.pk,
                user.pk,
                assessment.member_role,
                assessment.member_created_at,
            ],
        )
        membership.workspace = workspace
        membership.is_limited = assessment.member_is_limited
    return assessment, require_membership(membership, write=write)


def pilot_record_for_user[R: (Owner, SuccessMetric, Integration)](
    user: User, model: type[R], record_id: int, *, write: bool = False
) -> R:
    """An owner, metric or integration of a pilot in one of the user's workspaces."""
    if model not in PILOT_RECORDS:
        raise TypeError(f"{model.__name__} is not a pilot record")
    record = _first_or_404(model.objects.select_related("pilot__client__workspace"), record_id)
    pilot = record.pilot
    membership_for_client(user, pilot.client.workspace_id, pilot.client_id, write=write)
    return record


def action_item_for_user(user: User, action_id: int, *, write: bool = False) -> ActionItem:
    action = _first_or_404(
        ActionItem.objects.select_related("assessment__pilot__client__workspace"), action_id
    )
    pilot = action.assessment.pilot
    membership_for_client(user, pilot.client.workspace_id, pilot.client_id, write=write)
    return action
