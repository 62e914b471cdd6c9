from django.db.models import Count, QuerySet

from .models import Membership, User, Workspace


def workspaces_for_user(user: User) -> QuerySet[Workspace]:
    return (
        Workspace.objects.filter(memberships__user=user)
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name", "id")
    )


def memberships_of(workspace: Workspace) -> QuerySet[Membership]:
    return workspace.memberships.select_related("user").order_by("role", "user__email")
