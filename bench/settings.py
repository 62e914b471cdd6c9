"""The app's settings plus the benchmark's reference views (bench/urls.py).

Only the HTTP benchmark's server runs with these; the app never serves the views.
"""

from readiness.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
