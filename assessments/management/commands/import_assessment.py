"""`python manage.py import_assessment FILE [--workspace ID]`: load one assessment file.

All or nothing: a file with any problem is refused with every offending field named by
its path, the command exits with an error and the database is left as it was.
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import Workspace
from assessments.interchange import InterchangeError, parse_assessment_json, read_rubric_version
from assessments.models import RubricVersion
from assessments.selectors import import_actions_left_out, rubric_for_version
from assessments.services import assessment_import


class Command(BaseCommand):
    help = (
        "Create a pilot and a draft assessment from a JSON file in the interchange format. "
        "The client named in the file is reused if the workspace already has it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="an assessment in the readiness.assessment JSON format")
        parser.add_argument(
            "--workspace",
            type=int,
            help="workspace id to import into; may be left out when there is only one",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        workspace = self._workspace(options["workspace"])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            version = read_rubric_version(text)
            rubric = RubricVersion.objects.defer("definition").filter(version=version).first()
            if rubric is None:
                known = ", ".join(RubricVersion.objects.values_list("version", flat=True))
                raise CommandError(
                    f"{path} is not a valid assessment:\n"
                    f"  rubric_version: {version!r} is not published here (known: {known})"
                )
            parsed = parse_assessment_json(text, rubric_for_version(rubric.pk))
        except InterchangeError as error:
            raise CommandError(self._problems(path, map(str, error.errors))) from None
        try:
            assessment = assessment_import(workspace=workspace, parsed=parsed, rubric=rubric)
        except ValidationError as error:
            raise CommandError(self._problems(path, error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported assessment {assessment.pk} of pilot {assessment.pilot.name!r} "
                f"for {assessment.pilot.client.name} into {workspace.name}: "
                f"{assessment.get_decision_display()}"
            )
        )
        left_out = import_actions_left_out(assessment, parsed)
        if left_out:
            self.stdout.write(
                f"Left out {left_out} action{'' if left_out == 1 else 's'} of the file: "
                f"{'it is' if left_out == 1 else 'they are'} not part of this assessment's plan."
            )
        named = parsed.assessment.pilot.name.strip()
        if assessment.pilot.name != named:
            self.stdout.write(
                f"{assessment.pilot.client.name} already had a pilot called {named!r}, "
                "so this one is named for the day it was imported."
            )

    @staticmethod
    def _problems(path: Path, problems) -> str:
        lines = "\n".join(f"  {problem}" for problem in problems)
        return f"{path} is not a valid assessment; nothing was imported:\n{lines}"

    @staticmethod
    def _workspace(workspace_id: int | None) -> Workspace:
        if workspace_id is not None:
            workspace = Workspace.objects.filter(pk=workspace_id).first()
            if workspace is None:
                raise CommandError(f"There is no workspace {workspace_id}.")
            return workspace
        workspaces = list(Workspace.objects.all()[:2])
        if len(workspaces) != 1:
            raise CommandError("Say which workspace to import into with --workspace ID.")
        return workspaces[0]
