"""`python manage.py export_assessment ID [--output FILE]`: write one assessment as JSON.

The file is in the interchange format (see docs/examples/), so `assess` can score it
without a database and `import_assessment` can load it into another workspace.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.models import Assessment
from assessments.selectors import assessment_file


class Command(BaseCommand):
    help = (
        "Write one assessment (its pilot's records, agreed answers and people's own "
        "answers) as a JSON file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("assessment_id", type=int)
        parser.add_argument("--output", "-o", help="file to write; standard output if omitted")

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = (
            Assessment.objects.select_related("pilot__client", "rubric")
            .defer("rubric__definition")
            .filter(pk=options["assessment_id"])
            .first()
        )
        if assessment is None:
            raise CommandError(f"There is no assessment {options['assessment_id']}.")
        text = assessment_file(assessment)
        if not options["output"]:
            self.stdout.write(text, ending="")
            return
        path = Path(options["output"])
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from error
        self.stderr.write(f"Wrote assessment {assessment.pk} to {path}")
