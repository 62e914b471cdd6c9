"""The fast form renderer writes exactly the HTML Django's widget templates would."""

import datetime
import functools
from types import SimpleNamespace

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from accounts.forms import InvitationForm, MembershipRoleForm, SignupForm, WorkspaceSettingsForm
from assessments import forms as app_forms
from readiness.form_renderer import FastWidgetRenderer

TEMPLATES = DjangoTemplates()
FAST = FastWidgetRenderer()

AWKWARD = "Ünïcode <b>\"quoted\" & 'single'</b> 1,5"

APP_FORMS = [
    SignupForm,
    WorkspaceSettingsForm,
    InvitationForm,
    MembershipRoleForm,
    app_forms.ClientForm,
    app_forms.PilotCreateForm,
    app_forms.PilotBasicsForm,
    app_forms.OwnerForm,
    app_forms.MetricForm,
    app_forms.IntegrationForm,
    app_forms.OversightForm,
    app_forms.ChangePlanForm,
    app_forms.ValueCaseForm,
    app_forms.ActionItemForm,
    # Its choice of client is built from the clients it is given: one of each kind.
    functools.partial(
        app_forms.ImportForm,
        clients=[
            SimpleNamespace(pk=1, name="Own & Co", is_own_company=True),
            SimpleNamespace(pk=2, name=AWKWARD, is_own_company=False),
        ],
        may_add_clients=True,
        workspace_name="Northwind",
    ),
]


def render_both(form: forms.BaseForm) -> list[tuple[str, str]]:
    pairs = []
    for field in form:
        widget, attrs = field.field.widget, field.build_widget_attrs({})
        value = field.value()
        pairs.append(
            (
                widget.render(field.html_name, value, attrs=attrs, renderer=TEMPLATES),
                widget.render(field.html_name, value, attrs=attrs, renderer=FAST),
            )
        )
    return pairs


def data_for(form_class) -> dict[str, str]:
    form = form_class(prefix="p")
    data = {}
    for field in form:
        choices = getattr(field.field, "choices", None)
        if choices:
            data[field.html_name] = str(list(choices)[-1][0])
        else:
            data[field.html_name] = AWKWARD
    return data


@pytest.mark.parametrize("form_class", APP_FORMS, ids=lambda f: getattr(f, "func", f).__name__)
def test_every_app_form_renders_the_same_unbound_and_bound(db, form_class):
    for form in (form_class(prefix="p"), form_class(data_for(form_class), prefix="p")):
        form.is_valid()
        for slow, fast in render_both(form):
            assert fast == slow


class Awkward(forms.Form):
    text = forms.CharField(initial=AWKWARD, widget=forms.TextInput(attrs={"data-x": 0}))
    safe = forms.CharField(initial=mark_safe("<i>safe</i>"))
    number = forms.FloatField(initial=1234567.5)
    zero = forms.IntegerField(initial=0)
    empty = forms.CharField(initial="")
    date = forms.DateField(initial=datetime.date(2026, 3, 1), widget=forms.DateInput())
    hidden = forms.CharField(initial="h", widget=forms.HiddenInput)
    ticked = forms.BooleanField(initial=True)
    unticked = forms.BooleanField(initial=False)
    notes = forms.CharField(initial=AWKWARD, widget=forms.Textarea(attrs={"rows": 2}))
    blank_notes = forms.CharField(widget=forms.Textarea)
    choice = forms.ChoiceField(
        choices=[("", "---"), (1, "One & only"), ("a<b", mark_safe("<em>two</em>"))], initial=1
    )
    grouped = forms.ChoiceField(
        choices=[("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")], initial="y"
    )
    several = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], initial=["a", "b"])
    flags = forms.CharField(widget=forms.TextInput(attrs={"disabled": True, "readonly": False}))


def test_awkward_values_and_attributes_render_the_same(monkeypatch):
    expected = [slow for slow, _ in render_both(Awkward(prefix="p"))]

    # Every widget here is a plain one, so none may fall back to a template.
    def no_templates(template_name):
        raise AssertionError(f"rendered {template_name} through a template")

    monkeypatch.setattr(FAST, "get_template", no_templates)
    assert [fast for _, fast in render_both(Awkward(prefix="p"))] == expected


def test_other_widgets_still_render_through_their_templates():
    widget = forms.RadioSelect(choices=[("a", "A")])

    assert widget.render("r", "a", renderer=FAST) == widget.render("r", "a", renderer=TEMPLATES)
