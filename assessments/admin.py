from django import forms
from django.contrib import admin
from django.db.models import Count

from accounts.models import Membership
from readiness.admin_parents import ParentFixedOnChange
from readiness.money import format_money

from .admin_answers import (
    FINAL_READ_ONLY,
    AnswerAdminForm,
    AssessmentFilter,
    ClientFilter,
    RespondentAdminForm,
    action_title,
    answer_shown,
    given_by,
    is_final,
    question_text,
    with_rubric,
)
from .admin_scorecard import scorecard_summary
from .forms import FractionAsPercentField
from .models import (
    ActionItem,
    Answer,
    Assessment,
    ChangePlan,
    Client,
    Integration,
    OversightPlan,
    Owner,
    Pilot,
    Respondent,
    RubricVersion,
    SuccessMetric,
    ValueCase,
)
from .services import assessment_refresh_score, pilot_rescore_drafts
from .widgets import system_input


class PilotRecordAdmin(ParentFixedOnChange, admin.ModelAdmin):
    """A record of one pilot, edited on its own: its pilot's drafts are rescored after.

    Drafts store their decision, score and progress, and they read the pilot's live
    records, so a change made here must rescore them as the questionnaire's own edits
    do. A record stays with the pilot it was added to.
    """

    parent_fields = ("pilot",)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        pilot_rescore_drafts(obj.pilot)

    def delete_model(self, request, obj) -> None:
        pilot = obj.pilot
        super().delete_model(request, obj)
        pilot_rescore_drafts(pilot)

    def delete_queryset(self, request, queryset) -> None:
        pilots = list(Pilot.objects.filter(pk__in=queryset.values("pilot_id")))
        super().delete_queryset(request, queryset)
        for pilot in pilots:
            pilot_rescore_drafts(pilot)


class PilotInline(admin.TabularInline):
    model = Pilot
    extra = 0
    fields = ["name", "stage", "weekly_volume", "archived_at"]
    show_change_link = True


@admin.register(Client)
class ClientAdmin(ParentFixedOnChange, admin.ModelAdmin):
    list_display = [
        "name",
        "workspace",
        "industry",
        "size_band",
        "currency",
        "is_own_company",
        "pilot_count",
    ]
    list_filter = ["size_band", "currency", "is_own_company"]
    search_fields = ["name", "industry", "workspace__name"]
    autocomplete_fields = ["workspace"]
    parent_fields = ("workspace",)
    inlines = [PilotInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("workspace")
            .annotate(pilot_total=Count("pilots"))
        )

    @admin.display(description="Pilots", ordering="pilot_total")
    def pilot_count(self, obj: Client) -> int:
        return obj.pilot_total


class OwnerInline(admin.TabularInline):
    model = Owner
    extra = 0


class SuccessMetricInline(admin.StackedInline):
    model = SuccessMetric
    extra = 0
    fieldsets = [
        (None, {"fields": [("name", "kind", "unit"), ("baseline", "target", "direction")]}),
        (None, {"fields": ["measurement", ("go_threshold", "deadline")]}),
    ]


class IntegrationInline(admin.TabularInline):
    model = Integration
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "system":
            kwargs["widget"] = system_input()
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ThresholdAsPercent:
    """The confidence threshold as a percentage, as the questionnaire asks for it."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "confidence_threshold":
            return FractionAsPercentField(
                required=False,
                label="Confidence threshold (%)",
                help_text="Outputs the system is less sure of than this wait for a person: "
                "85, 85% or 0.85 all mean 85%.",
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class OversightPlanInline(ThresholdAsPercent, admin.StackedInline):
    model = OversightPlan
    fieldsets = [
        (None, {"fields": ["review_mode", ("confidence_threshold", "sample_percent")]}),
        (
            "Monitoring",
            {"fields": ["monitor_runs", "monitor_actions", "monitor_quality", "alert_recipient"]},
        ),
        ("When it goes wrong", {"fields": ["exception_handling", "escalation_path"]}),
    ]


class ChangePlanInline(admin.StackedInline):
    model = ChangePlan


@admin.display(description="Payback")
def payback(obj: ValueCase) -> str:
    months = obj.payback_months if obj.pk else None
    if months is None:
        return "Not enough figures yet"
    if months == float("inf"):
        return "Never: the monthly saving does not cover the running cost"
    return f"{months:.1f} months"


class ValueCaseInline(admin.StackedInline):
    model = ValueCase
    readonly_fields = [payback]


class AssessmentSummaryInline(admin.TabularInline):
    model = Assessment
    extra = 0
    fields = ["started_at", "status", "decision", "overall_score", "progress_percent", "rubric"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Pilot)
class PilotAdmin(ParentFixedOnChange, admin.ModelAdmin):
    list_display = ["name", "client", "workspace", "stage", "weekly_volume", "updated_at"]
    list_filter = ["stage", ("archived_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "workflow", "client__name", "client__workspace__name"]
    autocomplete_fields = ["client"]
    list_select_related = ["client__workspace"]
    readonly_fields = ["created_at", "updated_at"]
    parent_fields = ("client",)
    inlines = [
        OwnerInline,
        SuccessMetricInline,
        IntegrationInline,
        OversightPlanInline,
        ChangePlanInline,
        ValueCaseInline,
        AssessmentSummaryInline,
    ]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        pilot_rescore_drafts(form.instance)

    @admin.display(description="Workspace", ordering="client__workspace__name")
    def workspace(self, obj: Pilot) -> str:
        return obj.client.workspace.name


@admin.register(Integration)
class IntegrationAdmin(PilotRecordAdmin):
    """Across pilots, to see which systems keep coming up and how far each connection got."""

    list_display = ["system", "pilot", "access", "status", "budgeted", "effort_days"]
    list_filter = ["status", "access", "budgeted"]
    search_fields = ["system", "pilot__name", "pilot__client__name"]
    autocomplete_fields = ["pilot"]
    list_select_related = ["pilot"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "system":
            kwargs["widget"] = system_input()
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(RubricVersion)
class RubricVersionAdmin(admin.ModelAdmin):
    """Read-only: a published rubric never changes; a new file means a new version."""

    list_display = ["version", "title", "published_at", "short_hash", "assessment_count"]
    search_fields = ["version", "title"]
    fields = ["version", "title", "published_at", "sha256", "definition"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(assessment_total=Count("assessments"))

    @admin.display(description="Content hash")
    def short_hash(self, obj: RubricVersion) -> str:
        return obj.sha256[:12]

    @admin.display(description="Assessments", ordering="assessment_total")
    def assessment_count(self, obj: RubricVersion) -> int:
        return obj.assessment_total

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class FinalReadOnly:
    """Rows of a final assessment are shown but not changed, added or deleted here.

    `obj` is the row itself on its own admin page and the parent assessment inline.
    """

    @staticmethod
    def _final(obj) -> bool:
        return is_final(obj if isinstance(obj, Assessment) or obj is None else obj.assessment)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not self._final(obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not self._final(obj)

    def get_deleted_objects(self, objs, request):
        # Deleting from the list skips the per-row permission, so a final row stops it here.
        deleted, counts, refused, protected = super().get_deleted_objects(objs, request)
        final = [obj for obj in objs if self._final(obj)]
        if final:
            name = self.model._meta.verbose_name_plural.capitalize()
            refused = {*refused, f"{name} of a final assessment, which cannot change"}
        return deleted, counts, refused, protected

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._final(obj) or isinstance(obj, Assessment):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "description": FINAL_READ_ONLY}), *rest]


class FinalReadOnlyInline(FinalReadOnly):
    def has_add_permission(self, request, obj) -> bool:
        return super().has_add_permission(request, obj) and not self._final(obj)


class RespondentInline(FinalReadOnlyInline, admin.TabularInline):
    model = Respondent
    extra = 0
    fields = ["name", "email", "role", "user"]
    autocomplete_fields = ["user"]


def _forget_carried_if_edited(form) -> None:
    """An answer changed by hand is no longer the one copied from last time."""
    if set(form.changed_data) & {"value", "not_sure", "evidence"}:
        form.instance.carried_from = None


class AnswerInline(FinalReadOnlyInline, admin.TabularInline):
    model = Answer
    form = AnswerAdminForm
    fk_name = "assessment"
    extra = 0
    fields = [
        "question_id",
        "respondent",
        "value",
        "not_sure",
        "evidence",
        "answered_by",
        "carried_from",
    ]
    readonly_fields = ["answered_by", "carried_from", question_text, answer_shown]

    def get_fields(self, request, obj=None):
        if is_final(obj):
            # Shown in the rubric's words, as nothing here can be typed.
            return [question_text, "respondent", answer_shown, "not_sure", "evidence"]
        return self.fields

    def get_formset(self, request, obj=None, **kwargs):
        if is_final(obj):
            # Shown only: nothing to type, so nothing for the answer form to check.
            kwargs["form"] = forms.ModelForm
        return super().get_formset(request, obj, **kwargs)

    def get_queryset(self, request):
        # The source assessment is shown by name, which reads its pilot; questions are
        # named from each answer's rubric.
        return with_rubric(super().get_queryset(request).select_related("carried_from__pilot"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only this assessment's respondents belong in the list.
        if db_field.name == "respondent":
            assessment_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Respondent.objects.filter(assessment_id=assessment_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ActionItemInline(admin.TabularInline):
    """Editable even once final: the app too lets the plan's progress be recorded then."""

    model = ActionItem
    extra = 0
    fields = [action_title, "criterion_id", "owner_name", "due_date", "status", "notes"]
    readonly_fields = [action_title]

    def get_queryset(self, request):
        return with_rubric(super().get_queryset(request))


class AssessmentAdminForm(forms.ModelForm):
    """A new assessment: of a pilot still in use, on a published rubric, started by one of
    the pilot's own workspace."""

    class Meta:
        model = Assessment
        fields = ["pilot", "rubric", "current_section", "started_by", "started_at"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "rubric" in self.fields:
            self.fields["rubric"].queryset = RubricVersion.objects.filter(
                published_at__isnull=False
            ).defer("definition")

    def clean(self) -> dict:
        data = super().clean()
        pilot = data.get("pilot")
        if pilot is None or "pilot" not in self.fields:
            return data
        if pilot.archived_at is not None:
            self.add_error("pilot", "This pilot is archived: restore it in the app first.")
        elif (
            self.instance.pk is None
            and pilot.assessments.filter(status=Assessment.Status.DRAFT).exists()
        ):
            self.add_error(
                "pilot",
                "This pilot already has an assessment in progress: carry on with that one, "
                "or mark it final in the app before you start another.",
            )
        started_by = data.get("started_by")
        if (
            started_by is not None
            and not Membership.objects.filter(
                user=started_by, workspace_id=pilot.client.workspace_id
            ).exists()
        ):
            self.add_error(
                "started_by", "Choose a member of the pilot's workspace, or leave this empty."
            )
        return data


FINAL_ASSESSMENT_READ_ONLY = (
    "This assessment is final, so it is shown but cannot be changed, nor can its answers "
    "and the people who gave them: its decision and score stay as they were when it was "
    "marked final. Progress on its action plan can still be recorded. To record other "
    "changes, start a new assessment of the pilot."
)


@admin.register(Assessment)
class AssessmentAdmin(ParentFixedOnChange, admin.ModelAdmin):
    list_display = [
        "pilot",
        "client",
        "status",
        "decision",
        "overall_score",
        "progress_percent",
        "rubric",
        "started_at",
    ]
    list_filter = ["status", "decision", "rubric"]
    search_fields = ["pilot__name", "pilot__client__name", "pilot__client__workspace__name"]
    list_select_related = ["pilot__client", "rubric"]
    date_hierarchy = "started_at"
    autocomplete_fields = ["pilot", "started_by"]
    form = AssessmentAdminForm
    # Who started it and when belong with the pilot it was started on.
    parent_fields = ("pilot", "started_by", "started_at")
    fieldsets = [
        (None, {"fields": ["pilot", "rubric", "status", "current_section"]}),
        ("Who and when", {"fields": ["started_by", "started_at", "submitted_at"]}),
        (
            "Result",
            {
                "description": (
                    "Decision, score and progress are recomputed whenever the answers or "
                    "records change. The full scorecard is stored when the assessment is "
                    "marked final."
                ),
                "fields": [
                    "decision",
                    "overall_score",
                    "progress_percent",
                    "scored_at",
                    scorecard_summary,
                ],
            },
        ),
        ("Frozen records", {"classes": ["collapse"], "fields": ["snapshot"]}),
    ]
    readonly_fields = [
        "status",
        "submitted_at",
        "decision",
        "overall_score",
        "progress_percent",
        "scored_at",
        scorecard_summary,
        "snapshot",
    ]
    inlines = [RespondentInline, AnswerInline, ActionItemInline]

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is Answer:
            for answer_form in formset.forms:
                _forget_carried_if_edited(answer_form)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change) -> None:
        # Answers edited here skip the questionnaire, so rescore to keep the stored
        # decision in step with them. A final assessment keeps its frozen result.
        super().save_related(request, form, formsets, change)
        if not form.instance.is_submitted:
            assessment_refresh_score(form.instance)

    def get_fieldsets(self, request, obj=None):
        fieldsets = self.fieldsets
        if is_final(obj):
            (name, options), *rest = fieldsets
            return [(name, {**options, "description": FINAL_ASSESSMENT_READ_ONLY}), *rest]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if is_final(obj):
            # Its result was fixed when it was marked final: nothing of it changes here.
            return [field for _, options in self.fieldsets for field in options["fields"]]
        fields = super().get_readonly_fields(request, obj)
        # An assessment stays on the rubric version it was started on.
        return fields if obj is None else ["rubric", *fields]

    @admin.display(description="Client", ordering="pilot__client__name")
    def client(self, obj: Assessment) -> str:
        return obj.pilot.client.name


@admin.register(ActionItem)
class ActionItemAdmin(ParentFixedOnChange, admin.ModelAdmin):
    list_display = [action_title, "assessment", "owner_name", "due_date", "status"]
    list_filter = ["status", ClientFilter, AssessmentFilter]
    search_fields = ["criterion_id", "owner_name", "assessment__pilot__name"]
    list_select_related = ["assessment__pilot"]
    autocomplete_fields = ["assessment"]
    readonly_fields = [action_title]
    parent_fields = ("assessment",)

    def get_queryset(self, request):
        # The list's own joins are skipped once a query has some, so they are named here.
        return with_rubric(super().get_queryset(request).select_related(*self.list_select_related))


@admin.register(Owner)
class OwnerAdmin(PilotRecordAdmin):
    list_display = ["name", "pilot", "role", "accountable", "hours_per_week", "in_using_team"]
    list_filter = ["accountable", "in_using_team"]
    search_fields = ["name", "email", "role", "pilot__name"]
    list_select_related = ["pilot"]
    autocomplete_fields = ["pilot"]


@admin.register(SuccessMetric)
class SuccessMetricAdmin(PilotRecordAdmin):
    list_display = ["name", "pilot", "kind", "unit", "baseline", "target", "go_threshold"]
    list_filter = ["kind", "direction"]
    search_fields = ["name", "measurement", "pilot__name"]
    list_select_related = ["pilot"]
    autocomplete_fields = ["pilot"]


@admin.register(OversightPlan)
class OversightPlanAdmin(ThresholdAsPercent, PilotRecordAdmin):
    list_display = ["pilot", "review_mode", "threshold_percent", "alert_recipient"]
    list_filter = ["review_mode"]
    search_fields = ["pilot__name", "alert_recipient"]

    @admin.display(description="Confidence threshold", ordering="confidence_threshold")
    def threshold_percent(self, plan: OversightPlan) -> str:
        if plan.confidence_threshold is None:
            return "—"
        return f"{format(round(plan.confidence_threshold * 100, 4), 'g')}%"

    list_select_related = ["pilot"]
    autocomplete_fields = ["pilot"]


@admin.register(ChangePlan)
class ChangePlanAdmin(PilotRecordAdmin):
    list_display = ["pilot", "involvement", "sponsor_name", "rollout_commitment"]
    list_filter = ["involvement", "rollout_commitment"]
    search_fields = ["pilot__name", "sponsor_name", "teams_affected"]
    list_select_related = ["pilot"]
    autocomplete_fields = ["pilot"]


@admin.register(ValueCase)
class ValueCaseAdmin(PilotRecordAdmin):
    list_display = [
        "pilot",
        "items_per_month",
        "minutes_saved_per_item",
        "hourly_cost_in_currency",
        "build_cost_in_currency",
        "monthly_run_cost_in_currency",
        payback,
    ]
    search_fields = ["pilot__name"]
    list_select_related = ["pilot__client"]
    autocomplete_fields = ["pilot"]
    readonly_fields = [payback]

    # In the client's currency; None shows as the admin's mark for an empty value.
    @admin.display(description="Hourly cost", ordering="hourly_cost")
    def hourly_cost_in_currency(self, obj: ValueCase) -> str | None:
        return format_money(obj.hourly_cost, obj.pilot.client.currency) or None

    @admin.display(description="Build cost", ordering="build_cost")
    def build_cost_in_currency(self, obj: ValueCase) -> str | None:
        return format_money(obj.build_cost, obj.pilot.client.currency) or None

    @admin.display(description="Monthly run cost", ordering="monthly_run_cost")
    def monthly_run_cost_in_currency(self, obj: ValueCase) -> str | None:
        return format_money(obj.monthly_run_cost, obj.pilot.client.currency) or None


@admin.register(Respondent)
class RespondentAdmin(ParentFixedOnChange, FinalReadOnly, admin.ModelAdmin):
    list_display = [
        "name",
        "email",
        "role",
        "assessment",
        "client",
        "workspace",
        "created_at",
        "finished_at",
    ]
    list_filter = [ClientFilter, AssessmentFilter, ("finished_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "email", "assessment__pilot__name", "assessment__pilot__client__name"]
    list_select_related = ["assessment__pilot__client__workspace"]
    autocomplete_fields = ["assessment", "user"]
    readonly_fields = ["invite_token"]
    parent_fields = ("assessment",)
    form = RespondentAdminForm

    @admin.display(description="Client", ordering="assessment__pilot__client__sort_name")
    def client(self, obj: Respondent) -> str:
        return obj.assessment.pilot.client.name

    @admin.display(description="Workspace", ordering="assessment__pilot__client__workspace__name")
    def workspace(self, obj: Respondent) -> str:
        return obj.assessment.pilot.client.workspace.name


@admin.register(Answer)
class AnswerAdmin(ParentFixedOnChange, FinalReadOnly, admin.ModelAdmin):
    form = AnswerAdminForm
    list_display = [question_text, answer_shown, given_by, "assessment", "client", "updated_at"]
    list_filter = [
        ClientFilter,
        AssessmentFilter,
        "not_sure",
        ("carried_from", admin.EmptyFieldListFilter),
    ]
    search_fields = [
        "question_id",
        "evidence",
        "assessment__pilot__name",
        "assessment__pilot__client__name",
    ]
    list_select_related = ["assessment__pilot__client", "respondent"]
    autocomplete_fields = ["assessment", "respondent"]
    readonly_fields = ["answered_by", "carried_from", "updated_at", question_text, answer_shown]
    # Who gave an answer is part of it, as the assessment it answers is.
    parent_fields = ("assessment", "respondent")

    def get_queryset(self, request):
        # The list's own joins are skipped once a query has some, so they are named here.
        return with_rubric(super().get_queryset(request).select_related(*self.list_select_related))

    def get_fields(self, request, obj=None):
        fields = [
            f for f in super().get_fields(request, obj) if f not in {question_text, answer_shown}
        ]
        if is_final(obj.assessment if obj else None):
            # Shown in the rubric's words, as nothing here can be typed.
            swap = {"question_id": question_text, "value": answer_shown}
            return [swap.get(f, f) for f in fields]
        return fields

    @admin.display(description="Client", ordering="assessment__pilot__client__sort_name")
    def client(self, obj: Answer) -> str:
        return obj.assessment.pilot.client.name

    # An answer edited here skips the questionnaire, so its assessment is rescored.
    def save_model(self, request, obj, form, change) -> None:
        _forget_carried_if_edited(form)
        super().save_model(request, obj, form, change)
        _rescore_drafts({obj.assessment_id})

    def delete_model(self, request, obj) -> None:
        assessment_id = obj.assessment_id
        super().delete_model(request, obj)
        _rescore_drafts({assessment_id})

    def delete_queryset(self, request, queryset) -> None:
        assessment_ids = set(queryset.values_list("assessment_id", flat=True))
        super().delete_queryset(request, queryset)
        _rescore_drafts(assessment_ids)


def _rescore_drafts(assessment_ids) -> None:
    # A final assessment keeps the result it was marked final with.
    for assessment in Assessment.objects.filter(
        pk__in=assessment_ids, status=Assessment.Status.DRAFT
    ):
        assessment_refresh_score(assessment)
