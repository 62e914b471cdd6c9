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


@pytest.fixture
def make_final(alice):
    """Make an assessment final as its page would: one with no answer is refused, so an
    empty one first gets a written answer, which earns no credit and moves no score."""

    def make(assessment: Assessment) -> Assessment:
        if not assessment.answers.filter(respondent__isnull=True).exists():
            services.answer_save(
                assessment=assessment,
                question_id="basic_if_it_works",
                value="Sales takes it on.",
                user=alice,
            )
        return services.assessment_submit(assessment=assessment)

    return make
