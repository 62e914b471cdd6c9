"""Colour contrast, as WCAG 2 measures it, for the workspace's accent colour.

The accent colour prints headings, rules and the wordmark on a white page, so it must
stand out from white: WCAG asks for a contrast ratio of at least 3:1 for large text
and graphics. Colours are "#rrggbb" strings.
"""

# The least contrast with white an accent colour may have.
MIN_ACCENT_CONTRAST = 3.0


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of `colour` against white: 1 (white) to 21 (black)."""
    return 1.05 / (_luminance(_rgb(colour)) + 0.05)


def legible_on_white(colour: str, minimum: float = MIN_ACCENT_CONTRAST) -> str:
    """`colour` if it has `minimum` contrast with white, else the same hue darkened
    just enough to have it."""
    if contrast_with_white(colour) >= minimum:
        return colour
    rgb = _rgb(colour)
    # Scaling every channel down keeps the hue; find the least scaling that is enough.
    low, high = 0.0, 1.0
    for _ in range(24):
        middle = (low + high) / 2
        scaled = tuple(round(v * middle) for v in rgb)
        if 1.05 / (_luminance(scaled) + 0.05) >= minimum:
            low = middle
        else:
            high = middle
    r, g, b = (round(v * low) for v in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"
