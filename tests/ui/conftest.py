"""A pilot mid-assessment in alice's workspace, and helpers for htmx requests."""

import pytest

from assessments import services
from assessments.models import Assessment, Client, Pilot


@pytest.fixture
def client_company(workspace) -> Client:
    return services.client_create(workspace=workspace, name="Northwind Plumbing")


@pytest.fixture
def pilot(client_company) -> Pilot:
    return services.pilot_create(
        client=client_company, name="Quote follow-ups", workflow="Chase quotes after a week"
    )


@pytest.fixture
def assessment(pilot, alice) -> Assessment:
    return services.assessment_start(pilot=pilot, user=alice)


@pytest.fixture
def htmx():
    """Headers that make a test-client request look like one htmx sent."""
    return {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing the personas' passwords properly costs a second per test and tests nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
