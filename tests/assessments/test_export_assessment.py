import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from assessments.interchange import FORMAT, parse_assessment_json
from assessments.selectors import assessment_input, rubric_for_version


def test_the_export_is_the_interchange_format_and_parses_back(world):
    assessment = world.objects["assessment"]
    out = StringIO()

    call_command("export_assessment", assessment.pk, stdout=out)

    document = json.loads(out.getvalue())
    assert document["format"] == FORMAT
    assert document["client"] == "Northwind Plumbing"
    assert document["rubric_version"] == assessment.rubric.version
    parsed = parse_assessment_json(out.getvalue(), rubric_for_version(assessment.rubric_id))
    assert parsed.assessment == assessment_input(assessment)


def test_the_export_can_be_written_to_a_file(world, tmp_path):
    path = tmp_path / "out.json"

    call_command("export_assessment", world.objects["assessment"].pk, output=str(path))

    assert json.loads(path.read_text())["pilot"]["name"] == "Quote follow-ups"


def test_an_unknown_assessment_is_an_error(db):
    with pytest.raises(CommandError, match="no assessment 404"):
        call_command("export_assessment", 404)


def test_the_export_names_the_clients_currency(world):
    from assessments.services import client_update

    client_update(client=world.objects["client"], data={"currency": "NZD"})
    out = StringIO()

    call_command("export_assessment", world.objects["assessment"].pk, stdout=out)

    assert json.loads(out.getvalue())["currency"] == "NZD"
