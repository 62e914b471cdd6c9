import pytest
from django.urls import reverse

from assessments.models import (
    ActionItem,
    Answer,
    Assessment,
    ChangePlan,
    Client,
    Integration,
    OversightPlan,
    Owner,
    Pilot,
    Respondent,
    RubricVersion,
    SuccessMetric,
    ValueCase,
)
from tests.conftest import make_user

MODELS = [
    Client,
    Pilot,
    Owner,
    SuccessMetric,
    Integration,
    OversightPlan,
    ChangePlan,
    ValueCase,
    RubricVersion,
    Assessment,
    Respondent,
    Answer,
    ActionItem,
]


@pytest.fixture
def admin_client(client, db):
    user = make_user("root@readiness.test", "Root")
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_has_a_working_admin_list_and_detail(admin_client, world, model):
    opts = model._meta
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200

    obj = model.objects.first()
    assert obj is not None, f"the world has no {opts.model_name}"
    detail = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    assert detail.status_code == 200


def test_the_rubric_cannot_be_edited_in_the_admin(admin_client, world):
    rubric = RubricVersion.objects.first()
    url = reverse("admin:assessments_rubricversion_change", args=[rubric.pk])
    admin_client.post(url, {"version": "hacked", "title": "hacked", "definition": "{}"})

    rubric.refresh_from_db()
    assert rubric.version != "hacked"
    assert admin_client.get(reverse("admin:assessments_rubricversion_add")).status_code == 403


def test_the_pilot_page_offers_the_catalogue_of_systems(admin_client, world):
    pilot = world.objects["pilot"]
    page = admin_client.get(reverse("admin:assessments_pilot_change", args=[pilot.pk]))
    assert b"<datalist" in page.content
    assert b"HubSpot" in page.content
