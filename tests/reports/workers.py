"""Real Celery workers for the worker tests, on Redis, against pytest's test database."""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
# Short limits so a killed render is noticed in seconds; the test process uses the
# same values through the settings fixture.
SOFT_TIME_LIMIT = 7
HARD_TIME_LIMIT = 8


def worker_database_url() -> str:
    """pytest-django renames the database (test_<name>): the worker must use that one."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool child), as an OOM killer would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class Workers:
    queue: str
    media_root: Path
    logs: Path
    started: list[Worker] = field(default_factory=list)

    def start(self) -> Worker:
        log = self.logs / f"worker-{len(self.started) + 1}.log"
        env = {
            **os.environ,
            "DATABASE_URL": worker_database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "MEDIA_ROOT": str(self.media_root),
            "CELERY_TASK_SOFT_TIME_LIMIT": str(SOFT_TIME_LIMIT),
            "CELERY_TASK_TIME_LIMIT": str(HARD_TIME_LIMIT),
            "DJANGO_SETTINGS_MODULE": "readiness.settings",
        }
        handle = log.open("wb")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "readiness",
                "worker",
                "-Q",
                self.queue,
                "-n",
                f"{self.queue}-{len(self.started) + 1}@%h",
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        worker = Worker(process=process, log=log)
        self.started.append(worker)
        wait_for(lambda: " ready." in worker.output() or process.poll() is not None, 60)
        assert process.poll() is None, worker.output()
        return worker

    def output(self) -> str:
        return "".join(worker.output() for worker in self.started)

    def stop_all(self) -> None:
        for worker in self.started:
            worker.stop()


def wait_for(condition: Callable[[], bool], timeout: float, interval: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise TimeoutError(f"gave up after {timeout}s")


def unique_queue() -> str:
    return f"reports-test-{uuid.uuid4().hex[:10]}"
