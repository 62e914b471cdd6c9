from django import template

from readiness.money import format_money

register = template.Library()


@register.filter
def money(amount, currency: str = "") -> str:
    """`{{ value_case.build_cost|money:client.currency }}` → "£9,000"."""
    try:
        return format_money(amount, currency or "")
    except (TypeError, ValueError):
        return ""
