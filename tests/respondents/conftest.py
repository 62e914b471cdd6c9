"""The world's draft assessment, and Priya, who answers it on her own."""

import pytest


@pytest.fixture
def assessment(world):
    return world.objects["assessment"]


@pytest.fixture
def priya(world):
    return world.objects["respondent"]
