"""An import's problems, named in plain words for the page."""

import pytest

from assessments.interchange import FieldError
from assessments.interchange.problems import field_name, plain_problems


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("$", "The file"),
        ("rubric_version", "The rubric version"),
        ("answers", "The answers field"),
        ("answers[0].value", "Answer 1's value"),
        ("owners[1].email", "Owner 2's email"),
        ("metrics[0].deadline", "Success metric 1's deadline"),
        ("pilot.weekly_volume", "The pilot's weekly volume"),
        ("people[0].answers[2].value", "Person 1, answer 3's value"),
        ("actions[1].due_date", "Action 2's due date"),
    ],
)
def test_a_path_reads_as_the_field_it_names(path, name):
    assert field_name(path) == name


def test_a_message_reads_on_from_the_field_or_follows_a_colon():
    problems = plain_problems(
        [
            FieldError("owners[1].email", "is required"),
            FieldError("answers[1].question_id", "'ghost' is not a question of the rubric"),
            FieldError("", "Enter at most 2,400 minutes, a whole working week, per item."),
        ]
    )

    assert [problem.text for problem in problems.shown] == [
        "Owner 2's email is required",
        "Answer 2's question id: 'ghost' is not a question of the rubric",
        "Enter at most 2,400 minutes, a whole working week, per item.",
    ]
    assert problems.not_an_export == ""


def test_a_problem_of_the_whole_file_says_it_is_not_an_export_and_nothing_else():
    problems = plain_problems(
        [FieldError("answers", "is required"), FieldError("$", "is not a text file")]
    )

    assert problems.not_an_export == "it is not a text file"
    assert problems.shown == ()


def test_at_most_ten_are_listed_and_the_rest_counted():
    problems = plain_problems([FieldError(f"answers[{n}].value", "is required") for n in range(12)])

    assert len(problems.shown) == 10
    assert (problems.more, problems.count) == (2, 12)


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (
            FieldError(
                "metrics[0].name", "Ensure this value has at most 160 characters (it has 200)."
            ),
            "Success metric 1's name is 200 characters long; at most 160",
        ),
        (
            FieldError(
                "owners[0].hours_per_week", "Ensure this value is less than or equal to 168."
            ),
            "Owner 1's hours per week must be at most 168",
        ),
        (
            FieldError("owners[0].email", "Enter a valid email address."),
            "Owner 1's email must be an email address",
        ),
        (
            FieldError("answers[0].question", "is not a field of this format"),
            "Answer 1 has a field “question” that Readiness exports do not have",
        ),
        (
            FieldError("colour", "is not a field of this format"),
            "The file has a field “colour” that Readiness exports do not have",
        ),
    ],
    ids=["too-long", "too-large", "email", "unknown-field", "unknown-top-level-field"],
)
def test_every_problem_reads_in_the_same_plain_words(error, text):
    (problem,) = plain_problems([error]).shown

    assert problem.text == text
    assert problem.path == error.path


def test_a_damaged_file_says_so_and_keeps_the_readers_words_as_a_technical_detail():
    problems = plain_problems(
        [
            FieldError(
                "$",
                "is not valid JSON (Expecting property name enclosed in double quotes at "
                "line 1, column 2)",
            )
        ]
    )

    assert problems.not_an_export == "it is not valid JSON"
    assert problems.technical == (
        "Expecting property name enclosed in double quotes at line 1, column 2"
    )
