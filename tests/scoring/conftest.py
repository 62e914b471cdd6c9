"""Hypothesis profiles for the engine's property tests.

The default profile keeps the everyday suite quick; run with HYPOTHESIS_PROFILE=thorough
after changing the engine or the rubric, or in a nightly job, for ten times the examples.
"""

import os

from hypothesis import settings

settings.register_profile("quick", max_examples=50)
settings.register_profile("thorough", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))
