"""Where the benchmark's own database and queue live.

`make bench` uses a database of its own (never the development one) so its
demo data and migrations cannot disturb anything else. Without PostgreSQL or
Redis the cases that need them report a skip and the others still run.
"""

import os
import urllib.parse

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/readiness_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/2"


def ensure_database(url: str) -> None:
    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def configure_environment() -> list[str]:
    """Point DATABASE_URL/REDIS_URL at the benchmark's services; return what is missing."""
    missing = []
    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    try:
        ensure_database(db_url)
        os.environ["DATABASE_URL"] = db_url
    except Exception as exc:
        os.environ.pop("DATABASE_URL", None)
        missing.append(f"PostgreSQL ({exc.__class__.__name__})")
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
        os.environ["REDIS_URL"] = redis_url
    except Exception as exc:
        os.environ.pop("REDIS_URL", None)
        missing.append(f"Redis ({exc.__class__.__name__})")
    return missing
