"""Forms for clients, pilots and the pilot's structured records.

Model forms validate with the models' own validators, so the page and the admin
refuse the same things; the services then write what the forms cleaned.
"""

import math
import re
from collections.abc import Sequence
from datetime import date

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from readiness.money import INVALID_CURRENCY, currency_choices, currency_sign
from readiness.one_line import one_line_formfield

from .models import (
    ActionItem,
    ChangePlan,
    Client,
    Integration,
    OversightPlan,
    Owner,
    Pilot,
    Respondent,
    SuccessMetric,
    ValueCase,
    monthly_from_weekly,
)
from .services import ImportInto
from .widgets import system_input

TEXTAREA = {"rows": 3}


class TidyNumberInput(forms.NumberInput):
    """Shows 6000 rather than 6000.0: the founder typed a whole number."""

    def format_value(self, value):
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return super().format_value(value)


def _number(limit) -> str:
    return f"{int(limit):,}" if float(limit).is_integer() else f"{limit:,}"


def _plain_limits(validators) -> dict[str, str]:
    """The app's words for Django's own "Ensure this value is greater than or equal to
    0.": a limit that already has its own message keeps it."""
    messages = {}
    for validator in validators:
        kind = type(validator)
        if kind not in (MinValueValidator, MaxValueValidator) or callable(validator.limit_value):
            continue
        if validator.message != kind.message:
            continue
        if kind is MinValueValidator:
            messages["min_value"] = f"Enter at least {_number(validator.limit_value)}."
        else:
            messages["max_value"] = f"Enter at most {_number(validator.limit_value)}."
    return messages


class TidyNumbers:
    """Numbers shown as they were typed, and refused in the app's own words."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name, field in self.fields.items():
            if isinstance(field, forms.FloatField):
                field.widget = TidyNumberInput(attrs=field.widget.attrs)
            try:
                model_validators = model._meta.get_field(name).validators
            except FieldDoesNotExist:
                model_validators = []
            # A message set on the form field replaces the model's by the error's code.
            field.error_messages.update(_plain_limits([*model_validators, *field.validators]))


# Plans and deadlines fall within these years: a date outside them is almost always a
# slip of the keyboard (9999, 0202), and would print as one on page one of the report.
EARLIEST_PLAN_DATE = date(2000, 1, 1)
PLAN_YEARS_AHEAD = 10


def latest_plan_date() -> date:
    return date(timezone.localdate().year + PLAN_YEARS_AHEAD, 12, 31)


class PlanDateInput(forms.DateInput):
    """A date picker that reads and writes ISO dates, offering only plausible years."""

    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {}), "min": EARLIEST_PLAN_DATE.isoformat()}
        attrs["max"] = latest_plan_date().isoformat()
        return super().get_context(name, value, attrs)


def plausible_plan_date(value: date | None) -> date | None:
    """A due date or deadline, refused with a plain message outside the years plans use."""
    if value is None:
        return value
    if value < EARLIEST_PLAN_DATE:
        raise forms.ValidationError(
            f"Enter a date in {EARLIEST_PLAN_DATE.year} or later.", code="too_early"
        )
    latest = latest_plan_date()
    if value > latest:
        raise forms.ValidationError(
            f"Enter a date by the end of {latest.year}, at most {PLAN_YEARS_AHEAD} years ahead.",
            code="too_late",
        )
    return value


class PercentInput(forms.TextInput):
    """Shows a stored fraction as the percentage people read: 0.85 as 85."""

    def format_value(self, value):
        if isinstance(value, float):
            return format(round(value * 100, 6), "g")
        return super().format_value(value)


class FractionAsPercentField(forms.Field):
    """A share entered as people write it, stored as a fraction between 0 and 1.

    "85", "85%" and "0.85" all mean 85%, as the label asks for a percentage: a whole
    number is always a percentage ("1" is 1%), and only a decimal below one, such as
    "0.85", is read as the fraction it is usually meant as.
    """

    widget = PercentInput
    _NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
    default_error_messages = {
        "invalid": "Enter a percentage, such as 85 or 85%.",
        "range": "Enter a percentage between 0 and 100.",
    }

    def __init__(self, *, max_value=None, min_value=None, **kwargs) -> None:
        # The model's bounds are on the fraction; this field checks the percentage.
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        text = str(value or "").strip().replace(" ", "")
        if not text:
            return None
        percent = text.endswith("%")
        number = text.removesuffix("%")
        if not self._NUMBER.fullmatch(number):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        amount = float(number)
        as_fraction = not percent and "." in number and amount < 1
        fraction = amount if as_fraction else amount / 100
        if not math.isfinite(fraction) or not 0 <= fraction <= 1:
            raise forms.ValidationError(self.error_messages["range"], code="range")
        return round(fraction, 6)


class ClientForm(TidyNumbers, forms.ModelForm):
    class Meta:
        model = Client
        formfield_callback = one_line_formfield
        fields = ["name", "industry", "size_band", "currency"]
        labels = {"name": "Company name", "size_band": "Size"}
        help_texts = {"currency": "Its costs and savings are shown in this currency."}
        error_messages = {"currency": {"invalid_choice": INVALID_CURRENCY}}

    def __init__(self, *args, workspace=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["name"].widget.attrs["autofocus"] = True
        self.fields["currency"].choices = currency_choices()

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clients = Client.objects.filter(workspace=self.workspace, name__iexact=name)
        if self.instance.pk:
            clients = clients.exclude(pk=self.instance.pk)
        if self.workspace is not None and clients.exists():
            raise forms.ValidationError("There is already a client with this name.")
        return name


class PilotCreateForm(TidyNumbers, forms.ModelForm):
    class Meta:
        model = Pilot
        formfield_callback = one_line_formfield
        fields = ["name", "workflow", "stage"]
        labels = {"name": "Name of the pilot", "workflow": "What does it do?"}
        help_texts = {
            "name": "Short and specific, e.g. “Lead qualification and first reply”.",
            "workflow": "One workflow, in a sentence or two. You can add detail later.",
        }
        widgets = {"workflow": forms.Textarea(attrs=TEXTAREA)}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autofocus"] = True


class PilotEditForm(forms.ModelForm):
    """The pilot's name and description, which belong to it whatever its assessments say."""

    class Meta:
        model = Pilot
        formfield_callback = one_line_formfield
        fields = ["name", "workflow"]
        labels = PilotCreateForm.Meta.labels
        help_texts = {
            "name": PilotCreateForm.Meta.help_texts["name"],
            "workflow": "One workflow, in a sentence or two.",
        }
        widgets = PilotCreateForm.Meta.widgets


class PilotBasicsForm(TidyNumbers, forms.ModelForm):
    """The pilot's own description: the first section of the questionnaire."""

    class Meta:
        model = Pilot
        formfield_callback = one_line_formfield
        fields = ["name", "workflow", "problem", "weekly_volume", "stage", "prototype_effort_days"]
        labels = {
            "name": "Name of the pilot",
            "workflow": "The workflow it automates",
            "problem": "The business problem it should solve",
            "weekly_volume": "Items handled in a typical week",
            "prototype_effort_days": "Days spent on the prototype so far",
        }
        # The model's help repeats these labels; say something the label does not.
        help_texts = {
            "workflow": "What comes in, what the system does with it, and where the result goes.",
            "problem": "Who feels it, how often, and what it costs today.",
            "weekly_volume": "Also fills in items per month in the value case, until you "
            "give a monthly figure of your own there.",
            "prototype_effort_days": "",
        }
        widgets = {
            "workflow": forms.Textarea(attrs=TEXTAREA),
            "problem": forms.Textarea(attrs=TEXTAREA),
        }


class RespondentForm(forms.ModelForm):
    class Meta:
        model = Respondent
        formfield_callback = one_line_formfield
        fields = ["name", "email", "role"]
        help_texts = {
            "email": "Only to remind you who the link went to; nothing is sent from here.",
            "role": "Their job, or the part they play: the comparison shows it beside their name.",
        }
        error_messages = {"name": {"required": "Enter their name."}}


class OwnerForm(TidyNumbers, forms.ModelForm):
    class Meta:
        model = Owner
        formfield_callback = one_line_formfield
        fields = ["name", "email", "role", "hours_per_week", "accountable", "in_using_team"]
        labels = {
            "accountable": "Accountable for it in production",
            "in_using_team": "Works in the team that will use it",
        }


class MetricForm(TidyNumbers, forms.ModelForm):
    class Meta:
        model = SuccessMetric
        formfield_callback = one_line_formfield
        fields = [
            "name",
            "kind",
            "unit",
            "direction",
            "baseline",
            "target",
            "go_threshold",
            "deadline",
            "measurement",
        ]
        labels = {
            "name": "What you measure",
            "go_threshold": "Go-live threshold",
            "measurement": "How and where it is measured",
        }
        widgets = {"deadline": PlanDateInput(), "measurement": forms.Textarea(attrs={"rows": 2})}

    def clean_deadline(self) -> date | None:
        return plausible_plan_date(self.cleaned_data["deadline"])


class IntegrationForm(TidyNumbers, forms.ModelForm):
    class Meta:
        model = Integration
        formfield_callback = one_line_formfield
        fields = ["system", "access", "status", "effort_days", "budgeted"]
        labels = {"effort_days": "Effort to connect it (days)"}
        widgets = {"system": system_input()}


class OversightForm(TidyNumbers, forms.ModelForm):
    class Meta:
        model = OversightPlan
        formfield_callback = one_line_formfield
        fields = [
            "review_mode",
            "confidence_threshold",
            "sample_percent",
            "monitor_runs",
            "monitor_actions",
            "monitor_quality",
            "alert_recipient",
            "escalation_path",
            "exception_handling",
        ]
        field_classes = {"confidence_threshold": FractionAsPercentField}
        labels = {
            "review_mode": "Human review",
            "confidence_threshold": "Confidence threshold (%)",
            "sample_percent": "Share of outputs checked (%)",
            "monitor_runs": "Did it run?",
            "monitor_actions": "What did it do?",
            "monitor_quality": "Was the output any good?",
            "alert_recipient": "Who is alerted when it fails?",
            "escalation_path": "Escalation path",
            "exception_handling": "Items it cannot handle",
        }
        # Each says what a good answer looks like, rather than repeating its label.
        help_texts = {
            "confidence_threshold": "Outputs the system is less sure of than this wait for a "
            "person. Write it as a percentage, like 85 or 85%.",
            "sample_percent": "From 0 to 100.",
            "monitor_runs": "Where you would notice a run that never happened: a run log, a "
            "daily count, a dashboard someone opens.",
            "monitor_actions": "The record of each input, output and action, so any single "
            "item can be traced afterwards.",
            "monitor_quality": "How quality is checked once it is live: a weekly sample scored "
            "by the team, spot checks, complaints counted.",
            "alert_recipient": "A named person or an on-call rota, not an inbox nobody reads.",
            "escalation_path": "Who decides to pause it when something goes wrong, and how "
            "they are reached.",
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in (
                "monitor_runs",
                "monitor_actions",
                "monitor_quality",
                "escalation_path",
                "exception_handling",
            )
        }


class ChangePlanForm(TidyNumbers, forms.ModelForm):
    class Meta:
        model = ChangePlan
        formfield_callback = one_line_formfield
        fields = [
            "teams_affected",
            "involvement",
            "sponsor_name",
            "training_plan",
            "rollout_phases",
            "rollout_commitment",
        ]
        labels = {
            "involvement": "How involved are the daily users?",
            "sponsor_name": "Sponsor in the using team",
            "rollout_commitment": "Commitment to roll out",
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ("teams_affected", "training_plan", "rollout_phases")
        }


class ValueCaseForm(TidyNumbers, forms.ModelForm):
    MONEY_FIELDS = ("hourly_cost", "build_cost", "monthly_run_cost")

    class Meta:
        model = ValueCase
        fields = [
            "items_per_month",
            "minutes_saved_per_item",
            "hourly_cost",
            "build_cost",
            "monthly_run_cost",
        ]
        labels = {
            "items_per_month": "Items per month",
            "minutes_saved_per_item": "Minutes saved per item",
            "hourly_cost": "Cost of an hour of staff time",
            "build_cost": "Cost to reach production",
            "monthly_run_cost": "Running cost per month",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The amounts are in the client's currency, so the labels name it: "(£)".
        sign = currency_sign(self.instance.pilot.client.currency) if self.instance.pilot_id else ""
        if sign:
            for name in self.MONEY_FIELDS:
                if name in self.fields:
                    self.fields[name].label = f"{self.fields[name].label} ({sign})"
        weekly = self.instance.pilot.weekly_volume if self.instance.pilot_id else None
        if weekly is not None and "items_per_month" in self.fields:
            self.fields["items_per_month"].help_text = (
                f"{weekly:,} a week under Pilot basics is about "
                f"{monthly_from_weekly(weekly):,} a month. It follows the weekly figure "
                "until you change it here."
            )


class ActionItemForm(TidyNumbers, forms.ModelForm):
    class Meta:
        model = ActionItem
        formfield_callback = one_line_formfield
        fields = ["owner_name", "due_date", "status"]
        labels = {"owner_name": "Who", "due_date": "By when"}
        # A date input reads and writes ISO dates whatever the language's own format.
        widgets = {"due_date": PlanDateInput()}

    def clean_due_date(self) -> date | None:
        return plausible_plan_date(self.cleaned_data["due_date"])


INVALID_INTO = (
    "Choose where to import the file: the client it names, My company or one of the clients listed."
)


class ImportForm(forms.Form):
    """The file, and the client its pilot goes under: the one the file names (by default),
    My company, or any client the member sees."""

    file = forms.FileField(
        label="Assessment file (.json)",
        help_text="A file exported from Readiness, or written to the documented format.",
        error_messages={
            "empty": "Nothing was imported: this file is empty. Choose the .json file that "
            "“Export as JSON” on an assessment's results page saves.",
        },
    )

    # Left out, as by a form saved before the choice existed, it is the file's client.
    into = forms.ChoiceField(
        label="Import into",
        required=False,
        initial=ImportInto.FILE_CLIENT,
        error_messages={"invalid_choice": INVALID_INTO},
    )

    MAX_BYTES = 1_000_000

    def __init__(
        self, *args, clients: Sequence[Client], may_add_clients: bool, workspace_name: str, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        own = next((client for client in clients if client.is_own_company), None)
        named = (
            "The client named in the file"
            if may_add_clients
            else "The client named in the file, if it is one of yours"
        )
        choices: list = [(ImportInto.FILE_CLIENT.value, named)]
        if own is not None:
            choices.append((ImportInto.OWN_COMPANY.value, f"My company ({own.name})"))
        elif may_add_clients:
            choices.append(
                (ImportInto.OWN_COMPANY.value, f"My company (new, named {workspace_name})")
            )
        others = [(str(client.pk), client.name) for client in clients if client is not own]
        if others:
            choices.append(("Clients", others))
        self.fields["into"].choices = choices
        self.fields["into"].help_text = (
            "The file's client is matched by name, whatever its case, accents or spacing"
            + (
                "; a new client of that name is made when there is none."
                if may_add_clients
                else "."
            )
            + " A file that names no client goes to My company."
        )
        self._clients = {str(client.pk): client for client in clients}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file is larger than 1 MB; is it the right file?")
        return upload

    def clean_into(self) -> Client | ImportInto:
        value = self.cleaned_data["into"] or ImportInto.FILE_CLIENT
        return self._clients.get(value) or ImportInto(value)


# The one-to-one record edited in each questionnaire section, by the section's `record`.
RECORD_FORMS: dict[str, type[forms.ModelForm]] = {
    "pilot": PilotBasicsForm,
    "oversight": OversightForm,
    "change_plan": ChangePlanForm,
    "value_case": ValueCaseForm,
}

# The list records edited in place, by the section's `lists`.
LIST_FORMS: dict[str, type[forms.ModelForm]] = {
    "owners": OwnerForm,
    "metrics": MetricForm,
    "integrations": IntegrationForm,
}
