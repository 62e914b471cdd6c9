"""Which answers of a section sent whole count as untouched since its page was loaded."""

import json

from assessments.questionnaire import (
    LOADED_MAX,
    QuestionState,
    field_name,
    loaded_field_name,
    parse_answer,
    unchanged_since_loaded,
)
from assessments.rubric.loader import bundled_rubric
from assessments.scoring.inputs import AnswerIn

BUILT_BY = bundled_rubric().questions_by_id["basic_built_by"]


def _unchanged(loaded: str) -> bool:
    data = {field_name(BUILT_BY.id): "vendor", loaded_field_name(BUILT_BY.id): loaded}
    return unchanged_since_loaded(BUILT_BY, parse_answer(BUILT_BY, data), data)


def test_an_answer_sent_back_as_it_was_loaded_is_unchanged():
    loaded = QuestionState(BUILT_BY, True, AnswerIn(BUILT_BY.id, "vendor")).as_loaded

    assert _unchanged(loaded)


def test_text_in_any_script_is_loaded_as_itself_so_it_fits():
    loaded = QuestionState(BUILT_BY, True, AnswerIn(BUILT_BY.id, "東京" * 2500)).as_loaded

    assert len(loaded) < LOADED_MAX


def test_a_loaded_answer_longer_than_any_page_sends_counts_as_changed_unread():
    padded = json.dumps(["vendor", False, ""]).replace(",", "," + " " * LOADED_MAX, 1)
    assert json.loads(padded) == ["vendor", False, ""]

    assert not _unchanged(padded)


def test_a_loaded_answer_nested_too_deeply_to_read_counts_as_changed():
    assert not _unchanged("[" * 3_000 + "]" * 3_000)
