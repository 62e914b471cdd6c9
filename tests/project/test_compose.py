import re
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

    for name in ("web", "worker", "beat"):
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


def test_every_mounted_path_exists_in_the_image_and_belongs_to_the_app_user():
    dockerfile = (ROOT / "Dockerfile").read_text()
    before_user, _, _ = dockerfile.partition("\nUSER readiness")
    owned = re.findall(r"chown -R readiness (\S+)", before_user)
    app_services = [s for s in _compose()["services"].values() if s.get("build")]
    mounted = {v.split(":")[1] for s in app_services for v in s.get("volumes", [])}

    assert mounted
    for path in mounted:
        assert f"mkdir -p {path}" in before_user, path
        assert any(path == d or path.startswith(d + "/") for d in owned), path


def test_only_the_one_shot_migrate_service_migrates_and_the_others_wait_for_it():
    services = _compose()["services"]

    assert "migrate" in services["migrate"]["command"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("web", "worker", "beat"):
        assert "migrate" not in str(services[name]["command"]), name
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name


def test_the_env_file_holding_the_secret_key_stays_out_of_git_and_the_image():
    for ignore_file in (".gitignore", ".dockerignore"):
        lines = (ROOT / ignore_file).read_text().splitlines()
        assert ".env" in lines, ignore_file
