"""Report rendering: warm render time, memory, our overhead over bare WeasyPrint, queue throughput.

The demo report is `reports.samples.sample_snapshot()` (twelve pages). Ours and bare
WeasyPrint are timed alternately in the same process so both see the same machine.
"""

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

CASE = "reports"
ROUNDS = 9
QUEUED_REPORTS = 20
RENDER_TARGET_S = 0.4
RSS_TARGET_MIB = 250
OVERHEAD_TARGET_PCT = 10
ROOT = Path(__file__).resolve().parent.parent


def _row(metric: str, value, unit: str, target: str, ok: bool | None) -> dict:
    return {
        "case": CASE,
        "metric": metric,
        "value": value,
        "unit": unit,
        "target": target,
        "ok": ok,
    }


def _render_rows() -> list[dict]:
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    from reports.fetcher import ASSET_ORIGIN
    from reports.pdf import render_pdf, render_report_html
    from reports.samples import sample_snapshot
    from reports.snapshot_format import snapshot_digest

    snapshot = sample_snapshot()
    digest = snapshot_digest(snapshot)
    # Bare WeasyPrint gets the identical page and stylesheet, used the plain way.
    html = render_report_html(snapshot, reference="R-000001", snapshot_sha256=digest)
    css_path = finders.find("reports/report.css")

    def ours() -> tuple[float, int]:
        started = time.perf_counter()
        rendered = render_pdf(snapshot, reference="R-000001", snapshot_sha256=digest)
        return time.perf_counter() - started, rendered.page_count

    def bare() -> float:
        # A plain caller parses the stylesheet and builds a font configuration on every
        # render; ours keeps both between renders, which is why our overhead can be
        # negative.
        started = time.perf_counter()
        HTML(string=html, base_url=ASSET_ORIGIN).write_pdf(stylesheets=[CSS(filename=css_path)])
        return time.perf_counter() - started

    for _ in range(2):  # warm fonts, template and stylesheet caches
        ours()
        bare()
    our_times, bare_times, pages = [], [], 0
    for _ in range(ROUNDS):
        seconds, pages = ours()
        our_times.append(seconds)
        bare_times.append(bare())
    ours_median = statistics.median(our_times)
    bare_median = statistics.median(bare_times)
    # Paired rounds: each of ours is compared with the bare render right after it, so
    # a busy moment on the machine hits both sides of a pair.
    overhead = (
        statistics.median(o / b for o, b in zip(our_times, bare_times, strict=True)) - 1
    ) * 100
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        _row(
            f"demo report render, warm, median of {ROUNDS} ({pages} pages)",
            round(ours_median, 3),
            "s",
            f"<= {RENDER_TARGET_S}",
            ours_median <= RENDER_TARGET_S,
        ),
        _row("same HTML, bare WeasyPrint, median", round(bare_median, 3), "s", "-", None),
        _row(
            "our overhead over bare WeasyPrint (paired median)",
            round(overhead, 1),
            "%",
            f"<= {OVERHEAD_TARGET_PCT}",
            overhead <= OVERHEAD_TARGET_PCT,
        ),
        _row(
            "peak RSS of the rendering process",
            round(peak_mib, 1),
            "MiB",
            f"<= {RSS_TARGET_MIB}",
            peak_mib <= RSS_TARGET_MIB,
        ),
    ]


def _queue_rows() -> list[dict]:
    from django.conf import settings

    metric = f"{QUEUED_REPORTS} queued reports, one worker, total"
    target = None  # no product target; the figure is reported to watch its trend
    if not settings.REDIS_URL:
        return [_row(metric, "skipped: set REDIS_URL (and DATABASE_URL)", "", target, None)]
    from django.db import connection
    from django.db.utils import DatabaseError

    try:
        from reports.models import Report

        Report.objects.exists()
    except DatabaseError as exc:
        return [_row(metric, f"skipped: database not migrated ({exc})", "", target, None)]
    return [_queue_throughput(metric, target, connection)]


def _queue_throughput(metric: str, target: str, connection) -> dict:
    from accounts.models import Membership, User, Workspace
    from assessments import services as assessment_services
    from readiness.celery import app as celery_app
    from reports import services
    from reports.models import Report

    if connection.vendor != "postgresql":
        return _row(metric, "skipped: needs DATABASE_URL (PostgreSQL)", "", target, None)
    queue = f"reports-bench-{uuid.uuid4().hex[:8]}"
    previous_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    suffix = uuid.uuid4().hex[:8]
    user = User.objects.create_user(email=f"bench-{suffix}@readiness.invalid", password=None)
    workspace = Workspace.objects.create(name=f"Benchmark {suffix}")
    Membership.objects.create(workspace=workspace, user=user, role=Membership.Role.OWNER)
    client = assessment_services.client_create(workspace=workspace, name="Bench client")
    pilot = assessment_services.pilot_create(client=client, name="Bench pilot")
    assessment = assessment_services.assessment_start(pilot=pilot, user=user)
    # A report needs at least one answer.
    assessment_services.answer_save(
        assessment=assessment, question_id="own_authority", value=True, user=user
    )
    media = tempfile.mkdtemp(prefix="reports-bench-")
    env = {**os.environ, "MEDIA_ROOT": media}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "readiness", "worker", "-Q", queue,
         "--concurrency=1", "--loglevel=WARNING", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        started = time.perf_counter()
        ids = [
            services.report_request(assessment=assessment, requested_by=user, again=True).pk
            for _ in range(QUEUED_REPORTS)
        ]
        deadline = time.monotonic() + 600
        pending = Report.objects.filter(pk__in=ids, status__in=["queued", "rendering"])
        while pending.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        total = time.perf_counter() - started
        ready = Report.objects.filter(pk__in=ids, status="ready").count()
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        workspace.delete()
        user.delete()
        shutil.rmtree(media, ignore_errors=True)
        celery_app.conf.task_default_queue = previous_queue
        with celery_app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
    if ready != QUEUED_REPORTS:
        return _row(metric, f"only {ready} of {QUEUED_REPORTS} ready", "", target, False)
    # Includes the worker's start-up, as a freshly scaled worker would see it. The
    # product sets no target for this figure; it is reported to watch its trend.
    return _row(metric + " (incl. worker start)", round(total, 2), "s", None, None)


def run() -> list[dict]:
    return _render_rows() + _queue_rows()
