"""Thin tasks: take an id, let the service re-fetch, claim and do the work.

Without REDIS_URL Celery runs these eagerly, in the web process, through the
same code path.
"""

import logging
import random

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)

MAX_RETRIES = 4


def backoff_seconds(retries: int) -> float:
    """5, 10, 20, 40 seconds, give or take a little so retries do not arrive together."""
    return 5 * 2**retries * random.uniform(0.8, 1.2)


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def render_report(self, report_id: int) -> None:
    try:
        services.report_render(report_id=report_id)
    except services.TransientRenderError as exc:
        if self.request.retries >= self.max_retries:
            services.report_mark_failed(
                report_id=report_id,
                message=(
                    "The finished PDF could not be saved to file storage after several tries. "
                    "Try again later; if it keeps failing, ask your administrator to check "
                    "the storage settings."
                ),
            )
            return
        raise self.retry(exc=exc, countdown=backoff_seconds(self.request.retries)) from exc


@shared_task
def sweep_stale_reports() -> dict[str, int]:
    counts = services.reports_recover_stale()
    if any(counts.values()):
        logger.info("Report sweep: %s", counts)
    return counts
