"""The workshop: the agenda, a section on the projector, and recording what the room agrees.

In the world's draft the agreed answer to own_authority is "Yes" and Priya, answering
on her own, said "No".
"""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Answer, Assessment
from assessments.questionnaire import field_name
from assessments.selectors import agreed_since_people_answered, rubric_for_assessment
from tests.isolation import db_fingerprint

pytestmark = pytest.mark.django_db


def _agreed(assessment, question_id):
    return Answer.objects.filter(
        assessment=assessment, respondent=None, question_id=question_id
    ).first()


def _section(assessment, section="ownership"):
    return reverse("workshop_section", args=[assessment.id, section])


def _agree(assessment, question_id="own_authority", section="ownership"):
    return reverse("workshop_agree", args=[assessment.id, section, question_id])


def _answer_as(world, assessment, person, question_id, value=None, not_sure=False):
    services.answer_save(
        assessment=assessment,
        question_id=question_id,
        value=value,
        not_sure=not_sure,
        user=world.owner,
        respondent=person,
    )


def _flat(page) -> str:
    return " ".join(page.content.decode().split())


# The agenda ----------------------------------------------------------------------------


def test_the_agenda_lists_who_answered_and_what_each_section_has_to_talk_through(
    alice_client, assessment
):
    page = alice_client.get(reverse("workshop_agenda", args=[assessment.id]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Priya Shah" in text and "Operations lead" in text
    assert "1 answer, not finished" in text
    assert "1 question to talk through" in text
    assert "Begin with Ownership" in text
    assert _section(assessment) in text


def test_the_agenda_folds_the_people_who_have_not_started_into_one_line(
    alice_client, world, assessment
):
    for n in range(12):
        person = services.respondent_add(assessment=assessment, name=f"Person {n:02}")
        if n < 2:
            _answer_as(world, assessment, person, "own_authority", False)
            services.respondent_finish(respondent=person)

    text = _flat(alice_client.get(reverse("workshop_agenda", args=[assessment.id])))

    assert "<p>13 people asked: 2 finished, 1 answering, 10 not started</p>" in text
    roster = text[
        text.index('<ul class="ws-roster">') : text.index("</ul>", text.index("ws-roster"))
    ]
    assert "Priya Shah" in roster and "Person 00" in roster and "Person 01" in roster
    assert "Person 02" not in roster and "Not started" not in roster
    folded = text[text.index('<details class="ws-not-started">') : text.index("</details>")]
    assert "<summary>10 not started</summary>" in folded
    assert "Person 02, Person 03," in folded and "Person 11</p>" in folded


def test_the_agenda_without_anyone_asked_says_what_to_do(alice_client, world):
    quiet = services.assessment_start(
        pilot=services.pilot_create(client=world.objects["client"], name="Quiet pilot"),
        user=world.owner,
    )
    text = alice_client.get(reverse("workshop_agenda", args=[quiet.id])).content.decode()
    assert "Nobody has been asked to answer on their own yet" in text
    assert reverse("respondent_list", args=[quiet.id]) in text


def test_the_agenda_sends_to_the_questionnaire_only_questions_with_no_answer_at_all(
    alice_client, world, assessment
):
    # Only own_authority has an answer, in the assessment and from Priya. Skip logic
    # hides two questions: the handover (nobody said who built it) and the confidence
    # threshold (every output is reviewed, in the world's oversight).
    blank = len(rubric_for_assessment(assessment).questions) - 2 - 1
    services.agreed_answer_save(
        assessment=assessment, question_id="own_named_when", value="before", user=world.owner
    )

    page = alice_client.get(reverse("workshop_agenda", args=[assessment.id])).content.decode()
    text = " ".join(page.split())
    assert "Nobody asked has answered" not in text
    assert f"{blank - 1} questions have no answer yet, from the people asked or in the" in text
    assert (
        "1 question is answered in the assessment but by none of the people asked, "
        "so there is nothing to compare."
    ) in text


def test_the_agenda_and_the_disagreements_page_count_a_doubt_alike(
    alice_client, world, assessment, priya
):
    # own_authority: Priya says no where the assessment says yes. own_named_when: she is
    # not sure where the assessment has an answer, so nobody differs but it is in doubt.
    services.agreed_answer_save(
        assessment=assessment, question_id="own_named_when", value="before", user=world.owner
    )
    _answer_as(world, assessment, priya, "own_named_when", not_sure=True)
    said = (
        "<strong>2 questions to talk through</strong>: 1 where answers differ, "
        "and 1 more where someone is not sure"
    )

    agenda = _flat(alice_client.get(reverse("workshop_agenda", args=[assessment.id])))
    differences = _flat(alice_client.get(reverse("assessment_disagreements", args=[assessment.id])))

    assert said in agenda and said in differences
    assert '<td data-label="To talk through">2</td>' in agenda
    assert '<span class="pill pill-alert">2 to talk through</span>' in differences


def test_what_the_room_agreed_on_is_no_longer_counted_on_either_page(
    alice_client, world, assessment, priya
):
    services.agreed_answer_save(
        assessment=assessment, question_id="own_named_when", value="before", user=world.owner
    )
    _answer_as(world, assessment, priya, "own_named_when", not_sure=True)
    # The room keeps "Yes" though Priya said no: talked through, still a difference.
    alice_client.post(_agree(assessment), {"keep": "current"})
    said = (
        "<strong>1 question to talk through</strong>, where someone is not sure; "
        "1 more agreed by the team since"
    )

    agenda = _flat(alice_client.get(reverse("workshop_agenda", args=[assessment.id])))
    differences = _flat(alice_client.get(reverse("assessment_disagreements", args=[assessment.id])))

    assert said in agenda and said in differences


def test_the_disagreements_page_leads_to_the_workshop(alice_client, assessment):
    page = alice_client.get(reverse("assessment_disagreements", args=[assessment.id]))
    assert reverse("workshop_agenda", args=[assessment.id]) in page.content.decode()


# A section on the projector -------------------------------------------------------------


def test_a_section_counts_each_answer_with_the_people_who_gave_it(alice_client, assessment):
    page = alice_client.get(_section(assessment))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Section 2 of 7" in text
    assert "1 to talk through" in text
    assert 'id="ws-q-own_authority"' in text
    # "Yes" was typed into the questionnaire before Priya answered: current, not agreed.
    assert 'Current answer <span class="muted">(scored)</span>: <strong>Yes</strong>' in text
    # "No" was Priya's answer; "Yes" is agreed, so only "No" can be agreed on.
    assert text.count(f'name="{field_name("own_authority")}" value="no"') == 1
    assert f'name="{field_name("own_authority")}" value="yes"' not in text
    assert "Timebox <strong>2 minutes</strong>" in text


def test_a_section_nobody_answered_says_so(alice_client, assessment):
    text = alice_client.get(_section(assessment, "value")).content.decode()
    value_questions = rubric_for_assessment(assessment).questions_for_section("value")
    assert (
        f"Nobody asked has answered this section yet, and {len(value_questions)} of its "
        "questions have no answer in the assessment either."
    ) in " ".join(text.split())
    assert "Nothing left open here: wrap up" in text


def _has_no_timer(text):
    return not any(
        mark in text
        for mark in (
            "data-timer",
            "Timebox",
            ">Start<",
            "−1 min",
            "+1 min",
            ">Reset<",
            "Hide names",
        )
    )


def test_a_section_with_an_open_question_has_its_timer_and_names_switch(alice_client, assessment):
    text = alice_client.get(_section(assessment)).content.decode()

    assert "Timebox <strong>2 minutes</strong>" in text
    assert ">Start<" in text and ">Reset<" in text and "Hide names" in text


def test_a_section_nobody_answered_has_no_timer(alice_client, assessment):
    assert _has_no_timer(alice_client.get(_section(assessment, "value")).content.decode())


def test_a_section_with_everything_settled_has_no_timer(alice_client, assessment):
    alice_client.post(_agree(assessment), {field_name("own_authority"): "no"})

    text = alice_client.get(_section(assessment)).content.decode()

    assert "Nothing left to do here" in text
    assert _has_no_timer(text)


def test_a_section_with_nobody_asked_has_no_timer(alice_client, world):
    quiet = services.assessment_start(
        pilot=services.pilot_create(client=world.objects["client"], name="Quiet pilot"),
        user=world.owner,
    )

    text = alice_client.get(_section(quiet)).content.decode()

    assert "Nobody has been asked to answer on their own yet" in text
    assert _has_no_timer(text)


def test_a_section_the_assessment_already_answers_says_there_is_nothing_to_compare(
    alice_client, world, assessment
):
    for question_id, value in (("basic_built_by", "own_team"), ("basic_if_it_works", "Ship it")):
        services.agreed_answer_save(
            assessment=assessment, question_id=question_id, value=value, user=world.owner
        )

    text = " ".join(alice_client.get(_section(assessment, "basics")).content.decode().split())

    assert "the assessment already answers its questions: there is nothing to compare" in text
    assert "fill them in together" not in text


def test_a_question_skip_logic_hides_is_not_counted_as_unanswered(alice_client, world, assessment):
    # Built in-house: nobody is asked about a handover from a contractor.
    services.agreed_answer_save(
        assessment=assessment, question_id="basic_built_by", value="own_team", user=world.owner
    )
    rubric = rubric_for_assessment(assessment)
    # Hidden: the handover (built in-house) and the confidence threshold (every output
    # is reviewed, in the world's oversight).
    hidden = {"own_handover", "ov_threshold_policy"}
    asked = [q for q in rubric.questions if q.id not in hidden]
    # own_authority has answers; basic_built_by now has one in the assessment.
    blank = len(asked) - 2

    page = alice_client.get(reverse("workshop_agenda", args=[assessment.id])).content.decode()

    assert f"{blank} questions have no answer yet" in " ".join(page.split())


def test_settled_questions_are_folded_away_below_the_open_ones(
    alice_client, world, assessment, priya
):
    _answer_as(world, assessment, priya, "own_named_when", "before")
    services.agreed_answer_save(
        assessment=assessment, question_id="own_named_when", value="before", user=world.owner
    )
    text = alice_client.get(_section(assessment)).content.decode()
    assert "Settled: 1 question with an agreed answer" in text
    assert text.index("To talk through") < text.index('id="ws-q-own_authority"')
    assert text.index("Settled: 1 question") < text.index('id="ws-q-own_named_when"')


def test_an_answer_everyone_gave_can_be_recorded_for_the_whole_section_at_once(
    alice_client, world, assessment, priya
):
    _answer_as(world, assessment, priya, "own_named_when", "after")
    _answer_as(world, assessment, priya, "own_duties", not_sure=True)
    second = services.respondent_add(assessment=assessment, name="Tom Reed")
    _answer_as(world, assessment, second, "own_named_when", "after")
    text = alice_client.get(_section(assessment)).content.decode()
    assert "Everyone gave the same answer, not recorded yet" in text
    assert "Record this answer as agreed (1)" in text
    response = alice_client.post(
        reverse("workshop_record_unanimous", args=[assessment.id, "ownership"]), follow=True
    )
    assert "Recorded 1 answer everyone gave alike." in response.content.decode()
    assert _agreed(assessment, "own_named_when").value == "after"
    # Not the ones still in question: a "not sure", and the one Priya disagrees with.
    assert _agreed(assessment, "own_duties") is None
    assert _agreed(assessment, "own_authority").value is True


def test_recording_with_nothing_everyone_gave_alike_says_so(alice_client, assessment):
    response = alice_client.post(
        reverse("workshop_record_unanimous", args=[assessment.id, "ownership"]), follow=True
    )
    assert "Nothing to record: no answer here is shared by everyone yet." in (
        response.content.decode()
    )
    assert _agreed(assessment, "own_authority").value is True


def test_a_lone_answer_waits_for_the_rooms_view(alice_client, world, assessment, priya):
    _answer_as(world, assessment, priya, "own_named_when", "after")
    text = alice_client.get(_section(assessment)).content.decode()
    assert "Answered by one person" in text
    assert text.index("Answered by one person") < text.index('id="ws-q-own_named_when"')


def test_people_who_have_not_answered_a_question_are_named(alice_client, world, assessment):
    services.respondent_add(assessment=assessment, name="Tom Reed")
    text = alice_client.get(_section(assessment)).content.decode()
    assert 'No answer yet: <span class="ws-people-list">Tom Reed</span>' in text


def test_next_skips_sections_with_nothing_left_to_do(alice_client, world, assessment, priya):
    _answer_as(world, assessment, priya, "ov_test_cases", 40)
    text = alice_client.get(_section(assessment)).content.decode()
    assert f'href="{_section(assessment, "oversight")}">Next: Oversight and quality →' in text
    last = alice_client.get(_section(assessment, "oversight")).content.decode()
    assert "Nothing left open here: wrap up" in last


def test_an_unknown_section_is_a_404(alice_client, assessment):
    assert alice_client.get(_section(assessment, "nowhere")).status_code == 404


# Recording what the room agrees ---------------------------------------------------------


def test_agreeing_on_an_answer_records_it_rescores_and_replies_with_the_question(
    alice_client, assessment
):
    before = Assessment.objects.get(pk=assessment.pk).scored_at
    response = alice_client.post(
        _agree(assessment), {field_name("own_authority"): "no"}, headers={"HX-Request": "true"}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Recorded as agreed: “No”" in text
    assert 'id="ws-q-own_authority"' in text
    assert "✓ Agreed" in text
    assert 'id="ws-stepper"' in text and 'hx-swap-oob="true"' in text
    # The section's summary follows: the room has settled its only question.
    assert 'id="ws-summary"' in text and "Nothing left to do here" in text
    assert _agreed(assessment, "own_authority").value is False
    assert Assessment.objects.get(pk=assessment.pk).scored_at > before


def test_agreeing_updates_the_settled_count_at_the_foot_of_the_section(
    alice_client, world, assessment, priya
):
    _answer_as(world, assessment, priya, "own_named_when", "before")
    services.agreed_answer_save(
        assessment=assessment, question_id="own_named_when", value="before", user=world.owner
    )
    assert "Settled: 1 question with" in alice_client.get(_section(assessment)).content.decode()

    response = alice_client.post(
        _agree(assessment), {field_name("own_authority"): "no"}, headers={"HX-Request": "true"}
    )
    text = response.content.decode()
    assert (
        '<summary id="ws-settled-summary" hx-swap-oob="true">'
        "Settled: 2 questions with an agreed answer</summary>"
    ) in text


def test_a_section_with_nothing_settled_keeps_the_settled_line_out_of_sight(
    alice_client, assessment
):
    text = alice_client.get(_section(assessment)).content.decode()
    assert '<details class="ws-settled-group" hidden>' in text


def test_agreeing_keeps_the_evidence_already_given(alice_client, world, assessment):
    services.agreed_answer_save(
        assessment=assessment,
        question_id="own_authority",
        value=True,
        evidence="Signed off by the board in March",
        user=world.owner,
    )
    alice_client.post(_agree(assessment), {field_name("own_authority"): "no"})
    agreed = _agreed(assessment, "own_authority")
    assert agreed.value is False
    assert agreed.evidence == "Signed off by the board in March"


def test_without_javascript_agreeing_returns_to_the_question_with_a_confirmation(
    alice_client, assessment
):
    response = alice_client.post(_agree(assessment), {field_name("own_authority"): "no"})
    assert response.status_code == 302
    assert response["Location"] == _section(assessment) + "#ws-q-own_authority"
    page = alice_client.get(response["Location"]).content.decode()
    assert "Recorded as agreed: “No”" in page
    # Shown once, beside its question.
    assert "Recorded as agreed" not in alice_client.get(_section(assessment)).content.decode()


def test_adopting_a_persons_answer_names_them(alice_client, assessment, priya):
    response = alice_client.post(
        _agree(assessment), {"respondent": priya.id}, headers={"HX-Request": "true"}
    )
    assert "Recorded as agreed: “No”, as Priya Shah answered" in response.content.decode()
    assert _agreed(assessment, "own_authority").value is False


def test_a_number_the_room_settles_on_can_be_recorded(alice_client, world, assessment, priya):
    _answer_as(world, assessment, priya, "ov_test_cases", 40)
    page = alice_client.get(_section(assessment, "oversight")).content.decode()
    assert "Or record what the room agrees on (a number of cases)" in page
    response = alice_client.post(
        _agree(assessment, "ov_test_cases", "oversight"),
        {field_name("ov_test_cases"): "1,200"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Recorded as agreed: “1,200 cases”" in response.content.decode()
    assert _agreed(assessment, "ov_test_cases").value == 1200


def test_a_written_answer_can_be_adopted(alice_client, world, assessment, priya):
    _answer_as(world, assessment, priya, "basic_if_it_works", "Every call summary lands in the CRM")
    response = alice_client.post(
        _agree(assessment, "basic_if_it_works", "basics"),
        {"respondent": priya.id},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert _agreed(assessment, "basic_if_it_works").value == "Every call summary lands in the CRM"


# Priya's own answers, so each question below is on the workshop's page.
PRIYA_SAID = {"own_authority": False, "own_named_when": "before", "ov_test_cases": 40}


@pytest.mark.parametrize(
    ("question_id", "section", "posted", "message"),
    [
        ("own_authority", "ownership", "maybe", "Choose yes or no."),
        ("own_named_when", "ownership", "whenever", "Choose one of the answers."),
        ("own_authority", "ownership", "", "Choose or enter the answer the room agrees on."),
        ("ov_test_cases", "oversight", "lots", "Enter a number."),
        ("ov_test_cases", "oversight", "-5", "Enter at least 0."),
    ],
)
def test_a_bad_answer_is_refused_in_place_and_changes_nothing(
    alice_client, world, assessment, priya, question_id, section, posted, message
):
    _answer_as(world, assessment, priya, question_id, PRIYA_SAID[question_id])
    before = list(Answer.objects.filter(assessment=assessment, respondent=None).values())
    response = alice_client.post(
        _agree(assessment, question_id, section),
        {field_name(question_id): posted},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert list(Answer.objects.filter(assessment=assessment, respondent=None).values()) == before


def test_a_refused_number_keeps_what_was_typed_beside_its_message(
    alice_client, world, assessment, priya
):
    _answer_as(world, assessment, priya, "ov_test_cases", 40)
    response = alice_client.post(
        _agree(assessment, "ov_test_cases", "oversight"),
        {field_name("ov_test_cases"): "1,5"},
        headers={"HX-Request": "true"},
    )
    text = response.content.decode()
    assert response.status_code == 422
    assert "Use a point for decimals (1.5)" in text
    assert 'value="1,5" aria-invalid="true" aria-describedby="ws-error-ov_test_cases"' in text
    assert 'id="ws-error-ov_test_cases"' in text
    assert _agreed(assessment, "ov_test_cases") is None


def test_without_javascript_a_refused_answer_comes_back_beside_its_question(
    alice_client, world, assessment, priya
):
    _answer_as(world, assessment, priya, "basic_if_it_works", "Summaries land in the CRM")
    too_long = "x" * 5001
    response = alice_client.post(
        _agree(assessment, "basic_if_it_works", "basics"),
        {field_name("basic_if_it_works"): too_long},
        follow=True,
    )
    text = response.content.decode()
    question = text[text.index('id="ws-q-basic_if_it_works"') :]
    assert "Keep it under 5,000 characters." in question
    assert f">{too_long}</textarea>" in question
    assert _agreed(assessment, "basic_if_it_works") is None


def test_a_question_from_another_section_is_a_404(alice_client, assessment):
    url = _agree(assessment, "own_authority", "outcome")
    assert alice_client.post(url, {field_name("own_authority"): "no"}).status_code == 404
    assert _agreed(assessment, "own_authority").value is True


@pytest.mark.parametrize("respondent", ["", "abc", "999999"])
def test_agreeing_with_someone_not_asked_is_a_404(alice_client, assessment, respondent):
    assert alice_client.post(_agree(assessment), {"respondent": respondent}).status_code == 404
    assert _agreed(assessment, "own_authority").value is True


def test_a_viewer_follows_the_workshop_but_cannot_record(client, victor, assessment):
    client.force_login(victor)
    text = client.get(_section(assessment)).content.decode()
    assert 'id="ws-q-own_authority"' in text
    assert "You are following along: only editors can record answers." in text
    assert "Agree on this" not in text
    response = client.post(_agree(assessment), {field_name("own_authority"): "no"})
    assert response.status_code == 403
    assert _agreed(assessment, "own_authority").value is True


def test_a_final_assessment_shows_the_workshop_read_only(alice_client, assessment):
    services.assessment_submit(assessment=assessment)
    text = alice_client.get(_section(assessment)).content.decode()
    assert "This assessment is final: its answers can no longer change." in text
    assert "Agree on this" not in text
    response = alice_client.post(
        _agree(assessment), {field_name("own_authority"): "no"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    assert "This assessment is final" in response.content.decode()
    assert _agreed(assessment, "own_authority").value is True


def test_a_final_assessments_workshop_is_a_record_with_no_timer_and_nothing_still_open(
    alice_client, assessment
):
    draft = " ".join(alice_client.get(_section(assessment)).content.decode().split())
    assert "data-timer" in draft and "1 to talk through" in draft and "still open" in draft
    services.assessment_submit(assessment=assessment)

    text = " ".join(alice_client.get(_section(assessment)).content.decode().split())

    assert "data-timer" not in text
    assert "Timebox" not in text
    assert "<strong>1 question was left unsettled</strong>" in text
    assert "to talk through" not in text.lower()
    assert "still open" not in text
    assert "1 left unsettled" in text
    assert "Answers differed, not settled" in text
    assert f'href="{reverse("workshop_wrap_up", args=[assessment.id])}">the wrap-up</a>' in text


def test_a_final_assessments_agenda_counts_what_was_left_unsettled_without_timeboxes(
    alice_client, assessment
):
    services.assessment_submit(assessment=assessment)

    text = " ".join(
        alice_client.get(reverse("workshop_agenda", args=[assessment.id])).content.decode().split()
    )

    assert "Final: 1 question was left unsettled" in text
    assert "to talk through</strong>" not in text
    assert "minutes" not in text
    assert "Timebox" not in text
    assert "Walk through it from Ownership" in text


def test_a_section_reads_a_fixed_number_of_queries(
    alice_client, world, assessment, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14) as small:
        alice_client.get(_section(assessment))
    questions = [q.id for q in rubric_for_assessment(assessment).questions_for_section("ownership")]
    for n in range(6):
        person = services.respondent_add(assessment=assessment, name=f"Person {n}")
        for question_id in questions:
            if question_id == "own_named_when":
                _answer_as(world, assessment, person, question_id, "before")
            elif question_id in {"own_authority", "own_handover"}:
                _answer_as(world, assessment, person, question_id, bool(n % 2))
    with django_assert_max_num_queries(len(small.captured_queries)):
        alice_client.get(_section(assessment))


def test_a_question_is_settled_when_the_room_agreed_after_everyones_answer(
    world, assessment, priya
):
    # The agreed "Yes" was typed before Priya answered, so the room has not spoken yet.
    assert agreed_since_people_answered(assessment) == set()
    services.agreed_answer_save(
        assessment=assessment,
        question_id="own_authority",
        value=True,
        evidence=None,
        user=world.owner,
        settled=True,
    )
    assert agreed_since_people_answered(assessment) == {"own_authority"}
    # Priya changes her mind afterwards: the question is open again.
    _answer_as(world, assessment, priya, "own_authority", True)
    assert agreed_since_people_answered(assessment) == set()


def test_an_answer_typed_in_the_questionnaire_after_everyones_does_not_settle_it(
    world, assessment, priya
):
    services.agreed_answer_save(
        assessment=assessment, question_id="own_authority", value=False, user=world.owner
    )

    assert agreed_since_people_answered(assessment) == set()


def test_saving_a_settled_answer_unchanged_keeps_it_settled_and_changing_it_reopens_it(
    world, assessment, priya
):
    def save(value, evidence=""):
        services.agreed_answer_save(
            assessment=assessment,
            question_id="own_authority",
            value=value,
            evidence=evidence,
            user=world.owner,
        )

    services.agreed_answer_save(
        assessment=assessment,
        question_id="own_authority",
        value=True,
        evidence=None,
        user=world.owner,
        settled=True,
    )
    save(True, evidence="Minutes of the board meeting")
    assert agreed_since_people_answered(assessment) == {"own_authority"}
    save(False)
    assert agreed_since_people_answered(assessment) == set()


def test_adopting_a_persons_answer_settles_the_question(world, assessment, priya):
    services.agreed_answer_adopt(
        assessment=assessment, respondent=priya, question_id="own_authority", user=world.owner
    )

    assert agreed_since_people_answered(assessment) == {"own_authority"}


# The wrap-up ----------------------------------------------------------------------------


def _wrap_up(assessment):
    return reverse("workshop_wrap_up", args=[assessment.id])


def test_the_wrap_up_lists_what_is_still_open_with_why_and_where(alice_client, assessment):
    page = alice_client.get(_wrap_up(assessment))
    text = page.content.decode()
    assert page.status_code == 200
    assert "0 questions settled" in text and "1 still open" in text
    assert f'{_section(assessment)}#ws-q-own_authority"' in text
    assert "answers differ or someone is not sure" in text
    assert "Nothing settled yet" in text
    assert reverse("assessment_results", args=[assessment.id]) in text


def test_the_wrap_up_lists_what_the_room_settled(alice_client, assessment):
    alice_client.post(_agree(assessment), {field_name("own_authority"): "no"})
    text = alice_client.get(_wrap_up(assessment)).content.decode()
    assert "1 question settled" in text and "nothing left open" in text
    assert "Nothing is left open: every question people answered has an agreed answer." in text
    settled = text[text.index('id="ws-settled-title"') :]
    assert "<strong>No</strong>" in settled


def test_the_last_section_leads_to_the_wrap_up(alice_client, world, assessment, priya):
    text = alice_client.get(_section(assessment)).content.decode()
    assert f'href="{_wrap_up(assessment)}">Nothing left open here: wrap up →' in text


def test_the_wrap_up_counts_what_nobody_asked_has_answered_in_a_sentence(alice_client, assessment):
    page = alice_client.get(_wrap_up(assessment))
    text = " ".join(page.content.decode().split())

    unanswered = page.context["unanswered"]
    assert unanswered > 1
    assert f" · {unanswered} questions not yet answered by anyone asked" in text
    assert "nobody asked has answered yet" not in text


def _quiet(world):
    """A draft nobody has answered anything in, nor asked anyone to."""
    return services.assessment_start(
        pilot=services.pilot_create(client=world.objects["client"], name="Quiet pilot"),
        user=world.owner,
    )


def test_the_wrap_up_with_nobody_asked_shows_no_counts_and_no_decision_yet(alice_client, world):
    quiet = _quiet(world)

    text = " ".join(alice_client.get(_wrap_up(quiet)).content.decode().split())

    assert "Nobody has been asked to answer on their own" in text
    assert "questions settled" not in text
    assert "nothing left open" not in text
    assert "not yet answered by anyone asked" not in text
    assert 'Decision now: <span class="muted">Not answered yet</span>' in text
    assert "Not yet<" not in text


def test_the_wrap_up_names_the_decision_as_the_dashboard_does_once_answered(
    alice_client, assessment
):
    assessment.refresh_from_db()
    assert assessment.progress_percent > 0

    text = " ".join(alice_client.get(_wrap_up(assessment)).content.decode().split())

    label = assessment.get_decision_display()
    assert (
        f'Decision now: <span class="decision decision-{assessment.decision}">{label}</span>'
        in text
    )
    assert "Not answered yet" not in text


def test_a_viewer_can_read_the_wrap_up(client, victor, assessment):
    client.force_login(victor)
    assert "1 still open" in client.get(_wrap_up(assessment)).content.decode()


# Keeping the current answer ---------------------------------------------------------------


def _article(page: str, question_id: str) -> str:
    start = page.index(f'id="ws-q-{question_id}"')
    return page[start : page.index("</article>", start)]


def test_the_current_answer_has_its_own_agree_button(alice_client, assessment):
    page = alice_client.get(_section(assessment)).content.decode()

    article = _article(page, "own_authority")
    assert 'name="keep" value="current"' in article
    assert "keep the current answer “Yes”" in article


def test_agreeing_on_the_current_answer_settles_the_question_without_changing_it(
    alice_client, world, assessment
):
    services.agreed_answer_save(
        assessment=assessment,
        question_id="own_authority",
        value=True,
        evidence="Signed off by the board in March",
        user=world.owner,
    )
    # Priya changes her "No" after that, so "Yes" is only the current answer, not agreed.
    priya = world.objects["respondent"]
    _answer_as(world, assessment, priya, "own_authority", not_sure=True)
    _answer_as(world, assessment, priya, "own_authority", False)
    assert "own_authority" not in agreed_since_people_answered(assessment)

    response = alice_client.post(
        _agree(assessment), {"keep": "current"}, headers={"HX-Request": "true"}
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "Recorded as agreed: “Yes”, the answer already recorded" in text
    assert "✓ Agreed" in text and "Nothing left to do here" in text
    assert 'name="keep"' not in text
    agreed = _agreed(assessment, "own_authority")
    assert (agreed.value, agreed.evidence) == (True, "Signed off by the board in March")
    assert "own_authority" in agreed_since_people_answered(assessment)


def test_without_javascript_keeping_the_current_answer_returns_with_a_confirmation(
    alice_client, assessment
):
    response = alice_client.post(_agree(assessment), {"keep": "current"})

    assert response.status_code == 302
    page = alice_client.get(response["Location"]).content.decode()
    assert "Recorded as agreed: “Yes”, the answer already recorded" in page
    assert "Settled: 1 question with an agreed answer" in page


def test_a_number_nobody_gave_can_be_kept_from_beside_the_current_answer(
    alice_client, world, assessment, priya
):
    services.agreed_answer_save(
        assessment=assessment, question_id="ov_test_cases", value=300, user=world.owner
    )
    _answer_as(world, assessment, priya, "ov_test_cases", 40)
    page = alice_client.get(_section(assessment, "oversight")).content.decode()
    assert 'name="keep" value="current"' in _article(page, "ov_test_cases")

    alice_client.post(_agree(assessment, "ov_test_cases", "oversight"), {"keep": "current"})

    assert _agreed(assessment, "ov_test_cases").value == 300
    assert "ov_test_cases" in agreed_since_people_answered(assessment)


def test_keeping_when_nothing_is_recorded_says_so_and_changes_nothing(
    alice_client, world, assessment, priya
):
    _answer_as(world, assessment, priya, "own_named_when", "after")
    before = db_fingerprint()

    response = alice_client.post(
        _agree(assessment, "own_named_when"), {"keep": "current"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 422
    assert "Nothing is recorded yet: choose the answer the room agrees on." in (
        response.content.decode()
    )
    assert db_fingerprint() == before


def test_a_viewer_sees_no_button_to_keep_the_current_answer(client, victor, assessment):
    client.force_login(victor)

    page = client.get(_section(assessment)).content.decode()

    assert 'name="keep"' not in page
    assert client.post(_agree(assessment), {"keep": "current"}).status_code == 403


def test_a_question_the_pilot_does_not_need_is_not_put_to_the_room(
    alice_client, world, assessment, priya
):
    # The assessment says the pilot was built in-house, so the handover question is
    # hidden; Priya thought a contractor built it and answered it all the same.
    services.agreed_answer_save(
        assessment=assessment, question_id="basic_built_by", value="own_team", user=world.owner
    )
    _answer_as(world, assessment, priya, "basic_built_by", "contractor")
    _answer_as(world, assessment, priya, "own_handover", False)

    ownership = alice_client.get(_section(assessment)).content.decode()
    basics = alice_client.get(_section(assessment, "basics")).content.decode()

    assert 'id="ws-q-own_handover"' not in ownership
    assert 'id="ws-q-basic_built_by"' in basics
    before = db_fingerprint()
    response = alice_client.post(
        _agree(assessment, "own_handover"), {field_name("own_handover"): "yes"}, follow=True
    )
    assert "no longer applies to this pilot" in response.content.decode()
    hx = alice_client.post(
        _agree(assessment, "own_handover"),
        {field_name("own_handover"): "yes"},
        headers={"HX-Request": "true"},
    )
    assert hx.headers["HX-Redirect"] == _section(assessment)
    assert db_fingerprint() == before


# Two people of the same name -------------------------------------------------------------


def test_people_who_share_a_name_are_told_apart_by_their_roles(alice_client, world, assessment):
    # Priya Shah, operations lead, said "No" to own_authority; this Priya has not answered.
    services.respondent_add(assessment=assessment, name="Priya Shah", role="Finance")
    other = services.respondent_add(assessment=assessment, name="Sam Ortiz")

    article = _article(alice_client.get(_section(assessment)).content.decode(), "own_authority")

    assert '<span class="ws-person">Priya Shah (Operations lead)</span>' in article
    silent = article[article.index("No answer yet:") :]
    assert "Priya Shah (Finance)" in silent
    # Someone whose name is theirs alone is named as before.
    assert f"{other.name}</span>" in silent or f", {other.name}" in silent
    assert "Sam Ortiz (" not in silent


def test_only_an_answer_that_is_scored_is_called_scored(alice_client, world, assessment, priya):
    services.agreed_answer_save(
        assessment=assessment, question_id="basic_built_by", value="own_team", user=world.owner
    )
    _answer_as(world, assessment, priya, "basic_built_by", "vendor")

    basics = alice_client.get(_section(assessment, "basics")).content.decode()
    ownership = alice_client.get(_section(assessment)).content.decode()

    built_by = " ".join(_article(basics, "basic_built_by").split())
    assert "Current answer: <strong>Our own team</strong>" in built_by
    assert "(scored)" not in built_by
    assert "(scored)" in _article(ownership, "own_authority")


@pytest.mark.parametrize(
    ("page", "shown"),
    [("workshop_agenda", "31 people asked"), ("workshop_wrap_up", "1 still open")],
)
def test_the_agenda_and_wrap_up_read_a_fixed_number_of_queries(
    alice_client, world, assessment, page, shown, django_assert_max_num_queries
):
    url = reverse(page, args=[assessment.id])
    with django_assert_max_num_queries(14) as small:
        alice_client.get(url)
    for n in range(30):
        person = services.respondent_add(assessment=assessment, name=f"Person {n}")
        if n % 3:
            _answer_as(world, assessment, person, "own_authority", bool(n % 2))
        if n % 3 == 1:
            services.respondent_finish(respondent=person)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = alice_client.get(url)
    assert shown in response.content.decode()


def test_the_agenda_tells_a_person_who_handed_in_nothing_from_one_who_finished(
    alice_client, world, assessment
):
    priya = world.objects["respondent"]
    Answer.objects.filter(respondent=priya).delete()
    services.respondent_finish(respondent=priya)

    text = alice_client.get(reverse("workshop_agenda", args=[assessment.id])).content.decode()

    assert "Handed in with no answers" in text
    assert ">Finished<" not in text
