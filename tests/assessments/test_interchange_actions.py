"""The action plan's owners, due dates and statuses travel in the interchange file."""

import json
from dataclasses import replace
from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from assessments import services
from assessments.interchange import ActionIn, InterchangeError, parse_assessment_json
from assessments.models import ActionItem, Assessment
from assessments.selectors import import_actions_left_out, rubric_for_version
from tests.isolation import db_fingerprint


@pytest.fixture
def assessment(world):
    return world.objects["assessment"]


def _export(assessment) -> dict:
    out = StringIO()
    call_command("export_assessment", assessment.pk, stdout=out)
    return json.loads(out.getvalue())


def _parse(document: dict, like: Assessment):
    return parse_assessment_json(json.dumps(document), rubric_for_version(like.rubric_id))


def _import(document: dict, workspace, like: Assessment) -> tuple[Assessment, int]:
    """Import the file as the web page does; the new assessment and the actions left out."""
    parsed = _parse(document, like)
    imported = services.assessment_import(workspace=workspace, parsed=parsed, rubric=like.rubric)
    return imported, import_actions_left_out(imported, parsed)


def _errors(document: dict, like: Assessment) -> dict[str, str]:
    with pytest.raises(InterchangeError) as caught:
        _parse(document, like)
    return {error.path: error.message for error in caught.value.errors}


def _plan(assessment) -> dict[str, tuple]:
    return {
        item.criterion_id: (item.owner_name, item.due_date, item.status)
        for item in assessment.actions.all()
    }


def test_the_export_lists_each_planned_actions_owner_date_and_status(assessment):
    services.action_item_update(
        assessment=assessment,
        criterion_id="ov_human_review",
        data={"owner_name": "Sam Ortiz", "due_date": date(2026, 7, 1), "status": "done"},
    )

    actions = _export(assessment)["actions"]

    # In the order of the plan: human review ranks above the accountable owner.
    assert actions == [
        {
            "criterion_id": "ov_human_review",
            "owner_name": "Sam Ortiz",
            "due_date": "2026-07-01",
            "status": "done",
        },
        {
            "criterion_id": "own_accountable_owner",
            "owner_name": "Priya Shah",
            "due_date": None,
            "status": "open",
        },
    ]


def test_an_action_outside_the_plan_is_not_exported(assessment):
    # A stop step is a real action id, but this assessment is not a Stop.
    services.action_item_update(
        assessment=assessment, criterion_id="stop_lessons", data={"owner_name": "Sam Ortiz"}
    )

    ids = [action["criterion_id"] for action in _export(assessment)["actions"]]

    assert ids == ["own_accountable_owner"]


def test_an_assessment_without_a_plan_kept_exports_no_actions_field(world, assessment):
    world.objects["action"].delete()

    assert "actions" not in _export(assessment)


def test_the_plan_comes_back_on_import(world, charlie, assessment):
    services.action_item_update(
        assessment=assessment,
        criterion_id="ov_human_review",
        data={"owner_name": "Sam Ortiz", "due_date": date(2026, 7, 1), "status": "done"},
    )

    imported, left_out = _import(_export(assessment), charlie.workspaces.get(), assessment)

    assert left_out == 0
    assert _plan(imported) == {
        "ov_human_review": ("Sam Ortiz", date(2026, 7, 1), "done"),
        "own_accountable_owner": ("Priya Shah", None, "open"),
    }
    assert _plan(imported) == _plan(assessment)


def test_actions_not_in_the_new_plan_are_left_out_and_counted(charlie, assessment):
    document = _export(assessment)
    document["actions"] += [
        {"criterion_id": "stop_lessons", "owner_name": "Sam Ortiz"},
        {"criterion_id": "no_such_criterion", "status": "done"},
    ]

    imported, left_out = _import(document, charlie.workspaces.get(), assessment)

    assert left_out == 2
    assert _plan(imported) == {"own_accountable_owner": ("Priya Shah", None, "open")}


def test_an_action_needs_only_its_id(charlie, assessment):
    document = _export(assessment)
    document["actions"] = [{"criterion_id": "ov_human_review"}]

    imported, _ = _import(document, charlie.workspaces.get(), assessment)

    assert _plan(imported) == {"ov_human_review": ("", None, "open")}


def test_a_file_without_actions_imports_with_an_empty_plan(charlie, assessment):
    document = _export(assessment)
    del document["actions"]

    imported, left_out = _import(document, charlie.workspaces.get(), assessment)

    assert left_out == 0
    assert not imported.actions.exists()


def test_an_owners_name_is_imported_without_surrounding_spaces(charlie, assessment):
    document = _export(assessment)
    document["actions"][0]["owner_name"] = "  Priya Shah  "

    assert _parse(document, assessment).actions == (
        ActionIn(criterion_id="own_accountable_owner", owner_name="Priya Shah"),
    )


@pytest.mark.parametrize(
    ("field", "value", "path", "message"),
    [
        ("due_date", "2026-02-30", "actions[0].due_date", "is not a real date"),
        ("due_date", "next week", "actions[0].due_date", "must be a date written YYYY-MM-DD"),
        ("status", "maybe", "actions[0].status", 'must be one of "open", "done"'),
        ("owner_name", "P" * 161, "actions[0].owner_name", "must be at most 160 characters"),
        ("criterion_id", "", "actions[0].criterion_id", "must not be empty"),
        ("colour", "blue", "actions[0].colour", "is not a field of this format"),
    ],
)
def test_a_bad_action_is_refused_by_its_path(assessment, field, value, path, message):
    document = _export(assessment)
    document["actions"][0][field] = value

    assert _errors(document, assessment) == {path: message}


def test_an_action_listed_twice_is_refused(assessment):
    document = _export(assessment)
    document["actions"].append({"criterion_id": "own_accountable_owner", "status": "done"})

    assert _errors(document, assessment) == {
        "actions[1].criterion_id": "'own_accountable_owner' is listed twice"
    }


def test_an_action_the_database_refuses_leaves_nothing_imported(charlie, assessment):
    document = _export(assessment)
    parsed = _parse(document, assessment)
    # Past the file's checks, as a caller of the service could send it.
    too_long = ActionIn(criterion_id="own_accountable_owner", owner_name="P" * 161)
    before = db_fingerprint()

    with pytest.raises(ValidationError) as refused:
        services.assessment_import(
            workspace=charlie.workspaces.get(),
            parsed=replace(parsed, actions=(too_long,)),
            rubric=assessment.rubric,
        )

    assert any(message.startswith("actions[0].owner_name: ") for message in refused.value.messages)
    assert db_fingerprint() == before
    assert ActionItem.objects.count() == 1


def test_the_import_command_says_how_many_actions_it_left_out(world, charlie, tmp_path):
    document = _export(world.objects["assessment"])
    document["actions"].append({"criterion_id": "stop_lessons"})
    path = tmp_path / "assessment.json"
    path.write_text(json.dumps(document))
    out = StringIO()

    call_command("import_assessment", str(path), workspace=charlie.workspaces.get().pk, stdout=out)

    assert (
        "Left out 1 action of the file: it is not part of this assessment's plan." in out.getvalue()
    )
