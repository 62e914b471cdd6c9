"""Names and other single-line text are kept to one line wherever a form takes them."""

import pytest
from django import forms
from django.db import models

from accounts import forms as accounts_forms
from assessments import forms as assessments_forms
from readiness.one_line import OneLineField, one_line


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Alice Owner ", "Alice Owner"),
        ("Alice\r\nOwner", "Alice Owner"),
        ("Acme\n\n\tLtd", "Acme Ltd"),
        ("Acme\u2028Ltd", "Acme Ltd"),
        ("\r\n", ""),
    ],
)
def test_whitespace_of_any_kind_is_one_space_and_the_ends_are_trimmed(typed, kept):
    assert one_line(typed) == kept
    assert OneLineField(required=False).clean(typed) == kept


def _model_forms():
    for module in (accounts_forms, assessments_forms):
        for form in vars(module).values():
            if (
                isinstance(form, type)
                and issubclass(form, forms.ModelForm)
                and form.__module__ == module.__name__
            ):
                yield form


@pytest.mark.parametrize("form", list(_model_forms()), ids=lambda form: form.__name__)
def test_every_plain_text_field_of_the_apps_model_forms_is_one_line(form):
    model = form._meta.model
    for name, field in form.base_fields.items():
        model_field = next((f for f in model._meta.fields if f.name == name), None)
        if type(model_field) is models.CharField and not model_field.choices:
            assert isinstance(field, OneLineField), f"{form.__name__}.{name}"


@pytest.mark.parametrize(
    ("form", "name"),
    [
        (accounts_forms.SignupForm, "workspace_name"),
        (accounts_forms.WorkspaceStartForm, "workspace_name"),
        (accounts_forms.InvitationSignupForm, "full_name"),
    ],
)
def test_the_names_forms_ask_for_themselves_are_one_line(form, name):
    assert isinstance(form.base_fields[name], OneLineField)
