"""Which posted values could be a row's id, before any query is made."""

import pytest

from readiness.ids import could_be_id


@pytest.mark.parametrize("value", ["1", "42", " 7 ", str(2**63 - 1), str(-(2**63))])
def test_whole_numbers_a_64_bit_id_holds_could_be_ids(value):
    assert could_be_id(value)


@pytest.mark.parametrize(
    "value",
    [str(2**63), str(-(2**63) - 1), "99999999999999999999999", "1.5", "", "one", "9" * 5000],
)
def test_anything_else_could_not(value):
    assert not could_be_id(value)
