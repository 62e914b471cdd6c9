"""The change plan's involvement and rollout commitment start unset.

Nobody gets the credit, or the printed answer, of a choice they never made.
"""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from assessments import services
from assessments.interchange import InterchangeError
from assessments.models import Assessment, ChangePlan
from assessments.selectors import assessment_input
from reports.snapshot_builder import snapshot_for_assessment
from tests.assessments.test_admin import _change_form_data
from tests.assessments.test_review_mode_unset import _exported, _parse

CHOICES = ("involvement", "rollout_commitment")


@pytest.fixture
def unset(world) -> ChangePlan:
    """The world's change plan with neither choice made."""
    return services.change_plan_save(
        pilot=world.objects["pilot"], data={"involvement": "", "rollout_commitment": ""}
    )


def test_a_new_change_plan_has_neither_choice_made(world):
    pilot = services.pilot_create(client=world.objects["client"], name="Invoice matching")

    plan = services.change_plan_save(pilot=pilot, data={"sponsor_name": "Sam Ortiz"})

    plan.refresh_from_db()
    assert (plan.involvement, plan.rollout_commitment) == ("", "")
    assert plan.get_involvement_display() == "Not chosen yet"
    assert plan.get_rollout_commitment_display() == "Not chosen yet"


@pytest.mark.parametrize("field", CHOICES)
def test_the_database_accepts_unset_but_still_refuses_an_unknown_choice(world, field):
    plan = world.objects["change_plan"]
    ChangePlan.objects.filter(pk=plan.pk).update(**{field: ""})

    with pytest.raises(IntegrityError), transaction.atomic():
        ChangePlan.objects.filter(pk=plan.pk).update(**{field: "whenever"})

    plan.refresh_from_db()
    assert getattr(plan, field) == ""


def test_a_plan_stored_with_choices_keeps_them(world):
    plan = services.change_plan_save(
        pilot=world.objects["pilot"],
        data={"involvement": "informed", "rollout_commitment": "undecided"},
    )

    plan.refresh_from_db()

    assert (plan.involvement, plan.rollout_commitment) == ("informed", "undecided")
    stored = assessment_input(world.objects["assessment"]).change_plan
    assert (stored.involvement, stored.rollout_commitment) == ("informed", "undecided")


def test_the_export_writes_unset_choices_as_null_and_they_read_back_unset(world, unset):
    assessment = world.objects["assessment"]

    document = _exported(assessment)

    assert document["format_version"] == 1
    assert document["change_plan"]["involvement"] is None
    assert document["change_plan"]["rollout_commitment"] is None
    parsed = _parse(document, assessment)
    plan = parsed.assessment.change_plan
    assert (plan.involvement, plan.rollout_commitment) == ("", "")
    assert parsed.assessment == assessment_input(assessment)


def test_the_export_writes_chosen_values_as_they_are(world):
    services.change_plan_save(
        pilot=world.objects["pilot"],
        data={"involvement": "consulted", "rollout_commitment": "no"},
    )

    plan = _exported(world.objects["assessment"])["change_plan"]

    assert (plan["involvement"], plan["rollout_commitment"]) == ("consulted", "no")


@pytest.mark.parametrize("field", CHOICES)
def test_a_file_without_the_choice_imports_it_as_unset(world, field):
    assessment = world.objects["assessment"]
    services.change_plan_save(
        pilot=world.objects["pilot"],
        data={"involvement": "consulted", "rollout_commitment": "committed"},
    )
    document = _exported(assessment)
    del document["change_plan"][field]

    assert getattr(_parse(document, assessment).assessment.change_plan, field) == ""


@pytest.mark.parametrize("field", CHOICES)
def test_a_file_with_an_unknown_choice_is_refused_by_its_path(world, field):
    assessment = world.objects["assessment"]
    document = _exported(assessment)
    document["change_plan"][field] = "whenever"

    with pytest.raises(InterchangeError) as refused:
        _parse(document, assessment)

    assert any(error.path == f"change_plan.{field}" for error in refused.value.errors)


def test_imported_unset_choices_are_stored_unset(world, charlie, unset, tmp_path):
    path = tmp_path / "assessment.json"
    call_command("export_assessment", world.objects["assessment"].pk, output=str(path))

    call_command("import_assessment", str(path), workspace=charlie.workspaces.get().pk)

    imported = Assessment.objects.get(pilot__client__workspace=charlie.workspaces.get())
    plan = ChangePlan.objects.get(pilot=imported.pilot)
    assert (plan.involvement, plan.rollout_commitment) == ("", "")


def test_the_report_says_both_choices_are_not_chosen_yet(world, unset):
    snapshot = snapshot_for_assessment(
        world.objects["assessment"],
        requested_by="Alice Owner",
        taken_at=datetime(2026, 6, 1, tzinfo=UTC),
    )

    lines = next(r for r in snapshot["records"] if r["kind"] == "Change plan")["lines"]
    assert "How involved the daily users are: not chosen yet" in lines
    assert "Commitment to roll out if it works: not chosen yet" in lines


def test_the_report_prints_a_choice_that_was_made(world):
    services.change_plan_save(
        pilot=world.objects["pilot"],
        data={"involvement": "informed", "rollout_commitment": "undecided"},
    )

    snapshot = snapshot_for_assessment(
        world.objects["assessment"],
        requested_by="Alice Owner",
        taken_at=datetime(2026, 6, 1, tzinfo=UTC),
    )

    lines = next(r for r in snapshot["records"] if r["kind"] == "Change plan")["lines"]
    assert "How involved the daily users are: Informed" in lines
    assert "Commitment to roll out if it works: Undecided" in lines


def test_the_admin_lists_and_saves_unset_choices(admin_client, world, unset):
    listing = admin_client.get(reverse("admin:assessments_changeplan_changelist"))
    assert "Not chosen yet" in listing.content.decode()
    url = reverse("admin:assessments_changeplan_change", args=[unset.pk])
    page = admin_client.get(url)
    assert page.content.decode().count('<option value="" selected>Not chosen yet</option>') == 2

    response = admin_client.post(
        url,
        {
            **_change_form_data(page),
            "involvement": "",
            "rollout_commitment": "",
            "sponsor_name": "Ana Lopes",
        },
    )

    assert response.status_code == 302
    unset.refresh_from_db()
    assert (unset.involvement, unset.rollout_commitment, unset.sponsor_name) == (
        "",
        "",
        "Ana Lopes",
    )
