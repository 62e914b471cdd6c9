"""Where the people who answered on their own disagree, question by question.

Pure functions over the rubric and plain answers, like the scoring engine, so the
page and the tests agree on what counts as a disagreement:

- choices and yes/no: two different answers among the people and the assessment's
  own (agreed) answer;
- numbers: the highest and lowest differ by more than a fifth of the larger, so that
  "40 hours" against "45 hours" is not a quarrel but "5" against "40" is;
- free text is never flagged: it is shown side by side for the discussion;
- "not sure" is not a disagreement, but it is counted, because a question several
  people are unsure of needs the same conversation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from assessments.names import name_key
from assessments.questionnaire import NO, NOT_SURE, SECTIONS, YES, is_answered
from assessments.rubric.model import Question, Rubric
from assessments.scoring.inputs import AnswerIn

# Numbers further apart than this share of the larger one count as a disagreement.
NUMBER_TOLERANCE = 0.2

DISAGREE, AGREE, UNSURE, SIDE_BY_SIDE, SINGLE = (
    "disagree",
    "agree",
    "unsure",
    "side-by-side",
    "single",
)


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    role: str = ""
    # Someone else asked goes by the same name: their roles tell them apart.
    shares_name: bool = False

    @property
    def known_as(self) -> str:
        """The name to show wherever the role is not shown beside it."""
        return f"{self.name} ({self.role})" if self.shares_name and self.role else self.name


def people_of(rows: Iterable) -> list[Person]:
    """The people asked (anything with an id, a name and a role), each knowing
    whether someone else asked shares their name."""
    rows = list(rows)
    counts = Counter(name_key(row.name) for row in rows)
    return [
        Person(row.id, row.name, row.role, shares_name=counts[name_key(row.name)] > 1)
        for row in rows
    ]


@dataclass(frozen=True)
class PersonAnswer:
    person: Person
    answer: AnswerIn | None
    text: str

    @property
    def answered(self) -> bool:
        return self.answer is not None


@dataclass(frozen=True)
class QuestionSpread:
    """One question: each person's answer, the agreed answer, and how far apart they are."""

    question: Question
    people: tuple[PersonAnswer, ...]
    agreed: AnswerIn | None
    agreed_text: str
    verdict: str
    note: str

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def disagree(self) -> bool:
        return self.verdict == DISAGREE

    @property
    def to_talk_through(self) -> bool:
        """Worth the room's time: answers differ, or someone is unsure."""
        return self.verdict in {DISAGREE, UNSURE}


@dataclass(frozen=True)
class SectionSpread:
    id: str
    title: str
    questions: tuple[QuestionSpread, ...]

    @property
    def disagreements(self) -> int:
        return sum(1 for q in self.questions if q.disagree)


@dataclass(frozen=True)
class Spread:
    sections: tuple[SectionSpread, ...]
    # Questions none of the people asked has answered yet.
    unanswered: int
    # Of those, the ones with no answer in the assessment either.
    no_answer: int = 0
    # The same, by section id; sections with none are left out.
    no_answer_by_section: Mapping[str, int] = field(default_factory=dict)

    @property
    def questions(self) -> tuple[QuestionSpread, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    @property
    def disagreements(self) -> tuple[QuestionSpread, ...]:
        return tuple(q for q in self.questions if q.disagree)


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def answer_text(question: Question, answer: AnswerIn | None) -> str:
    """An answer as a reader would say it."""
    if answer is None:
        return "No answer"
    if answer.not_sure:
        return "Not sure"
    value = answer.value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if question.type == "choice":
        option = question.option(value)
        return option.label if option is not None else str(value)
    if isinstance(value, int | float):
        return f"{_number(value)} {question.unit}".strip()
    return "No answer" if value in (None, "") else str(value)


def _given(answer: AnswerIn | None) -> bool:
    return answer is not None and not answer.not_sure and answer.value not in (None, "")


def _verdict(
    question: Question, answers: Sequence[AnswerIn], agreed: AnswerIn | None
) -> tuple[str, str]:
    voices = [a for a in (*answers, agreed) if a is not None]
    unsure = sum(1 for a in voices if a.not_sure)
    values = [a.value for a in voices if _given(a)]
    if question.type == "text":
        return SIDE_BY_SIDE, "Written answers: read them side by side."
    if len(voices) < 2:
        return SINGLE, "Only one person has answered so far."
    if question.type == "number" and values:
        low, high = min(values), max(values)
        if high - low > NUMBER_TOLERANCE * max(abs(low), abs(high)):
            return DISAGREE, f"Answers range from {_number(low)} to {_number(high)}."
    elif (distinct := len({repr(v) for v in values})) > 1:
        return DISAGREE, f"{distinct} different answers."
    if unsure:
        return UNSURE, f"“Not sure” in {unsure} of the {len(voices)} answers given."
    return AGREE, "Everyone who answered agrees."


def spread(
    rubric: Rubric,
    people: Sequence[Person],
    answers: Mapping[int, Mapping[str, AnswerIn]],
    agreed: Mapping[str, AnswerIn],
    applies: Callable[[Question], bool] | None = None,
) -> Spread:
    """Every question one of the people has answered, by section, in the rubric's order.

    `applies` tells whether the assessment's skip logic asks a question. One it hides is
    left out altogether, even if someone answered it: under the assessment's own answers
    the pilot does not need it, so there is nothing to settle or count.
    """
    sections = []
    unanswered = no_answer = 0
    no_answer_by_section: dict[str, int] = {}
    for section in SECTIONS:
        rows = []
        for question in rubric.questions_for_section(section.id):
            if applies is not None and not applies(question):
                continue
            own = agreed.get(question.id)
            mine = [answers.get(p.id, {}).get(question.id) for p in people]
            given = [a for a in mine if a is not None and is_answered(question, a)]
            own = own if is_answered(question, own) else None
            if not given:
                # Nobody asked has answered it: there is nothing to set side by side.
                unanswered += 1
                if own is None:
                    no_answer += 1
                    no_answer_by_section[section.id] = no_answer_by_section.get(section.id, 0) + 1
                continue
            verdict, note = _verdict(question, given, own)
            rows.append(
                QuestionSpread(
                    question=question,
                    people=tuple(
                        PersonAnswer(p, a, answer_text(question, a))
                        for p, a in zip(people, mine, strict=True)
                    ),
                    agreed=own,
                    agreed_text=answer_text(question, own),
                    verdict=verdict,
                    note=note,
                )
            )
        if rows:
            sections.append(SectionSpread(section.id, section.title, tuple(rows)))
    return Spread(tuple(sections), unanswered, no_answer, no_answer_by_section)


@dataclass(frozen=True)
class Choice:
    """One answer a choice or yes/no question allows, and who gave it.

    `value` is what the questionnaire's form posts for it, so a workshop can record
    any of them as the agreed answer, including ones nobody gave.
    """

    value: str
    label: str
    people: tuple[Person, ...]
    agreed: bool


def _form_value(question: Question, answer: AnswerIn | None) -> str | None:
    if answer is None or not is_answered(question, answer):
        return None
    if answer.not_sure:
        return NOT_SURE
    if question.type == "yes_no":
        return YES if answer.value else NO
    return str(answer.value)


def choices(row: QuestionSpread) -> tuple[Choice, ...]:
    """For a choice or yes/no question, every allowed answer with the people who gave it.

    Answers keep the rubric's order, so the room sees the scale as the questionnaire
    shows it; "Not sure" comes last, and only when someone chose it. Other question
    types have no fixed answers to count, so they get none.
    """
    question = row.question
    if question.type == "yes_no":
        allowed = [(YES, "Yes"), (NO, "No")]
    elif question.type == "choice":
        allowed = [(o.value, o.label) for o in question.options]
    else:
        return ()
    agreed = _form_value(question, row.agreed)
    given = [(p.person, _form_value(question, p.answer)) for p in row.people]
    if NOT_SURE in {value for _, value in given} | {agreed}:
        allowed.append((NOT_SURE, "Not sure"))
    return tuple(
        Choice(
            value=value,
            label=label,
            people=tuple(person for person, chose in given if chose == value),
            agreed=agreed == value,
        )
        for value, label in allowed
    )


# Where a question stands in a workshop, in the order the workshop shows them.
TALK, WRITTEN, UNRECORDED, ONE_VOICE, SETTLED = (
    "talk",
    "written",
    "unrecorded",
    "one-voice",
    "settled",
)


def workshop_stage(row: QuestionSpread, *, agreed_since: bool) -> str:
    """What a workshop still has to do with a question.

    `agreed_since` says the agreed answer was set after every person's answer to the
    question, as a workshop sets it: the room has had its say, so the question is
    settled whatever people answered before. So is a question where everyone,
    including the agreed answer, says the same. Otherwise differences and doubts are
    talked through, written answers read together, an answer everyone gave but nobody
    recorded waits to be recorded, and a lone answer waits for the room's view.
    """
    if row.agreed is not None and (agreed_since or row.verdict == AGREE):
        return SETTLED
    if row.verdict in {DISAGREE, UNSURE}:
        return TALK
    if row.verdict == SIDE_BY_SIDE:
        return WRITTEN
    if row.verdict == AGREE:
        return UNRECORDED
    return ONE_VOICE


def still_open(result: Spread, agreed_since: Collection[str]) -> tuple[QuestionSpread, ...]:
    """The compared questions a workshop has yet to settle, as its agenda counts them.

    `agreed_since` holds the questions whose agreed answer was set after every person's
    answer to them (`workshop_stage`)."""
    return tuple(
        q
        for q in result.questions
        if workshop_stage(q, agreed_since=q.id in agreed_since) != SETTLED
    )


@dataclass(frozen=True)
class TalkThrough:
    """What the room still has to talk through, counted the same way on every page:
    questions where answers differ, and questions where they do not but someone is not
    sure. One the room has agreed on since everyone answered is talked through already.
    """

    differ: int = 0
    unsure: int = 0
    # Answers differed or someone was unsure, but the room has agreed on it since.
    agreed: int = 0

    @property
    def total(self) -> int:
        return self.differ + self.unsure

    @property
    def headline(self) -> str:
        if not self.total:
            return "Nothing to talk through"
        return f"{self.total} question{'' if self.total == 1 else 's'} to talk through"

    @property
    def detail(self) -> str:
        """What follows the headline: "19 where answers differ, and 1 more where someone
        is not sure", or just why, when there is one reason."""
        if self.differ and self.unsure:
            return (
                f": {self.differ} where answers differ, "
                f"and {self.unsure} more where someone is not sure"
            )
        if self.differ:
            return ", where answers differ"
        if self.unsure:
            return ", where someone is not sure"
        return ""


def talk_through(staged: Iterable[tuple[QuestionSpread, str]]) -> TalkThrough:
    """Count questions, each with its `workshop_stage`, by what there is to talk through."""
    differ = unsure = agreed = 0
    for row, stage in staged:
        if not row.to_talk_through:
            continue
        if stage == SETTLED:
            agreed += 1
        elif row.disagree:
            differ += 1
        else:
            unsure += 1
    return TalkThrough(differ, unsure, agreed)
