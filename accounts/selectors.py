from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from .models import Invitation, Membership, MembershipClient, User, Workspace

# Owners first, then everyone else from the most to the least they can do.
_ROLE_RANK = Case(
    *(When(role=role, then=Value(rank)) for rank, role in enumerate(Membership.Role.values)),
    output_field=IntegerField(),
)


def workspaces_for_user(user: User) -> QuerySet[Workspace]:
    """The workspaces a user belongs to, for the workspace picker.

    Each carries how many people are in it and, for someone limited to some of its
    clients, `shared_clients`: how many of them they see (0 for everyone else). A
    limited member is told that number instead of the size of the team.
    Both counts are subqueries: counting over the join that picks the user's own
    membership would count that one membership alone.
    """
    members = (
        Membership.objects.filter(workspace_id=OuterRef("pk"))
        .order_by()
        .values("workspace_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    shared = (
        MembershipClient.objects.filter(
            membership__workspace_id=OuterRef("pk"), membership__user=user
        )
        .order_by()
        .values("membership_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Workspace.objects.filter(memberships__user=user)
        .annotate(
            member_count=Coalesce(Subquery(members), 0),
            shared_clients=Coalesce(Subquery(shared), 0),
        )
        .order_by("name", "id")
    )


def memberships_of(workspace: Workspace) -> QuerySet[Membership]:
    return (
        workspace.memberships.select_related("user")
        .annotate(role_rank=_ROLE_RANK)
        .order_by("role_rank", "user__email")
    )


def memberships_visible_to(membership: Membership) -> QuerySet[Membership]:
    """The team as one member may see it.

    Someone limited to some clients sees the people who see the whole workspace (the
    consultancy's own) and themselves, never the people of other clients.
    """
    members = memberships_of(membership.workspace)
    if membership.is_limited:
        limits = MembershipClient.objects.filter(membership_id=OuterRef("pk"))
        members = members.filter(~Exists(limits) | Q(pk=membership.pk))
    return members


def open_invitations_of(workspace: Workspace) -> QuerySet[Invitation]:
    """Invitations nobody has accepted yet, expired ones included: they can be renewed."""
    return (
        workspace.invitations.filter(accepted_at__isnull=True)
        .select_related("invited_by")
        .order_by("-created_at", "id")
    )


def open_invitation_clients(workspace: Workspace, email: str) -> list:
    """The clients an open invitation to this address sees only; empty for none or no limit."""
    invitation = workspace.invitations.filter(email=email, accepted_at__isnull=True).first()
    return list(invitation.clients.order_by("sort_name", "id")) if invitation else []


def invitation_by_token(token: str) -> Invitation | None:
    if not token:
        return None
    return Invitation.objects.select_related("workspace", "invited_by").filter(token=token).first()


def owner_count(workspace: Workspace) -> int:
    return workspace.memberships.filter(role=Membership.Role.OWNER).count()
