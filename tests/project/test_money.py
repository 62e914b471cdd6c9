"""How an amount is written in a client's currency."""

import pytest
from django.template import Context, Template

from readiness.money import Currency, currency_sign, format_money

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("currency", "written"),
    [
        ("GBP", "£12,000"),
        ("EUR", "€12,000"),
        ("USD", "$12,000"),
        ("CAD", "CA$12,000"),
        ("AUD", "A$12,000"),
        ("NZD", "NZ$12,000"),
        ("JPY", "¥12,000"),
        ("INR", "₹12,000"),
    ],
)
def test_a_currency_with_an_unambiguous_symbol_is_written_with_it(currency, written):
    assert format_money(12000, currency) == written


@pytest.mark.parametrize("currency", ["CHF", "SEK", "NOK", "DKK", "PLN", "ZAR"])
def test_a_currency_without_one_is_written_with_its_code_kept_on_the_same_line(currency):
    assert format_money(12000, currency) == f"{currency}{NBSP}12,000"


def test_no_two_currencies_are_written_alike():
    signs = [currency_sign(currency) for currency in Currency]

    assert len(set(signs)) == len(signs)


def test_without_a_currency_the_bare_number_is_written_as_before():
    assert format_money(12000, "") == "12,000"
    assert currency_sign("") == ""


def test_a_missing_amount_is_written_as_nothing():
    assert format_money(None, "GBP") == ""


def test_a_small_amount_with_pence_shows_them():
    assert format_money(28.5, "GBP") == "£28.50"
    assert format_money(9.999, "EUR") == "€10"


def test_a_large_amount_is_rounded_to_whole_units():
    assert format_money(2160.37, "GBP") == "£2,160"
    assert format_money(1_250_000.0, "USD") == "$1,250,000"


def test_a_whole_amount_never_shows_decimals():
    assert format_money(28.0, "GBP") == "£28"
    assert format_money(0, "GBP") == "£0"


def test_yen_are_never_written_with_decimals():
    assert format_money(28.5, "JPY") == "¥28"


def test_a_negative_amount_puts_the_minus_before_the_currency():
    assert format_money(-350, "GBP") == "-£350"
    assert format_money(-0.001, "GBP") == "£0"


def test_an_unknown_code_is_written_as_a_code():
    assert format_money(5, "XTS") == f"XTS{NBSP}5"


def test_the_template_filter_writes_an_amount_in_the_currency_given():
    template = Template("{% load money %}{{ amount|money:currency }}|{{ missing|money:currency }}")

    rendered = template.render(Context({"amount": 9000.0, "currency": "GBP", "missing": None}))

    assert rendered == "£9,000|"
