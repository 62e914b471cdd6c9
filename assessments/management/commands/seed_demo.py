from django.core.management.base import BaseCommand

from assessments.demo import DEMO_EMAIL, DEMO_PASSWORD, create_demo


class Command(BaseCommand):
    help = "Create (or reset) the demo workspace and print the demo login."

    def handle(self, *args, **options) -> None:
        result = create_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo workspace ready: {result.workspace.name}"))
        for assessment in result.assessments:
            self.stdout.write(
                f"  {assessment.pilot.client.name} / {assessment.pilot.name}: "
                f"{assessment.get_decision_display()} ({assessment.get_status_display().lower()})"
            )
        self.stdout.write(
            f"Log in at http://127.0.0.1:8000/login/ as {DEMO_EMAIL} / {DEMO_PASSWORD}"
        )
