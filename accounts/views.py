from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetView
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import selectors as assessment_selectors
from assessments.scoring.scorecard import standing_label
from reports.fetcher import guess_image_type

from . import limits, selectors, services
from .access import membership_for_user, require_manager
from .forms import SignupForm, WorkspaceSettingsForm, WorkspaceStartForm, logo_url
from .models import Membership

CLIENTS_PER_PAGE = 10


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if (limit := limits.sign_up(request)) is not None:
            form.add_error(None, limit.message)
            return render(request, "accounts/signup.html", {"form": form}, status=429)
        user = services.user_signup(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            full_name=form.cleaned_data["full_name"],
            workspace_name=form.cleaned_data["workspace_name"],
            currency=form.cleaned_data["currency"],
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
    # Someone who belongs nowhere (they left, or were removed) may start their own.
    form = None if workspaces else WorkspaceStartForm()
    return render(request, "accounts/dashboard.html", {"workspaces": workspaces, "form": form})


@login_required
@require_POST
def workspace_start(request: HttpRequest) -> HttpResponse:
    """A workspace of one's own, owned by the user, for someone who belongs to none."""
    if Membership.objects.filter(user=request.user).exists():
        messages.info(request, services.ALREADY_IN_A_WORKSPACE)
        return redirect("dashboard")
    form = WorkspaceStartForm(request.POST)
    if form.is_valid():
        try:
            workspace = services.workspace_start(
                user=request.user,
                name=form.cleaned_data["workspace_name"],
                default_currency=form.cleaned_data["currency"],
            )
        except PermissionDenied:
            # Another request started theirs since the check above.
            messages.info(request, services.ALREADY_IN_A_WORKSPACE)
            return redirect("dashboard")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Your workspace {workspace.name} is ready.")
            return redirect("workspace_detail", workspace_id=workspace.id)
    context = {"workspaces": [], "form": form}
    return render(request, "accounts/dashboard.html", context, status=422)


# The dashboard's filter: each pilot's latest decision, in the order a portfolio is read.
PORTFOLIO_FILTERS = {
    "not_yet": "Not yet",
    "stop": "Stop",
    "go_with_conditions": "Go with conditions",
    "go": "Go",
    assessment_selectors.UNASSESSED: "Not assessed",
}
PORTFOLIO_SORTS = {
    assessment_selectors.BY_NAME: "Name",
    assessment_selectors.BY_ACTIVITY: "Recent activity",
}
SEARCH_MAX = 100


@login_required
def workspace_detail(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The dashboard: clients, their pilots, and each pilot's latest decision and progress.

    Clients are paginated and the pilots of one page come in one query, so the page
    costs the same however many clients, pilots or answers the workspace holds. A search
    (client or pilot name) and a filter by latest decision narrow both lists.
    """
    membership = membership_for_user(request.user, workspace_id)
    workspace = membership.workspace
    search = request.GET.get("q", "").strip()[:SEARCH_MAX]
    decision = request.GET.get("decision", "")
    sort = request.GET.get("sort", "") or assessment_selectors.BY_NAME
    # A checkbox: ticked sends "1", unticked sends nothing.
    archived = request.GET.get("archived") == "1"
    filter_errors = []
    if decision and decision not in PORTFOLIO_FILTERS:
        filter_errors.append("There is no such decision to filter by, so every decision is shown.")
        decision = ""
    if sort not in PORTFOLIO_SORTS:
        filter_errors.append("There is no such order, so pilots are sorted by name.")
        sort = assessment_selectors.BY_NAME
    # Someone limited to some clients finds, lists and counts only theirs.
    scope = {"membership": membership, "archived": archived}
    narrowed = {"search": search, "decision": decision, **scope}
    clients = assessment_selectors.portfolio_clients(workspace, sort=sort, **narrowed)
    page = Paginator(clients, CLIENTS_PER_PAGE).get_page(request.GET.get("page"))
    clients = list(page)
    pilots_by_client: dict[int, list] = {client.id: [] for client in clients}
    if clients:
        # A client found by its own name shows all its pilots; others only those found.
        pilots = assessment_selectors.portfolio_pilots(workspace, sort=sort, **narrowed).filter(
            client_id__in=pilots_by_client
        )
        for pilot in pilots:
            pilot.latest_decision_label = standing_label(
                pilot.latest_decision, pilot.latest_progress or 0
            )
            pilots_by_client[pilot.client_id].append(pilot)
    for client in clients:
        client.page_pilots = pilots_by_client[client.id]
        # Found by its own name, the client shows every pilot, archived ones included.
        client.show_archived_query = _query({"q": client.name, "archived": "1"})
    counts = assessment_selectors.portfolio_counts(workspace, search=search, **scope)
    filtering = bool(search or decision)
    # Kept by every link of the page: a search, its order and whether archived pilots
    # show stay as they are when paging or picking a decision.
    kept = {"q": search, "sort": "" if sort == assessment_selectors.BY_NAME else sort}
    kept["archived"] = "1" if archived else ""
    return render(
        request,
        "accounts/workspace_detail.html",
        {
            "workspace": workspace,
            "membership": membership,
            "clients": clients,
            "page": page,
            "search": search,
            "decision": decision,
            "sort": sort,
            "sorts": PORTFOLIO_SORTS,
            "archived": archived,
            "filtering": filtering,
            "filter_errors": filter_errors,
            "filters": [
                {"value": value, "label": label, "count": counts.get(value, 0)}
                for value, label in PORTFOLIO_FILTERS.items()
            ],
            "pilot_total": sum(counts.values()),
            "kept_query": _query(kept),
            "filter_query": _query({"q": search, "decision": decision, **kept}),
            "decision_label": PORTFOLIO_FILTERS.get(decision, ""),
            "has_any_client": filtering or archived or bool(clients),
            "has_own_company": filtering
            or any(c.is_own_company for c in clients)
            or page.number > 1,
        },
    )


def _query(values: dict[str, str]) -> str:
    """The non-empty values as a query string, for links that keep them."""
    return urlencode({name: value for name, value in values.items() if value})


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
                logo=form.cleaned_data["logo"] if "logo" in request.FILES else None,
                clear_logo=form.cleaned_data.get("clear_logo", False),
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
            "logo_url": logo_url(workspace) if workspace.logo else "",
            "members": selectors.memberships_visible_to(membership),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_GET
def workspace_logo(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The workspace's logo, for its own members only: logos are not public files."""
    workspace = membership_for_user(request.user, workspace_id).workspace
    # Raster images only, so nothing served here can run a script.
    content_type = guess_image_type(workspace.logo.name) if workspace.logo else None
    if content_type is None:
        raise Http404("No logo")
    try:
        with workspace.logo.open("rb") as handle:
            content = handle.read()
    except OSError:
        raise Http404("The logo could not be read") from None
    response = HttpResponse(content, content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Content-Disposition"] = "inline"
    patch_cache_control(response, private=True, max_age=3600)
    return response


class LimitedPasswordResetView(PasswordResetView):
    """Django's password reset, with at most a few emails an hour to one address."""

    def form_valid(self, form):
        if (limit := limits.password_reset(self.request, form.cleaned_data["email"])) is not None:
            form.add_error("email", limit.message)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
