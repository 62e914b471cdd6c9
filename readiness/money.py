"""Money as people read it: an amount written with its currency.

Amounts are stored, scored and exchanged as plain numbers; the currency belongs to the
client company and changes only how an amount is written, never what it is worth. A
blank currency means "not set" and writes the bare number, as every amount was written
before clients had a currency.
"""

from django.db import models

from assessments.scoring.amounts import plain_amount
from assessments.scoring.scorecard import Reason


class Currency(models.TextChoices):
    """ISO 4217 codes of the currencies a client can work in, the most used first."""

    GBP = "GBP", "Pound sterling (GBP)"
    EUR = "EUR", "Euro (EUR)"
    USD = "USD", "US dollar (USD)"
    CAD = "CAD", "Canadian dollar (CAD)"
    AUD = "AUD", "Australian dollar (AUD)"
    NZD = "NZD", "New Zealand dollar (NZD)"
    CHF = "CHF", "Swiss franc (CHF)"
    SEK = "SEK", "Swedish krona (SEK)"
    NOK = "NOK", "Norwegian krone (NOK)"
    DKK = "DKK", "Danish krone (DKK)"
    PLN = "PLN", "Polish złoty (PLN)"
    CZK = "CZK", "Czech koruna (CZK)"
    JPY = "JPY", "Japanese yen (JPY)"
    INR = "INR", "Indian rupee (INR)"
    ZAR = "ZAR", "South African rand (ZAR)"
    SGD = "SGD", "Singapore dollar (SGD)"
    HKD = "HKD", "Hong Kong dollar (HKD)"
    AED = "AED", "UAE dirham (AED)"


NOT_SET_LABEL = "Not set: amounts show as plain numbers"
INVALID_CURRENCY = "Choose a currency from the list, or leave it not set."


def currency_choices() -> list[tuple[str, str]]:
    """Every currency, after "not set", for a form's select."""
    return [("", NOT_SET_LABEL), *Currency.choices]


# A symbol only where it names one currency among those above; every dollar but the
# US one says whose it is. The others are written with their code, which nobody misreads.
_SYMBOLS = {
    Currency.GBP: "£",
    Currency.EUR: "€",
    Currency.USD: "$",
    Currency.CAD: "CA$",
    Currency.AUD: "A$",
    Currency.NZD: "NZ$",
    Currency.SGD: "S$",
    Currency.HKD: "HK$",
    Currency.JPY: "¥",
    Currency.INR: "₹",
}
# Currencies without a smaller unit in everyday use: never written with decimals.
_WHOLE_UNITS_ONLY = {Currency.JPY}
_NO_BREAK_SPACE = "\u00a0"


def currency_sign(currency: str) -> str:
    """What stands before an amount: "£", "CA$", "CHF"; empty when no currency is set."""
    return _SYMBOLS.get(currency, currency)


def _number(amount: float, currency: str) -> str:
    # The engine's reasons write amounts bare by the same rule (see `reason_text`).
    if currency in _WHOLE_UNITS_ONLY:
        return f"{amount:,.0f}"
    return plain_amount(amount)


def format_money(amount: float | int | None, currency: str) -> str:
    """The amount as a reader expects it: "£12,000", "CA$450", "CHF 1,200", "£28.50".

    Thousands are separated by commas; whole amounts, and any of 100 or more, have no
    decimals. Without a currency the bare number is written; None is written as "".
    """
    if amount is None:
        return ""
    amount = float(amount)
    text = _number(abs(amount), currency)
    # An amount that rounds to nothing has no sign: -0.001 is written 0, not -0.
    sign = "-" if amount < 0 and text.strip("0.,") else ""
    if not currency:
        return f"{sign}{text}"
    symbol = currency_sign(currency)
    separator = "" if currency in _SYMBOLS else _NO_BREAK_SPACE
    return f"{sign}{symbol}{separator}{text}"


def reason_text(reason: Reason, currency: str) -> str:
    """A decision's reason with the amounts it quotes written as the value case writes
    them: "the monthly saving of €64.50"; bare, as the engine writes them, with no currency.
    """
    return reason.written(lambda amount: format_money(amount, currency))
