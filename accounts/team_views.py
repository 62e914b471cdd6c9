"""A workspace's team: who is in it, who is invited, and joining through a link.

Everyone in the workspace sees the team (someone limited to some clients sees only the
workspace's own people and themselves); its owners and consultants invite people,
change roles, limit members and viewers to some clients, and remove members. The invitation link is the key for the person
invited, so an unknown or withdrawn link is a plain 404, like a person's answering
link.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from assessments.selectors import clients_for_workspace

from . import limits, selectors, services
from .access import membership_for_user, require_manager
from .forms import (
    InvitationForm,
    InvitationSignupForm,
    MembershipClientsForm,
    MembershipRoleForm,
    roles_for,
)
from .models import (
    ROLE_DESCRIPTIONS,
    Invitation,
    Membership,
    User,
    Workspace,
    role_description,
    role_with_article,
)

TEAM = "accounts/team.html"
INVITATION = "accounts/invitation.html"
INVITATION_GONE = "accounts/invitation_gone.html"


# ---------------------------------------------------------------------------------
# The team page: members, invitations, roles
# ---------------------------------------------------------------------------------


def _team_url(workspace_id: int, anchor: str = "") -> str:
    url = reverse("team", args=[workspace_id])
    return f"{url}#{anchor}" if anchor else url


def _invitation_link(request: HttpRequest, invitation: Invitation) -> str:
    return request.build_absolute_uri(reverse("invitation_accept", args=[invitation.token]))


def _member_of(manager: Membership, membership_id: int) -> Membership:
    try:
        return Membership.objects.select_related("user", "workspace").get(
            pk=membership_id, workspace_id=manager.workspace_id
        )
    except Membership.DoesNotExist:
        raise Http404("No such member in this workspace") from None


def _open_invitation_of(manager: Membership, invitation_id: int) -> Invitation:
    try:
        return Invitation.objects.get(
            pk=invitation_id, workspace_id=manager.workspace_id, accepted_at__isnull=True
        )
    except Invitation.DoesNotExist:
        raise Http404("No such invitation in this workspace") from None


def _member_row(
    member: Membership,
    viewer: Membership,
    owners: int,
    form: MembershipRoleForm | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One line of the team: the member and, for a manager, what they may change."""
    is_owner = member.role == Membership.Role.OWNER
    note = ""
    manageable = viewer.can_manage
    if manageable and is_owner and viewer.role != Membership.Role.OWNER:
        manageable, note = False, "Only an owner can change an owner."
    elif manageable and is_owner and owners == 1:
        manageable, note = False, "The only owner: make someone else an owner to change this."
    # Anyone may leave, except the only owner, who must hand over first.
    can_leave = member.user_id == viewer.user_id and not (is_owner and owners == 1)
    limited_to = [client.name for client in member.clients.all()]
    if manageable and form is None:
        form = MembershipRoleForm(
            initial={"role": member.role},
            roles=roles_for(viewer),
            auto_id=f"member-{member.id}-%s",
        )
    return {
        "member": member,
        "is_you": member.user_id == viewer.user_id,
        "form": form if manageable else None,
        "can_leave": can_leave,
        "note": note,
        "limited_to": limited_to,
        # Only members and viewers are limited; owners and consultants see everything.
        "can_limit": viewer.can_manage and not member.can_manage,
        **extra,
    }


def _team_context(
    request: HttpRequest, membership: Membership, form: InvitationForm | None
) -> dict[str, Any]:
    workspace = membership.workspace
    members = list(selectors.memberships_visible_to(membership).prefetch_related("clients"))
    # Owners are never limited, so everyone sees them all.
    owners = sum(1 for m in members if m.role == Membership.Role.OWNER)
    # Open invitations name other clients' people: not for someone limited to some.
    invitations = (
        []
        if membership.is_limited
        else list(selectors.open_invitations_of(workspace).prefetch_related("clients"))
    )
    if membership.can_manage:
        for invitation in invitations:
            invitation.link = _invitation_link(request, invitation)
    return {
        "workspace": workspace,
        "membership": membership,
        "rows": [_member_row(m, membership, owners) for m in members],
        "invitations": invitations,
        "form": form,
        "role_descriptions": [
            {"label": label, "description": ROLE_DESCRIPTIONS[value]}
            for value, label in Membership.Role.choices
        ],
    }


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The team, and for its managers the form that invites someone new."""
    membership = membership_for_user(request.user, workspace_id)
    roles = roles_for(membership)
    form = (
        InvitationForm(
            request.POST or None, roles=roles, clients=clients_for_workspace(membership.workspace)
        )
        if membership.can_manage
        else None
    )
    status = 200
    if request.method == "POST":
        require_manager(membership)
        if form.is_valid() and (
            limit := limits.invitation_email(request, workspace_id, form.cleaned_data["email"])
        ):
            form.add_error(None, limit.message)
            return render(request, TEAM, _team_context(request, membership, form), status=429)
        if form.is_valid() and (earlier := _limit_left_unticked(membership, form)):
            form = _form_keeping_limit(form, earlier, roles, membership)
            return render(request, TEAM, _team_context(request, membership, form), status=422)
        if form.is_valid():
            earlier = selectors.open_invitation_clients(
                membership.workspace, form.cleaned_data["email"]
            )
            try:
                invitation, replaced_role = services.invitation_create(
                    workspace=membership.workspace,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    by=membership,
                    clients=form.cleaned_data.get("clients"),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                sent = services.invitation_send(
                    invitation=invitation, link=_invitation_link(request, invitation)
                )
                _say_invited(
                    request, invitation, replaced_role=replaced_role, earlier=earlier, sent=sent
                )
                return redirect(_team_url(workspace_id, f"invitation-{invitation.id}"))
        status = 422
    return render(request, TEAM, _team_context(request, membership, form), status=status)


def _limit_left_unticked(membership: Membership, form: InvitationForm) -> list:
    """The clients an open invitation to this address is limited to, when the new one,
    for a role that could be limited, ticks none and has not yet shown that limit.

    Replacing it as it stands would quietly let the person see every client.
    """
    data = form.cleaned_data
    # Owners and consultants always see the whole workspace, so only these can be limited.
    limitable = {Membership.Role.MEMBER, Membership.Role.VIEWER}
    if data["clients"] or data["earlier_limit_shown"] or data["role"] not in limitable:
        return []
    return selectors.open_invitation_clients(membership.workspace, data["email"])


def _form_keeping_limit(
    form: InvitationForm, earlier: list, roles: list, membership: Membership
) -> InvitationForm:
    """The form sent back with the earlier invitation's clients ticked again, saying so."""
    data = form.data.copy()
    data.setlist("clients", [str(client.pk) for client in earlier])
    data["earlier_limit_shown"] = "1"
    kept = InvitationForm(data, roles=roles, clients=clients_for_workspace(membership.workspace))
    kept.is_valid()
    kept.add_error(
        "clients",
        f"The invitation {data['email'].strip().lower()} already has lets them see only "
        f"{_names(earlier)}: ticked again above. Send it to keep that limit, or untick "
        "all and send it to let them see the whole workspace.",
    )
    return kept


def _names(clients: list) -> str:
    return ", ".join(client.name for client in clients)


def _say_invited(
    request: HttpRequest,
    invitation: Invitation,
    *,
    replaced_role: str | None,
    earlier: list,
    sent: bool,
) -> None:
    email = invitation.email
    if replaced_role is None:
        if sent:
            messages.success(
                request,
                f"Invitation sent to {email} as {invitation.get_role_display().lower()}"
                f"{_limit_words(invitation)}. "
                "You can also copy the link below and send it yourself.",
            )
        else:
            messages.warning(
                request,
                f"The invitation for {email} is ready, but the email could not be sent. "
                "Copy the link below and send it to them yourself.",
            )
        return
    new_role = (
        "" if replaced_role == invitation.role else f", as {role_with_article(invitation.role)}"
    )
    limit = _limit_words(invitation)
    if earlier and not limit:
        limit = f". They will see the whole workspace (before: only {_names(earlier)})"
    replaced = (
        f"{email} already had an invitation as {role_with_article(replaced_role)}. "
        f"It is replaced: a new link{new_role}{limit}. The old link no longer works."
    )
    if sent:
        messages.success(
            request,
            f"{replaced} The new link is emailed to them; you can also copy it below.",
        )
    else:
        messages.warning(
            request,
            f"{replaced} The email could not be sent: copy the new link below and send it "
            "to them yourself.",
        )


def _limit_words(invitation: Invitation) -> str:
    names = [client.name for client in invitation.clients.all()]
    return f", seeing only {', '.join(names)}" if names else ""


@login_required
@require_http_methods(["GET", "POST"])
def member_clients(request: HttpRequest, workspace_id: int, membership_id: int) -> HttpResponse:
    """Limit a member or viewer to some clients, or let them see the whole workspace."""
    membership = membership_for_user(request.user, workspace_id)
    require_manager(membership)
    member = _member_of(membership, membership_id)
    name = member.user.get_full_name()
    clients = clients_for_workspace(membership.workspace)
    form = MembershipClientsForm(
        # An empty form is a choice too: no client ticked opens the whole workspace.
        request.POST if request.method == "POST" else None,
        clients=clients,
        initial={"clients": list(member.clients.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            member = services.membership_set_clients(
                membership=member, clients=form.cleaned_data["clients"], by=membership
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            names = [client.name for client in form.cleaned_data["clients"]]
            messages.success(
                request,
                f"{name} now sees only {', '.join(names)}."
                if names
                else f"{name} now sees the whole workspace.",
            )
            return redirect(_team_url(workspace_id, f"member-{member.id}"))
    context = {
        "workspace": membership.workspace,
        "membership": membership,
        "member": member,
        "name": name,
        "role_label": role_with_article(member.role),
        # What they see today, before any box is ticked or unticked.
        "sees_only": [client.name for client in member.clients.all()],
        "form": form,
        "can_limit": not member.can_manage,
    }
    return render(
        request, "accounts/member_clients.html", context, status=422 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke(request: HttpRequest, workspace_id: int, invitation_id: int):
    membership = membership_for_user(request.user, workspace_id)
    require_manager(membership)
    invitation = _open_invitation_of(membership, invitation_id)
    if request.method == "POST":
        try:
            services.invitation_revoke(invitation=invitation, by=membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"The invitation for {invitation.email} is withdrawn; its link no longer works.",
            )
        return redirect(_team_url(workspace_id, "invitations"))
    context = {
        "title": f"Withdraw the invitation for {invitation.email}?",
        "consequence": "The link sent to them stops working. You can invite them again later.",
        "action_label": "Withdraw invitation",
        "cancel_url": _team_url(workspace_id, f"invitation-{invitation.id}"),
    }
    return render(request, "assessments/confirm_delete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_renew(request: HttpRequest, workspace_id: int, invitation_id: int):
    """Send an invited person a new link, asked first: the one they have stops working."""
    membership = membership_for_user(request.user, workspace_id)
    require_manager(membership)
    invitation = _open_invitation_of(membership, invitation_id)
    email = invitation.email
    if request.method == "POST":
        if (limit := limits.invitation_email(request, workspace_id, email)) is not None:
            messages.error(request, f"No new link for {email}. {limit.message}")
            return redirect(_team_url(workspace_id, f"invitation-{invitation.id}"))
        try:
            invitation, _ = services.invitation_create(
                workspace=membership.workspace,
                email=email,
                role=invitation.role,
                by=membership,
                clients=list(invitation.clients.all()),
            )
        except ValidationError as error:
            messages.error(request, f"No new link for {email}. {' '.join(error.messages)}")
            return redirect(_team_url(workspace_id, f"invitation-{invitation.id}"))
        if services.invitation_send(
            invitation=invitation, link=_invitation_link(request, invitation)
        ):
            messages.success(
                request,
                f"A new link is emailed to {email}; the old one no longer works. "
                "You can also copy it below.",
            )
        else:
            messages.warning(
                request,
                f"{email} has a new link and the old one no longer works, but the email "
                "could not be sent. Copy the link below and send it to them yourself.",
            )
        return redirect(_team_url(workspace_id, f"invitation-{invitation.id}"))
    context = {
        "title": f"Send {email} a new link?",
        "consequence": (
            "Their link has expired. A new one is emailed to them, and works for two weeks."
            if invitation.is_expired
            else "The link they have stops working at once. A new one is emailed to them, "
            "and works for two weeks."
        ),
        "action_label": "Send a new link",
        "cancel_url": _team_url(workspace_id, f"invitation-{invitation.id}"),
    }
    return render(request, "assessments/confirm_delete.html", context)


@login_required
@require_POST
def member_role(request: HttpRequest, workspace_id: int, membership_id: int) -> HttpResponse:
    """Change one member's role; with htmx, only that member's line is sent back."""
    membership = membership_for_user(request.user, workspace_id)
    require_manager(membership)
    member = _member_of(membership, membership_id)
    roles = roles_for(membership)
    form = MembershipRoleForm(request.POST, roles=roles, auto_id=f"member-{member.id}-%s")
    error = saved = ""
    if not form.is_valid():
        error = "Choose one of the roles in the list."
    else:
        try:
            member = services.membership_set_role(
                membership=member, role=form.cleaned_data["role"], by=membership
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            saved = f"{member.user.get_full_name()} is now {role_with_article(member.role)}."
    url = _team_url(workspace_id, f"member-{member.id}")
    current = Membership.objects.select_related("user").filter(pk=member.pk).first()
    if current is None or (saved and member.user_id == request.user.id):
        # Your own role decides what the whole page offers you, and a member removed
        # meanwhile has no line to update: show the whole page again.
        if current is None:
            messages.error(request, error)
        else:
            messages.success(request, f"You are now {role_with_article(member.role)}.")
        url = _team_url(workspace_id)
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if request.htmx:
        if error:
            # The line shows the role the member still has, with the reason beside it.
            form = MembershipRoleForm(
                {"role": current.role}, roles=roles, auto_id=f"member-{member.id}-%s"
            )
            form.is_valid()
            form.add_error("role", error)
        owners = selectors.owner_count(membership.workspace)
        name = current.user.get_full_name()
        row = _member_row(
            current,
            membership,
            owners,
            form=form if error else None,
            saved=saved,
            error=error,
            announcement=f"{name}'s role did not change. {error}" if error else saved,
        )
        return render(request, f"{TEAM}#member-row", {"row": row}, status=422 if error else 200)
    if error:
        messages.error(request, f"{member.user.get_full_name()}'s role did not change. {error}")
    else:
        messages.success(request, saved)
    return redirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, workspace_id: int, membership_id: int) -> HttpResponse:
    membership = membership_for_user(request.user, workspace_id)
    leaving = membership.id == membership_id
    if not leaving:
        require_manager(membership)  # anyone may leave; only managers remove others
    member = membership if leaving else _member_of(membership, membership_id)
    name = member.user.get_full_name()
    if request.method == "POST":
        try:
            if leaving:
                services.membership_leave(membership=member)
            else:
                services.membership_remove(membership=member, by=membership)
        except ValidationError as error:
            messages.error(request, f"{name} is still in the team. {' '.join(error.messages)}")
            return redirect(_team_url(workspace_id, f"member-{member.id}"))
        if leaving:
            messages.success(request, f"You have left {membership.workspace.name}.")
            return redirect("dashboard")
        messages.success(request, f"{name} is removed from {membership.workspace.name}.")
        return redirect(_team_url(workspace_id))
    if (
        leaving
        and member.role == Membership.Role.OWNER
        and selectors.owner_count(member.workspace) == 1
    ):
        messages.error(request, services.SOLE_OWNER_LEAVING)
        return redirect(_team_url(workspace_id, f"member-{member.id}"))
    workspace = membership.workspace.name
    context = {
        "title": "Leave this workspace?" if leaving else f"Remove {name}?",
        "consequence": (
            f"You lose access to {workspace} at once; someone who manages it would have "
            "to invite you again."
            if leaving
            else f"{name} ({member.user.email}) loses access to {workspace} at once. "
            "Their answers and the actions they own stay as they are. "
            "You can invite them again later."
        ),
        "action_label": "Leave" if leaving else "Remove",
        "cancel_url": _team_url(workspace_id, f"member-{member.id}"),
    }
    return render(request, "assessments/confirm_delete.html", context)


# ---------------------------------------------------------------------------------
# The invited person's side: /invite/<token>/
# ---------------------------------------------------------------------------------


def _gone(request: HttpRequest, invitation: Invitation | None) -> HttpResponse:
    """Why a link no longer works, in words: unknown or withdrawn 404, expired or used 410."""
    inviter = invitation.invited_by if invitation else None
    context = {
        "invitation": invitation,
        "inviter": inviter.get_full_name() if inviter else "the person who invited you",
    }
    return render(request, INVITATION_GONE, context, status=404 if invitation is None else 410)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token)
    user = request.user
    if invitation is None:
        return _gone(request, None)
    if invitation.is_accepted:
        if user.is_authenticated and invitation.workspace.memberships.filter(user=user).exists():
            return redirect("workspace_detail", workspace_id=invitation.workspace_id)
        return _gone(request, invitation)
    if invitation.is_expired:
        return _gone(request, invitation)
    if user.is_authenticated:
        return _join(request, invitation)
    if User.objects.filter(email__iexact=invitation.email).exists():
        if request.method == "POST":
            return redirect_to_login(request.path)
        return render(request, INVITATION, _invitation_context(invitation, "log_in"))
    return _signup(request, invitation)


def _invitation_context(invitation: Invitation, step: str, **extra: Any) -> dict[str, Any]:
    inviter = invitation.invited_by
    limited_to = [client.name for client in invitation.clients.all()]
    return {
        "invitation": invitation,
        "workspace": invitation.workspace,
        "inviter": inviter.get_full_name() if inviter else "",
        "role_label": role_with_article(invitation.role),
        "role_description": role_description(invitation.role, limited=bool(limited_to)),
        "limited_to": limited_to,
        "step": step,
        **extra,
    }


def _join(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """Signed in: join with one button, or learn the link is for someone else."""
    if request.user.email.lower() != invitation.email:
        status = 403 if request.method == "POST" else 200
        context = _invitation_context(invitation, "wrong_account")
        return render(request, INVITATION, context, status=status)
    if request.method == "POST":
        try:
            joined = services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError:
            # Withdrawn, used or expired between the page and the click: say which.
            return redirect(request.path)
        _welcome(request, invitation.workspace, joined.role)
        return redirect("workspace_detail", workspace_id=invitation.workspace_id)
    return render(request, INVITATION, _invitation_context(invitation, "join"))


def _welcome(request: HttpRequest, workspace: Workspace, role: str) -> None:
    messages.success(
        request, f"Welcome to {workspace.name}. You joined as {role_with_article(role)}."
    )


def _signup(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """Not signed in and no account yet: a short form that creates one and joins."""
    form = InvitationSignupForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_signup(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError:
            # Withdrawn, used, expired, or an account made meanwhile: the page says which.
            return redirect(request.path)
        else:
            login(request, user, backend="accounts.backends.EmailBackend")
            _welcome(request, invitation.workspace, invitation.role)
            return redirect("workspace_detail", workspace_id=invitation.workspace_id)
    context = _invitation_context(invitation, "sign_up", form=form)
    return render(request, INVITATION, context, status=422 if form.errors else 200)
