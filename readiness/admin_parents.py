"""Rows stay under the parent they were created under.

Every tenant's rows share the admin, so a parent key offered as a field of an existing row
would let one click carry it, and all below it, into another customer's workspace. The
parent is chosen when a row is added and shown, never edited, afterwards.
"""

from django import forms


class ParentFixedOnChange:
    """A ModelAdmin whose `parent_fields` are read-only once the row exists."""

    parent_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is None:
            return fields
        return [*fields, *(name for name in self.parent_fields if name not in fields)]


class ParentFixedOnChangeForm(forms.ModelForm):
    """An inline's form whose `parent_fields` are shown but not taken on existing rows.

    An inline's read-only fields apply to its new rows too, so the fixing is per row here.
    """

    parent_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for name in self.parent_fields:
            if name in self.fields:
                self.fields[name].disabled = True
