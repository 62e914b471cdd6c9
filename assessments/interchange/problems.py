"""An import's problems in plain words, for the people uploading a file.

The parser names each problem by its path in the file ("answers[0].value"), which
is exact but reads like code. Here each becomes a sentence ("Answer 1's value must be
true or false"); the path, and what the JSON reader said of a damaged file, are kept
apart as technical details for whoever edits the file by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .json_format import FieldError

MAX_SHOWN = 10

# A list's name and what one of its entries is called.
_ENTRY_NAMES = {
    "answers": "answer",
    "owners": "owner",
    "metrics": "success metric",
    "integrations": "integration",
    "people": "person",
    "teams": "team",
    "actions": "action",
}
# Messages that read on from the field's name; any other follows a colon.
_READS_ON = ("is ", "must ", "should ", "has ")
# The path's names and list positions: "people[0].answers[2].value".
_PART = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")
# The checks of the records' own fields speak Django's words; these say the same as
# the rest of an import's problems do.
_REWORDED = (
    (
        re.compile(r"^Ensure this value has at most (\d+) characters? \(it has (\d+)\)\.?$"),
        r"is \2 characters long; at most \1",
    ),
    (
        re.compile(r"^Ensure this value has at least (\d+) characters? \(it has (\d+)\)\.?$"),
        r"is \2 characters long; at least \1",
    ),
    (re.compile(r"^Ensure this value is less than or equal to (.+?)\.?$"), r"must be at most \1"),
    (
        re.compile(r"^Ensure this value is greater than or equal to (.+?)\.?$"),
        r"must be at least \1",
    ),
    (re.compile(r"^This field cannot be (blank|null)\.$"), "must not be empty"),
    (re.compile(r"^Enter a valid email address\.$"), "must be an email address"),
    (re.compile(r"^Enter a valid URL\.$"), "must be a web address"),
)
# What the JSON reader adds to "is not valid JSON": technical, so shown apart.
_NOT_JSON = re.compile(r"^(is not valid JSON) \((.+)\)$")
UNKNOWN_FIELD = "is not a field of this format"


@dataclass(frozen=True, slots=True)
class Problem:
    text: str
    path: str  # where in the file, for someone editing it by hand; "" for none


@dataclass(frozen=True, slots=True)
class ImportProblems:
    # Set when the file is not an assessment export at all: why, as the rest of a sentence.
    not_an_export: str
    shown: tuple[Problem, ...]
    more: int  # problems found but not listed
    # Where the JSON reader stopped in a damaged file, in its own words; "" for none.
    technical: str = ""

    @property
    def paths(self) -> bool:
        """Whether any problem listed has a place in the file to show."""
        return any(problem.path for problem in self.shown)

    @property
    def count(self) -> int:
        return len(self.shown) + self.more


def field_name(path: str) -> str:
    """ "owners[1].email" -> "Owner 2's email"; "pilot.stage" -> "The pilot's stage"."""
    names: list[str] = []
    for name, index in _PART.findall(path):
        if index and names:
            names[-1] = f"{_ENTRY_NAMES.get(names[-1], names[-1])} {int(index) + 1}"
        elif name:
            names.append(name)
    if not names:
        return "The file"
    if len(names) == 1 and names[0] in _ENTRY_NAMES:
        # "The answers field is required", not "The answers is required".
        return f"The {names[0]} field"
    phrases = [name.replace("_", " ") for name in names]
    text = phrases[-1] if len(phrases) == 1 else f"{', '.join(phrases[:-1])}'s {phrases[-1]}"
    # A plain name is "the pilot"; a numbered entry ("answer 2") stands on its own.
    if not text.split(",")[0].split("'")[0].split()[-1].isdigit():
        text = f"the {text}"
    return text[0].upper() + text[1:]


def _plain(message: str) -> str:
    for pattern, replacement in _REWORDED:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


def sentence(error: FieldError) -> str:
    if not error.path:
        return error.message  # a problem of the whole import, already a sentence
    if error.message == UNKNOWN_FIELD:
        # "Answer 1 has a field “question” that exports do not have", not
        # "Answer 1's question is not a field of this format".
        parent, _, key = error.path.rpartition(".")
        owner = field_name(parent) if parent else "The file"
        return f"{owner} has a field “{key}” that Readiness exports do not have"
    name = field_name(error.path)
    message = _plain(error.message)
    joiner = " " if message.startswith(_READS_ON) else ": "
    return f"{name}{joiner}{message}"


def plain_problems(errors: Iterable[FieldError], *, limit: int = MAX_SHOWN) -> ImportProblems:
    errors = list(errors)
    for error in errors:
        # The whole file, or its format marker: nothing else is worth listing.
        if error.path == "$":
            damaged = _NOT_JSON.match(error.message)
            if damaged:
                return ImportProblems(f"it {damaged[1]}", (), 0, technical=damaged[2])
            return ImportProblems(f"it {error.message}", (), 0)
        if error.path == "format":
            return ImportProblems(f"its format {error.message}", (), 0)
    shown = tuple(Problem(sentence(error), error.path) for error in errors[:limit])
    return ImportProblems("", shown, max(len(errors) - limit, 0))
