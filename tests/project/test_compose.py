from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_web_worker_postgres_and_redis_with_healthchecks():
    services = _compose()["services"]

    assert {"web", "worker", "postgres", "redis"} <= services.keys()
    for name in ("web", "worker", "postgres", "redis"):
        assert "healthcheck" in services[name], name


def test_app_services_wait_for_healthy_databases_and_share_media():
    services = _compose()["services"]

    for name in ("web", "worker"):
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert "media:/app/var/media" in services[name]["volumes"]
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://")
    assert "pgdata:/var/lib/postgresql/data" in services["postgres"]["volumes"]


def test_dockerfile_installs_weasyprint_system_libraries():
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert "libpango-1.0-0" in dockerfile
    assert "uv sync --frozen" in dockerfile
