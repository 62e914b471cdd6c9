"""Read and write one assessment as JSON (format "readiness.assessment", version 1).

Parsing checks the structure with the JSON Schema beside this file and then checks the
answers against the rubric the file names. Every problem is collected, so one
InterchangeError tells the author everything to fix in a single pass.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from assessments.names import cannot_tell_apart, same_email
from assessments.rubric.model import Question, Rubric
from assessments.scoring.inputs import (
    CHANGE_PLAN_UNSET,
    REVIEW_MODE_UNSET,
    AnswerIn,
    AssessmentInput,
    ChangePlanIn,
    IntegrationIn,
    MetricIn,
    OversightIn,
    OwnerIn,
    PilotIn,
    ValueCaseIn,
)

FORMAT = "readiness.assessment"
FORMAT_VERSION = 1
SCHEMA_PATH = Path(__file__).resolve().parent / "assessment.schema.json"

# Fields the dataclasses type as float; JSON integers are widened so 720 and 720.0 agree.
_FLOAT_FIELDS = {
    "prototype_effort_days", "hours_per_week", "baseline", "target", "go_threshold",
    "effort_days", "confidence_threshold", "sample_percent", "items_per_month",
    "minutes_saved_per_item", "hourly_cost", "build_cost", "monthly_run_cost",
}  # fmt: skip
# The change plan's choices that may be unset: null in a file, or left out by older ones.
_CHANGE_PLAN_CHOICES = ("involvement", "rollout_commitment")


@dataclass(frozen=True, slots=True)
class FieldError:
    path: str  # e.g. "owners[0].email"; "$" is the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InterchangeError(ValueError):
    """The file is not a valid assessment; `errors` names every offending field."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors = tuple(errors)
        super().__init__(
            "invalid assessment file:\n" + "\n".join(f"  {error}" for error in self.errors)
        )


@dataclass(frozen=True, slots=True)
class ParsedAssessment:
    format_version: int
    rubric_version: str
    client: str
    assessment: AssessmentInput
    # Who gave each answer, by question id, where the file says.
    respondents: Mapping[str, str] = field(default_factory=dict)
    # The client's currency (ISO 4217), or "" when the file does not say.
    currency: str = ""
    # The people who answered on their own, with their own (never scored) answers.
    people: tuple[PersonIn, ...] = ()
    # Who does each step of the action plan, by when, and whether it is done.
    actions: tuple[ActionIn, ...] = ()


@dataclass(frozen=True, slots=True)
class PersonIn:
    """Someone who answered on their own: compared with the agreed answers, never scored."""

    name: str
    email: str = ""
    role: str = ""
    finished: bool = False
    answers: Mapping[str, AnswerIn] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ActionIn:
    """One step of the action plan as the results page keeps it; never scored.

    `criterion_id` is the action's identity: a criterion's id for a fix, or a stop
    step's id for what a Stop calls for.
    """

    criterion_id: str
    owner_name: str = ""
    due_date: date | None = None
    status: str = "open"


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def json_path(parts: Iterable[str | int]) -> str:
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    return path or "$"


def _schema_errors(document: Any) -> list[FieldError]:
    errors: dict[FieldError, None] = {}  # the schema repeats some findings; keep each once
    for error in _validator().iter_errors(document):
        errors.update(dict.fromkeys(_describe_schema_error(error)))
    return list(errors)


def _describe_schema_error(error: ValidationError) -> list[FieldError]:
    parts = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value if name not in error.instance]
        return [FieldError(json_path([*parts, name]), "is required") for name in missing]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        return [
            FieldError(json_path([*parts, name]), "is not a field of this format")
            for name in error.instance
            if name not in allowed
        ]
    if error.validator == "enum":
        choices = ", ".join(json.dumps(choice) for choice in error.validator_value)
        return [FieldError(json_path(parts), f"must be one of {choices}")]
    if error.validator == "const":
        return [FieldError(json_path(parts), f"must be {json.dumps(error.validator_value)}")]
    if error.validator == "type":
        expected = error.validator_value
        names = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_kind(name, parts) for name in names)
        return [
            FieldError(
                json_path(parts), f"should be {wanted}, but the file has {_found(error.instance)}"
            )
        ]
    if error.validator == "minimum":
        return [FieldError(json_path(parts), f"must be at least {error.validator_value}")]
    if error.validator == "maximum":
        return [FieldError(json_path(parts), f"must be at most {error.validator_value}")]
    if error.validator == "pattern" and parts and parts[-1] in ("deadline", "due_date"):
        return [FieldError(json_path(parts), "must be a date written YYYY-MM-DD")]
    if error.validator == "pattern" and parts and parts[-1] == "name":
        return [FieldError(json_path(parts), "must not be blank")]
    if error.validator == "pattern" and parts and parts[-1] in ("respondent", "email"):
        return [FieldError(json_path(parts), "must be an email address")]
    if error.validator == "minLength":
        return [FieldError(json_path(parts), "must not be empty")]
    if error.validator == "maxLength":
        return [FieldError(json_path(parts), f"must be at most {error.validator_value} characters")]
    if error.validator == "maxItems":
        return [FieldError(json_path(parts), f"must hold at most {error.validator_value} entries")]
    return [FieldError(json_path(parts), error.message)]


# What each list of the format holds, so "answers" reads "a list of answers".
_LIST_ITEMS = {
    "answers": "answers",
    "owners": "owners",
    "metrics": "success metrics",
    "integrations": "integrations",
    "people": "people",
    "teams": "teams",
    "actions": "actions",
}
_KINDS = {
    "object": "an object of named fields",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "null",
}


def _kind(name: str, parts: Sequence[str | int]) -> str:
    """A JSON Schema type in plain words."""
    if name == "array":
        items = _LIST_ITEMS.get(str(parts[-1])) if parts else None
        return f"a list of {items}" if items else "a list"
    return _KINDS.get(name, name)


def _found(value: Any) -> str:
    """What the file has where something else belongs, briefly."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float):
        return f"the number {value:g}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else f"{value[:40]}…"
        return f"the text {json.dumps(shown, ensure_ascii=False)}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'' if len(value) == 1 else 's'}"
    return "an object of named fields"


def _format_errors(document: Any) -> list[FieldError]:
    """Whether this is an assessment file at all, checked before anything else."""
    if not isinstance(document, dict):
        return [FieldError("$", "is not a JSON object of named fields")]
    if "format" not in document:
        return [FieldError("format", f'is missing; it should be "{FORMAT}"')]
    if document["format"] != FORMAT:
        found = document["format"]
        shown = json.dumps(found) if isinstance(found, str) and len(found) <= 40 else _found(found)
        return [FieldError("format", f'is {shown}, not "{FORMAT}"')]
    return []


def _answer_errors(document: Mapping[str, Any], rubric: Rubric) -> list[FieldError]:
    errors: list[FieldError] = []
    version = document.get("rubric_version")
    if isinstance(version, str) and version != rubric.version:
        errors.append(
            FieldError("rubric_version", f"is {version!r} but the rubric is {rubric.version!r}")
        )
    errors += _answer_list_errors(document.get("answers"), "answers", rubric)
    people = document.get("people")
    for index, person in enumerate(people if isinstance(people, list) else []):
        if isinstance(person, dict):
            where = f"people[{index}].answers"
            errors += _answer_list_errors(person.get("answers"), where, rubric)
    return errors + _namesake_errors(people) + _shared_email_errors(people)


def _namesake_errors(people: Any) -> list[FieldError]:
    """People nobody could tell apart: the same name (whatever its case, accents and
    spacing) as someone listed before them, with no role or the same role. The rule is
    the one for asking someone on the people page."""
    errors: list[FieldError] = []
    if not isinstance(people, list):
        return errors
    named = [
        (index, person["name"], person.get("role", ""))
        for index, person in enumerate(people)
        if isinstance(person, dict)
        and isinstance(person.get("name"), str)
        and isinstance(person.get("role", ""), str)
    ]
    for position, (index, name, role) in enumerate(named):
        for earlier, other_name, other_role in named[:position]:
            if cannot_tell_apart(name, role, other_name, other_role):
                if role.strip():
                    problem = f"has the same name and role as person {earlier + 1}"
                    fix = "give them a different role"
                else:
                    problem = f"has the same name as person {earlier + 1}, and no role"
                    fix = f"give their role too, different from person {earlier + 1}'s"
                errors.append(
                    FieldError(
                        f"people[{index}]",
                        f"{problem}. If this is someone else, {fix}, "
                        "so everyone can tell them apart.",
                    )
                )
                break
    return errors


def _shared_email_errors(people: Any) -> list[FieldError]:
    """People given the same email (whatever its case) as someone listed before them:
    one person under two names, as the people page refuses."""
    errors: list[FieldError] = []
    if not isinstance(people, list):
        return errors
    emailed = [
        (index, person.get("name"), person["email"])
        for index, person in enumerate(people)
        if isinstance(person, dict) and isinstance(person.get("email"), str)
    ]
    for position, (index, _, email) in enumerate(emailed):
        for earlier, other_name, other_email in emailed[:position]:
            if same_email(email, other_email):
                who = f" ({other_name})" if isinstance(other_name, str) and other_name else ""
                errors.append(
                    FieldError(
                        f"people[{index}].email",
                        f"is the same as person {earlier + 1}'s{who}. Each person answers "
                        "once: give them their own email, or leave it empty.",
                    )
                )
                break
    return errors


def _action_errors(document: Mapping[str, Any]) -> list[FieldError]:
    """Each action at most once; the schema checked the rest."""
    errors = []
    actions = document.get("actions")
    seen: set[str] = set()
    for index, item in enumerate(actions if isinstance(actions, list) else []):
        criterion_id = item.get("criterion_id") if isinstance(item, dict) else None
        if not isinstance(criterion_id, str):
            continue
        if criterion_id in seen:
            errors.append(
                FieldError(f"actions[{index}].criterion_id", f"{criterion_id!r} is listed twice")
            )
        seen.add(criterion_id)
    return errors


def _answer_list_errors(answers: Any, path: str, rubric: Rubric) -> list[FieldError]:
    """Each answer's question and value checked against the rubric; the schema did the rest."""
    errors: list[FieldError] = []
    if not isinstance(answers, list):
        return errors
    seen: set[str] = set()
    for index, item in enumerate(answers):
        if not isinstance(item, dict) or not isinstance(item.get("question_id"), str):
            continue  # the schema has already reported it
        where = f"{path}[{index}]"
        question_id = item["question_id"]
        question = rubric.questions_by_id.get(question_id)
        if question is None:
            errors.append(
                FieldError(
                    f"{where}.question_id", f"{question_id!r} is not a question of the rubric"
                )
            )
            continue
        if question_id in seen:
            errors.append(FieldError(f"{where}.question_id", f"{question_id!r} is answered twice"))
        seen.add(question_id)
        value = item.get("value")
        if item.get("not_sure") is True:
            if not question.not_sure:
                errors.append(
                    FieldError(f"{where}.not_sure", "this question does not offer 'not sure'")
                )
            if value is not None:
                errors.append(FieldError(f"{where}.value", "must be null when not_sure is true"))
            continue
        if value is not None:
            problem = _value_problem(question, value)
            if problem:
                errors.append(FieldError(f"{where}.value", problem))
    return errors


def _value_problem(question: Question, value: Any) -> str | None:
    if question.type == "yes_no":
        return None if isinstance(value, bool) else "must be true or false"
    if question.type == "choice":
        allowed = [option.value for option in question.options]
        if isinstance(value, str) and value in allowed:
            return None
        return f"{json.dumps(value)} is not an option; choose one of {', '.join(allowed)}"
    if question.type == "number":
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            return "must be a number"
        if question.min is not None and value < question.min:
            return f"must be at least {question.min:g}"
        if question.max is not None and value > question.max:
            return f"must be at most {question.max:g}"
        return None
    return None if isinstance(value, str) else "must be text"


def _date_errors(document: Mapping[str, Any]) -> list[FieldError]:
    errors = []
    for records, name in (("metrics", "deadline"), ("actions", "due_date")):
        rows = document.get(records)
        for index, row in enumerate(rows if isinstance(rows, list) else []):
            value = row.get(name) if isinstance(row, dict) else None
            if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                try:
                    date.fromisoformat(value)
                except ValueError:
                    errors.append(FieldError(f"{records}[{index}].{name}", "is not a real date"))
    return errors


def _record(cls: type, data: Mapping[str, Any]) -> Any:
    values = {
        name: float(value) if name in _FLOAT_FIELDS and value is not None else value
        for name, value in data.items()
    }
    if cls is MetricIn and values["deadline"] is not None:
        values["deadline"] = date.fromisoformat(values["deadline"])
    if cls is OversightIn:
        # Written as null, or left out by files from before it could be unset.
        values["review_mode"] = values.get("review_mode") or REVIEW_MODE_UNSET
    if cls is ChangePlanIn:
        for name in _CHANGE_PLAN_CHOICES:
            values[name] = values.get(name) or CHANGE_PLAN_UNSET
    return cls(**values)


def _path_key(error: FieldError) -> tuple[Any, ...]:
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in error.path.replace("[", ".").replace("]", "").split(".")
    )


class _NotFinite(ValueError):
    pass


def _refuse_constant(name: str) -> float:
    # Python's reader accepts NaN and Infinity, which JSON itself does not allow.
    raise _NotFinite(f"has {name}, which is not a number; write a number, or null for none")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _NotFinite(f"has {text}, too large a number")
    return number


def _load(text: str) -> Any:
    """The JSON document, or an InterchangeError saying why it is not one."""
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            [
                FieldError(
                    "$",
                    f"is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})",
                )
            ]
        ) from None
    except _NotFinite as error:
        raise InterchangeError([FieldError("$", str(error))]) from None
    except RecursionError:
        raise InterchangeError([FieldError("$", "is nested too deeply to read")]) from None


def parse_assessment_json(text: str, rubric: Rubric) -> ParsedAssessment:
    """Parse one assessment file against a rubric, or raise InterchangeError."""
    document = _load(text)
    # A file of another kind would fail every other check too; say only what it is not.
    if errors := _format_errors(document):
        raise InterchangeError(errors)
    errors = (
        _schema_errors(document)
        + _date_errors(document)
        + _answer_errors(document, rubric)
        + _action_errors(document)
    )
    if errors:
        raise InterchangeError(sorted(errors, key=_path_key))

    answers = _answers_in(document["answers"])
    respondents = {
        item["question_id"]: item["respondent"]
        for item in document["answers"]
        if "respondent" in item
    }
    people = tuple(
        PersonIn(
            name=person["name"].strip(),
            email=person.get("email", ""),
            role=person.get("role", ""),
            finished=person.get("finished", False),
            answers=MappingProxyType(_answers_in(person["answers"])),
        )
        for person in document.get("people", [])
    )
    actions = tuple(
        ActionIn(
            criterion_id=item["criterion_id"],
            owner_name=item.get("owner_name", "").strip(),
            due_date=date.fromisoformat(item["due_date"]) if item.get("due_date") else None,
            status=item.get("status", "open"),
        )
        for item in document.get("actions", [])
    )

    def optional(name: str, cls: type) -> Any:
        data = document.get(name)
        return None if data is None else _record(cls, data)

    assessment = AssessmentInput(
        pilot=_record(PilotIn, document["pilot"]),
        owners=tuple(_record(OwnerIn, row) for row in document.get("owners", [])),
        metrics=tuple(_record(MetricIn, row) for row in document.get("metrics", [])),
        integrations=tuple(_record(IntegrationIn, row) for row in document.get("integrations", [])),
        oversight=optional("oversight", OversightIn),
        change_plan=optional("change_plan", ChangePlanIn),
        value_case=optional("value_case", ValueCaseIn),
        answers=answers,
    )
    return ParsedAssessment(
        format_version=document["format_version"],
        rubric_version=document["rubric_version"],
        client=document["client"],
        assessment=assessment,
        respondents=MappingProxyType(respondents),
        currency=document.get("currency", ""),
        people=people,
        actions=actions,
    )


def _answers_in(items: Iterable[Mapping[str, Any]]) -> dict[str, AnswerIn]:
    return {
        item["question_id"]: AnswerIn(
            question_id=item["question_id"],
            value=item.get("value"),
            not_sure=item.get("not_sure", False),
            evidence=item.get("evidence", ""),
        )
        for item in items
    }


def read_rubric_version(text: str) -> str:
    """The rubric version a file names, so the caller can pick the rubric to parse it with.

    Without one, every problem the file's structure shows is reported at once, as the
    full parse would.
    """
    document = _load(text)
    if errors := _format_errors(document):
        raise InterchangeError(errors)
    version = document.get("rubric_version")
    if isinstance(version, str) and version:
        return version
    errors = _schema_errors(document) + _date_errors(document)
    if not any(error.path == "rubric_version" for error in errors):
        errors.append(FieldError("rubric_version", "is required and must be text"))
    raise InterchangeError(sorted(errors, key=_path_key))


def assessment_input_to_dict(
    inp: AssessmentInput,
    *,
    rubric_version: str,
    client: str = "",
    currency: str = "",
    respondents: Mapping[str, str] | None = None,
    people: Sequence[PersonIn] = (),
    actions: Sequence[ActionIn] = (),
) -> dict[str, Any]:
    def record(value: Any) -> Any:
        if value is None:
            return None
        data = asdict(value)
        if isinstance(data.get("deadline"), date):
            data["deadline"] = data["deadline"].isoformat()
        if data.get("review_mode") == REVIEW_MODE_UNSET:
            data["review_mode"] = None
        if isinstance(value, ChangePlanIn):
            for name in _CHANGE_PLAN_CHOICES:
                if data[name] == CHANGE_PLAN_UNSET:
                    data[name] = None
        return data

    respondents = respondents or {}
    answers = []
    for question_id, answer in inp.answers.items():
        row = _answer_row(answer)
        if question_id in respondents:
            row["respondent"] = respondents[question_id]
        answers.append(row)
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "rubric_version": rubric_version,
        "client": client,
    }
    # Written only when known, so a file without one reads exactly as it always did.
    if currency:
        document["currency"] = currency
    return (
        document
        | {
            "pilot": record(inp.pilot),
            "owners": [record(owner) for owner in inp.owners],
            "metrics": [record(metric) for metric in inp.metrics],
            "integrations": [record(item) for item in inp.integrations],
            "oversight": record(inp.oversight),
            "change_plan": record(inp.change_plan),
            "value_case": record(inp.value_case),
            "answers": answers,
        }
        | ({"people": [_person_row(person) for person in people]} if people else {})
        | ({"actions": [_action_row(action) for action in actions]} if actions else {})
    )


def _answer_row(answer: AnswerIn) -> dict[str, Any]:
    row: dict[str, Any] = {"question_id": answer.question_id, "value": answer.value}
    if answer.not_sure:
        # A number kept beside "not sure" is only for the form; the format says null.
        row["value"] = None
        row["not_sure"] = True
    if answer.evidence:
        row["evidence"] = answer.evidence
    return row


def _person_row(person: PersonIn) -> dict[str, Any]:
    row: dict[str, Any] = {"name": person.name, "email": person.email, "role": person.role}
    if person.finished:
        row["finished"] = True
    return row | {"answers": [_answer_row(answer) for answer in person.answers.values()]}


def _action_row(action: ActionIn) -> dict[str, Any]:
    return {
        "criterion_id": action.criterion_id,
        "owner_name": action.owner_name,
        "due_date": action.due_date.isoformat() if action.due_date else None,
        "status": action.status,
    }


def assessment_input_to_json(
    inp: AssessmentInput,
    *,
    rubric_version: str,
    client: str = "",
    currency: str = "",
    respondents: Mapping[str, str] | None = None,
    people: Sequence[PersonIn] = (),
    actions: Sequence[ActionIn] = (),
) -> str:
    """The assessment in the interchange format, ready to write to a file."""
    document = assessment_input_to_dict(
        inp,
        rubric_version=rubric_version,
        client=client,
        currency=currency,
        respondents=respondents,
        people=people,
        actions=actions,
    )
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
