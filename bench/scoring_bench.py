"""Scoring speed: the engine reruns on every autosave, so it must stay fast.

Rows follow the harness format. Two throughput figures, both cold: the engine keeps
nothing between calls, so every scorecard is worked out from scratch.
- full assessments, rotating through a set of distinct varied pilots;
- an autosave sequence, each assessment differing from the last by one answer.
Plus the wall time of `manage.py assess` on the bundled example file.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from assessments.interchange import parse_assessment_json
from assessments.rubric.loader import bundled_rubric
from assessments.scoring.engine import score
from assessments.scoring.inputs import AnswerIn, AssessmentInput
from assessments.scoring.samples import EVIDENCE_LINK, ready_pilot, varied_pilots

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "go-lead-reply.json"
TARGET_PER_SECOND = 5000.0
CASE = "scoring"


def _rate(inputs: Sequence[AssessmentInput], run_one: Callable[[AssessmentInput], object]) -> float:
    rounds = max(1, 20_000 // len(inputs))
    best = 0.0
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(rounds):
            for inp in inputs:
                run_one(inp)
        best = max(best, rounds * len(inputs) / (time.perf_counter() - started))
    return best


def _autosave_sequence() -> list[AssessmentInput]:
    """Answer the questionnaire one question at a time, as a respondent would."""
    ready = ready_pilot()
    answers: dict[str, AnswerIn] = {}
    sequence = []
    for question_id, answer in ready.answers.items():
        for evidence in ("", "see the notes", EVIDENCE_LINK):
            answers[question_id] = replace(answer, evidence=evidence)
            sequence.append(replace(ready, answers=dict(answers)))
    return sequence


def _row(metric: str, value: float, unit: str, target: str | None, ok: bool | None) -> dict:
    return {
        "case": CASE,
        "metric": metric,
        "value": value,
        "unit": unit,
        "target": target,
        "ok": ok,
    }


def run() -> list[dict]:
    rubric = bundled_rubric()
    pilots = varied_pilots()
    score(pilots[0], rubric)  # builds the rubric's scoring plan, once per process
    rows = []

    full = _rate(pilots, lambda inp: score(inp, rubric))
    rows.append(
        _row(
            "scorecards per second, full assessment",
            full,
            "1/s",
            f">= {TARGET_PER_SECOND:g}",
            full >= TARGET_PER_SECOND,
        )
    )
    autosave = _rate(_autosave_sequence(), lambda inp: score(inp, rubric))
    rows.append(
        _row(
            "scorecards per second, autosave sequence",
            autosave,
            "1/s",
            f">= {TARGET_PER_SECOND:g}",
            autosave >= TARGET_PER_SECOND,
        )
    )
    if (ROOT / "manage.py").exists():
        started = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "assess", str(EXAMPLE)],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
        rows.append(
            _row(
                "manage.py assess wall time",
                elapsed,
                "s",
                "< 5",
                completed.returncode == 0 and elapsed < 5.0,
            )
        )
    else:
        started = time.perf_counter()
        parsed = parse_assessment_json(EXAMPLE.read_text(encoding="utf-8"), rubric)
        score(parsed.assessment, rubric)
        elapsed = time.perf_counter() - started
        rows.append(
            _row("parse and score (manage.py not present)", elapsed, "s", "< 5", elapsed < 5.0)
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
