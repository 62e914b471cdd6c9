"""Server-side SVG chart of the five gap scores, shared by the results page and the PDF.

Pure string building: no JavaScript, no fonts fetched, identical in a browser
and in WeasyPrint.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

BAND_COLOURS = {"strong": "#1e7b46", "moderate": "#8a6d00", "weak": "#b3541e"}
UNANSWERED_COLOUR = "#9aa5b1"


@dataclass(frozen=True)
class GapBar:
    label: str
    score: float | None  # 0..100, None while nothing in the gap is answered
    band: str  # strong | moderate | weak
    weakest: bool = False


def gap_chart_svg(
    bars: Sequence[GapBar],
    *,
    weak_below: float,
    strong_from: float,
    title: str = "Readiness by gap",
    width: int = 560,
) -> str:
    # The label column fits the longest gap titles ("Oversight and quality", about 160
    # units in bold DejaVu Sans at size 13) with room for a wider fallback font.
    label_width, value_width, row_height, top = 180, 44, 34, 30
    plot_width = width - label_width - value_width - 10
    height = top + row_height * len(bars) + 26

    def x(score: float) -> float:
        return label_width + plot_width * max(0.0, min(100.0, score)) / 100.0

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gap-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="gap-chart-title gap-chart-desc">',
        f'<title id="gap-chart-title">{escape(title)}</title>',
        '<desc id="gap-chart-desc">'
        + escape(
            "; ".join(
                f"{bar.label}: {'not answered' if bar.score is None else round(bar.score)}"
                f"{' (weakest)' if bar.weakest else ''}"
                for bar in bars
            )
        )
        + "</desc>",
        f'<rect x="{x(0)}" y="{top - 8}" width="{x(weak_below) - x(0):.1f}" '
        f'height="{row_height * len(bars) + 8}" fill="#fbeee6"/>',
        f'<rect x="{x(strong_from):.1f}" y="{top - 8}" width="{x(100) - x(strong_from):.1f}" '
        f'height="{row_height * len(bars) + 8}" fill="#e9f5ee"/>',
    ]
    for tick in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{top - 8}" '
            f'y2="{top + row_height * len(bars)}" stroke="#d9dee5" stroke-width="1"/>'
            f'<text x="{x(tick):.1f}" y="{height - 8}" font-size="11" text-anchor="middle" '
            f'fill="#5b6675">{tick}</text>'
        )
    for index, bar in enumerate(bars):
        y = top + index * row_height
        colour = UNANSWERED_COLOUR if bar.score is None else BAND_COLOURS.get(bar.band, "#1f5f8b")
        score = 0.0 if bar.score is None else bar.score
        weight = "700" if bar.weakest else "400"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" font-size="13" text-anchor="end" '
            f'font-weight="{weight}" fill="#1b2430">{escape(bar.label)}</text>'
            f'<rect x="{x(0)}" y="{y + 4}" width="{max(x(score) - x(0), 2):.1f}" height="18" '
            f'rx="3" fill="{colour}"/>'
            f'<text x="{width - value_width + 4}" y="{y + 17}" font-size="13" '
            f'font-weight="{weight}" fill="#1b2430">'
            f"{'&#8211;' if bar.score is None else round(bar.score)}</text>"
        )
        if bar.weakest:
            parts.append(
                f'<rect x="{x(0) - 2}" y="{y + 2}" width="{plot_width + 4}" height="22" '
                f'fill="none" stroke="#1b2430" stroke-dasharray="4 3" rx="4"/>'
            )
    parts.append("</svg>")
    return "".join(parts)
