"""A report snapshot of an engine input, as a June review of Acme's pilot for Northwind."""

from datetime import UTC, datetime

from assessments.rubric.loader import bundled_rubric
from assessments.scoring.engine import score
from reports.snapshot import Branding, build_snapshot

RUBRIC = bundled_rubric()


def june_snapshot(inp, **parts) -> dict:
    """The snapshot of `inp`, with any optional parts (`since`, `team`) passed through."""
    return build_snapshot(
        inp=inp,
        card=score(inp, RUBRIC),
        rubric=RUBRIC,
        branding=Branding("Acme", "Prepared by Acme", "#1f5f8b"),
        client_name="Northwind",
        assessment={"id": 8, "label": "June review", "assessed_on": "2026-06-01"},
        planned={},
        requested_by="Alice Owner",
        taken_at=datetime(2026, 6, 1, 9, 0, tzinfo=UTC),
        **parts,
    )
