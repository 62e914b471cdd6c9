from django.core.management.base import BaseCommand

from assessments.demo import DEMO_EMAIL, DEMO_PASSWORD, DEMO_WORKSPACE, create_demo
from assessments.models import Assessment
from reports.models import Report
from reports.services import report_request


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo workspace, with a report for each final assessment, "
        "and print the demo login."
    )

    def handle(self, *args, **options) -> None:
        # Resetting the demo deletes its reports; their files would be left behind.
        for report in Report.objects.filter(
            assessment__pilot__client__workspace__name=DEMO_WORKSPACE,
            assessment__pilot__client__workspace__memberships__user__email=DEMO_EMAIL,
        ).exclude(file=""):
            report.file.delete(save=False)
        result = create_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo workspace ready: {result.workspace.name}"))
        for assessment in result.assessments:
            self.stdout.write(
                f"  {assessment.pilot.client.name} / {assessment.pilot.name}: "
                f"{assessment.get_decision_display()} ({assessment.get_status_display().lower()})"
            )
        # Rendered here rather than queued, so the demo has its reports without a worker.
        finals = Assessment.objects.filter(
            pilot__client__workspace=result.workspace, status=Assessment.Status.SUBMITTED
        ).select_related("pilot__client__workspace")
        for assessment in finals:
            report = report_request(
                assessment=assessment, requested_by=result.user, render_now=True
            )
            self.stdout.write(
                f"  Report {report.reference} for {assessment.pilot.name}: "
                f"{report.get_status_display().lower()}"
            )
        # The command cannot know where the server will listen.
        self.stdout.write(
            f"Log in at /login/ on the address the server runs on, as {DEMO_EMAIL} / {DEMO_PASSWORD}"
        )
