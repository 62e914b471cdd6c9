"""Django's form renderer, with the plain widgets written directly instead of templated.

Django renders every widget through a template: an <input> costs a template render
plus an include for its attributes, and a <select> one more include per option. The
results page shows some seventy widgets (three per action of the plan), which made
widget templates its largest single cost. The HTML written here is exactly what
Django's own templates produce, byte for byte (tests/project/test_form_renderer.py
compares the two for every form in the app); any other template, including a custom
option template, still renders through the template engine.
"""

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
# The widget templates that are nothing but `{% include "…/input.html" %}`. File and
# clearable file inputs are left out: their values are files, not text.
INPUT_TEMPLATES = frozenset(
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "search",
        "tel",
        "color",
        "date",
        "datetime",
        "time",
        "checkbox",
    )
)
TEXTAREA_TEMPLATE = f"{WIDGETS}textarea.html"
SELECT_TEMPLATE = f"{WIDGETS}select.html"
OPTION_TEMPLATE = f"{WIDGETS}select_option.html"

# What `{{ value }}` does to a value in an autoescaped template with the default
# localisation settings; the templates render widgets with exactly this context.
_CONTEXT = Context(autoescape=True)


def _value(value: Any) -> str:
    """`{{ value }}`: localised like the template would, then escaped."""
    return render_value_in_context(value, _CONTEXT)


def _string(value: Any) -> str:
    """`{{ value|stringformat:'s' }}`: str() of the value, escaped unless marked safe."""
    text = str(value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_value(name)}")
        if value is not True:
            parts.append(f'="{_string(value)}"')
    return "".join(parts)


def _input(widget: dict[str, Any]) -> str:
    value = widget["value"]
    shown = f' value="{_string(value)}"' if value != None else ""  # noqa: E711 - as the template
    return (
        f'<input type="{_value(widget["type"])}" name="{_value(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _textarea(widget: dict[str, Any]) -> str:
    value = _value(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'
    )


def _select(widget: dict[str, Any]) -> str | None:
    parts = [f'<select name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            parts.append(
                f'\n  <option value="{_string(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_value(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def render_widget(template_name: str, context: dict[str, Any]) -> str | None:
    """The widget's HTML as its template would render it (stripped), or None."""
    widget = context.get("widget")
    if not isinstance(widget, dict) or set(context) != {"widget"}:
        return None
    if template_name in INPUT_TEMPLATES:
        return _input(widget)
    if template_name == TEXTAREA_TEMPLATE:
        return _textarea(widget)
    if template_name == SELECT_TEMPLATE:
        return _select(widget)
    return None


class FastWidgetRenderer(DjangoTemplates):
    """The default renderer, with the plain widgets written without a template."""

    def render(self, template_name, context, request=None):
        html = render_widget(template_name, context) if request is None else None
        if html is None:
            return super().render(template_name, context, request=request)
        return mark_safe(html.strip())
