from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from assessments import selectors as assessment_selectors
from assessments.scoring.scorecard import DECISION_LABELS

from . import selectors, services
from .access import membership_for_user, require_manager
from .forms import SignupForm, WorkspaceSettingsForm

CLIENTS_PER_PAGE = 10


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_signup(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            full_name=form.cleaned_data["full_name"],
            workspace_name=form.cleaned_data["workspace_name"],
        )
        login(request, user, backend="accounts.backends.EmailBackend")
        messages.success(request, "Welcome to Readiness. Your workspace is ready.")
        return redirect("dashboard")
    return render(
        request, "accounts/signup.html", {"form": form}, status=422 if form.errors else 200
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    workspaces = list(selectors.workspaces_for_user(request.user))
    if len(workspaces) == 1:
        return redirect("workspace_detail", workspace_id=workspaces[0].id)
    return render(request, "accounts/dashboard.html", {"workspaces": workspaces})


@login_required
def workspace_detail(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The dashboard: clients, their pilots, and each pilot's latest decision and progress.

    Clients are paginated and the pilots of one page come in one query, so the page
    costs the same however many clients, pilots or answers the workspace holds.
    """
    membership = membership_for_user(request.user, workspace_id)
    workspace = membership.workspace
    page = Paginator(assessment_selectors.clients_for_workspace(workspace), CLIENTS_PER_PAGE)
    page = page.get_page(request.GET.get("page"))
    clients = list(page)
    pilots_by_client: dict[int, list] = {client.id: [] for client in clients}
    if clients:
        pilots = assessment_selectors.pilots_for_workspace(workspace).filter(
            client_id__in=pilots_by_client
        )
        for pilot in pilots:
            pilot.latest_decision_label = DECISION_LABELS.get(pilot.latest_decision or "", "")
            pilots_by_client[pilot.client_id].append(pilot)
    for client in clients:
        client.page_pilots = pilots_by_client[client.id]
    return render(
        request,
        "accounts/workspace_detail.html",
        {
            "workspace": workspace,
            "membership": membership,
            "clients": clients,
            "page": page,
            "has_own_company": any(c.is_own_company for c in clients) or page.number > 1,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def workspace_settings(request: HttpRequest, workspace_id: int) -> HttpResponse:
    membership = membership_for_user(request.user, workspace_id)
    workspace = membership.workspace
    if request.method == "POST":
        require_manager(membership)
        form = WorkspaceSettingsForm(request.POST, request.FILES, instance=workspace)
        if form.is_valid():
            services.workspace_update_settings(
                workspace=workspace,
                name=form.cleaned_data["name"],
                default_currency=form.cleaned_data["default_currency"],
                accent_colour=form.cleaned_data["accent_colour"],
                prepared_by=form.cleaned_data["prepared_by"],
                logo=request.FILES.get("logo"),
                clear_logo=form.cleaned_data["clear_logo"],
            )
            messages.success(request, "Workspace settings saved.")
            return redirect("workspace_settings", workspace_id=workspace.id)
        workspace.refresh_from_db()
    else:
        form = WorkspaceSettingsForm(instance=workspace)
    return render(
        request,
        "accounts/workspace_settings.html",
        {
            "workspace": workspace,
            "membership": membership,
            "form": form,
            "members": selectors.memberships_of(workspace),
        },
        status=422 if form.errors else 200,
    )
