"""The snapshot read from the database: the last final assessment and the people who answered."""

from datetime import UTC, datetime

from assessments import services
from assessments.scoring.engine import score
from assessments.selectors import assessment_input, rubric_for_version
from reports.pdf import render_pdf
from reports.snapshot_builder import snapshot_for_assessment
from reports.snapshot_format import snapshot_digest, validate_snapshot

from .conftest import pdf_text

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def _snapshot(assessment) -> dict:
    snapshot = snapshot_for_assessment(assessment, requested_by="Alice Owner", taken_at=NOW)
    validate_snapshot(snapshot)
    return snapshot


def test_the_snapshot_takes_the_clients_currency(world):
    assessment = world.objects["assessment"]
    services.client_update(client=assessment.pilot.client, data={"currency": "EUR"})
    services.value_case_save(pilot=assessment.pilot, data={"build_cost": 4200})

    snapshot = _snapshot(assessment)

    assert snapshot["client"]["currency"] == "EUR"
    value_case = next(r for r in snapshot["records"] if r["kind"] == "Value case")
    assert "Build cost €4,200; running cost not given" in value_case["lines"]


def _never_pays_back(assessment):
    # 40 items a month, 3 minutes each at 30 an hour: 60 a month, below the 400 it costs.
    services.value_case_save(
        pilot=assessment.pilot,
        data={
            "items_per_month": 40,
            "minutes_saved_per_item": 3,
            "hourly_cost": 30,
            "build_cost": 15000,
            "monthly_run_cost": 400,
        },
    )


def _pdf_words(snapshot) -> str:
    rendered = render_pdf(snapshot, reference="R-000001", snapshot_sha256=snapshot_digest(snapshot))
    return " ".join(pdf_text(rendered.content).split())


def test_a_stop_reason_in_the_report_writes_its_amounts_in_the_clients_currency(world):
    assessment = world.objects["assessment"]
    services.client_update(client=assessment.pilot.client, data={"currency": "EUR"})
    _never_pays_back(assessment)

    snapshot = _snapshot(assessment)

    said = "the monthly saving of €60 does not exceed the monthly running cost of €400."
    assert snapshot["decision"]["code"] == "stop"
    assert said in snapshot["decision"]["reasons_by_severity"][0]
    words = _pdf_words(snapshot)
    assert "€60 saved a month; €15,000 to build, €400 a month to run" in words
    assert words.count(said) == 2, "on page one and in the decision in full"


def test_a_stop_reason_in_the_report_of_a_client_without_a_currency_writes_bare_amounts(world):
    assessment = world.objects["assessment"]
    _never_pays_back(assessment)

    snapshot = _snapshot(assessment)

    said = "the monthly saving of 60 does not exceed the monthly running cost of 400."
    assert snapshot["client"]["currency"] == ""
    assert said in snapshot["decision"]["reasons_by_severity"][0]
    words = _pdf_words(snapshot)
    assert words.count(said) == 2
    assert "€" not in words


def test_a_first_assessment_has_nothing_to_compare_with(world):
    assert _snapshot(world.objects["assessment"])["since"] is None


def test_a_reassessment_is_compared_with_the_last_final_assessment(world, alice):
    first = world.objects["assessment"]
    services.assessment_submit(assessment=first)
    first.refresh_from_db()
    later = services.assessment_start(pilot=first.pilot, user=alice)

    since = _snapshot(later)["since"]

    assert since["previous_on"] == first.submitted_at.date().isoformat()
    assert since["decision_before"]["code"] == first.scorecard["decision"]
    assert [g["before"] for g in since["gaps"]] == [g["score"] for g in first.scorecard["gaps"]]


def test_a_reassessment_keeps_the_answers_changed_since_and_the_actions_done(world, alice):
    first = world.objects["assessment"]
    for question_id, value in (("own_authority", True), ("ado_fits_tools", "new_app")):
        services.answer_save(assessment=first, question_id=question_id, value=value, user=alice)
    services.assessment_submit(assessment=first)
    later = services.assessment_start(pilot=first.pilot, user=alice)
    services.assessment_carry_answers(assessment=later, source=first)
    services.answer_save(assessment=later, question_id="own_authority", value=False, user=alice)
    services.answer_save(
        assessment=later,
        question_id="ado_fits_tools",
        value="shaped",
        evidence="https://wiki.example.com/fit",
        user=alice,
    )

    since = _snapshot(later)["since"]

    assert [
        (a["before"], a["after"], a["direction"], a["evidence"]) for a in since["answers_changed"]
    ] == [
        ("Yes", "No", "worse", ""),
        (
            "In a new tool they must learn and open separately",
            "Inside their tools, placed where the users themselves asked",
            "better",
            "evidence added: a link",
        ),
    ]
    assert since["answers_changed"][0]["prompt"].startswith("Can the owner change the process")
    assert since["actions_done"] == [{"label": "It fits the tools and habits people already have"}]


def test_the_people_who_answered_and_where_they_differ_are_read_with_their_names(world):
    # The world's draft says yes to own_authority; Priya, asked on her own, said no.
    team = _snapshot(world.objects["assessment"])["disagreements"]

    assert team["people"] == [
        {
            "name": "Priya Shah",
            "role": "Operations lead",
            "finished": False,
            "answered": 1,
            "total": team["people"][0]["total"],
        }
    ]
    (listed,) = team["questions"]
    assert (listed["id"], listed["agreed"], listed["answers"]) == (
        "own_authority",
        "Yes",
        [{"name": "Priya Shah", "answer": "No"}],
    )


def test_a_difference_is_kept_as_unsettled_until_the_room_agrees_on_the_answer(world):
    assessment = world.objects["assessment"]
    (before,) = _snapshot(assessment)["disagreements"]["questions"]

    services.agreed_answer_save(
        assessment=assessment,
        question_id="own_authority",
        value=True,
        user=world.owner,
        settled=True,
    )
    (after,) = _snapshot(assessment)["disagreements"]["questions"]

    assert before["settled"] is False
    assert (after["id"], after["agreed"], after["settled"]) == ("own_authority", "Yes", True)


def test_a_person_who_said_they_had_finished_is_shown_as_finished(world):
    services.respondent_finish(respondent=world.objects["respondent"])

    team = _snapshot(world.objects["assessment"])["disagreements"]

    assert team["people"][0]["finished"] is True


def test_an_assessment_whose_people_have_not_answered_has_no_such_section(world):
    services.respondent_remove(respondent=world.objects["respondent"])
    services.respondent_add(assessment=world.objects["assessment"], name="Sam Ortiz")

    assert _snapshot(world.objects["assessment"])["disagreements"] is None


def test_a_draft_is_kept_as_not_final_with_its_unanswered_questions_counted(world):
    assessment = world.objects["assessment"]

    snapshot = _snapshot(assessment)

    # Counted as the results page counts them.
    card = score(assessment_input(assessment), rubric_for_version(assessment.rubric_id))
    assert snapshot["assessment"]["final"] is False
    assert snapshot["assessment"]["unanswered"] == len(card.unanswered) > 0


def test_a_final_assessment_is_kept_as_final(world):
    assessment = world.objects["assessment"]
    services.assessment_submit(assessment=assessment)
    assessment.refresh_from_db()

    assert _snapshot(assessment)["assessment"]["final"] is True


def test_an_action_marked_done_in_the_plan_is_kept_as_done(world):
    assessment = world.objects["assessment"]
    action = world.objects["action"]
    services.action_item_update(
        assessment=assessment, criterion_id=action.criterion_id, data={"status": "done"}
    )

    actions = _snapshot(assessment)["actions"]

    statuses = {a["title"]: a["status"] for a in actions}
    assert "done" in statuses.values()
    assert list(statuses.values()).count("done") == 1
    assert set(statuses.values()) == {"open", "done"}
