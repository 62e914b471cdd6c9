import logging
import smtplib
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from readiness.one_line import one_line

from .models import (
    INVITATION_DAYS,
    Invitation,
    Membership,
    User,
    Workspace,
    role_description,
    role_with_article,
)
from .selectors import owner_count

logger = logging.getLogger(__name__)


@transaction.atomic
def user_signup(
    *, email: str, password: str, full_name: str = "", workspace_name: str, currency: str = ""
) -> User:
    """Create a user together with the workspace they own, its clients in `currency`."""
    user = User.objects.create_user(email=email, password=password, full_name=one_line(full_name))
    workspace_create(owner=user, name=workspace_name, default_currency=currency)
    return user


def user_update_profile(*, user: User, full_name: str) -> User:
    user.full_name = one_line(full_name)
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name"])
    return user


@transaction.atomic
def workspace_create(*, owner: User, name: str, default_currency: str = "") -> Workspace:
    workspace = Workspace(name=one_line(name), default_currency=default_currency)
    workspace.full_clean()
    workspace.save()
    Membership.objects.create(workspace=workspace, user=owner, role=Membership.Role.OWNER)
    return workspace


ALREADY_IN_A_WORKSPACE = "You already belong to a workspace: carry on there."


@transaction.atomic
def workspace_start(*, user: User, name: str, default_currency: str = "") -> Workspace:
    """A workspace of one's own, owned by `user`, who must belong to none.

    Their row is locked while that is checked, so requests sent at once (a double
    click, two tabs) start one workspace between them: the others are refused.
    """
    User.objects.select_for_update().get(pk=user.pk)
    if Membership.objects.filter(user=user).exists():
        raise PermissionDenied(ALREADY_IN_A_WORKSPACE)
    return workspace_create(owner=user, name=name, default_currency=default_currency)


@transaction.atomic
def workspace_update_settings(
    *,
    workspace: Workspace,
    name: str,
    accent_colour: str,
    prepared_by: str,
    default_currency: str = "",
    logo=None,
    clear_logo: bool = False,
) -> Workspace:
    """The workspace's name, the currency its new clients start in, and its branding.

    A logo replaced or removed has its file deleted once the change is committed.
    """
    # The stored name, not the instance's: a bound form has already put the upload there.
    previous_logo = (
        Workspace.objects.select_for_update().values_list("logo", flat=True).get(pk=workspace.pk)
    )
    workspace.name = one_line(name)
    workspace.default_currency = default_currency
    workspace.accent_colour = accent_colour.lower()
    workspace.prepared_by = one_line(prepared_by)
    fields = ["name", "default_currency", "accent_colour", "prepared_by"]
    if clear_logo and workspace.logo:
        workspace.logo = ""
        fields.append("logo")
    elif logo is not None:
        workspace.logo = logo
        fields.append("logo")
    workspace.full_clean()
    workspace.save(update_fields=fields)
    if previous_logo and previous_logo != workspace.logo.name:
        # Only once the new name is committed: a failed save keeps the file it points to.
        transaction.on_commit(lambda: _logo_file_delete_if_unused(previous_logo), robust=True)
    return workspace


def _logo_file_delete_if_unused(name: str) -> None:
    if Workspace.objects.filter(logo=name).exists():
        return
    Workspace._meta.get_field("logo").storage.delete(name)


# ---------------------------------------------------------------------------------
# The team: invitations and members' roles
# ---------------------------------------------------------------------------------

LAST_OWNER = (
    "A workspace needs at least one owner. Make someone else an owner first, "
    "then change or remove this one."
)
SOLE_OWNER_LEAVING = (
    "You are this workspace's only owner. Make someone else an owner first, then leave."
)
OWNERS_ONLY = "Only an owner can make someone an owner or change an owner's role."


def _lock_team(workspace: Workspace) -> None:
    """Serialise changes to one workspace's team, so two owners cannot demote each other."""
    Workspace.objects.select_for_update().filter(pk=workspace.pk).exists()


def _fresh(membership: Membership) -> Membership:
    """The membership as it is now, inside the lock; gone means someone removed it."""
    current = (
        Membership.objects.select_related("user", "workspace").filter(pk=membership.pk).first()
    )
    if current is None:
        raise ValidationError(f"{membership.user.get_full_name()} is no longer in this workspace.")
    return current


def _check_role(role: str) -> None:
    if role not in Membership.Role.values:
        raise ValidationError({"role": "Choose one of the roles in the list."})


def _check_owner_rule(*, by: Membership, changes_owner: bool) -> None:
    if not by.can_manage:
        raise PermissionDenied("Only the workspace's owners and consultants manage its team")
    if changes_owner and by.role != Membership.Role.OWNER:
        raise ValidationError(OWNERS_ONLY)


def _open_invitation(invitation: Invitation) -> Invitation:
    """The invitation locked for accepting; refused if it has gone, been used or expired."""
    current = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if current is None:
        raise ValidationError("This invitation has been withdrawn.")
    if current.is_accepted:
        raise ValidationError("This invitation has already been used.")
    if current.is_expired:
        raise ValidationError("This invitation has expired.")
    return current


def _mark_accepted(invitation: Invitation, user: User) -> None:
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])


LIMIT_FOR_MANAGERS = (
    "Owners and consultants always see the whole workspace: limit a member or a viewer "
    "to some clients instead."
)
LIMITED_PROMOTION = (
    "{name} sees only some clients. Let them see the whole workspace first, then make "
    "them an owner or a consultant."
)


def _check_limit(*, workspace: Workspace, role: str, clients) -> list:
    """The clients of a limit, checked: the workspace's own, and only for members and viewers."""
    clients = list(clients or ())
    if not clients:
        return []
    if role in {Membership.Role.OWNER, Membership.Role.CONSULTANT}:
        raise ValidationError({"clients": LIMIT_FOR_MANAGERS})
    if any(client.workspace_id != workspace.pk for client in clients):
        raise ValidationError({"clients": "Choose clients of this workspace."})
    return clients


@transaction.atomic
def invitation_create(
    *, workspace: Workspace, email: str, role: str, by: Membership, clients=None
) -> tuple[Invitation, str | None]:
    """Invite an email address with a role, limited to some clients when `clients` lists any.

    Inviting an address that already has an open invitation renews that one (a new
    link, a new expiry, the role and limit now asked for) instead of refusing: the old
    link stops working, which is what someone inviting again usually wants. Returns the
    invitation and the role the replaced one had, or None when nothing was replaced,
    so whoever invites can be told what changed.
    """
    if by.workspace_id != workspace.pk or not by.can_manage:
        raise PermissionDenied("Only the workspace's owners and consultants invite people")
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": "Enter a valid email address."}) from None
    _check_role(role)
    if role == Membership.Role.OWNER and by.role != Membership.Role.OWNER:
        raise ValidationError({"role": "Only an owner can invite another owner."})
    clients = _check_limit(workspace=workspace, role=role, clients=clients)
    _lock_team(workspace)
    if workspace.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": f"{email} is already a member of this workspace."})
    now = timezone.now()
    invitation = (
        workspace.invitations.select_for_update()
        .filter(email=email, accepted_at__isnull=True)
        .first()
    )
    replaced_role = invitation.role if invitation else None
    if invitation is None:
        invitation = Invitation(workspace=workspace, email=email)
    invitation.token = Invitation.new_token()
    invitation.role = role
    invitation.invited_by = by.user
    invitation.created_at = now
    invitation.expires_at = now + timedelta(days=INVITATION_DAYS)
    invitation.save()
    invitation.clients.set(clients)
    return invitation, replaced_role


def invitation_send(*, invitation: Invitation, link: str) -> bool:
    """Email the invitation's link; False if the mail server refused it.

    The invitation stands either way: whoever invited can copy the link from the
    team page and send it themselves.
    """
    inviter = invitation.invited_by
    limited_to = [client.name for client in invitation.clients.all()]
    context = {
        "invitation": invitation,
        "workspace": invitation.workspace,
        "inviter": inviter.get_full_name() if inviter else "Someone",
        "role_label": role_with_article(invitation.role),
        "role_description": role_description(invitation.role, limited=bool(limited_to)),
        "limited_to": limited_to,
        "link": link,
    }
    message = EmailMessage(
        # Names saved before they were kept to one line may still hold a line break,
        # which no mail header can.
        subject=one_line(
            f"{context['inviter']} invited you to {invitation.workspace.name} on Readiness"
        ),
        body=render_to_string("accounts/invitation_email.txt", context),
        to=[invitation.email],
        reply_to=[inviter.email] if inviter else [],
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError, ValueError):
        # ValueError: a header the mail library refuses, such as an address it cannot use.
        logger.exception("Could not email invitation %s", invitation.pk)
        return False
    return True


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """The signed-in person joins with the invitation's role.

    Someone added to the workspace in the meantime keeps the role they already have:
    an invitation never changes an existing member's role.
    """
    invitation = _open_invitation(invitation)
    if user.email.lower() != invitation.email:
        raise ValidationError(f"This invitation is for {invitation.email}.")
    membership, created = Membership.objects.get_or_create(
        workspace_id=invitation.workspace_id, user=user, defaults={"role": invitation.role}
    )
    if created:
        membership.clients.set(invitation.clients.all())
    _mark_accepted(invitation, user)
    return membership


@transaction.atomic
def invitation_signup(*, invitation: Invitation, full_name: str, password: str) -> User:
    """Create the invited person's account and membership; no workspace of their own."""
    invitation = _open_invitation(invitation)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError("An account with this email already exists. Log in to join.")
    user = User.objects.create_user(
        email=invitation.email, password=password, full_name=one_line(full_name)
    )
    membership = Membership.objects.create(
        workspace_id=invitation.workspace_id, user=user, role=invitation.role
    )
    membership.clients.set(invitation.clients.all())
    _mark_accepted(invitation, user)
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: Membership) -> None:
    """Withdraw an open invitation: its link stops working at once."""
    if by.workspace_id != invitation.workspace_id or not by.can_manage:
        raise PermissionDenied("Only the workspace's owners and consultants withdraw invitations")
    current = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if current is None:
        return
    if current.is_accepted:
        raise ValidationError(
            f"{current.email} has already joined. Remove them from the team instead."
        )
    current.delete()


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by: Membership) -> Membership:
    """Give a member another role, keeping at least one owner and owners to owners."""
    _check_role(role)
    _lock_team(membership.workspace)
    membership, by = _fresh(membership), _fresh(by)
    if membership.workspace_id != by.workspace_id:
        raise PermissionDenied("Not a member of this workspace")
    if role == membership.role:
        return membership
    owner = Membership.Role.OWNER
    _check_owner_rule(by=by, changes_owner=owner in {membership.role, role})
    if membership.role == owner and owner_count(membership.workspace) == 1:
        raise ValidationError(LAST_OWNER)
    if role in {owner, Membership.Role.CONSULTANT} and membership.is_limited:
        raise ValidationError(LIMITED_PROMOTION.format(name=membership.user.get_full_name()))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_set_clients(*, membership: Membership, clients, by: Membership) -> Membership:
    """Limit a member or viewer to some clients, or (none listed) open the whole workspace."""
    _lock_team(membership.workspace)
    membership, by = _fresh(membership), _fresh(by)
    if membership.workspace_id != by.workspace_id or not by.can_manage:
        raise PermissionDenied("Only the workspace's owners and consultants manage its team")
    clients = _check_limit(workspace=membership.workspace, role=membership.role, clients=clients)
    membership.clients.set(clients)
    membership.__dict__.pop("is_limited", None)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: Membership) -> None:
    """Take someone out of the workspace: their next request no longer reaches it."""
    _lock_team(membership.workspace)
    membership, by = _fresh(membership), _fresh(by)
    if membership.workspace_id != by.workspace_id:
        raise PermissionDenied("Not a member of this workspace")
    owner = Membership.Role.OWNER
    _check_owner_rule(by=by, changes_owner=membership.role == owner)
    if membership.role == owner and owner_count(membership.workspace) == 1:
        raise ValidationError(LAST_OWNER)
    membership.delete()


@transaction.atomic
def membership_leave(*, membership: Membership) -> None:
    """Leave a workspace of one's own accord, whatever one's role, as long as an owner stays."""
    _lock_team(membership.workspace)
    membership = _fresh(membership)
    if membership.role == Membership.Role.OWNER and owner_count(membership.workspace) == 1:
        raise ValidationError(SOLE_OWNER_LEAVING)
    membership.delete()
