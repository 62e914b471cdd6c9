"""People who answered on their own travel in the interchange file with their answers."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from assessments import services
from assessments.interchange import InterchangeError, parse_assessment_json
from assessments.models import Assessment
from assessments.selectors import (
    agreed_since_people_answered,
    assessment_input,
    respondents_with_answers,
    rubric_for_version,
)


@pytest.fixture
def assessment(world):
    return world.objects["assessment"]


@pytest.fixture
def rubric(assessment):
    return rubric_for_version(assessment.rubric_id)


def _export(assessment) -> dict:
    out = StringIO()
    call_command("export_assessment", assessment.pk, stdout=out)
    return json.loads(out.getvalue())


def _import(document: dict, workspace, like: Assessment) -> Assessment:
    """Import the file as the web page does, against the rubric it was exported with."""
    parsed = parse_assessment_json(json.dumps(document), rubric_for_version(like.rubric_id))
    return services.assessment_import(workspace=workspace, parsed=parsed, rubric=like.rubric)


def _errors(document: dict, rubric) -> list[str]:
    with pytest.raises(InterchangeError) as caught:
        parse_assessment_json(json.dumps(document), rubric)
    return [str(error) for error in caught.value.errors]


def test_the_export_lists_each_person_with_their_own_answers(world, assessment):
    tom = services.respondent_add(
        assessment=assessment, name="Tom Reed", email="tom@northwind.test", role="Dispatcher"
    )
    services.answer_save(
        assessment=assessment,
        question_id="own_named_when",
        value="after",
        evidence="Told at the kick-off",
        user=None,
        respondent=tom,
    )
    services.respondent_finish(respondent=tom)

    people = _export(assessment)["people"]

    assert people == [
        {
            "name": "Priya Shah",
            "email": "",
            "role": "Operations lead",
            "answers": [{"question_id": "own_authority", "value": False}],
        },
        {
            "name": "Tom Reed",
            "email": "tom@northwind.test",
            "role": "Dispatcher",
            "finished": True,
            "answers": [
                {
                    "question_id": "own_named_when",
                    "value": "after",
                    "evidence": "Told at the kick-off",
                }
            ],
        },
    ]


def test_an_assessment_without_people_exports_no_people_field(world, assessment):
    services.respondent_remove(respondent=world.objects["respondent"])

    assert "people" not in _export(assessment)


def test_people_import_with_their_answers_and_new_links(world, charlie, assessment):
    original = world.objects["respondent"]
    other = charlie.workspaces.get()

    imported = _import(_export(assessment), other, assessment)

    people, answers = respondents_with_answers(imported)
    assert [(p.name, p.role) for p in people] == [("Priya Shah", "Operations lead")]
    assert answers[people[0].pk]["own_authority"].value is False
    assert people[0].invite_token and people[0].invite_token != original.invite_token


def test_imported_peoples_answers_are_not_scored_and_settle_nothing(world, charlie, assessment):
    imported = _import(_export(assessment), charlie.workspaces.get(), assessment)

    assert assessment_input(imported).answers["own_authority"].value is True
    assessment.refresh_from_db()
    assert (imported.decision, imported.overall_score) == (
        assessment.decision,
        assessment.overall_score,
    )
    assert agreed_since_people_answered(imported) == set()


def test_a_person_who_had_finished_is_still_finished_after_import(world, charlie, assessment):
    services.respondent_finish(respondent=world.objects["respondent"])

    imported = _import(_export(assessment), charlie.workspaces.get(), assessment)

    assert imported.respondents.get().finished_at is not None


def test_a_persons_answer_is_checked_against_the_rubric(world, assessment, rubric):
    document = _export(assessment)
    document["people"][0]["answers"] += [
        {"question_id": "own_named_when", "value": "yesterday"},
        {"question_id": "own_authority", "value": True},
        {"question_id": "no_such_question", "value": True},
    ]

    errors = _errors(document, rubric)

    assert any(e.startswith('people[0].answers[1].value: "yesterday" is not') for e in errors)
    assert "people[0].answers[2].question_id: 'own_authority' is answered twice" in errors
    assert (
        "people[0].answers[3].question_id: 'no_such_question' is not a question of the rubric"
        in errors
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda person: person.update(name="   "), "people[0].name: must not be blank"),
        (lambda person: person.update(name="x" * 161), "people[0].name: must be at most 160"),
        (lambda person: person.update(email="tom"), "people[0].email: must be an email address"),
        (lambda person: person.update(token="abc"), "people[0].token: is not a field"),
        (lambda person: person.pop("answers"), "people[0].answers: is required"),
        (
            lambda person: person["answers"][0].update(respondent="a@b.test"),
            "people[0].answers[0].respondent: is not a field",
        ),
    ],
)
def test_a_bad_person_is_reported_by_its_path(world, assessment, rubric, change, expected):
    document = _export(assessment)
    change(document["people"][0])

    errors = _errors(document, rubric)

    assert any(error.startswith(expected) for error in errors), errors


def test_a_file_with_too_many_people_is_refused(world, assessment, rubric):
    document = _export(assessment)
    document["people"] = [{"name": f"Person {n}", "answers": []} for n in range(101)]

    assert "people: must hold at most 100 entries" in _errors(document, rubric)


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (
            {"name": "sam  lee", "role": "cfo"},
            "people[1]: has the same name and role as person 1. If this is someone else, "
            "give them a different role, so everyone can tell them apart.",
        ),
        (
            {"name": "Sám Lee"},
            "people[1]: has the same name as person 1, and no role. If this is someone else, "
            "give their role too, different from person 1's, so everyone can tell them apart.",
        ),
    ],
)
def test_two_people_nobody_could_tell_apart_are_refused(
    world, assessment, rubric, second, expected
):
    document = _export(assessment)
    document["people"] = [
        {"name": "Sam Lee", "role": "CFO", "answers": []},
        {"answers": [], **second},
    ]

    assert _errors(document, rubric) == [expected]


def test_people_of_the_same_name_whose_roles_differ_are_imported(
    world, charlie, assessment, rubric
):
    document = _export(assessment)
    document["people"] = [
        {"name": "Sam Lee", "answers": []},
        {"name": "Sam Lee", "role": "CFO", "answers": []},
        {"name": "Sam Lee", "role": "Support", "answers": []},
    ]

    imported = _import(document, charlie.workspaces.get(), assessment)

    assert sorted(imported.respondents.values_list("role", flat=True)) == ["", "CFO", "Support"]


def test_two_people_with_one_email_are_refused_naming_the_first(world, assessment, rubric):
    document = _export(assessment)
    document["people"] = [
        {"name": "Sam Lee", "email": "sam@northwind.test", "answers": []},
        {"name": "Samuel Lee", "email": "Sam@Northwind.TEST", "answers": []},
        {"name": "Ana Ruiz", "email": "", "answers": []},
        {"name": "Bo Chen", "email": "", "answers": []},
    ]

    assert _errors(document, rubric) == [
        "people[1].email: is the same as person 1's (Sam Lee). Each person answers once: "
        "give them their own email, or leave it empty."
    ]
