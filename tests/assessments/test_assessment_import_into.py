"""The import service puts a file under the client it is told to, and under no client of
another workspace, whoever calls it."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from accounts.models import Workspace
from assessments import services
from assessments.interchange import parse_assessment_json
from assessments.models import Client, RubricVersion
from assessments.selectors import rubric_for_version
from tests.isolation import db_fingerprint

EXAMPLE = Path(settings.BASE_DIR) / "docs" / "examples" / "go-lead-reply.json"


def _parsed(**changes):
    document = json.loads(EXAMPLE.read_text()) | changes
    rubric = RubricVersion.objects.get(version=document["rubric_version"])
    return parse_assessment_json(json.dumps(document), rubric_for_version(rubric.id)), rubric


def test_a_client_of_another_workspace_is_refused_and_nothing_changes(workspace, charlie):
    theirs = services.client_create(
        workspace=Workspace.objects.get(memberships__user=charlie), name="Theirs"
    )
    parsed, rubric = _parsed()
    before = db_fingerprint()

    with pytest.raises(ValidationError, match="Choose a client you can import into"):
        services.assessment_import(workspace=workspace, parsed=parsed, rubric=rubric, into=theirs)

    assert db_fingerprint() == before


def test_a_file_naming_no_client_goes_under_my_company(workspace):
    parsed, rubric = _parsed(client="")

    assessment = services.assessment_import(workspace=workspace, parsed=parsed, rubric=rubric)

    assert assessment.pilot.client.is_own_company
    assert not Client.objects.filter(name="Imported").exists()


def test_someone_limited_to_some_clients_imports_without_setting_their_currency(workspace, harbour):
    parsed, rubric = _parsed(client="Harbour Bakery", currency="JPY")

    assessment = services.assessment_import(
        workspace=workspace,
        parsed=parsed,
        rubric=rubric,
        clients=Client.objects.filter(pk=harbour.pk),
    )

    assert assessment.pilot.client == harbour
    harbour.refresh_from_db()
    assert harbour.currency == ""
