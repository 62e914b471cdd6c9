"""Text that belongs on one line: names, roles, the workspace's "prepared by".

Such text goes into email subjects, page titles and report headings, where a line break
is at best noise and in a mail header an error. A name pasted with a line break or a tab
in it is kept as the words it holds, one space apart.
"""

from django import forms
from django.db import models


def one_line(text: str) -> str:
    """Trimmed, with every run of whitespace (line breaks and tabs too) one space."""
    return " ".join(text.split())


class OneLineField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return one_line(value) if isinstance(value, str) else value


def one_line_formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """A model form's field, on one line wherever the model has plain short text.

    Set as `formfield_callback` in a model form's Meta. Fields of a kind of their own
    (email addresses, choices) keep their own form fields.
    """
    if type(db_field) is models.CharField and not db_field.choices:
        kwargs.setdefault("form_class", OneLineField)
    return db_field.formfield(**kwargs)
