"""The one way views reach a workspace: scoped to the user's memberships.

Anything outside the user's workspaces is a 404, never a 403, so an outsider
cannot even learn that an id exists.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from readiness.prepared import PreparedQuery

from .models import Membership, User, Workspace

# Every page of a workspace asks this, so its SQL is built once.
_MEMBERSHIP = PreparedQuery(
    lambda workspace_id, user_id: Membership.objects.select_related("workspace").filter(
        workspace_id=workspace_id, user_id=user_id
    ),
    int,
    int,
)


def membership_for_user(user: User, workspace_id: int, *, write: bool = False) -> Membership:
    membership = _MEMBERSHIP.first(workspace_id, user.pk) if user.pk is not None else None
    return require_membership(membership, write=write)


def require_membership(membership: Membership | None, *, write: bool = False) -> Membership:
    """The membership that grants access: 404 without one, 403 for a viewer's write."""
    if membership is None:
        raise Http404("No such workspace")
    if write and not membership.can_edit:
        raise PermissionDenied("Viewers cannot change this workspace")
    return membership


def workspace_for_user(user: User, workspace_id: int, *, write: bool = False) -> Workspace:
    return membership_for_user(user, workspace_id, write=write).workspace


def require_manager(membership: Membership) -> None:
    if not membership.can_manage:
        raise PermissionDenied("Only the workspace's owners and consultants can do this")
