import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_settings(
    env: dict[str, str], code: str = "from django.conf import settings; settings.DEBUG"
):
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ENV"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="readiness.settings")
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG must be one of"),
        ({"DJANGO_ENV": "staging"}, "DJANGO_ENV must be"),
        ({"DJANGO_ENV": "production", "ALLOWED_HOSTS": "x.test"}, "SECRET_KEY must be set"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL must start with"),
        ({"CELERY_TASK_TIME_LIMIT": "ten"}, "must be a whole number"),
        ({"CELERY_TASK_TIME_LIMIT": "60", "CELERY_TASK_SOFT_TIME_LIMIT": "90"}, "must be above"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        (
            {"TIME_ZONE": "Mars/Olympus"},
            "TIME_ZONE must be a time zone name from the IANA database",
        ),
        ({"TIME_ZONE": "../../etc/passwd"}, "TIME_ZONE must be a time zone name"),
    ],
)
def test_bad_settings_fail_loudly(env, message):
    result = _run_settings(env)

    assert result.returncode != 0
    assert message in result.stderr


def test_no_environment_means_sqlite_and_in_process_tasks(tmp_path):
    result = _run_settings(
        {"READINESS_VAR_DIR": str(tmp_path)},
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG)",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "True"]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "True 5"),
        ({"DATABASE_PREPARED_STATEMENTS": "false"}, "None None"),
    ],
)
def test_postgresql_prepares_repeated_statements_unless_switched_off(env, expected):
    result = _run_settings(
        {"DATABASE_URL": "postgres://app@db.internal:5432/readiness", **env},
        "from django.conf import settings as s; o = s.DATABASES['default']['OPTIONS']; "
        "print(o.get('server_side_binding'), o.get('prepare_threshold'))",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_a_bad_prepared_statements_switch_fails_loudly():
    result = _run_settings(
        {
            "DATABASE_URL": "postgres://app@db.internal:5432/readiness",
            "DATABASE_PREPARED_STATEMENTS": "sometimes",
        }
    )

    assert result.returncode != 0
    assert "DATABASE_PREPARED_STATEMENTS must be one of" in result.stderr


def test_production_settings_pass_the_deploy_check():
    env = {
        "DJANGO_ENV": "production",
        "SECRET_KEY": "x" * 20 + "a-long-random-looking-value-for-tests-only-9f8e7d",
        "ALLOWED_HOSTS": "readiness.example.com",
    }
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_celery_is_configured_for_safe_redelivery():
    from django.conf import settings

    from readiness.celery import app

    assert app.conf.task_serializer == "json"
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > app.conf.task_time_limit


def test_the_client_address_header_is_what_the_limits_count_by():
    result = _run_settings(
        {"CLIENT_IP_HEADER": "X-Real-IP"},
        "from django.conf import settings as s; print(s.RATELIMIT_IP_META_KEY)",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "HTTP_X_REAL_IP"


def test_a_bad_rate_limits_switch_fails_loudly():
    result = _run_settings({"RATE_LIMITS": "mostly"})

    assert result.returncode != 0
    assert "RATE_LIMITS must be one of" in result.stderr


def test_a_named_time_zone_and_a_lower_case_log_level_are_accepted():
    result = _run_settings(
        {"TIME_ZONE": "Europe/London", "LOG_LEVEL": "warning"},
        "from django.conf import settings as s; print(s.TIME_ZONE, s.LOGGING['root']['level'])",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Europe/London", "WARNING"]


def test_every_variable_the_settings_read_is_in_the_readme_configuration_table():
    settings_source = (ROOT / "readiness" / "settings.py").read_text()
    read = set(
        re.findall(r'(?:os\.environ\.get|envbool|envint|envlist)\(\s*"([A-Z_]+)"', settings_source)
    )
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]

    assert {"SECRET_KEY", "REPORT_LEASE_GRACE_SECONDS", "LOG_LEVEL"} <= read
    assert sorted(name for name in read if f"`{name}`" not in table) == []
