"""`make bench`: run every bench/*_bench.py case, print a table, write var/bench.json.

Each case module exposes `run() -> list[dict]` with rows of
{"case", "metric", "value", "unit", "target", "ok"}. Ratios are measured
inside one case's run so both sides share the machine's state.
"""

import importlib
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cases(selected: list[str]) -> list[str]:
    names = sorted(p.stem for p in (ROOT / "bench").glob("*_bench.py"))
    return [n for n in names if not selected or any(s in n for s in selected)]


def _format_value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if value < 100 else f"{value:,.0f}"
    return str(value)


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness.settings")
    sys.path.insert(0, str(ROOT))
    from bench.services import configure_environment

    for service in configure_environment():
        print(f"{service} not available: its cases will say they were skipped", file=sys.stderr)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    rows: list[dict] = []
    for name in _cases(argv):
        started = time.perf_counter()
        module = importlib.import_module(f"bench.{name}")
        try:
            case_rows = module.run()
        except Exception as exc:  # a broken case must not hide the others' figures
            case_rows = [
                {"case": name, "metric": "error", "value": repr(exc), "unit": "", "ok": False}
            ]
        print(f"[{name}] {time.perf_counter() - started:.1f}s", file=sys.stderr)
        rows.extend(case_rows)

    widths = (26, 40, 14, 10, 16, 5)
    header = ("case", "metric", "value", "unit", "target", "ok")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        ok = row.get("ok")
        cells = (
            str(row["case"]),
            str(row["metric"]),
            _format_value(row["value"]),
            str(row.get("unit", "")),
            str(row.get("target") or ""),
            "" if ok is None else ("yes" if ok else "NO"),
        )
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))

    out = ROOT / "var" / "bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "generated_at": datetime.now(UTC).isoformat(),
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "rows": rows,
            },
            indent=2,
            default=str,
        )
    )
    missed = [r for r in rows if r.get("ok") is False]
    print(f"\n{len(missed)} target(s) missed; wrote {out.relative_to(ROOT)}")
    # Missed targets are findings to read, not a broken run; a case that crashed is.
    return 1 if any(r["metric"] == "error" for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
