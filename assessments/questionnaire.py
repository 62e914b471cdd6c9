"""The questionnaire as the founder sees it: sections, question state and answer parsing.

Pure functions over the rubric and the engine's input dataclasses, so the page, the
autosave endpoint and the tests all agree on what a posted value means and which
questions apply.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from assessments.rubric.loader import bundled_rubric
from assessments.rubric.model import SECTION_IDS, Question, Rubric
from assessments.scoring.engine import condition_holds, is_given
from assessments.scoring.inputs import AnswerIn, AnswerValue, AssessmentInput

# The value a "Not sure" radio posts; no rubric option may use it.
NOT_SURE = "__not_sure__"
YES, NO = "yes", "no"
# Said beside a number question whose "Not sure" is ticked while a number is kept.
NUMBER_NOT_SCORED = "The number is kept but not scored while “Not sure” is ticked."
# The longest answer a text question takes.
TEXT_ANSWER_MAX = 5000
# An answer as loaded is its value, "not sure" and evidence as JSON: room for the longest
# text answer beside evidence as long, with their escapes. A longer one, which no page of
# ours sends, counts as changed rather than being parsed.
LOADED_MAX = 4 * TEXT_ANSWER_MAX


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str
    # The one-to-one record edited in this section, and the list records shown in it.
    record: str | None = None
    record_title: str = ""
    lists: tuple[str, ...] = ()
    # The stepper's label, where the title is too long for it.
    short: str = ""

    @property
    def step_label(self) -> str:
        return self.short or self.title


# The five gap sections carry the rubric's own gap names, so the stepper, the workshop,
# the scorecard, the results and the report all call each gap the same thing.
GAP_TITLES: Mapping[str, str] = {gap.id: gap.title for gap in bundled_rubric().gaps}

SECTIONS: tuple[Section, ...] = (
    Section(
        "basics",
        "Pilot basics",
        "Describe the one workflow you are assessing. Keep it to a single job the system does, "
        "like “qualify inbound leads and draft the first reply”.",
        record="pilot",
        record_title="About the pilot",
    ),
    Section(
        "ownership",
        GAP_TITLES["ownership"],
        "Pilots that nobody owns drift. Record who will run this in production and how much "
        "of their week they can give it.",
        lists=("owners",),
    ),
    Section(
        "outcome",
        GAP_TITLES["outcome"],
        "How you will know it worked: a business result you can count, where it stands today, "
        "and the number it must reach before you go live.",
        lists=("metrics",),
    ),
    Section(
        "integration",
        GAP_TITLES["integration"],
        "List the systems the workflow has to read from or write to, and how far each "
        "connection has got. A CSV export is a start, not a connection.",
        lists=("integrations",),
    ),
    Section(
        "oversight",
        GAP_TITLES["oversight"],
        "Who checks the output, how you would notice a failure, and what happens to the "
        "items the system cannot handle.",
        record="oversight",
        record_title="Oversight plan",
    ),
    Section(
        "adoption",
        GAP_TITLES["adoption"],
        "The people whose daily work changes decide whether this is used. Record how they "
        "are involved and who speaks for them.",
        record="change_plan",
        record_title="Change plan",
    ),
    Section(
        "value",
        "Value case",
        "Rough numbers are fine. The point is to see whether the saving can ever pay for "
        "building and running it.",
        record="value_case",
        record_title="The numbers",
    ),
)
SECTIONS_BY_ID: Mapping[str, Section] = {s.id: s for s in SECTIONS}
assert tuple(SECTIONS_BY_ID) == SECTION_IDS, "sections must follow the rubric's order"


def section_after(section_id: str) -> str | None:
    ids = [s.id for s in SECTIONS]
    index = ids.index(section_id)
    return ids[index + 1] if index + 1 < len(ids) else None


def section_before(section_id: str) -> str | None:
    ids = [s.id for s in SECTIONS]
    index = ids.index(section_id)
    return ids[index - 1] if index > 0 else None


def applies(question: Question, inp: AssessmentInput) -> bool:
    return question.applies_if is None or condition_holds(question.applies_if, inp)


def is_answered(question: Question, answer: AnswerIn | None) -> bool:
    """Answered means a usable value or an explicit "not sure"."""
    if answer is None:
        return False
    return answer.not_sure or is_given(answer.value)


@dataclass(frozen=True)
class QuestionState:
    """Everything a template needs to render one question."""

    question: Question
    applies: bool
    answer: AnswerIn | None
    # The raw text posted back when it failed validation, so nothing typed is lost.
    raw: str | None = None
    error: str = ""
    # The answer was carried from an earlier assessment and nobody has reviewed it yet.
    carried: bool = False

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def answered(self) -> bool:
        return is_answered(self.question, self.answer)

    @property
    def not_sure(self) -> bool:
        return bool(self.answer and self.answer.not_sure)

    @property
    def evidence(self) -> str:
        return self.answer.evidence if self.answer else ""

    # The note beside a number kept under a ticked "Not sure", for the page and its script.
    not_scored_text = NUMBER_NOT_SCORED

    @property
    def number_not_scored(self) -> bool:
        """A number is shown beside a ticked "Not sure", so the page says it is not scored."""
        return self.not_sure and self.text != ""

    @property
    def selected(self) -> str:
        """The radio value to check, as posted back by the form."""
        if self.answer is None:
            return ""
        if self.answer.not_sure:
            return NOT_SURE
        value = self.answer.value
        if isinstance(value, bool):
            return YES if value else NO
        return "" if value is None else str(value)

    @property
    def as_loaded(self) -> str:
        """The stored answer as the page shows it, kept in the page's form so that
        sending the whole form writes only what was changed there (see
        `unchanged_since_loaded`). Empty when there is no answer."""
        if self.answer is None:
            return ""
        return json.dumps(
            [self.answer.value, self.answer.not_sure, self.answer.evidence], ensure_ascii=False
        )

    @property
    def text(self) -> str:
        """The value for a text or number input."""
        if self.raw is not None:
            return self.raw
        # A number kept beside "not sure" is shown too, so unticking it brings it back.
        if self.answer is None or self.answer.value is None:
            return ""
        value = self.answer.value
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)


def question_states(
    rubric: Rubric,
    section_id: str,
    inp: AssessmentInput,
    carried: Collection[str] = frozenset(),
) -> list[QuestionState]:
    return [
        QuestionState(
            question=q,
            applies=applies(q, inp),
            answer=inp.answers.get(q.id),
            carried=q.id in carried,
        )
        for q in rubric.questions_for_section(section_id)
    ]


def carried_on_show(rubric: Rubric, inp: AssessmentInput, carried: Collection[str]) -> list[str]:
    """Every question shown with an answer still as carried from last time."""
    return [q.id for q in rubric.questions if q.id in carried and applies(q, inp)]


def carried_in_section(
    rubric: Rubric, section_id: str, inp: AssessmentInput, carried: Collection[str]
) -> list[str]:
    """The section's questions shown with an answer still as carried from last time."""
    return [
        q.id
        for q in rubric.questions_for_section(section_id)
        if q.id in carried and applies(q, inp)
    ]


def _same_text(a: str, b: str) -> bool:
    # Browsers post a textarea's line breaks as CRLF whatever they were stored as.
    return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")


def repeats_stored(question: Question, posted: ParsedAnswer, stored: AnswerIn | None) -> bool:
    """Whether a posted answer is the stored one sent back unchanged.

    The whole section is posted whenever the founder moves on, so an answer there may
    be nothing more than what the page showed.
    """
    if stored is None or posted.cleared or posted.error:
        return False
    if question.evidence and not _same_text(posted.evidence, stored.evidence):
        return False
    if posted.not_sure or stored.not_sure:
        return posted.not_sure and stored.not_sure and posted.value == stored.value
    if isinstance(posted.value, str) and isinstance(stored.value, str):
        return _same_text(posted.value, stored.value)
    if isinstance(posted.value, bool) or isinstance(stored.value, bool):
        return posted.value is stored.value
    return posted.value == stored.value


def loaded_field_name(question_id: str) -> str:
    # Not "q-…": a field of that name would count as an answer posted.
    return f"loaded-{question_id}"


def _answer_as_loaded(question: Question, raw: str) -> AnswerIn | None:
    if raw == "":
        return None
    if len(raw) > LOADED_MAX:
        raise ValueError("longer than any answer as loaded")
    value, not_sure, evidence = json.loads(raw)
    if not (
        (value is None or isinstance(value, bool | int | float | str))
        and isinstance(not_sure, bool)
        and isinstance(evidence, str)
    ):
        raise ValueError("not an answer")
    return AnswerIn(question.id, value, not_sure, evidence)


def unchanged_since_loaded(question: Question, posted: ParsedAnswer, data: Mapping) -> bool:
    """Whether a posted answer is the one its page showed when it was loaded, untouched.

    Sending a whole section sends every answer in it. An answer nobody changed on that
    page is not written, so a page left open (in another tab, say) never puts back an
    answer that has changed since. A form that does not say what it was loaded with
    counts every answer as changed.
    """
    raw = data.get(loaded_field_name(question.id))
    if raw is None or posted.error:
        return False
    try:
        loaded = _answer_as_loaded(question, raw)
    except (ValueError, TypeError, RecursionError):
        # Not what a page of ours sends (nested too deeply to parse, for one): changed.
        return False
    if loaded is None:
        # Nothing was answered, and nothing is: evidence alone waits for an answer.
        return posted.value is None and not posted.not_sure
    return repeats_stored(question, posted, loaded)


@dataclass(frozen=True)
class SectionProgress:
    id: str
    title: str
    step_label: str
    answered: int
    total: int
    # Answers on show still as carried from last time, waiting to be reviewed.
    to_review: int = 0

    @property
    def complete(self) -> bool:
        return self.answered >= self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.answered / self.total)


def progress(
    rubric: Rubric, inp: AssessmentInput, carried: Collection[str] = ()
) -> list[SectionProgress]:
    """Answered / applicable questions per section; skipped questions do not count.

    `carried` names the answers still as carried from last time: each section counts
    those it shows as still to review.
    """
    result = []
    for section in SECTIONS:
        applicable = [q for q in rubric.questions_for_section(section.id) if applies(q, inp)]
        answered = sum(1 for q in applicable if is_answered(q, inp.answers.get(q.id)))
        to_review = sum(1 for q in applicable if q.id in carried)
        result.append(
            SectionProgress(
                section.id, section.title, section.step_label, answered, len(applicable), to_review
            )
        )
    return result


def overall_percent(sections: list[SectionProgress]) -> int:
    total = sum(s.total for s in sections)
    return 100 if not total else round(100 * sum(s.answered for s in sections) / total)


def field_name(question_id: str) -> str:
    return f"q-{question_id}"


def evidence_field_name(question_id: str) -> str:
    return f"q-{question_id}-evidence"


def not_sure_field_name(question_id: str) -> str:
    return f"q-{question_id}-not-sure"


@dataclass(frozen=True)
class ParsedAnswer:
    """A posted answer: `cleared` means the founder emptied it and the row should go."""

    value: AnswerValue
    not_sure: bool
    evidence: str
    cleared: bool = False
    error: str = ""
    raw: str = ""

    @property
    def saved_message(self) -> str:
        """What the save status says once this answer is saved.

        A number kept under "Not sure" is not scored; the note beside the number says so.
        """
        return "Saved as “Not sure”." if self.not_sure and self.value is not None else "Saved"


# A number as people write it: digits, commas only between groups of three, a point
# for decimals. No exponents, no "inf" or "nan".
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[+-]?\.\d+")
_COMMA_ERROR = "Use a point for decimals (1.5); commas only between thousands (1,000)."


def _plain(number: float) -> str:
    """1,000,000 rather than 1e+06: how a person writes a limit."""
    return format(number, ",.15g")


def parse_answer(question: Question, data: Mapping[str, str]) -> ParsedAnswer:
    raw = (data.get(field_name(question.id)) or "").strip()
    evidence = (data.get(evidence_field_name(question.id)) or "").strip()
    not_sure = raw == NOT_SURE or (
        question.not_sure and data.get(not_sure_field_name(question.id)) in {"on", "1", "true"}
    )
    if not_sure:
        if not question.not_sure:
            return ParsedAnswer(None, False, evidence, error="Choose one of the answers.", raw=raw)
        if question.type == "number" and raw:
            # A number posted with "not sure" ticked (a page without JavaScript, where
            # typing cannot untick it): "not sure" wins. The number is kept, never scored
            # while "not sure" is ticked, and the page says so beside it.
            number = _parse_number(question, raw, evidence)
            return number if number.error else ParsedAnswer(number.value, True, evidence)
        return ParsedAnswer(None, True, evidence)
    if raw == "":
        return ParsedAnswer(None, False, evidence, cleared=not evidence)

    if question.type == "yes_no":
        if raw not in {YES, NO}:
            return ParsedAnswer(None, False, evidence, error="Choose yes or no.", raw=raw)
        return ParsedAnswer(raw == YES, False, evidence)
    if question.type == "choice":
        if question.option(raw) is None:
            return ParsedAnswer(None, False, evidence, error="Choose one of the answers.", raw=raw)
        return ParsedAnswer(raw, False, evidence)
    if question.type == "number":
        return _parse_number(question, raw, evidence)
    if len(raw) > TEXT_ANSWER_MAX:
        return ParsedAnswer(
            None, False, evidence, error=f"Keep it under {TEXT_ANSWER_MAX:,} characters.", raw=raw
        )
    return ParsedAnswer(raw, False, evidence)


def _parse_number(question: Question, raw: str, evidence: str) -> ParsedAnswer:
    if not _NUMBER.fullmatch(raw):
        # A comma anywhere else is most likely a decimal comma: 1,5 must not become 15.
        error = _COMMA_ERROR if "," in raw else "Enter a number."
        return ParsedAnswer(None, False, evidence, error=error, raw=raw)
    number = float(raw.replace(",", ""))
    if not math.isfinite(number):
        # Hundreds of digits overflow to infinity, which no bound below would catch.
        return ParsedAnswer(None, False, evidence, error="Enter a smaller number.", raw=raw)
    if question.min is not None and number < question.min:
        return ParsedAnswer(
            None, False, evidence, error=f"Enter at least {_plain(question.min)}.", raw=raw
        )
    if question.max is not None and number > question.max:
        return ParsedAnswer(
            None, False, evidence, error=f"Enter at most {_plain(question.max)}.", raw=raw
        )
    return ParsedAnswer(int(number) if number.is_integer() else number, False, evidence)


def evidence_credit(rubric: Rubric) -> dict[str, int]:
    """The share of an answer's credit, in percent, that each level of evidence earns."""
    t = rubric.thresholds
    return {
        "none": round(t.evidence_none * 100),
        "text": round(t.evidence_text * 100),
        "link": round(t.evidence_link * 100),
    }
