import re

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from assessments.models import Assessment

from . import services
from .models import Report


class DecisionFilter(admin.SimpleListFilter):
    title = "decision"
    parameter_name = "decision"

    def lookups(self, request, model_admin):
        return Assessment.Decision.choices

    def queryset(self, request, queryset):
        return queryset.filter(decision=self.value()) if self.value() else queryset


# A report as users quote it, "R-000123", or its digits alone; at most a bigint's digits.
REFERENCE = re.compile(r"(?:R-?)?0*(\d{1,18})", re.IGNORECASE)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "pilot",
        "client",
        "workspace",
        "status",
        "decision_label",
        "attempts",
        "page_count",
        "render_seconds",
        "requested_by",
        "created_at",
    ]
    list_filter = ["status", DecisionFilter, "created_at"]
    search_fields = [
        "assessment__pilot__name",
        "assessment__pilot__client__name",
        "assessment__pilot__client__workspace__name",
        "requested_by__email",
        "sha256",
    ]
    search_help_text = "A reference (R-000123), a pilot, client or workspace, an email or a hash."
    list_select_related = ["assessment__pilot__client__workspace", "requested_by"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    actions = ["requeue"]
    readonly_fields = [
        "reference",
        "assessment",
        "client",
        "workspace",
        "requested_by",
        "decision_label",
        "status",
        "attempts",
        "error_message",
        "download",
        "sha256",
        "snapshot_sha256",
        "page_count",
        "size_bytes",
        "render_seconds",
        "created_at",
        "started_at",
        "finished_at",
        "updated_at",
        "snapshot",
    ]
    exclude = ["file"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        reference = REFERENCE.fullmatch(search_term.strip())
        if reference:
            results |= queryset.filter(pk=int(reference[1]))
        return results, may_have_duplicates

    @admin.display(description="Reference", ordering="id")
    def reference(self, report: Report) -> str:
        return report.reference

    @admin.display(description="Decision", ordering="decision")
    def decision_label(self, obj: Report) -> str:
        return dict(Assessment.Decision.choices).get(obj.decision, obj.decision or "—")

    @admin.display(description="Pilot", ordering="assessment__pilot__name")
    def pilot(self, report: Report) -> str:
        return report.assessment.pilot.name

    @admin.display(description="Client", ordering="assessment__pilot__client__sort_name")
    def client(self, report: Report) -> str:
        return report.assessment.pilot.client.name

    @admin.display(description="Workspace", ordering="assessment__pilot__client__workspace__name")
    def workspace(self, report: Report) -> str:
        return report.assessment.pilot.client.workspace.name

    @admin.display(description="File")
    def download(self, report: Report) -> str:
        if report.status != Report.Status.READY:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("report_download", args=[report.pk]), report.file.name
        )

    @admin.action(description="Re-queue selected failed or stuck reports")
    def requeue(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        done = sum(services.report_requeue(report=report) for report in queryset)
        skipped = queryset.count() - done
        self.message_user(request, f"Re-queued {done} report(s).", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"Left {skipped} alone: ready, or rendering within its time limit.",
                messages.WARNING,
            )
