"""Human review starts unset: nobody gets the credit of a review mode they never chose."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from assessments import services
from assessments.interchange import InterchangeError, parse_assessment_json
from assessments.models import Assessment, OversightPlan
from assessments.selectors import assessment_input, rubric_for_version
from reports.snapshot_builder import snapshot_for_assessment
from tests.assessments.test_admin import _change_form_data


@pytest.fixture
def unset(world) -> OversightPlan:
    """The world's oversight plan with no review mode chosen."""
    return services.oversight_save(pilot=world.objects["pilot"], data={"review_mode": ""})


def _exported(assessment) -> dict:
    out = StringIO()
    call_command("export_assessment", assessment.pk, stdout=out)
    return json.loads(out.getvalue())


def _parse(document: dict, assessment):
    return parse_assessment_json(json.dumps(document), rubric_for_version(assessment.rubric_id))


def test_a_new_oversight_plan_has_no_review_mode(world):
    pilot = services.pilot_create(client=world.objects["client"], name="Invoice matching")

    plan = services.oversight_save(pilot=pilot, data={"monitor_runs": "A daily count"})

    plan.refresh_from_db()
    assert plan.review_mode == ""
    assert plan.get_review_mode_display() == "Not chosen yet"


def test_the_database_accepts_unset_but_still_refuses_an_unknown_mode(world):
    plan = world.objects["oversight"]
    OversightPlan.objects.filter(pk=plan.pk).update(review_mode="")

    with pytest.raises(IntegrityError), transaction.atomic():
        OversightPlan.objects.filter(pk=plan.pk).update(review_mode="whenever")

    plan.refresh_from_db()
    assert plan.review_mode == ""


def test_a_plan_stored_with_a_mode_keeps_it(world):
    plan = world.objects["oversight"]

    plan.refresh_from_db()

    assert plan.review_mode == "all"
    assert assessment_input(world.objects["assessment"]).oversight.review_mode == "all"


def test_the_export_writes_an_unset_mode_as_null_and_it_reads_back_unset(world, unset):
    assessment = world.objects["assessment"]

    document = _exported(assessment)

    assert document["format_version"] == 1
    assert document["oversight"]["review_mode"] is None
    parsed = _parse(document, assessment)
    assert parsed.assessment.oversight.review_mode == ""
    assert parsed.assessment == assessment_input(assessment)


def test_a_file_without_a_review_mode_imports_as_unset(world, charlie):
    assessment = world.objects["assessment"]
    document = _exported(assessment)
    del document["oversight"]["review_mode"]

    assert _parse(document, assessment).assessment.oversight.review_mode == ""


def test_a_file_with_an_unknown_review_mode_is_refused_by_its_path(world):
    assessment = world.objects["assessment"]
    document = _exported(assessment)
    document["oversight"]["review_mode"] = "whenever"

    with pytest.raises(InterchangeError) as refused:
        _parse(document, assessment)

    assert any(error.path == "oversight.review_mode" for error in refused.value.errors)


def test_an_imported_unset_mode_is_stored_unset(world, charlie, unset, tmp_path):
    path = tmp_path / "assessment.json"
    call_command("export_assessment", world.objects["assessment"].pk, output=str(path))

    call_command("import_assessment", str(path), workspace=charlie.workspaces.get().pk)

    imported = Assessment.objects.get(pilot__client__workspace=charlie.workspaces.get())
    assert OversightPlan.objects.get(pilot=imported.pilot).review_mode == ""


def test_the_report_says_the_review_mode_is_not_chosen_yet(world, unset):
    snapshot = snapshot_for_assessment(
        world.objects["assessment"],
        requested_by="Alice Owner",
        taken_at=datetime(2026, 6, 1, tzinfo=UTC),
    )

    oversight = next(r for r in snapshot["records"] if r["kind"] == "Oversight plan")
    assert oversight["lines"][0] == "Review: not chosen yet"


def test_the_admin_lists_and_saves_an_unset_review_mode(admin_client, world, unset):
    listing = admin_client.get(reverse("admin:assessments_oversightplan_changelist"))
    assert "Not chosen yet" in listing.content.decode()
    url = reverse("admin:assessments_oversightplan_change", args=[unset.pk])
    page = admin_client.get(url)
    assert '<option value="" selected>Not chosen yet</option>' in page.content.decode()

    response = admin_client.post(
        url, {**_change_form_data(page), "review_mode": "", "alert_recipient": "Sam"}
    )

    assert response.status_code == 302
    unset.refresh_from_db()
    assert (unset.review_mode, unset.alert_recipient) == ("", "Sam")
