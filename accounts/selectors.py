from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

from .models import Invitation, Membership, User, Workspace

# Owners first, then everyone else from the most to the least they can do.
_ROLE_RANK = Case(
    *(When(role=role, then=Value(rank)) for rank, role in enumerate(Membership.Role.values)),
    output_field=IntegerField(),
)


def workspaces_for_user(user: User) -> QuerySet[Workspace]:
    return (
        Workspace.objects.filter(memberships__user=user)
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name", "id")
    )


def memberships_of(workspace: Workspace) -> QuerySet[Membership]:
    return (
        workspace.memberships.select_related("user")
        .annotate(role_rank=_ROLE_RANK)
        .order_by("role_rank", "user__email")
    )


def open_invitations_of(workspace: Workspace) -> QuerySet[Invitation]:
    """Invitations nobody has accepted yet, expired ones included: they can be renewed."""
    return (
        workspace.invitations.filter(accepted_at__isnull=True)
        .select_related("invited_by")
        .order_by("-created_at", "id")
    )


def invitation_by_token(token: str) -> Invitation | None:
    if not token:
        return None
    return Invitation.objects.select_related("workspace", "invited_by").filter(token=token).first()


def owner_count(workspace: Workspace) -> int:
    return workspace.memberships.filter(role=Membership.Role.OWNER).count()
