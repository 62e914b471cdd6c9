"""The assessment data model.

A workspace holds clients; a client holds pilots (one automated workflow each). The
structured records that decide a pilot's fate (owners, metrics, integrations,
oversight, change plan, value case) hang off the pilot because they describe the
living pilot; an assessment scores them, plus the questionnaire answers, against one
pinned rubric version.

Record field names match the engine's input dataclasses in `assessments.scoring.inputs`
exactly, and every choice list reuses the engine's tuples, so the adapter is a plain
field copy and the two can never drift apart.
"""

import math
import secrets
from datetime import datetime
from textwrap import shorten

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import Workspace
from readiness.money import INVALID_CURRENCY, Currency

from .names import SORT_KEY_MAX, name_sort_key
from .rubric.loader import rubric_from_dict, rubric_hash
from .scoring import inputs as engine
from .scoring.scorecard import standing_label

non_negative = MinValueValidator(0)


def finite(value: float) -> None:
    """Refuses NaN and infinity, which the bounds below would let through unnoticed."""
    if value is not None and not math.isfinite(value):
        raise ValidationError("Enter a number.", code="invalid")


def at_most(limit: float, what: str) -> MaxValueValidator:
    """An upper bound that says what the number is, so the founder sees a typo as one."""
    return MaxValueValidator(limit, message=f"Enter at most {limit:,} {what}.")


# Generous upper bounds: far above any small business's real figures, low enough that
# a slipped key (an extra zero or three) is caught before it skews the value case.
MAX_WEEKLY_VOLUME = 10_000_000
MAX_ITEMS_PER_MONTH = 50_000_000
MAX_MINUTES_PER_ITEM = 2_400  # a 40-hour working week
MAX_EFFORT_DAYS = 3_650  # ten years of days
MAX_HOURLY_COST = 100_000
MAX_BUILD_COST = 1_000_000_000
MAX_MONTHLY_RUN_COST = 100_000_000
MAX_METRIC_VALUE = 1_000_000_000_000


def _non_negative(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0}) | Q(**{f"{field}__isnull": True}), name=name
    )


def _save_with_sort_name(instance, kwargs: dict) -> None:
    """Keep the stored sort key in step with the name, whichever fields are saved."""
    instance.sort_name = name_sort_key(instance.name)
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "name" in update_fields:
        kwargs["update_fields"] = {*update_fields, "sort_name"}


class Client(models.Model):
    """A company whose pilots are assessed: a consultancy's client, or the user's own company."""

    class SizeBand(models.TextChoices):
        MICRO = "micro", "1 to 9 people"
        SMALL = "small", "10 to 49 people"
        MEDIUM = "medium", "50 to 249 people"
        LARGE = "large", "250 or more people"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="clients")
    name = models.CharField(max_length=160)
    # The name as it sorts: case and accents aside (see names.py).
    sort_name = models.CharField(max_length=SORT_KEY_MAX, editable=False, default="")
    industry = models.CharField(max_length=120, blank=True)
    size_band = models.CharField(max_length=10, choices=SizeBand.choices, blank=True)
    # The self-serve path assesses the user's own business without calling it a client.
    is_own_company = models.BooleanField(
        default=False, help_text="This is the workspace's own company rather than a client."
    )
    # Every amount in its pilots' value cases is in this currency; blank is "not set".
    currency = models.CharField(
        max_length=3,
        choices=Currency.choices,
        blank=True,
        default="",
        help_text="The currency of its costs and savings.",
        error_messages={"invalid_choice": INVALID_CURRENCY},
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sort_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="client_unique_name"),
            models.CheckConstraint(
                condition=Q(currency__in=[*Currency.values, ""]), name="client_currency_valid"
            ),
            models.UniqueConstraint(
                fields=["workspace"],
                condition=Q(is_own_company=True),
                name="client_one_own_company",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        _save_with_sort_name(self, kwargs)
        super().save(*args, **kwargs)


class Pilot(models.Model):
    """One AI workflow being taken from trial to production."""

    class Stage(models.TextChoices):
        IDEA = "idea", "Idea"
        PILOT = "pilot", "Pilot running"
        CANDIDATE = "candidate", "Production candidate"
        PRODUCTION = "production", "In production"
        STOPPED = "stopped", "Stopped"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="pilots")
    name = models.CharField(max_length=160)
    # The name as it sorts: case and accents aside (see names.py).
    sort_name = models.CharField(max_length=SORT_KEY_MAX, editable=False, default="")
    workflow = models.TextField(blank=True, help_text="The workflow it automates, step by step.")
    problem = models.TextField(blank=True, help_text="The business problem it should solve.")
    weekly_volume = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[at_most(MAX_WEEKLY_VOLUME, "items a week")],
        help_text="Items the workflow handles in a typical week.",
    )
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.PILOT)
    prototype_effort_days = models.FloatField(
        null=True,
        blank=True,
        validators=[finite, non_negative, at_most(MAX_EFFORT_DAYS, "days")],
        help_text="Days spent building the prototype so far.",
    )
    # Hidden from lists without losing its assessments; a stopped pilot stays visible
    # because stopping on evidence is a result worth showing.
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=engine.PILOT_STAGES), name="pilot_stage_valid"
            ),
            _non_negative("prototype_effort_days", "pilot_effort_non_negative"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        _save_with_sort_name(self, kwargs)
        super().save(*args, **kwargs)

    def validate_unique(self, exclude=None) -> None:
        """Refuse a name the client already uses for another pilot, case and accents
        aside, so no two rows of the dashboard read the same.

        Not a database constraint: older data may hold such twins, and a pilot that
        keeps its own name is never refused for them.
        """
        super().validate_unique(exclude=exclude)
        if (exclude and "name" in exclude) or not self.client_id or not self.name:
            return
        key = name_sort_key(self.name)
        others = Pilot.objects.filter(client_id=self.client_id, sort_name=key)
        if self.pk is not None:
            if Pilot.objects.filter(pk=self.pk, sort_name=key).exists():
                return
            others = others.exclude(pk=self.pk)
        other = others.only("name", "archived_at").first()
        if other is not None:
            taken = f"{self.client.name} already has a pilot called “{other.name}”"
            if other.archived_at:
                message = f"{taken}, now archived. Restore that one, or give this one a name "
            else:
                message = f"{taken}. Give this one a name "
            raise ValidationError({"name": message + "that tells them apart."})

    def to_input(self) -> engine.PilotIn:
        return engine.PilotIn(
            name=self.name,
            workflow=self.workflow,
            problem=self.problem,
            weekly_volume=self.weekly_volume,
            stage=self.stage,
            prototype_effort_days=self.prototype_effort_days,
        )


class Owner(models.Model):
    """A person who owns part of running the workflow."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="owners")
    name = models.CharField(max_length=160)
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=160, blank=True, help_text="Job title or part they play.")
    accountable = models.BooleanField(
        default=False, help_text="The one person who answers for the workflow in production."
    )
    hours_per_week = models.FloatField(
        null=True,
        blank=True,
        validators=[finite, non_negative, MaxValueValidator(168)],
        help_text="Hours a week they can give to running it.",
    )
    in_using_team = models.BooleanField(
        default=False, help_text="They work in the team whose work the workflow changes."
    )

    class Meta:
        ordering = ["-accountable", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=0, hours_per_week__lte=168)
                | Q(hours_per_week__isnull=True),
                name="owner_hours_in_week",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def to_input(self) -> engine.OwnerIn:
        return engine.OwnerIn(
            name=self.name,
            email=self.email,
            role=self.role,
            accountable=self.accountable,
            hours_per_week=self.hours_per_week,
            in_using_team=self.in_using_team,
        )


METRIC_BOUNDS = [
    finite,
    MinValueValidator(-MAX_METRIC_VALUE, message=f"Enter at least {-MAX_METRIC_VALUE:,}."),
    MaxValueValidator(MAX_METRIC_VALUE, message=f"Enter at most {MAX_METRIC_VALUE:,}."),
]


class SuccessMetric(models.Model):
    """A number that says whether the workflow worked.

    Baseline and target may be blank: a metric without a baseline is exactly what the
    rubric's outcome gate reports, so the data model records it rather than refusing it.
    """

    class Kind(models.TextChoices):
        OUTCOME = "outcome", "Outcome (a business result)"
        OUTPUT = "output", "Output (what the system produced)"

    class Direction(models.TextChoices):
        INCREASE = "increase", "Higher is better"
        DECREASE = "decrease", "Lower is better"

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="metrics")
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OUTCOME)
    unit = models.CharField(max_length=40, blank=True, help_text="e.g. hours, %, days, £")
    baseline = models.FloatField(
        null=True, blank=True, validators=METRIC_BOUNDS, help_text="Today's value, measured."
    )
    target = models.FloatField(null=True, blank=True, validators=METRIC_BOUNDS)
    direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    measurement = models.TextField(blank=True, help_text="How and where the number is measured.")
    deadline = models.DateField(null=True, blank=True)
    go_threshold = models.FloatField(
        null=True,
        blank=True,
        validators=METRIC_BOUNDS,
        help_text="The value agreed up front that the metric must reach to go to production.",
    )

    class Meta:
        ordering = ["kind", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=engine.METRIC_KINDS), name="metric_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(direction__in=engine.METRIC_DIRECTIONS), name="metric_direction_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = self._target_errors() | self._threshold_errors()
        if errors:
            raise ValidationError(errors)

    def _target_errors(self) -> dict[str, str]:
        # A target on the wrong side of today's value is a typo or a misread direction;
        # either way the outcome checks would be measuring the opposite of the intent.
        if self.baseline is None or self.target is None:
            return {}
        if self.target == self.baseline:
            return {
                "target": f"The target is today's value ({self.baseline:,.15g}): give the "
                "value the workflow should reach."
            }
        if self.direction == self.Direction.INCREASE and self.target < self.baseline:
            return {
                "target": f"Higher is better, so the target should be above today's "
                f"value ({self.baseline:,.15g}). Lower the baseline, raise the target, or "
                "choose “Lower is better”."
            }
        if self.direction == self.Direction.DECREASE and self.target > self.baseline:
            return {
                "target": f"Lower is better, so the target should be below today's "
                f"value ({self.baseline:,.15g}). Raise the baseline, lower the target, or "
                "choose “Higher is better”."
            }
        return {}

    def _threshold_errors(self) -> dict[str, str]:
        """The go-live threshold must be an improvement on today, and no more than the target."""
        threshold, higher = self.go_threshold, self.direction == self.Direction.INCREASE
        if threshold is None:
            return {}
        better = "above" if higher else "below"
        if self.baseline is not None and (
            threshold <= self.baseline if higher else threshold >= self.baseline
        ):
            return {
                "go_threshold": f"{'Higher' if higher else 'Lower'} is better, so the go-live "
                f"threshold should be {better} today's value ({self.baseline:,.15g}): it is "
                "the improvement to see before going to production."
            }
        if self.target is not None and (
            threshold > self.target if higher else threshold < self.target
        ):
            return {
                "go_threshold": f"The go-live threshold is past the target "
                f"({self.target:,.15g}): make it a step on the way to the target, or the "
                "target itself."
            }
        return {}

    def to_input(self) -> engine.MetricIn:
        return engine.MetricIn(
            name=self.name,
            kind=self.kind,
            unit=self.unit,
            baseline=self.baseline,
            target=self.target,
            direction=self.direction,
            measurement=self.measurement,
            deadline=self.deadline,
            go_threshold=self.go_threshold,
        )


# Common small-business systems, grouped for a datalist. The system is stored as free
# text because the long tail of tools is endless; the catalogue only saves typing.
SYSTEM_CATALOGUE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("CRM", ("HubSpot", "Salesforce", "Pipedrive", "Zoho CRM")),
    ("Accounting", ("Xero", "QuickBooks", "Sage", "FreeAgent")),
    ("E-commerce", ("Shopify", "WooCommerce")),
    ("Email", ("Outlook / Microsoft 365", "Gmail / Google Workspace")),
    ("Ticketing", ("Zendesk", "Freshdesk", "Help Scout", "Intercom")),
    ("ERP", ("NetSuite", "Odoo", "SAP Business One")),
    ("Spreadsheet", ("Excel", "Google Sheets")),
    ("Other", ("Other",)),
)
SYSTEM_NAMES: tuple[str, ...] = tuple(name for _, names in SYSTEM_CATALOGUE for name in names)


class Integration(models.Model):
    """A live system the workflow must read from or write to."""

    class Access(models.TextChoices):
        READ = "read", "Reads from it"
        WRITE = "write", "Writes to it"
        READ_WRITE = "read_write", "Reads and writes"

    class Status(models.TextChoices):
        NONE = "none", "Not connected"
        EXTRACT = "extract", "Manual data extract"
        SANDBOX = "sandbox", "Connected to a sandbox"
        LIVE = "live", "Connected to the live system"

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="integrations")
    system = models.CharField(
        max_length=120, help_text="The system's name, e.g. HubSpot, Xero, Shopify, Zendesk."
    )
    access = models.CharField(max_length=10, choices=Access.choices, default=Access.READ)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NONE)
    budgeted = models.BooleanField(
        default=False, help_text="The work to connect it to the live system is budgeted."
    )
    effort_days = models.FloatField(
        null=True,
        blank=True,
        validators=[finite, non_negative, at_most(MAX_EFFORT_DAYS, "days")],
        help_text="Estimated days to connect it to the live system.",
    )

    class Meta:
        ordering = ["system", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(access__in=engine.INTEGRATION_ACCESS), name="integration_access_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=engine.INTEGRATION_STATUSES), name="integration_status_valid"
            ),
            _non_negative("effort_days", "integration_effort_non_negative"),
        ]

    def __str__(self) -> str:
        return self.system

    def to_input(self) -> engine.IntegrationIn:
        return engine.IntegrationIn(
            system=self.system,
            access=self.access,
            status=self.status,
            budgeted=self.budgeted,
            effort_days=self.effort_days,
        )


class OversightPlan(models.Model):
    """How people keep the workflow's output in check."""

    class ReviewMode(models.TextChoices):
        ALL = "all", "A person reviews every output"
        CONFIDENCE = "confidence", "A person reviews outputs below a confidence threshold"
        SAMPLED = "sampled", "A person reviews a sample"
        AUTONOMOUS = "autonomous", "No one reviews it before it takes effect"

    pilot = models.OneToOneField(Pilot, on_delete=models.CASCADE, related_name="oversight")
    # Starts unset: a mode nobody chose must not earn the credit of one that was.
    review_mode = models.CharField(
        max_length=12,
        choices=[(engine.REVIEW_MODE_UNSET, "Not chosen yet"), *ReviewMode.choices],
        blank=True,
        default=engine.REVIEW_MODE_UNSET,
    )
    confidence_threshold = models.FloatField(
        null=True,
        blank=True,
        validators=[finite, MinValueValidator(0), MaxValueValidator(1)],
        help_text="Between 0 and 1; outputs less confident than this wait for a person.",
    )
    sample_percent = models.FloatField(
        null=True,
        blank=True,
        validators=[finite, MinValueValidator(0), MaxValueValidator(100)],
        help_text="Share of outputs a person checks, 0 to 100.",
    )
    monitor_runs = models.TextField(blank=True, help_text="How you know it ran.")
    monitor_actions = models.TextField(blank=True, help_text="How you see what it did.")
    monitor_quality = models.TextField(
        blank=True, help_text="How you judge whether it was any good."
    )
    alert_recipient = models.CharField(
        max_length=200, blank=True, help_text="Who is alerted when it fails."
    )
    escalation_path = models.TextField(blank=True)
    exception_handling = models.TextField(
        blank=True, help_text="What happens to an item it cannot handle."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(review_mode__in=[*engine.REVIEW_MODES, engine.REVIEW_MODE_UNSET]),
                name="oversight_review_mode_valid_or_unset",
            ),
            models.CheckConstraint(
                condition=Q(confidence_threshold__gte=0, confidence_threshold__lte=1)
                | Q(confidence_threshold__isnull=True),
                name="oversight_threshold_0_1",
            ),
            models.CheckConstraint(
                condition=Q(sample_percent__gte=0, sample_percent__lte=100)
                | Q(sample_percent__isnull=True),
                name="oversight_sample_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"Oversight of {self.pilot}"

    def to_input(self) -> engine.OversightIn:
        return engine.OversightIn(
            review_mode=self.review_mode,
            confidence_threshold=self.confidence_threshold,
            sample_percent=self.sample_percent,
            monitor_runs=self.monitor_runs,
            monitor_actions=self.monitor_actions,
            monitor_quality=self.monitor_quality,
            alert_recipient=self.alert_recipient,
            escalation_path=self.escalation_path,
            exception_handling=self.exception_handling,
        )


class ChangePlan(models.Model):
    """How the people whose work changes are brought along."""

    class Involvement(models.TextChoices):
        INFORMED = "informed", "Informed"
        CONSULTED = "consulted", "Consulted"
        INVOLVED = "involved", "Involved in testing"
        CO_DESIGNING = "co_designing", "Designing it with us"

    class RolloutCommitment(models.TextChoices):
        NO = "no", "No commitment"
        UNDECIDED = "undecided", "Undecided"
        CONDITIONAL = "conditional", "Committed if it meets its threshold"
        COMMITTED = "committed", "Committed, with budget and date"

    pilot = models.OneToOneField(Pilot, on_delete=models.CASCADE, related_name="change_plan")
    teams_affected = models.TextField(blank=True, help_text="Which teams' daily work changes.")
    # Both choices start unset: an answer nobody gave must not be printed or scored as theirs.
    involvement = models.CharField(
        max_length=14,
        choices=[(engine.CHANGE_PLAN_UNSET, "Not chosen yet"), *Involvement.choices],
        blank=True,
        default=engine.CHANGE_PLAN_UNSET,
    )
    sponsor_name = models.CharField(
        max_length=160, blank=True, help_text="A sponsor inside the team that will use it."
    )
    training_plan = models.TextField(blank=True)
    rollout_phases = models.TextField(blank=True)
    rollout_commitment = models.CharField(
        max_length=12,
        choices=[(engine.CHANGE_PLAN_UNSET, "Not chosen yet"), *RolloutCommitment.choices],
        blank=True,
        default=engine.CHANGE_PLAN_UNSET,
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(involvement__in=[*engine.INVOLVEMENT_LEVELS, engine.CHANGE_PLAN_UNSET]),
                name="change_plan_involvement_valid_or_unset",
            ),
            models.CheckConstraint(
                condition=Q(
                    rollout_commitment__in=[*engine.ROLLOUT_COMMITMENTS, engine.CHANGE_PLAN_UNSET]
                ),
                name="change_plan_commitment_valid_or_unset",
            ),
        ]

    def __str__(self) -> str:
        return f"Change plan for {self.pilot}"

    def to_input(self) -> engine.ChangePlanIn:
        return engine.ChangePlanIn(
            teams_affected=self.teams_affected,
            involvement=self.involvement,
            sponsor_name=self.sponsor_name,
            training_plan=self.training_plan,
            rollout_phases=self.rollout_phases,
            rollout_commitment=self.rollout_commitment,
        )


def monthly_from_weekly(weekly: int | float) -> int:
    """Items a month for a weekly volume: a year's weeks spread over twelve months."""
    return round(weekly * 52 / 12)


class ValueCase(models.Model):
    """Volume, time saved and cost: whether the workflow can ever pay for itself."""

    pilot = models.OneToOneField(Pilot, on_delete=models.CASCADE, related_name="value_case")
    items_per_month = models.FloatField(
        null=True,
        blank=True,
        validators=[finite, non_negative, at_most(MAX_ITEMS_PER_MONTH, "items a month")],
    )
    minutes_saved_per_item = models.FloatField(
        null=True,
        blank=True,
        validators=[
            finite,
            non_negative,
            MaxValueValidator(
                MAX_MINUTES_PER_ITEM,
                message=f"Enter at most {MAX_MINUTES_PER_ITEM:,} minutes, a whole working "
                "week, per item.",
            ),
        ],
    )
    hourly_cost = models.FloatField(
        null=True,
        blank=True,
        validators=[finite, non_negative, at_most(MAX_HOURLY_COST, "for an hour of staff time")],
        help_text="Loaded cost of an hour of staff time.",
    )
    build_cost = models.FloatField(
        null=True,
        blank=True,
        validators=[
            finite,
            non_negative,
            at_most(MAX_BUILD_COST, "for the cost to reach production"),
        ],
        help_text="Everything to reach production: integration, testing and training included.",
    )
    monthly_run_cost = models.FloatField(
        null=True,
        blank=True,
        validators=[
            finite,
            non_negative,
            at_most(MAX_MONTHLY_RUN_COST, "for the running cost per month"),
        ],
    )

    class Meta:
        constraints = [
            _non_negative("items_per_month", "value_case_items_non_negative"),
            _non_negative("minutes_saved_per_item", "value_case_minutes_non_negative"),
            _non_negative("hourly_cost", "value_case_rate_non_negative"),
            _non_negative("build_cost", "value_case_build_non_negative"),
            _non_negative("monthly_run_cost", "value_case_run_non_negative"),
        ]

    def __str__(self) -> str:
        return f"Value case for {self.pilot}"

    def to_input(self) -> engine.ValueCaseIn:
        return engine.ValueCaseIn(
            items_per_month=self.items_per_month,
            minutes_saved_per_item=self.minutes_saved_per_item,
            hourly_cost=self.hourly_cost,
            build_cost=self.build_cost,
            monthly_run_cost=self.monthly_run_cost,
        )

    @property
    def payback_months(self) -> float | None:
        """Derived by the engine so the page and the score can never disagree."""
        return self.to_input().payback_months


class RubricVersion(models.Model):
    """One published version of the rubric, stored as data.

    Immutable once published: an assessment pinned to it must score the same way for
    ever, so changing a rubric means publishing a new version.
    """

    class Immutable(Exception):
        pass

    version = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=200, blank=True)
    definition = models.JSONField()
    sha256 = models.CharField(max_length=64, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"

    def __str__(self) -> str:
        return f"Rubric {self.version}"

    def save(self, *args, **kwargs) -> None:
        # Parsing validates the definition, so an invalid rubric never reaches the table.
        self.sha256 = rubric_hash(rubric_from_dict(self.definition))
        if self.pk is not None:
            stored = (
                RubricVersion.objects.using(kwargs.get("using") or self._state.db)
                .filter(pk=self.pk)
                .values("sha256", "version", "published_at")
                .first()
            )
            if (
                stored is not None
                and stored["published_at"] is not None
                and (stored["sha256"] != self.sha256 or stored["version"] != self.version)
            ):
                raise RubricVersion.Immutable(
                    f"Rubric {stored['version']} is published and cannot change; publish a new version instead."
                )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sha256"}
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Assessment(models.Model):
    """One scoring of a pilot against a pinned rubric version.

    The decision, overall score and progress are denormalised here and refreshed
    whenever an answer or record is saved, so lists of pilots can show their decisions
    without scoring anything. The full scorecard is stored once, on submit.

    While a draft, the assessment reads the pilot's live records. On submit it freezes
    the records into `snapshot`, so later edits to the pilot (which belong to the next
    assessment) never change what a submitted assessment said.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Final"

    class Decision(models.TextChoices):
        GO = "go", "Go"
        GO_WITH_CONDITIONS = "go_with_conditions", "Go with conditions"
        NOT_YET = "not_yet", "Not yet"
        STOP = "stop", "Stop"

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="assessments")
    rubric = models.ForeignKey(RubricVersion, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField("marked final at", null=True, blank=True)
    current_section = models.CharField(
        max_length=40, blank=True, help_text="Where the questionnaire resumes."
    )
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    overall_score = models.PositiveSmallIntegerField(null=True, blank=True)
    progress_percent = models.PositiveSmallIntegerField(default=0)
    scorecard = models.JSONField(null=True, blank=True, editable=False)
    scored_at = models.DateTimeField(null=True, blank=True, editable=False)
    snapshot = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-started_at", "-id"]
        get_latest_by = "started_at"
        indexes = [models.Index(fields=["pilot", "-started_at"], name="assessment_pilot_latest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted"]), name="assessment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100), name="assessment_progress_0_100"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False, snapshot__isnull=False),
                name="assessment_submitted_is_frozen",
            ),
            # Pages show a pilot's open assessment as its one draft: a second would
            # split the answers between two questionnaires.
            models.UniqueConstraint(
                fields=["pilot"],
                condition=Q(status="draft"),
                name="assessment_one_draft_per_pilot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pilot} ({self.started_at:%d %b %Y})"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def answered_yet(self) -> bool:
        """Whether anything is answered, by the progress the dashboard goes by."""
        return self.progress_percent > 0

    @property
    def standing_label(self) -> str:
        """The decision as the dashboard names it: "Not answered yet" until answered."""
        return standing_label(self.decision, self.progress_percent)

    @property
    def dated(self) -> datetime:
        """The moment that names this assessment: when it was marked final, or started."""
        return self.submitted_at or self.started_at


class Respondent(models.Model):
    """A person answering the questionnaire on their own, e.g. in a workshop."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="respondents")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=160)
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=160, blank=True, help_text="Job title or part they play.")
    # Lets an invited person answer through a link without an account.
    invite_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When they said they had answered everything they could; they may still change it.
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "user"],
                condition=Q(user__isnull=False),
                name="respondent_unique_user",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # However a person is added (the page, the admin), they get a link to answer by.
        if self._state.adding and not self.invite_token:
            self.invite_token = self.new_invite_token()
        super().save(*args, **kwargs)

    @staticmethod
    def new_invite_token() -> str:
        return secrets.token_urlsafe(32)


# An answer is named by its question's prompt, shortened at a word to about one line.
ANSWER_NAME_CHARS = 80


class Answer(models.Model):
    """One answer to one rubric question.

    A row with `respondent` empty is the assessment's own (agreed) answer, the one that is
    scored; rows with a respondent are individual answers for comparing. "Not sure" is an
    answer of its own, distinct from having no row at all. An agreed answer copied from
    the pilot's previous assessment names it in `carried_from` until it is reviewed.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    respondent = models.ForeignKey(
        Respondent, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    question_id = models.CharField(max_length=80)
    value = models.JSONField(null=True, blank=True)
    not_sure = models.BooleanField(default=False)
    evidence = models.TextField(blank=True, help_text="What backs the answer up: a note or a link.")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set on an answer copied from an earlier assessment when reassessing, until someone
    # saves it or confirms that it still holds.
    carried_from = models.ForeignKey(
        "Assessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The earlier assessment this answer was copied from, until it is confirmed.",
    )
    # When the room last agreed on this agreed answer, in a workshop or on the page of
    # disagreements; cleared when the answer is changed anywhere else.
    settled_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a workshop last agreed on this answer; empty once it is changed elsewhere.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "question_id", "id"]
        constraints = [
            # Two partial constraints, because NULLs are distinct in a plain unique
            # constraint on both SQLite and PostgreSQL.
            models.UniqueConstraint(
                fields=["assessment", "question_id"],
                condition=Q(respondent__isnull=True),
                name="answer_one_agreed_per_question",
            ),
            models.UniqueConstraint(
                fields=["assessment", "respondent", "question_id"],
                condition=Q(respondent__isnull=False),
                name="answer_one_per_respondent_question",
            ),
        ]

    def __str__(self) -> str:
        # Named as the questionnaire asks it, short enough for a heading; by its code
        # when the assessment's rubric has no such question.
        if self.assessment_id is None:
            return self.question_id
        from .selectors import rubric_for_assessment  # selectors read these models

        question = rubric_for_assessment(self.assessment).questions_by_id.get(self.question_id)
        if question is None:
            return self.question_id
        return shorten(question.prompt, width=ANSWER_NAME_CHARS, placeholder="…")

    def to_input(self) -> engine.AnswerIn:
        return engine.AnswerIn(
            question_id=self.question_id,
            value=self.value,
            not_sure=self.not_sure,
            evidence=self.evidence,
        )


class ActionItem(models.Model):
    """One step of the action plan, with the person who will do it and by when."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    criterion_id = models.CharField(max_length=80)
    owner_name = models.CharField(max_length=160, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "criterion_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion_id"], name="action_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "done"]), name="action_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.criterion_id
