import re

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
    data["value"] = "no"
    _blank_stored_result(assessment)

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    answer.refresh_from_db()
    assert answer.value is False
    _assert_rescored(assessment)


def test_an_answer_from_last_time_names_its_source_read_only(admin_client, reassessment, last_time):
    answer = reassessment.answers.get(question_id="own_authority")

    answer_page = admin_client.get(reverse("admin:assessments_answer_change", args=[answer.pk]))
    assessment_page = admin_client.get(
        reverse("admin:assessments_assessment_change", args=[reassessment.pk])
    )

    for page in (answer_page, assessment_page):
        html = page.content.decode()
        assert str(last_time) in html
        assert not re.search(r'name="[^"]*carried_from"', html), "shown, never an input"


def test_an_answer_from_last_time_edited_in_the_admin_is_unmarked(admin_client, reassessment):
    kept, edited = (
        reassessment.answers.get(question_id=q) for q in ("own_duties", "own_authority")
    )
    for answer, value in ((kept, None), (edited, "no")):
        url = reverse("admin:assessments_answer_change", args=[answer.pk])
        data = _change_form_data(admin_client.get(url))
        if value is not None:
            data["value"] = value
        assert admin_client.post(url, data).status_code == 302

    kept.refresh_from_db()
    edited.refresh_from_db()
    assert kept.carried_from_id is not None, "saved unchanged, it still waits for review"
    assert (edited.value, edited.carried_from_id) == (False, None)


def test_an_answer_from_last_time_edited_inline_is_unmarked(admin_client, reassessment):
    url = reverse("admin:assessments_assessment_change", args=[reassessment.pk])
    page = admin_client.get(url)
    data = _change_form_data(page)
    formset = next(
        inline.formset
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.model is Answer
    )
    form = next(f for f in formset.forms if f.instance.question_id == "own_authority")
    data[form.add_prefix("value")] = "no"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    answers = {a.question_id: a for a in reassessment.answers.all()}
    assert (answers["own_authority"].value, answers["own_authority"].carried_from_id) == (
        False,
        None,
    )
    assert answers["own_duties"].carried_from_id is not None


def test_the_value_case_list_shows_costs_in_the_clients_currency(admin_client, world):
    from assessments import services

    services.client_update(client=world.objects["client"], data={"currency": "EUR"})
    services.value_case_save(
        pilot=world.objects["pilot"], data={"hourly_cost": 28.5, "build_cost": 12000}
    )

    page = admin_client.get(reverse("admin:assessments_valuecase_changelist")).content.decode()

    assert "€28.50" in page
    assert "€12,000" in page


def test_the_client_list_shows_each_clients_currency(admin_client, world):
    from assessments import services

    services.client_update(client=world.objects["client"], data={"currency": "DKK"})

    page = admin_client.get(reverse("admin:assessments_client_changelist")).content.decode()

    assert "Danish krone (DKK)" in page


def test_an_unknown_currency_is_refused_in_the_admin(admin_client, world):
    client = world.objects["client"]
    url = reverse("admin:assessments_client_change", args=[client.pk])

    response = admin_client.post(
        url,
        {
            "name": client.name,
            "workspace": client.workspace_id,
            "currency": "XYZ",
            "pilots-TOTAL_FORMS": "0",
            "pilots-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    client.refresh_from_db()
    assert client.currency == ""


def test_the_admin_takes_the_confidence_threshold_as_a_percentage(admin_client, world):
    plan = world.objects["oversight"]
    plan.review_mode, plan.confidence_threshold = "confidence", 0.85
    plan.save()
    url = reverse("admin:assessments_oversightplan_change", args=[plan.pk])
    page = admin_client.get(url)
    assert 'value="85"' in page.content.decode()
    data = _change_form_data(page)

    response = admin_client.post(url, {**data, "confidence_threshold": "90%"})

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.confidence_threshold == 0.9
    listing = admin_client.get(reverse("admin:assessments_oversightplan_changelist"))
    assert "90%" in listing.content.decode()


def test_the_admin_refuses_a_confidence_threshold_over_100_percent(admin_client, world):
    plan = world.objects["oversight"]
    url = reverse("admin:assessments_oversightplan_change", args=[plan.pk])
    data = _change_form_data(admin_client.get(url))

    response = admin_client.post(url, {**data, "confidence_threshold": "150"})

    assert response.status_code == 200
    assert "Enter a percentage between 0 and 100." in response.content.decode()
    plan.refresh_from_db()
    assert plan.confidence_threshold is None
