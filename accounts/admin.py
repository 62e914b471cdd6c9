from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Q
from django.utils import timezone

from readiness.admin_parents import ParentFixedOnChange, ParentFixedOnChangeForm

from .forms import AdminSignInForm
from .models import Invitation, Membership, User, Workspace

# The admin's sign-in counts attempts like the app's own.
admin.site.login_form = AdminSignInForm
admin.site.site_header = "Readiness administration"
admin.site.site_title = "Readiness admin"
admin.site.index_title = "Workspaces, pilots, assessments and reports"


class MembershipInlineForm(ParentFixedOnChangeForm):
    # Giving a membership to someone else would hand them its access.
    parent_fields = ("user",)


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipInlineForm
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal info", {"fields": ("full_name",)}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):
    list_display = ["name", "default_currency", "prepared_by", "created_at"]
    list_filter = ["default_currency"]
    search_fields = ["name", "prepared_by", "memberships__user__email"]
    inlines = [MembershipInline]
    # A logo is checked, and the one it replaces deleted, by the workspace's settings page.
    exclude = ["logo"]
    readonly_fields = ["logo_file"]

    @admin.display(description="Logo")
    def logo_file(self, workspace: Workspace) -> str:
        name = workspace.logo.name if workspace.logo else "None"
        return f"{name}. An owner changes it on the workspace's settings page."


@admin.register(Membership)
class MembershipAdmin(ParentFixedOnChange, admin.ModelAdmin):
    list_display = ["user", "workspace", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "workspace__name"]
    autocomplete_fields = ["user", "workspace"]
    parent_fields = ("workspace", "user")


class InvitationStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", "Open"), ("expired", "Expired"), ("accepted", "Accepted")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "open":
            return queryset.filter(accepted_at__isnull=True, expires_at__gt=now)
        if self.value() == "expired":
            return queryset.filter(accepted_at__isnull=True, expires_at__lte=now)
        if self.value() == "accepted":
            return queryset.filter(~Q(accepted_at=None))
        return queryset


@admin.register(Invitation)
class InvitationAdmin(ParentFixedOnChange, admin.ModelAdmin):
    list_display = [
        "email",
        "workspace",
        "role",
        "state",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
    ]
    list_filter = [InvitationStateFilter, "role", "created_at"]
    search_fields = ["email", "workspace__name", "invited_by__email"]
    list_select_related = ["workspace", "invited_by"]
    autocomplete_fields = ["workspace", "invited_by", "accepted_by"]
    readonly_fields = ["token", "accepted_at", "accepted_by"]
    parent_fields = ("workspace",)
    date_hierarchy = "created_at"

    @admin.display(description="State")
    def state(self, invitation: Invitation) -> str:
        if invitation.is_accepted:
            return "Accepted"
        return "Expired" if invitation.is_expired else "Open"
