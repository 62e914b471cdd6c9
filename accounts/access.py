"""The one way views reach a workspace: scoped to the user's memberships.

Anything outside the user's workspaces is a 404, never a 403, so an outsider
cannot even learn that an id exists. A membership limited to some clients gets the
same 404 for everything of the workspace's other clients (`require_client`).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404

from readiness.prepared import PreparedQuery

from .models import Membership, MembershipClient, User, Workspace


def limited(membership_ref: str = "pk") -> Exists:
    """Whether the membership at `membership_ref` is limited to some clients."""
    return Exists(MembershipClient.objects.filter(membership_id=OuterRef(membership_ref)))


# Every page of a workspace asks this, so its SQL is built once; whether the membership
# is limited to some clients comes in the same row.
_MEMBERSHIP = PreparedQuery(
    lambda workspace_id, user_id: (
        Membership.objects.select_related("workspace")
        .filter(workspace_id=workspace_id, user_id=user_id)
        .annotate(is_limited=limited())
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


def membership_for_client(
    user: User, workspace_id: int, client_id: int, *, write: bool = False
) -> Membership:
    """The membership that grants access to one client of the workspace, or 404.

    The client is checked before the role, so a limited viewer asking to change another
    client's object gets the same 404 as anyone else, not a 403 that would confirm it.
    """
    membership = require_client(membership_for_user(user, workspace_id), client_id)
    return require_membership(membership, write=write)


def require_client(membership: Membership, client_id: int) -> Membership:
    """404 when the membership is limited to other clients: as if the id did not exist."""
    if not membership.sees_client(client_id):
        raise Http404("No such client")
    return membership


def require_whole_workspace(membership: Membership) -> None:
    """Workspace-wide changes (a new client, say) are not for someone limited to some."""
    if membership.is_limited:
        raise PermissionDenied("Only people who see the whole workspace can do this")


def workspace_for_user(user: User, workspace_id: int, *, write: bool = False) -> Workspace:
    return membership_for_user(user, workspace_id, write=write).workspace


def require_manager(membership: Membership) -> None:
    if not membership.can_manage:
        raise PermissionDenied("Only the workspace's owners and consultants can do this")
