"""Row ids as forms receive them: text, which may hold any number at all.

Ids are 64-bit (`DEFAULT_AUTO_FIELD` is BigAutoField). A larger number can name no row,
and SQLite refuses to even compare one (OverflowError), so a form refuses it first.
"""

from django import forms

ID_MIN, ID_MAX = -(2**63), 2**63 - 1


def could_be_id(value: object) -> bool:
    """Whether a posted value is a whole number that some row's id could be."""
    try:
        number = int(str(value))
    except ValueError:
        return False
    return ID_MIN <= number <= ID_MAX


class ModelIdsField(forms.ModelMultipleChoiceField):
    """Several rows chosen by id; a value no id could be is an invalid choice."""

    def _check_values(self, value):
        if self.to_field_name is None:
            for pk in value:
                if not could_be_id(pk):
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": pk},
                    )
        return super()._check_values(value)
