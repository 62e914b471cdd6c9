"""How an amount is written without its currency, the same everywhere it appears.

The engine writes amounts into its reasons without knowing the currency, and the pages
write the same amounts with it (`readiness.money`); both use this rule so that a reason
and the value case beside it never show one figure two ways.
"""

# Below this, a fraction of the unit is worth showing (an hourly rate of 28.50); above
# it, the whole amount is what a reader compares (a build cost of 9,000).
CENTS_BELOW = 100


def plain_amount(amount: float) -> str:
    """A non-negative amount with thousands separated: "9,000", "450", "64.50", "28"."""
    cents = round(amount, 2)
    if abs(amount) >= CENTS_BELOW or cents.is_integer():
        return f"{amount:,.0f}"
    return f"{cents:,.2f}"
