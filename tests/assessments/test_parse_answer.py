"""How a typed number becomes an answer: as people write numbers, never guessed at."""

import dataclasses

import pytest

from assessments.questionnaire import field_name, parse_answer
from assessments.rubric.loader import bundled_rubric

CASES = bundled_rubric().questions_by_id["ov_test_cases"]  # 0 to 1,000,000 cases


def _parse(raw: str):
    return parse_answer(CASES, {field_name(CASES.id): raw})


@pytest.mark.parametrize(
    ("raw", "value"),
    [("40", 40), ("1,200", 1200), ("1,000,000", 1_000_000), ("12.5", 12.5), (".5", 0.5)],
)
def test_numbers_as_people_write_them_are_read(raw, value):
    parsed = _parse(raw)
    assert parsed.error == ""
    assert parsed.value == value


@pytest.mark.parametrize("raw", ["1,5", "12,50", "1,2,3"])
def test_a_decimal_comma_is_refused_rather_than_read_as_thousands(raw):
    parsed = _parse(raw)
    assert parsed.value is None
    assert parsed.error == "Use a point for decimals (1.5); commas only between thousands (1,000)."
    assert parsed.raw == raw


@pytest.mark.parametrize("raw", ["lots", "1e3", "inf", "nan", "--5", "5 000"])
def test_anything_else_is_not_a_number(raw):
    parsed = _parse(raw)
    assert parsed.value is None
    assert parsed.error == "Enter a number."


def test_limits_still_apply():
    assert _parse("-5").error == "Enter at least 0."
    assert _parse("2,000,000").error == "Enter at most 1,000,000."


def test_a_number_too_long_to_hold_is_refused_rather_than_stored_as_infinity():
    unbounded = dataclasses.replace(CASES, max=None)

    parsed = parse_answer(unbounded, {field_name(CASES.id): "9" * 400})

    assert parsed.value is None
    assert parsed.error == "Enter a smaller number."
