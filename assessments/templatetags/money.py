from django import template

from readiness.money import format_money, reason_text

register = template.Library()


@register.filter
def money(amount, currency: str = "") -> str:
    """`{{ value_case.build_cost|money:client.currency }}` → "£9,000"."""
    try:
        return format_money(amount, currency or "")
    except (TypeError, ValueError):
        return ""


@register.filter
def in_currency(reason, currency: str = "") -> str:
    """`{{ reason|in_currency:client.currency }}`: the reason's text, its amounts in the
    currency as `money` writes them."""
    return reason_text(reason, currency or "")
