"""A rough production-effort range from the prototype's effort and integration state.

Rule of thumb: taking a working prototype to production costs three to five
times what the prototype did. Where the pilot sits in that range depends mostly
on how far its integrations are from the live systems: a pilot already wired
into live systems sits near 3x, one still fed by CSV extracts near 5x.
"""

from collections.abc import Iterable
from typing import Any

LOW_MULTIPLIER = 3.0
HIGH_MULTIPLIER = 5.0
# How much of the road to the live system each integration status has covered.
STATUS_PROGRESS = {"live": 1.0, "sandbox": 0.6, "extract": 0.2, "none": 0.0}


def production_effort(
    prototype_days: float | None, integration_statuses: Iterable[str]
) -> dict[str, Any] | None:
    if prototype_days is None or prototype_days <= 0:
        return None
    statuses = list(integration_statuses)
    if statuses:
        progress = sum(STATUS_PROGRESS.get(s, 0.0) for s in statuses) / len(statuses)
    else:
        # No integration recorded: nothing is known to be done, assume the far end.
        progress = 0.0
    remaining = 1.0 - progress
    # The range is one multiple wide and slides from 3-4x (all live) to 4-5x (none).
    low_multiplier = round(LOW_MULTIPLIER + remaining, 1)
    high_multiplier = round(low_multiplier + 1.0, 1)
    not_live = sum(1 for s in statuses if s != "live")
    if not statuses:
        basis = "No integrations are recorded, so the estimate assumes the upper end."
    elif not_live == 0:
        basis = "Every integration is already live, so the estimate sits at the lower end."
    else:
        basis = (
            f"{not_live} of {len(statuses)} integration{'s' if len(statuses) != 1 else ''} "
            "not yet live, which pushes the estimate towards the upper end."
        )
    return {
        "prototype_days": float(prototype_days),
        "low_multiplier": low_multiplier,
        "high_multiplier": high_multiplier,
        "low_days": round(prototype_days * low_multiplier),
        "high_days": round(prototype_days * high_multiplier),
        "integrations_not_live": not_live,
        "basis": basis,
    }
