from django.core.management.base import BaseCommand

from reports.services import reports_recover_stale


class Command(BaseCommand):
    help = (
        "Re-queue reports whose render outlived the worker's time limit (the worker died), "
        "fail those interrupted too often, and resend long-queued ones. Safe to run any time; "
        "Celery beat runs it every minute."
    )

    def handle(self, *args, **options) -> None:
        counts = reports_recover_stale()
        self.stdout.write(
            f"{counts['requeued']} re-queued, {counts['failed']} failed, {counts['resent']} resent."
        )
