"""HTTP latency and throughput under gunicorn on loopback, driven by wrk.

Serves the demo data from PostgreSQL with gunicorn (3 workers, DEBUG off, sessions
cached in Redis when the benchmark has Redis, as in production) and
measures each page at 1 and 20 concurrent clients beside a trivial view in the
same run, so the ratios compare like with like. Two reference views
(bench/reference_views.py) show the stack's own floor in the same run: a signed-in
page that does nothing, and a signed-in save that only locks, updates and commits.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DURATION_S = int(os.environ.get("BENCH_HTTP_SECONDS", "8"))

LUA = r"""
wrk.method = "{method}"
wrk.headers["Cookie"] = "{cookie}"
wrk.headers["X-CSRFToken"] = "{csrf}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
{extra_headers}
paths = {{ {paths} }}
bodies = {{ {bodies} }}
counter = 0
-- Round-robin over the target's paths, one assessment per simulated founder; a save
-- alternates between its bodies, so every save changes the answer it writes.
request = function()
  counter = counter + 1
  local body = nil
  if #bodies > 0 then body = bodies[(math.floor(counter / #paths) % #bodies) + 1] end
  return wrk.format(nil, paths[(counter % #paths) + 1], nil, body)
end
local bad = 0
response = function(status, headers, body)
  if status >= 400 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format(
    "RESULT {{\"p50_us\": %d, \"p95_us\": %d, \"requests\": %d, \"seconds\": %f, \"errors\": %d}}\n",
    latency:percentile(50), latency:percentile(95), summary.requests,
    summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout))
end
"""


@dataclass(frozen=True)
class Target:
    label: str
    paths: tuple[str, ...]
    method: str = "GET"
    bodies: tuple[str, ...] = ()
    htmx: bool = False
    # A reference view: its ratio is reported, with no target of its own.
    reference: bool = False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _login(base: str, email: str, password: str) -> tuple[str, str]:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/login/").read()
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode(
        {"username": email, "password": password, "csrfmiddlewaretoken": csrf}
    ).encode()
    request = urllib.request.Request(f"{base}/login/", data=data, headers={"Referer": base})
    opener.open(request).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise RuntimeError("could not log in as the demo user")
    return f"csrftoken={cookies['csrftoken']}; sessionid={cookies['sessionid']}", cookies[
        "csrftoken"
    ]


def _wrk(
    base: str, target: Target, cookie: str, csrf: str, connections: int, seconds: int = DURATION_S
) -> dict:
    extra = 'wrk.headers["HX-Request"] = "true"' if target.htmx else ""
    script = LUA.format(
        method=target.method,
        cookie=cookie,
        csrf=csrf,
        extra_headers=extra,
        paths=", ".join(json.dumps(path) for path in target.paths),
        bodies=", ".join(json.dumps(body) for body in target.bodies),
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        threads = 1 if connections == 1 else 2
        out = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "-s",
                handle.name,
                f"{base}{target.paths[0]}",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 30,
            check=True,
        ).stdout
    finally:
        os.unlink(handle.name)
    match = re.search(r"RESULT (\{.*\})", out)
    if not match:
        raise RuntimeError(f"wrk printed no result for {target.label}: {out[-500:]}")
    result = json.loads(match.group(1))
    result["rps"] = result["requests"] / result["seconds"]
    return result


def _targets(env: dict[str, str]) -> list[Target]:
    """The pages to measure, found in the demo data of the server's own database."""
    out = subprocess.run(
        [PYTHON, "-m", "bench.http_targets"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        Target("trivial view", ("/livez/",)),
        *(
            Target(**{**t, "paths": tuple(t["paths"]), "bodies": tuple(t.get("bodies", ()))})
            for t in json.loads(out)
        ),
    ]


def run() -> list[dict]:
    if shutil.which("wrk") is None:
        return [_skip("wrk is not installed (apt-get install wrk)")]
    db_url = os.environ.get("DATABASE_URL", "")
    if not db_url.startswith("postgres"):
        return [_skip("needs PostgreSQL (BENCH_DATABASE_URL)")]

    env = {
        **os.environ,
        # The app's settings plus the reference views' routes.
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": db_url,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
    }
    # Configured as in production: with Redis the sessions are read from its cache.
    subprocess.run(
        [PYTHON, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "readiness.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "3",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    rows: list[dict] = []
    try:
        _wait_for(base)
        from assessments.demo import DEMO_EMAIL, DEMO_PASSWORD

        cookie, csrf = _login(base, DEMO_EMAIL, DEMO_PASSWORD)
        targets = _targets(env)
        # Warm every worker on every page first (imports, templates, the parsed rubric,
        # prepared queries), so the figures measure steady state rather than start-up.
        for target in targets:
            _wrk(base, target, cookie, csrf, 6, seconds=2)
        results = {(t.label, c): _wrk(base, t, cookie, csrf, c) for c in (1, 20) for t in targets}
    finally:
        server.terminate()
        server.wait(timeout=20)

    trivial_rps = results[("trivial view", 20)]["rps"]
    for target in targets:
        one, twenty = results[(target.label, 1)], results[(target.label, 20)]
        is_save = target.method == "POST"
        p50_target = 10 if is_save else 25
        ratio_target = 25 if is_save else 15
        ratio = 100 * twenty["rps"] / trivial_rps
        name = f"http {target.label}"
        rows += [
            _row(name, "p50 latency, 1 client", one["p50_us"] / 1000, "ms", None, None),
            _row(name, "p95 latency, 1 client", one["p95_us"] / 1000, "ms", None, None),
            _row(name, "throughput, 20 clients", twenty["rps"], "req/s", None, None),
            _row(name, "p50 latency, 20 clients", twenty["p50_us"] / 1000, "ms", None, None),
            _row(name, "p95 latency, 20 clients", twenty["p95_us"] / 1000, "ms", None, None),
            _row(name, "errors (all runs)", one["errors"] + twenty["errors"], "", "0", None),
        ]
        if target.reference:
            rows.append(_row(name, "throughput vs trivial, 20 clients", ratio, "%", None, None))
        elif target.label != "trivial view":
            rows.append(
                _row(
                    name,
                    "p50 target, 1 client",
                    one["p50_us"] / 1000,
                    "ms",
                    f"<= {p50_target}",
                    one["p50_us"] / 1000 <= p50_target,
                )
            )
            rows.append(
                _row(
                    name,
                    "throughput vs trivial, 20 clients",
                    ratio,
                    "%",
                    f">= {ratio_target}",
                    ratio >= ratio_target,
                )
            )
    return rows


def _wait_for(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/livez/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start within 30 s")


def _row(case, metric, value, unit, target, ok) -> dict:
    return {
        "case": case,
        "metric": metric,
        "value": value,
        "unit": unit,
        "target": target,
        "ok": ok,
    }


def _skip(reason: str) -> dict:
    return _row("http", "skipped", reason, "", None, None)
