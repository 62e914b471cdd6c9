"""Load, validate, serialise and fingerprint rubric data.

Validation collects every problem it finds and raises them together, so an editor of
the TOML file sees the whole list at once rather than one error per run.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

from assessments.rubric.model import (
    COVERAGE_KINDS,
    GAP_IDS,
    QUESTION_TYPES,
    SECTION_IDS,
    Band,
    Condition,
    CoverageItem,
    Criterion,
    DecisionRules,
    Gap,
    Gate,
    Option,
    Question,
    Rubric,
    Seed,
    Signal,
    Thresholds,
)
from assessments.scoring import inputs
from assessments.scoring.checks import (
    CHECK_BUILDERS,
    CheckFunction,
    CheckParameterError,
    StakesRule,
    build_check,
)

BUNDLED_DIR = Path(__file__).resolve().parent

# Record fields a question's `applies_if` may depend on.
CONDITION_RECORDS: Mapping[str, type] = {
    "pilot": inputs.PilotIn,
    "oversight": inputs.OversightIn,
    "change_plan": inputs.ChangePlanIn,
    "value_case": inputs.ValueCaseIn,
}


class RubricError(ValueError):
    """The rubric data is invalid; `errors` lists every problem found."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = tuple(errors)
        super().__init__("invalid rubric:\n" + "\n".join(f"- {error}" for error in errors))


class _Reader:
    """Typed access to untrusted nested data that records problems instead of stopping."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, message: str) -> None:
        self.errors.append(message)

    def table(self, data: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(data, Mapping):
            self.error(f"{where}: expected a table")
            return {}
        return data

    def only(self, data: Mapping[str, Any], where: str, allowed: set[str]) -> None:
        extra = sorted(set(data) - allowed)
        if extra:
            self.error(f"{where}: unknown keys {extra}")

    def text(self, data: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = data.get(key, None if required else "")
        if not isinstance(value, str) or (required and not value.strip()):
            self.error(f"{where}.{key}: expected non-empty text")
            return ""
        return value

    def flag(self, data: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.error(f"{where}.{key}: expected true or false")
            return default
        return value

    def number(
        self, data: Mapping[str, Any], key: str, where: str, *, required: bool = True
    ) -> float | None:
        value = data.get(key)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            self.error(f"{where}.{key}: expected a number")
            return None
        return float(value)

    def weight(self, data: Mapping[str, Any], key: str, where: str) -> float:
        value = self.number(data, key, where)
        if value is None:
            return 1.0
        if value <= 0 or math.isinf(value):
            self.error(f"{where}.{key}: weight must be positive, got {value}")
        return value

    def credit(self, data: Mapping[str, Any], key: str, where: str) -> float | None:
        value = self.number(data, key, where, required=False)
        if value is not None and not 0.0 <= value <= 1.0:
            self.error(f"{where}.{key}: credit must be between 0 and 1, got {value}")
        return value

    def strings(self, data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(f"{where}.{key}: expected a list of strings")
            return ()
        return tuple(value)

    def rows(self, data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = data.get(key)
        if not isinstance(value, list) or not value:
            self.error(f"{key}: expected a non-empty list of tables")
            return []
        return [self.table(row, f"{key}[{index}]") for index, row in enumerate(value)]


def _duplicates(ids: list[str]) -> list[str]:
    return sorted(item for item, count in Counter(ids).items() if count > 1)


def _read_seeds(r: _Reader, data: Mapping[str, Any]) -> tuple[Seed, ...]:
    seeds = []
    for index, row in enumerate(r.rows(data, "seeds")):
        where = f"seeds[{index}]"
        r.only(row, where, {"id", "file", "title"})
        seeds.append(
            Seed(r.text(row, "id", where), r.text(row, "file", where), r.text(row, "title", where))
        )
    return tuple(seeds)


def _read_thresholds(r: _Reader, data: Mapping[str, Any]) -> Thresholds:
    row = r.table(data.get("thresholds"), "thresholds")
    r.only(row, "thresholds", {f.name for f in fields(Thresholds)})
    strong = r.number(row, "strong_min", "thresholds") or 0.0
    weak = r.number(row, "weak_below", "thresholds") or 0.0
    if not 0 < weak <= strong <= 100:
        r.error("thresholds: need 0 < weak_below <= strong_min <= 100")
    if strong != int(strong) or weak != int(weak):
        r.error("thresholds: strong_min and weak_below must be whole scores")
    factors = [
        r.credit(row, key, "thresholds")
        for key in ("evidence_none", "evidence_text", "evidence_link")
    ]
    none_factor, text_factor, link_factor = (f if f is not None else 0.0 for f in factors)
    if not 0 < none_factor <= text_factor <= link_factor <= 1:
        r.error("thresholds: need 0 < evidence_none <= evidence_text <= evidence_link <= 1")
    not_sure = r.credit(row, "not_sure_credit", "thresholds")
    if not_sure is None:
        r.error("thresholds.not_sure_credit: expected a number")
    return Thresholds(
        int(strong), int(weak), none_factor, text_factor, link_factor, not_sure or 0.0
    )


def _read_decision(r: _Reader, data: Mapping[str, Any]) -> DecisionRules:
    row = r.table(data.get("decision"), "decision")
    r.only(row, "decision", {f.name for f in fields(DecisionRules)})
    horizon = r.number(row, "payback_horizon_months", "decision") or 0.0
    if horizon <= 0:
        r.error("decision.payback_horizon_months: must be positive")
    return DecisionRules(
        horizon,
        r.text(row, "unmeasurable_question", "decision"),
        r.strings(row, "unmeasurable_values", "decision"),
    )


def _read_stakes(r: _Reader, data: Mapping[str, Any]) -> StakesRule:
    row = r.table(data.get("stakes"), "stakes")
    r.only(row, "stakes", {"question", "low_values"})
    return StakesRule(r.text(row, "question", "stakes"), r.strings(row, "low_values", "stakes"))


def _read_gaps(r: _Reader, data: Mapping[str, Any]) -> tuple[Gap, ...]:
    table = r.table(data.get("gaps"), "gaps")
    gaps = []
    for gap_id, row in table.items():
        where = f"gaps.{gap_id}"
        if gap_id not in GAP_IDS:
            r.error(f"{where}: unknown gap; the five gaps are {list(GAP_IDS)}")
        row = r.table(row, where)
        r.only(row, where, {"title", "weight", "summary"})
        gaps.append(
            Gap(
                gap_id,
                r.text(row, "title", where),
                r.weight(row, "weight", where),
                r.text(row, "summary", where),
            )
        )
    missing = [gap_id for gap_id in GAP_IDS if gap_id not in table]
    if missing:
        r.error(f"gaps: missing {missing}")
    # Always the rubric's own order: a definition read back from PostgreSQL's jsonb comes
    # with its keys reordered, and every page and report lists the gaps in this order.
    order = {gap_id: index for index, gap_id in enumerate(GAP_IDS)}
    return tuple(sorted(gaps, key=lambda gap: order.get(gap.id, len(order))))


def _read_signal(r: _Reader, row: Any, where: str) -> Signal:
    row = r.table(row, where)
    r.only(row, where, {"question", "check", "weight"})
    kinds = [kind for kind in ("question", "check") if kind in row]
    if len(kinds) != 1:
        r.error(f"{where}: name exactly one of 'question' or 'check'")
        return Signal("check", "", 1.0)
    return Signal(kinds[0], r.text(row, kinds[0], where), r.weight(row, "weight", where))


def _read_criteria(r: _Reader, data: Mapping[str, Any]) -> tuple[Criterion, ...]:
    allowed = {
        "id",
        "gap",
        "title",
        "weight",
        "seeds",
        "signals",
        "gate",
        "recommendation",
        "effort",
    }
    criteria = []
    for index, row in enumerate(r.rows(data, "criteria")):
        where = f"criteria[{index}]"
        r.only(row, where, allowed)
        raw_signals = row.get("signals")
        if not isinstance(raw_signals, list) or not raw_signals:
            r.error(f"{where}.signals: a criterion needs at least one signal")
            raw_signals = []
        signals = tuple(
            _read_signal(r, s, f"{where}.signals[{i}]") for i, s in enumerate(raw_signals)
        )
        gate = None
        if "gate" in row:
            gate_row = r.table(row["gate"], f"{where}.gate")
            r.only(gate_row, f"{where}.gate", {"check", "failure"})
            gate = Gate(
                r.text(gate_row, "check", f"{where}.gate"),
                r.text(gate_row, "failure", f"{where}.gate"),
            )
        seeds = r.strings(row, "seeds", where)
        if not seeds:
            r.error(f"{where}.seeds: every criterion must cite at least one seed")
        criteria.append(
            Criterion(
                id=r.text(row, "id", where),
                gap=r.text(row, "gap", where),
                title=r.text(row, "title", where),
                weight=r.weight(row, "weight", where),
                seeds=seeds,
                signals=signals,
                gate=gate,
                recommendation=r.text(row, "recommendation", where),
                effort=r.text(row, "effort", where, required=False),
            )
        )
    return tuple(criteria)


def _read_condition(r: _Reader, row: Any, where: str) -> Condition:
    row = r.table(row, where)
    r.only(row, where, {"question", "record", "in", "given"})
    sources = [key for key in ("question", "record") if key in row]
    tests = [key for key in ("in", "given") if key in row]
    if len(sources) != 1 or len(tests) != 1:
        r.error(f"{where}: name one of 'question' or 'record' and one of 'in' or 'given'")
        return Condition(None, None, None, True)
    given = None
    if "given" in row:
        given = row["given"]
        if given is not True:
            r.error(f"{where}.given: only 'given = true' is supported")
            given = True
    return Condition(
        question=row.get("question") if "question" in row else None,
        record=row.get("record") if "record" in row else None,
        values=r.strings(row, "in", where) if "in" in row else None,
        given=given,
    )


def _read_question(r: _Reader, row: Mapping[str, Any], where: str) -> Question:
    allowed = {
        "id", "section", "prompt", "help", "type", "not_sure", "evidence",
        "options", "bands", "unit", "min", "max", "applies_if",
    }  # fmt: skip
    r.only(row, where, allowed)
    question_type = r.text(row, "type", where)
    if question_type and question_type not in QUESTION_TYPES:
        r.error(f"{where}.type: unknown type {question_type!r}; known: {list(QUESTION_TYPES)}")
    section = r.text(row, "section", where)
    if section and section not in SECTION_IDS:
        r.error(f"{where}.section: unknown section {section!r}; known: {list(SECTION_IDS)}")
    options: list[Option] = []
    for i, option_row in enumerate(row.get("options", [])):
        option_where = f"{where}.options[{i}]"
        option_row = r.table(option_row, option_where)
        r.only(option_row, option_where, {"value", "label", "credit"})
        options.append(
            Option(
                r.text(option_row, "value", option_where),
                r.text(option_row, "label", option_where),
                r.credit(option_row, "credit", option_where),
            )
        )
    bands: list[Band] = []
    for i, band_row in enumerate(row.get("bands", [])):
        band_where = f"{where}.bands[{i}]"
        band_row = r.table(band_row, band_where)
        r.only(band_row, band_where, {"at_least", "credit"})
        at_least = r.number(band_row, "at_least", band_where) or 0.0
        credit = r.credit(band_row, "credit", band_where)
        if credit is None:
            r.error(f"{band_where}.credit: expected a number")
        bands.append(Band(at_least, credit or 0.0))
    if question_type == "choice" and len(options) < 2:
        r.error(f"{where}.options: a choice question needs at least two options")
    if question_type != "choice" and options:
        r.error(f"{where}.options: only choice questions have options")
    if question_type != "number" and bands:
        r.error(f"{where}.bands: only number questions have credit bands")
    return Question(
        id=r.text(row, "id", where),
        section=section,
        prompt=r.text(row, "prompt", where),
        help=r.text(row, "help", where),
        type=question_type,
        not_sure=r.flag(row, "not_sure", where, False),
        evidence=r.flag(row, "evidence", where, False),
        options=tuple(options),
        bands=tuple(bands),
        unit=r.text(row, "unit", where, required=False),
        min=r.number(row, "min", where, required=False),
        max=r.number(row, "max", where, required=False),
        applies_if=_read_condition(r, row["applies_if"], f"{where}.applies_if")
        if "applies_if" in row
        else None,
    )


def _read_coverage(r: _Reader, data: Mapping[str, Any]) -> tuple[CoverageItem, ...]:
    items = []
    for index, row in enumerate(r.rows(data, "coverage")):
        where = f"coverage[{index}]"
        r.only(row, where, {"seed", "kind", "item", "criteria"})
        kind = r.text(row, "kind", where)
        if kind and kind not in COVERAGE_KINDS:
            r.error(f"{where}.kind: expected one of {list(COVERAGE_KINDS)}")
        criteria = r.strings(row, "criteria", where)
        if not criteria:
            r.error(f"{where}.criteria: each seed item must map to at least one criterion")
        items.append(
            CoverageItem(r.text(row, "seed", where), kind, r.text(row, "item", where), criteria)
        )
    return tuple(items)


def _check_question(r: _Reader, question: Question, scored: bool, thresholds: Thresholds) -> None:
    where = f"question {question.id}"
    if question.type == "choice":
        credits = [option.credit for option in question.options]
        if scored and any(credit is None for credit in credits):
            r.error(f"{where}: feeds a criterion, so every option needs a credit")
        present = [credit for credit in credits if credit is not None]
        if any(later < earlier for earlier, later in itertools.pairwise(present)):
            r.error(f"{where}: option credits must not decrease from worst (first) to best (last)")
        duplicate_values = _duplicates([option.value for option in question.options])
        if duplicate_values:
            r.error(f"{where}: duplicate option values {duplicate_values}")
    if question.type == "number":
        limits = [band.at_least for band in question.bands]
        credits = [band.credit for band in question.bands]
        if scored and not question.bands:
            r.error(f"{where}: feeds a criterion, so it needs credit bands")
        if limits != sorted(set(limits)):
            r.error(f"{where}: bands need strictly increasing 'at_least'")
        if any(later < earlier for earlier, later in itertools.pairwise(credits)):
            r.error(f"{where}: band credits must not decrease as the number grows")
        if question.min is not None and question.max is not None and question.min > question.max:
            r.error(f"{where}: min is greater than max")
    if scored and question.type == "text":
        r.error(f"{where}: text questions cannot feed a criterion")
    if scored and not question.not_sure:
        r.error(f"{where}: every judgement question must offer 'not sure'")
    if scored:
        positive = _smallest_positive_credit(question)
        if (
            positive is not None
            and thresholds.not_sure_credit > positive * thresholds.evidence_none
        ):
            r.error(f"{where}: 'not sure' would score above its weakest positive answer")


def _smallest_positive_credit(question: Question) -> float | None:
    if question.type == "yes_no":
        return 1.0
    credits = [o.credit for o in question.options] + [b.credit for b in question.bands]
    positive = [credit for credit in credits if credit is not None and credit > 0]
    return min(positive) if positive else None


def _check_condition(r: _Reader, question: Question, by_id: Mapping[str, Question]) -> None:
    condition = question.applies_if
    if condition is None:
        return
    where = f"question {question.id}.applies_if"
    if condition.question is not None:
        source = by_id.get(condition.question)
        if source is None:
            r.error(f"{where}: refers to undefined question {condition.question!r}")
        elif source.id == question.id:
            r.error(f"{where}: a question cannot depend on itself")
        elif condition.values is not None and source.type == "choice":
            unknown = [v for v in condition.values if source.option(v) is None]
            if unknown:
                r.error(f"{where}: {unknown} are not options of {source.id}")
        elif source.applies_if is not None:
            r.error(f"{where}: may not depend on a question that is itself conditional")
    if condition.record is not None:
        record, _, field_name = condition.record.partition(".")
        record_type = CONDITION_RECORDS.get(record)
        if record_type is None or field_name not in {f.name for f in fields(record_type)}:
            r.error(f"{where}: unknown record field {condition.record!r}")


def rubric_from_dict(data: Mapping[str, Any]) -> Rubric:
    """Validate rubric data (as read from TOML) and build a Rubric, or raise RubricError."""
    r = _Reader()
    data = r.table(data, "rubric")
    r.only(
        data,
        "rubric",
        {
            "version",
            "title",
            "seeds",
            "thresholds",
            "decision",
            "stakes",
            "gaps",
            "checks",
            "criteria",
            "questions",
            "coverage",
        },
    )
    version = r.text(data, "version", "rubric")
    title = r.text(data, "title", "rubric")
    seeds = _read_seeds(r, data)
    thresholds = _read_thresholds(r, data)
    decision = _read_decision(r, data)
    stakes = _read_stakes(r, data)
    gaps = _read_gaps(r, data)
    check_params = {
        name: r.table(params, f"checks.{name}")
        for name, params in r.table(data.get("checks", {}), "checks").items()
    }
    criteria = _read_criteria(r, data)
    questions = tuple(
        _read_question(r, row, f"questions[{i}]") for i, row in enumerate(r.rows(data, "questions"))
    )
    coverage = _read_coverage(r, data)

    for label, ids in (
        ("seed", [s.id for s in seeds]),
        ("criterion", [c.id for c in criteria]),
        ("question", [q.id for q in questions]),
    ):
        for duplicate in _duplicates(ids):
            r.error(f"duplicate {label} id {duplicate!r}")

    seed_ids = {s.id for s in seeds}
    gap_ids = {g.id for g in gaps}
    questions_by_id = {q.id: q for q in questions}
    criterion_ids = {c.id for c in criteria}
    used_checks: set[str] = set()
    scored: set[str] = set()
    for criterion in criteria:
        where = f"criterion {criterion.id}"
        if criterion.gap not in gap_ids:
            r.error(f"{where}: unknown gap {criterion.gap!r}")
        for seed in criterion.seeds:
            if seed not in seed_ids:
                r.error(f"{where}: cites undefined seed {seed!r}")
        for duplicate in _duplicates([f"{s.kind}:{s.ref}" for s in criterion.signals]):
            r.error(f"{where}: signal {duplicate} listed twice")
        for signal in criterion.signals:
            if signal.kind == "question":
                scored.add(signal.ref)
                if signal.ref not in questions_by_id:
                    r.error(f"{where}: refers to undefined question {signal.ref!r}")
            else:
                used_checks.add(signal.ref)
        if criterion.signals and all(
            s.kind == "question"
            and s.ref in questions_by_id
            and questions_by_id[s.ref].applies_if is not None
            for s in criterion.signals
        ):
            r.error(f"{where}: needs at least one signal that always applies")
        if criterion.gate is not None:
            used_checks.add(criterion.gate.check)
    for gap in gaps:
        if not any(c.gap == gap.id for c in criteria):
            r.error(f"gap {gap.id}: has no criteria")

    for question in questions:
        _check_question(r, question, question.id in scored, thresholds)
        _check_condition(r, question, questions_by_id)

    if decision.unmeasurable_question not in questions_by_id:
        r.error(
            f"decision.unmeasurable_question: undefined question {decision.unmeasurable_question!r}"
        )
    else:
        source = questions_by_id[decision.unmeasurable_question]
        unknown = [v for v in decision.unmeasurable_values if source.option(v) is None]
        if unknown:
            r.error(f"decision.unmeasurable_values: {unknown} are not options of {source.id}")
    stakes_question = questions_by_id.get(stakes.question)
    if stakes_question is None:
        r.error(f"stakes.question: undefined question {stakes.question!r}")
    else:
        unknown = [v for v in stakes.low_values if stakes_question.option(v) is None]
        if unknown:
            r.error(f"stakes.low_values: {unknown} are not options of {stakes.question}")

    check_functions: dict[str, CheckFunction] = {}
    for name in sorted(used_checks | set(check_params)):
        if name not in CHECK_BUILDERS:
            r.error(f"checks.{name}: no such check; known: {sorted(CHECK_BUILDERS)}")
            continue
        try:
            check_functions[name] = build_check(name, check_params.get(name, {}), stakes)
        except CheckParameterError as error:
            r.error(str(error))

    for item in coverage:
        if item.seed not in seed_ids:
            r.error(f"coverage {item.item!r}: undefined seed {item.seed!r}")
        for criterion_id in item.criteria:
            if criterion_id not in criterion_ids:
                r.error(f"coverage {item.item!r}: undefined criterion {criterion_id!r}")
    uncovered = sorted(seed_ids - {item.seed for item in coverage})
    if uncovered:
        r.error(f"coverage: seeds {uncovered} have no listed failure reasons or fixes")
    uncited = sorted(seed_ids - {seed for c in criteria for seed in c.seeds})
    if uncited:
        r.error(f"seeds {uncited} are not cited by any criterion")

    if r.errors:
        raise RubricError(r.errors)
    return Rubric(
        version=version,
        title=title,
        seeds=seeds,
        thresholds=thresholds,
        decision=decision,
        stakes=stakes,
        gaps=gaps,
        checks=check_params,
        criteria=criteria,
        questions=questions,
        coverage=coverage,
        check_functions=check_functions,
    )


def load_rubric_file(path: str | Path) -> Rubric:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise RubricError([f"{Path(path).name}: not valid TOML: {error}"]) from error
    return rubric_from_dict(data)


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value
        for key, value in data.items()
        if value is not None and value != "" and value != ()
    }


def rubric_to_dict(rubric: Rubric) -> dict[str, Any]:
    """The rubric in the same shape as its TOML file; `rubric_from_dict` reads it back."""

    def question_dict(q: Question) -> dict[str, Any]:
        row: dict[str, Any] = {
            "id": q.id, "section": q.section, "prompt": q.prompt, "help": q.help, "type": q.type,
            "not_sure": q.not_sure, "evidence": q.evidence,
        }  # fmt: skip
        if q.options:
            row["options"] = [
                _drop_empty({"value": o.value, "label": o.label, "credit": o.credit})
                for o in q.options
            ]
        if q.bands:
            row["bands"] = [{"at_least": b.at_least, "credit": b.credit} for b in q.bands]
        row.update(_drop_empty({"unit": q.unit, "min": q.min, "max": q.max}))
        if q.applies_if is not None:
            c = q.applies_if
            condition = _drop_empty({"question": c.question, "record": c.record, "given": c.given})
            if c.values is not None:
                condition["in"] = list(c.values)
            row["applies_if"] = condition
        return row

    def criterion_dict(c: Criterion) -> dict[str, Any]:
        row: dict[str, Any] = {
            "id": c.id, "gap": c.gap, "title": c.title, "weight": c.weight, "seeds": list(c.seeds),
            "signals": [{s.kind: s.ref, "weight": s.weight} for s in c.signals],
        }  # fmt: skip
        if c.gate is not None:
            row["gate"] = {"check": c.gate.check, "failure": c.gate.failure}
        row["recommendation"] = c.recommendation
        if c.effort:
            row["effort"] = c.effort
        return row

    def plain(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [plain(item) for item in value]
        return value

    t, d = rubric.thresholds, rubric.decision
    return {
        "version": rubric.version,
        "title": rubric.title,
        "seeds": [{"id": s.id, "file": s.file, "title": s.title} for s in rubric.seeds],
        "thresholds": {f.name: getattr(t, f.name) for f in fields(t)},
        "decision": {
            "payback_horizon_months": d.payback_horizon_months,
            "unmeasurable_question": d.unmeasurable_question,
            "unmeasurable_values": list(d.unmeasurable_values),
        },
        "stakes": {
            "question": rubric.stakes.question,
            "low_values": list(rubric.stakes.low_values),
        },
        "gaps": {
            g.id: {"title": g.title, "weight": g.weight, "summary": g.summary} for g in rubric.gaps
        },
        "checks": plain(rubric.checks),
        "criteria": [criterion_dict(c) for c in rubric.criteria],
        "questions": [question_dict(q) for q in rubric.questions],
        "coverage": [
            {"seed": i.seed, "kind": i.kind, "item": i.item, "criteria": list(i.criteria)}
            for i in rubric.coverage
        ],
    }


def rubric_hash(rubric: Rubric) -> str:
    """A fingerprint of the rubric's content, stable across key order and formatting."""
    canonical = json.dumps(
        rubric_to_dict(rubric), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def bundled_rubric_files() -> tuple[Path, ...]:
    return tuple(sorted(BUNDLED_DIR.glob("v*.toml")))


@cache
def bundled_rubrics() -> Mapping[str, Rubric]:
    """Every rubric shipped with the code, by version string."""
    rubrics = [load_rubric_file(path) for path in bundled_rubric_files()]
    return {rubric.version: rubric for rubric in rubrics}


def bundled_rubric(version: str | None = None) -> Rubric:
    """The shipped rubric with this version, or the newest one when version is None."""
    rubrics = bundled_rubrics()
    if version is None:
        return rubrics[max(rubrics, key=_version_key)]
    try:
        return rubrics[version]
    except KeyError:
        raise LookupError(
            f"no bundled rubric has version {version!r}; available: {sorted(rubrics)}"
        ) from None


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))
