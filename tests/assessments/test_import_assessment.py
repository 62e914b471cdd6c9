import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from assessments.management.commands.import_assessment import Command as ImportCommand
from assessments.models import Assessment, Pilot
from assessments.selectors import assessment_input
from assessments.services import client_update
from tests.isolation import db_fingerprint


@pytest.fixture
def exported(world, tmp_path):
    """The world's assessment, written to a file by export_assessment."""
    path = tmp_path / "assessment.json"
    call_command("export_assessment", world.objects["assessment"].pk, output=str(path))
    return path


def _import(path, workspace) -> str:
    out = StringIO()
    call_command("import_assessment", str(path), workspace=workspace.pk, stdout=out)
    return out.getvalue()


def _edit(path, change) -> None:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


def test_an_exported_assessment_imports_into_another_workspace_unchanged(world, charlie, exported):
    original = world.objects["assessment"]
    other = charlie.workspaces.get()

    output = _import(exported, other)

    imported = Assessment.objects.get(pilot__client__workspace=other)
    assert imported.pilot.client.name == "Northwind Plumbing"
    assert imported.rubric == original.rubric
    assert assessment_input(imported) == assessment_input(original)
    original.refresh_from_db()
    assert (imported.decision, imported.overall_score) == (
        original.decision,
        original.overall_score,
    )
    assert f"Imported assessment {imported.pk}" in output


def test_importing_into_the_same_workspace_reuses_the_client(world, exported):
    output = _import(exported, world.workspace)

    assert world.workspace.clients.count() == 1
    assert Pilot.objects.filter(client=world.objects["client"]).count() == 2
    # Its name is taken by the pilot it was exported from.
    imported = Pilot.objects.filter(client=world.objects["client"]).latest("id")
    assert imported.name.startswith("Quote follow-ups (imported ")
    assert "already had a pilot called 'Quote follow-ups'" in output


def test_a_new_client_takes_the_files_currency(world, charlie, exported):
    _edit(exported, lambda d: d.update(currency="EUR"))
    other = charlie.workspaces.get()

    _import(exported, other)

    assert other.clients.get().currency == "EUR"


def test_a_new_client_from_a_file_without_a_currency_takes_the_workspace_default(
    world, charlie, exported
):
    other = charlie.workspaces.get()
    other.default_currency = "USD"
    other.save(update_fields=["default_currency"])

    _import(exported, other)

    assert other.clients.get().currency == "USD"


def test_a_client_reused_without_a_currency_takes_the_files(world, exported):
    _edit(exported, lambda d: d.update(currency="GBP"))

    _import(exported, world.workspace)

    world.objects["client"].refresh_from_db()
    assert world.objects["client"].currency == "GBP"


def test_a_client_reused_keeps_its_currency_when_the_file_names_none(world, exported):
    client = world.objects["client"]
    client_update(client=client, data={"currency": "CHF"})

    _import(exported, world.workspace)

    client.refresh_from_db()
    assert client.currency == "CHF"


def test_a_file_in_another_currency_than_the_reused_client_is_refused(world, exported):
    client_update(client=world.objects["client"], data={"currency": "GBP"})
    _edit(exported, lambda d: d.update(currency="EUR"))
    before = db_fingerprint()

    with pytest.raises(CommandError) as caught:
        _import(exported, world.workspace)

    assert "currency: is EUR, but Northwind Plumbing already has its amounts in GBP" in str(
        caught.value
    )
    assert db_fingerprint() == before


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (lambda path: path.write_text(path.read_text()[:200]), "$: is not valid JSON"),
        (
            lambda path: _edit(
                path, lambda d: d["answers"].append({"question_id": "ghost", "value": 1})
            ),
            "answers[1].question_id: 'ghost' is not a question of the rubric",
        ),
        (
            lambda path: _edit(path, lambda d: d["answers"][0].update(value="certainly")),
            "answers[0].value: must be true or false",
        ),
        (
            lambda path: _edit(path, lambda d: d["pilot"].update(weekly_volume="lots")),
            "pilot.weekly_volume",
        ),
        (
            lambda path: _edit(path, lambda d: d["integrations"][0].update(system="x" * 500)),
            "integrations[0].system",
        ),
    ],
    ids=["truncated", "unknown-question", "wrong-answer-type", "wrong-record-type", "too-long"],
)
def test_a_bad_file_is_refused_by_field_path_and_nothing_is_written(
    world, exported, breakage, expected
):
    breakage(exported)
    before = db_fingerprint()

    with pytest.raises(CommandError) as caught:
        _import(exported, world.workspace)

    assert expected in str(caught.value)
    assert "nothing was imported" in str(caught.value)
    assert db_fingerprint() == before


def test_every_problem_is_listed_at_once(world, exported):
    def two_problems(document):
        document["answers"][0]["value"] = "certainly"
        document["pilot"]["stage"] = "scaling"

    _edit(exported, two_problems)

    with pytest.raises(CommandError) as caught:
        _import(exported, world.workspace)

    assert "answers[0].value" in str(caught.value)
    assert "pilot.stage" in str(caught.value)


def test_a_refused_file_exits_with_an_error_status(world, exported, capsys):
    exported.write_text("{")

    with pytest.raises(SystemExit) as exit_info:
        ImportCommand().run_from_argv(
            [
                "manage.py",
                "import_assessment",
                str(exported),
                "--workspace",
                str(world.workspace.pk),
            ]
        )

    assert exit_info.value.code != 0
    assert "not valid JSON" in capsys.readouterr().err


def test_an_unknown_workspace_is_refused(world, exported):
    with pytest.raises(CommandError, match="no workspace"):
        call_command("import_assessment", str(exported), workspace=world.workspace.pk + 99)


def test_the_workspace_must_be_named_when_there_are_several(world, charlie, exported):
    with pytest.raises(CommandError, match="--workspace"):
        call_command("import_assessment", str(exported))
