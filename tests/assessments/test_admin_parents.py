"""A row stays under the parent it was created under: the admin shows every parent key of
an existing row but never takes one, so nothing is carried into another workspace."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Workspace
from assessments import services
from assessments.models import Assessment
from reports.models import Report
from tests.assessments.test_admin import _change_form_data


@pytest.fixture
def elsewhere(charlie) -> dict:
    """charlie's workspace, with a client, a pilot, an assessment and a person of its own."""
    workspace = Workspace.objects.get(memberships__user=charlie)
    client = services.client_create(workspace=workspace, name="Elsewhere Client")
    pilot = services.pilot_create(client=client, name="Elsewhere pilot")
    assessment = services.assessment_start(pilot=pilot, user=charlie)
    return {
        "workspace": workspace,
        "client": client,
        "pilot": pilot,
        "assessment": assessment,
        "respondent": services.respondent_add(assessment=assessment, name="Ola Berg"),
        "user": charlie,
    }


def _url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize(
    ("row", "field", "target"),
    [
        ("client", "workspace", "workspace"),
        ("pilot", "client", "client"),
        ("owner", "pilot", "pilot"),
        ("metric", "pilot", "pilot"),
        ("integration", "pilot", "pilot"),
        ("oversight", "pilot", "pilot"),
        ("change_plan", "pilot", "pilot"),
        ("value_case", "pilot", "pilot"),
        ("assessment", "pilot", "pilot"),
        ("assessment", "started_by", "user"),
        ("respondent", "assessment", "assessment"),
        ("answer", "assessment", "assessment"),
        ("answer", "respondent", "respondent"),
        ("action", "assessment", "assessment"),
        ("report", "assessment", "assessment"),
    ],
)
def test_a_parent_cannot_be_changed_to_another_workspaces(
    admin_client, world, elsewhere, row, field, target
):
    obj = world.objects[row]
    before = getattr(obj, f"{field}_id")
    page = admin_client.get(_url(obj))
    data = {**_change_form_data(page), field: elsewhere[target].pk}

    response = admin_client.post(_url(obj), data)

    assert f'name="{field}"' not in page.content.decode()
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    obj.refresh_from_db()
    assert getattr(obj, f"{field}_id") == before != elsewhere[target].pk


def test_when_an_assessment_started_is_shown_not_changed(admin_client, world):
    assessment = world.objects["assessment"]
    started = assessment.started_at
    earlier = timezone.localtime(started - timedelta(days=30))
    page = admin_client.get(_url(assessment))
    data = {
        **_change_form_data(page),
        "started_at_0": f"{earlier:%Y-%m-%d}",
        "started_at_1": f"{earlier:%H:%M:%S}",
    }

    response = admin_client.post(_url(assessment), data)

    assert 'name="started_at' not in page.content.decode()
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.started_at == started


def test_a_final_assessments_own_fields_are_all_read_only(admin_client, world):
    final = services.assessment_submit(assessment=world.objects["assessment"])

    page = admin_client.get(_url(final))

    html = page.content.decode()
    for field in ("pilot", "rubric", "current_section", "started_by", "started_at"):
        assert f'name="{field}' not in html
    assert page.context["adminform"].form.fields == {}


# Adding one: the parent is chosen then, within sensible bounds --------------------------


def _add_assessment(admin_client, **fields):
    now = timezone.localtime()
    data = {
        "rubric": Assessment.objects.first().rubric_id,
        "started_at_0": f"{now:%Y-%m-%d}",
        "started_at_1": f"{now:%H:%M:%S}",
        **{
            f"{prefix}-{key}": 0
            for prefix in ("respondents", "answers", "actions")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
        **fields,
    }
    return admin_client.post(reverse("admin:assessments_assessment_add"), data)


def test_an_assessment_can_be_added_to_a_pilot_by_one_of_its_workspace(admin_client, world, alice):
    pilot = world.objects["pilot"]
    services.assessment_submit(assessment=world.objects["assessment"])

    response = _add_assessment(admin_client, pilot=pilot.pk, started_by=alice.pk)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    added = Assessment.objects.exclude(pk=world.objects["assessment"].pk).get(pilot=pilot)
    assert added.started_by == alice
    assert added.status == Assessment.Status.DRAFT


def test_an_assessment_started_by_someone_of_another_workspace_is_refused(
    admin_client, world, elsewhere
):
    pilot = world.objects["pilot"]

    response = _add_assessment(admin_client, pilot=pilot.pk, started_by=elsewhere["user"].pk)

    assert response.status_code == 200
    assert "Choose a member of the pilot&#x27;s workspace" in response.content.decode()
    assert pilot.assessments.count() == 1


def test_an_assessment_of_an_archived_pilot_is_refused(admin_client, world):
    pilot = world.objects["pilot"]
    services.pilot_archive(pilot=pilot)

    response = _add_assessment(admin_client, pilot=pilot.pk)

    assert response.status_code == 200
    assert "This pilot is archived" in response.content.decode()
    assert pilot.assessments.count() == 1


def test_a_second_draft_of_a_pilot_is_refused(admin_client, world, alice):
    pilot = world.objects["pilot"]

    response = _add_assessment(admin_client, pilot=pilot.pk, started_by=alice.pk)

    assert response.status_code == 200
    assert "This pilot already has an assessment in progress" in response.content.decode()
    assert list(pilot.assessments.all()) == [world.objects["assessment"]]


def test_reports_cannot_be_added_in_the_admin(admin_client, world):
    response = admin_client.get(reverse("admin:reports_report_add"))

    assert response.status_code == 403
    assert Report.objects.count() == 1
