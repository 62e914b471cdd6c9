"""An import's problems in plain words, for the people uploading a file.

The parser names each problem by its path in the file ("answers[0].value"), which
is exact but reads like code. Here each becomes a sentence ("Answer 1's value must be
true or false"), the path kept beside it for whoever edits the file by hand.
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


def sentence(error: FieldError) -> str:
    if not error.path:
        return error.message  # a problem of the whole import, already a sentence
    name = field_name(error.path)
    joiner = " " if error.message.startswith(_READS_ON) else ": "
    return f"{name}{joiner}{error.message}"


def plain_problems(errors: Iterable[FieldError], *, limit: int = MAX_SHOWN) -> ImportProblems:
    errors = list(errors)
    for error in errors:
        # The whole file, or its format marker: nothing else is worth listing.
        if error.path == "$":
            return ImportProblems(f"it {error.message}", (), 0)
        if error.path == "format":
            return ImportProblems(f"its format {error.message}", (), 0)
    shown = tuple(Problem(sentence(error), error.path) for error in errors[:limit])
    return ImportProblems("", shown, max(len(errors) - limit, 0))
