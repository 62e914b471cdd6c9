"""Contrast with white, as WCAG measures it, and darkening a colour until it reads."""

from readiness.colours import MIN_ACCENT_CONTRAST, contrast_with_white, legible_on_white


def test_contrast_runs_from_one_for_white_to_twenty_one_for_black():
    assert contrast_with_white("#ffffff") == 1.0
    assert round(contrast_with_white("#000000"), 2) == 21.0
    # WCAG's own example: #767676 is the lightest grey with 4.5:1 on white.
    assert round(contrast_with_white("#767676"), 2) == 4.54


def test_a_colour_that_already_reads_on_white_is_kept():
    assert legible_on_white("#1f5f8b") == "#1f5f8b"


def test_a_light_colour_is_darkened_just_enough_keeping_its_hue():
    darker = legible_on_white("#ffff66")

    assert MIN_ACCENT_CONTRAST <= contrast_with_white(darker) < MIN_ACCENT_CONTRAST + 0.1
    red, green, blue = (int(darker[i : i + 2], 16) for i in (1, 3, 5))
    assert red == green and blue < red, "still a yellow"


def test_white_darkens_to_a_grey():
    grey = legible_on_white("#ffffff")

    assert grey[1:3] == grey[3:5] == grey[5:7]
    assert contrast_with_white(grey) >= MIN_ACCENT_CONTRAST
