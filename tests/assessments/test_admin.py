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
from assessments.selectors import assessment_scorecard
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


def _change_form_data(page) -> dict:
    """The POST body the admin change page would send back unchanged."""
    data = {}
    for field in page.context["adminform"].form:
        value = field.value()
        if value is not None and not field.field.disabled:
            data[field.html_name] = value
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for form in formset.forms:
            for field in form:
                value = field.value()
                if value is not None and value is not False:
                    data[field.html_name] = value
    return data


def test_editing_records_in_the_admin_rescores_the_draft(admin_client, world):
    pilot = world.objects["pilot"]
    assessment = world.objects["assessment"]
    url = reverse("admin:assessments_pilot_change", args=[pilot.pk])
    data = _change_form_data(admin_client.get(url))
    # Untick "accountable" on the only owner: the ownership gate must now fail.
    owner_prefix = next(
        inline.formset.prefix
        for inline in admin_client.get(url).context["inline_admin_formsets"]
        if inline.formset.model is Owner
    )
    del data[f"{owner_prefix}-0-accountable"]
    # Blank the stored result, so only a rescore can put one back.
    Assessment.objects.filter(pk=assessment.pk).update(decision="", overall_score=None)

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    world.objects["owner"].refresh_from_db()
    assert world.objects["owner"].accountable is False
    assessment.refresh_from_db()
    card = assessment_scorecard(assessment)
    assert "own_accountable_owner" in {gate.criterion_id for gate in card.failed_gates}
    assert (assessment.decision, assessment.overall_score) == (card.decision, card.overall)


def _blank_stored_result(assessment) -> None:
    """Blank the stored result, so only a rescore can put one back."""
    Assessment.objects.filter(pk=assessment.pk).update(decision="", overall_score=None)


def _assert_rescored(assessment) -> None:
    assessment.refresh_from_db()
    card = assessment_scorecard(assessment)
    assert (assessment.decision, assessment.overall_score) == (card.decision, card.overall)


def test_editing_an_owner_on_its_own_admin_page_rescores_the_draft(admin_client, world):
    owner, assessment = world.objects["owner"], world.objects["assessment"]
    url = reverse("admin:assessments_owner_change", args=[owner.pk])
    data = _change_form_data(admin_client.get(url))
    del data["accountable"]
    _blank_stored_result(assessment)

    response = admin_client.post(url, data)

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.accountable is False
    _assert_rescored(assessment)
    assert "own_accountable_owner" in {
        gate.criterion_id for gate in assessment_scorecard(assessment).failed_gates
    }


def test_deleting_a_record_in_the_admin_rescores_the_draft(admin_client, world):
    owner, assessment = world.objects["owner"], world.objects["assessment"]
    _blank_stored_result(assessment)

    response = admin_client.post(
        reverse("admin:assessments_owner_delete", args=[owner.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Owner.objects.filter(pk=owner.pk).exists()
    _assert_rescored(assessment)


def test_deleting_records_from_the_admin_list_rescores_their_drafts(admin_client, world):
    metric, assessment = world.objects["metric"], world.objects["assessment"]
    _blank_stored_result(assessment)

    response = admin_client.post(
        reverse("admin:assessments_successmetric_changelist"),
        {"action": "delete_selected", "_selected_action": [metric.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert not SuccessMetric.objects.filter(pk=metric.pk).exists()
    _assert_rescored(assessment)


def test_editing_an_answer_in_the_admin_rescores_its_assessment(admin_client, world):
    answer, assessment = world.objects["answer"], world.objects["assessment"]
    url = reverse("admin:assessments_answer_change", args=[answer.pk])
    data = _change_form_data(admin_client.get(url))
    data["value"] = "false"
    _blank_stored_result(assessment)

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    answer.refresh_from_db()
    assert answer.value is False
    _assert_rescored(assessment)
