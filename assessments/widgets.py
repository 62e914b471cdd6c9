from django import forms

from .models import SYSTEM_NAMES


class DatalistInput(forms.TextInput):
    """A free-text input that suggests common values without restricting to them."""

    template_name = "assessments/widgets/datalist_input.html"

    def __init__(self, suggestions: tuple[str, ...], attrs=None) -> None:
        super().__init__(attrs)
        self.suggestions = suggestions

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id') or name}-suggestions"
        context["widget"]["attrs"]["list"] = list_id
        context["widget"]["list_id"] = list_id
        context["widget"]["suggestions"] = self.suggestions
        return context


def system_input() -> DatalistInput:
    return DatalistInput(SYSTEM_NAMES)
