from django.core.management.base import BaseCommand, CommandError

from assessments.models import RubricVersion
from assessments.services import rubric_sync


class Command(BaseCommand):
    help = (
        "Store any rubric bundled with the code that the database does not have yet. "
        "Runs automatically after migrate; safe to run again."
    )

    def handle(self, *args, **options) -> None:
        try:
            created = rubric_sync()
        except RubricVersion.Immutable as error:
            raise CommandError(str(error)) from error
        for version in created:
            self.stdout.write(self.style.SUCCESS(f"Published rubric {version.version}"))
        if not created:
            self.stdout.write("Every bundled rubric is already in the database.")
