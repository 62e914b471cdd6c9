"""Keyboard focus is visible on every surface: at least 3:1 against what surrounds it."""

import re

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The colours a focused element's ring is drawn in and sits beside, as Chromium computes them.
RING = """(element) => {
  const style = getComputedStyle(element);
  let surface = element.parentElement;
  while (getComputedStyle(surface).backgroundColor === "rgba(0, 0, 0, 0)") {
    surface = surface.parentElement;
  }
  return {
    ring: style.outlineColor,
    ringWidth: parseFloat(style.outlineWidth),
    halo: style.boxShadow.match(/rgba?\\([^)]*\\)/)?.[0] ?? null,
    element: style.backgroundColor,
    surface: getComputedStyle(surface).backgroundColor,
  };
}"""


def _luminance(css_colour: str) -> float:
    red, green, blue = (int(n) / 255 for n in re.findall(r"\d+", css_colour)[:3])
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _focused_ring(page: Page) -> dict:
    return page.evaluate_handle("document.activeElement").evaluate(RING)


def _tab_to(page: Page, selector: str) -> dict:
    """Tab through the page until the element has focus, as a keyboard user would."""
    target = page.locator(selector).first.element_handle()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("(target) => document.activeElement === target", target):
            return _focused_ring(page)
    raise AssertionError(f"Tab never reached {selector}")


def test_the_ring_stands_out_from_white_fields_the_dark_header_and_a_primary_button(
    page: Page,
):
    page.goto("/login/")

    header_link = _tab_to(page, ".site-header .nav-links a")
    assert header_link["ringWidth"] >= 2
    assert contrast(header_link["ring"], header_link["surface"]) >= 3

    field = _tab_to(page, "input[name=username]")
    assert field["ringWidth"] >= 2
    assert contrast(field["ring"], field["surface"]) >= 3

    button = _tab_to(page, "button.primary")
    assert button["ringWidth"] >= 2
    # The ring against the card around the button, the halo against the button itself.
    assert contrast(button["ring"], button["surface"]) >= 3
    assert contrast(button["halo"], button["element"]) >= 3
    assert contrast(button["ring"], button["halo"]) >= 3
