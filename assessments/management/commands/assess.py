"""`python manage.py assess FILE.json`: score an assessment file and print its scorecard.

Works entirely from the file and the rubric bundled with the code: it never opens
the database, so it runs anywhere the code does.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.interchange import InterchangeError, parse_assessment_json, read_rubric_version
from assessments.rubric.loader import bundled_rubric
from assessments.scoring.engine import score
from assessments.scoring.scorecard import scorecard_to_dict


class Command(BaseCommand):
    help = "Score one assessment JSON file against the rubric it names and print the scorecard."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="an assessment in the readiness.assessment JSON format")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {path}: {error}") from error
        try:
            version = read_rubric_version(text)
            try:
                rubric = bundled_rubric(version)
            except LookupError as error:
                raise CommandError(f"{path}:\n  rubric_version: {error}") from None
            parsed = parse_assessment_json(text, rubric)
        except InterchangeError as error:
            lines = "\n".join(f"  {field_error}" for field_error in error.errors)
            raise CommandError(f"{path} is not a valid assessment:\n{lines}") from None
        card = scorecard_to_dict(score(parsed.assessment, rubric))
        self.stdout.write(json.dumps({"client": parsed.client, **card}, indent=2))
