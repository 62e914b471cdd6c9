"""Answers, people and actions in the admin: checked as the questionnaire checks them,
shown in the rubric's words, and never changed once their assessment is final."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from assessments.models import ActionItem, Answer, Assessment, Respondent
from tests.assessments.test_admin import _change_form_data

FINAL_LINE = "This assessment is final, so its answers and the people who gave them are shown"
FINAL_ASSESSMENT_LINE = "This assessment is final, so it is shown but cannot be changed"


@pytest.fixture
def final(world):
    """The world's assessment, marked final."""
    assessment = services.assessment_submit(assessment=world.objects["assessment"])
    assessment.refresh_from_db()
    return assessment


def _answer_url(answer) -> str:
    return reverse("admin:assessments_answer_change", args=[answer.pk])


def _post_answer(admin_client, answer, **changes):
    url = _answer_url(answer)
    data = {**_change_form_data(admin_client.get(url)), **changes}
    return admin_client.post(url, data)


def _errors(response) -> str:
    return " ".join(response.content.decode().split())


# A draft's answers are checked against its rubric ---------------------------------------


@pytest.mark.parametrize(
    ("question_id", "value", "message"),
    [
        ("own_authority", "banana", "Choose yes or no."),
        (
            "int_end_to_end",
            "none",
            "Choose one of the answers. One of: It works on its own; results are copied across by hand;",
        ),
        ("int_end_to_end", '"banana"', "Choose one of the answers."),
        ("ov_test_cases", "lots", "Enter a number."),
        ("ov_test_cases", "2,000,000", "Enter at most 1,000,000."),
        ("own_authority", "", "Give an answer or tick “Not sure”."),
    ],
)
def test_a_value_the_questionnaire_would_refuse_is_refused(
    admin_client,
    world,
    question_id,
    value,
    message,
):
    answer, assessment = world.objects["answer"], world.objects["assessment"]
    before = assessment.overall_score

    response = _post_answer(admin_client, answer, question_id=question_id, value=value)

    assert response.status_code == 200
    assert message in _errors(response)
    answer.refresh_from_db()
    assert (answer.question_id, answer.value) == ("own_authority", True)
    assessment.refresh_from_db()
    assert assessment.overall_score == before


def test_a_question_that_is_not_in_the_rubric_is_refused(admin_client, world):
    answer = world.objects["answer"]

    response = _post_answer(admin_client, answer, question_id="zzz_q", value="yes")

    assert response.status_code == 200
    assert "Select a valid choice. zzz_q is not one of the available choices." in _errors(response)
    answer.refresh_from_db()
    assert answer.question_id == "own_authority"


@pytest.mark.parametrize(
    ("question_id", "typed", "stored"),
    [
        ("own_authority", "No", False),
        ("int_end_to_end", "end_to_end", "end_to_end"),
        (
            "int_end_to_end",
            "  it runs from the incoming item to the  updated record ",
            "end_to_end",
        ),
        ("ov_test_cases", "1,200", 1200),
    ],
)
def test_an_answer_is_typed_as_the_questionnaire_takes_it(
    admin_client,
    world,
    question_id,
    typed,
    stored,
):
    answer = world.objects["answer"]

    response = _post_answer(admin_client, answer, question_id=question_id, value=typed)

    assert response.status_code == 302, _errors(response)
    answer.refresh_from_db()
    assert (answer.question_id, answer.value) == (question_id, stored)


def test_an_answer_is_shown_for_editing_in_words(admin_client, world):
    answer = services.answer_save(
        assessment=world.objects["assessment"],
        question_id="int_end_to_end",
        value="one_step",
        user=world.owner,
    )

    page = _errors(admin_client.get(_answer_url(answer)))

    assert 'value="It handles one step inside the real tools"' in page
    assert "One of: It works on its own; results are copied across by hand;" in page


def test_a_person_of_another_assessment_is_refused(admin_client, world):
    assessment = world.objects["assessment"]
    pilot = services.pilot_create(client=world.objects["client"], name="Invoice chasing")
    other = services.assessment_start(pilot=pilot, user=world.owner)
    stranger = services.respondent_add(assessment=other, name="Ola Berg")

    response = admin_client.post(
        reverse("admin:assessments_answer_add"),
        {
            "assessment": assessment.pk,
            "respondent": stranger.pk,
            "question_id": "own_handover",
            "value": "yes",
        },
    )

    assert response.status_code == 200
    assert "That person is not part of this assessment." in _errors(response)
    assert not Answer.objects.filter(question_id="own_handover").exists()


def test_who_gave_an_answer_is_shown_not_changed(admin_client, world):
    answer = world.objects["answer"]
    someone = services.respondent_add(assessment=world.objects["assessment"], name="Ola Berg")

    page = admin_client.get(_answer_url(answer))
    response = _post_answer(admin_client, answer, respondent=someone.pk, value="no")

    assert 'name="respondent"' not in page.content.decode()
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.respondent_id, answer.value) == (None, False)


# A final assessment's answers and people stay as they were ------------------------------


def test_a_final_assessments_answer_is_shown_read_only_with_the_reason(
    admin_client,
    world,
    final,
):
    answer = world.objects["answer"]
    scorecard, scored_at = final.scorecard, final.scored_at

    page = admin_client.get(_answer_url(answer))
    response = admin_client.post(_answer_url(answer), {"question_id": "zzz_q", "value": '"x"'})

    html = _errors(page)
    assert FINAL_LINE in html
    assert "Can the owner change the process" in html
    assert 'name="value"' not in html
    assert response.status_code == 403
    answer.refresh_from_db()
    assert (answer.question_id, answer.value) == ("own_authority", True)
    final.refresh_from_db()
    assert (final.scorecard, final.scored_at) == (scorecard, scored_at)


def test_a_final_assessments_answer_cannot_be_deleted(admin_client, world, final):
    answer = world.objects["answer"]
    changelist = reverse("admin:assessments_answer_changelist")

    single = admin_client.post(
        reverse("admin:assessments_answer_delete", args=[answer.pk]), {"post": "yes"}
    )
    selected = {"action": "delete_selected", "_selected_action": [answer.pk]}
    asked = admin_client.post(changelist, selected)
    confirmed = admin_client.post(changelist, {**selected, "post": "yes"})

    assert single.status_code == 403
    assert "Answers of a final assessment, which cannot change" in _errors(asked)
    assert confirmed.status_code == 403
    assert Answer.objects.filter(pk=answer.pk).exists()


def test_no_answer_can_be_added_to_a_final_assessment(admin_client, world, final):
    response = admin_client.post(
        reverse("admin:assessments_answer_add"),
        {"assessment": final.pk, "question_id": "own_handover", "value": "yes"},
    )

    assert response.status_code == 200
    assert FINAL_LINE in _errors(response)
    assert not final.answers.filter(question_id="own_handover").exists()


def test_saving_a_final_assessments_page_leaves_its_answers_and_result_alone(
    admin_client,
    world,
    final,
):
    url = reverse("admin:assessments_assessment_change", args=[final.pk])
    page = admin_client.get(url)
    data = _change_form_data(page)
    answers_prefix = next(
        inline.formset.prefix
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.model is Answer
    )
    data[f"{answers_prefix}-0-value"] = "false"
    data[f"{answers_prefix}-0-question_id"] = "zzz_q"
    data[f"{answers_prefix}-TOTAL_FORMS"] = 3
    data[f"{answers_prefix}-2-question_id"] = "own_handover"
    data[f"{answers_prefix}-2-value"] = "yes"
    data["current_section"] = "value"
    section, scorecard, scored_at = final.current_section, final.scorecard, final.scored_at

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert FINAL_ASSESSMENT_LINE in _errors(page)
    assert set(final.answers.values_list("question_id", "value")) == {
        ("own_authority", True),
        ("own_authority", False),
    }
    final.refresh_from_db()
    assert final.current_section == section != "value"
    assert (final.scorecard, final.scored_at) == (scorecard, scored_at)


def test_a_final_assessments_people_cannot_be_changed(admin_client, world, final):
    person = world.objects["respondent"]
    url = reverse("admin:assessments_respondent_change", args=[person.pk])

    page = admin_client.get(url)
    response = admin_client.post(url, {"assessment": final.pk, "name": "Someone else"})

    assert FINAL_LINE in _errors(page)
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.name == "Priya Shah"


def test_nobody_can_be_added_to_a_final_assessment(admin_client, world, final):
    response = admin_client.post(
        reverse("admin:assessments_respondent_add"), {"assessment": final.pk, "name": "Ola Berg"}
    )

    assert response.status_code == 200
    assert "This assessment is final: nobody can be added to it" in _errors(response)
    assert not Respondent.objects.filter(name="Ola Berg").exists()


def test_action_items_of_a_final_assessment_can_still_be_updated(
    admin_client,
    world,
    final,
):
    action = world.objects["action"]
    url = reverse("admin:assessments_actionitem_change", args=[action.pk])
    data = _change_form_data(admin_client.get(url))

    response = admin_client.post(url, {**data, "status": "done"})

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionItem.Status.DONE


# The lists read in the rubric's words -----------------------------------------------------


def test_the_answer_list_shows_question_texts_and_answer_labels(admin_client, world):
    services.answer_save(
        assessment=world.objects["assessment"],
        question_id="int_end_to_end",
        value="one_step",
        user=world.owner,
    )

    page = _errors(admin_client.get(reverse("admin:assessments_answer_changelist")))

    assert "How far through the real workflow does the pilot go?" in page
    assert "It handles one step inside the real tools" in page
    assert "Agreed answer" in page
    assert "Priya Shah" in page
    assert "Northwind Plumbing" in page
    assert ">one_step<" not in page


def test_an_answers_page_is_headed_by_its_question(admin_client, world):
    answer = services.answer_save(
        assessment=world.objects["assessment"],
        question_id="int_end_to_end",
        value="one_step",
        user=world.owner,
    )

    page = _errors(admin_client.get(_answer_url(answer)))

    assert "<h2>How far through the real workflow does the pilot go?</h2>" in page
    assert "int_end_to_end" not in page.split("<h2>", 1)[1].split("</h2>", 1)[0]


def test_a_long_question_is_shortened_at_a_word_in_the_heading(admin_client, world):
    answer = services.answer_save(
        assessment=world.objects["assessment"],
        question_id="ov_error_handling",
        value=True,
        user=world.owner,
    )

    heading = _errors(admin_client.get(_answer_url(answer))).split("<h2>", 1)[1].split("</h2>")[0]

    assert heading == (
        "When a step fails (a system is down, an input cannot be read) does the workflow…"
    )


def test_an_answer_to_a_question_not_in_its_rubric_is_named_by_its_code(world):
    answer = Answer(assessment=world.objects["assessment"], question_id="retired_question")

    assert str(answer) == "retired_question"


def test_the_action_list_shows_each_actions_title(admin_client, world):
    page = _errors(admin_client.get(reverse("admin:assessments_actionitem_changelist")))

    assert "One named person is accountable for the workflow in production" in page


def test_answers_and_people_can_be_filtered_by_client_and_assessment(
    admin_client,
    world,
):
    assessment, client = world.objects["assessment"], world.objects["client"]
    other = services.client_create(workspace=world.workspace, name="Harbour Bakery")
    other_pilot = services.pilot_create(client=other, name="Order intake")
    other_assessment = services.assessment_start(pilot=other_pilot, user=world.owner)
    services.respondent_add(assessment=other_assessment, name="Ola Berg")
    services.answer_save(
        assessment=other_assessment, question_id="own_handover", value=True, user=world.owner
    )

    for model, shown, hidden in (
        ("answer", "Can the owner change the process", "settled who takes"),
        ("respondent", "Priya Shah", "Ola Berg"),
    ):
        url = reverse(f"admin:assessments_{model}_changelist")
        everything = _errors(admin_client.get(url))
        by_client = _errors(admin_client.get(url, {"client": client.pk}))
        by_assessment = _errors(admin_client.get(url, {"assessment": assessment.pk}))

        assert "Harbour Bakery (Acme Ltd)" in everything
        assert f"Northwind Plumbing: Quote follow-ups ({assessment.started_at:%d %b %Y})" in (
            everything
        )
        for page in (by_client, by_assessment):
            assert shown in page
            assert hidden not in page.split("By client")[0]


@pytest.mark.parametrize("model", ["answer", "respondent", "actionitem"])
def test_a_longer_list_takes_no_more_queries(admin_client, world, model):
    url = reverse(f"admin:assessments_{model}_changelist")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(url).status_code == 200
        return len(captured)

    queries()  # the rubric is parsed once per process, outside the count
    few = queries()
    for name in ("Harbour Bakery", "Kettle & Crumb"):
        pilot = services.pilot_create(
            client=services.client_create(workspace=world.workspace, name=name), name="Intake"
        )
        assessment = services.assessment_start(pilot=pilot, user=world.owner)
        person = services.respondent_add(assessment=assessment, name=f"Ola of {name}")
        for question_id, value in (("own_authority", True), ("int_end_to_end", "most")):
            services.answer_save(
                assessment=assessment, question_id=question_id, value=value, user=world.owner
            )
            services.answer_save(
                assessment=assessment,
                question_id=question_id,
                value=value,
                user=world.owner,
                respondent=person,
            )
        services.action_item_update(
            assessment=assessment, criterion_id="stop_lessons", data={"owner_name": "Ola"}
        )
    assert Assessment.objects.count() == 3

    assert queries() == few
