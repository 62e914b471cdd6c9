"""Who answered on their own and where they disagreed, as the report snapshot keeps it."""

from dataclasses import replace

from assessments.disagreement import Person, spread
from assessments.rubric.loader import bundled_rubric
from assessments.scoring import samples
from assessments.scoring.inputs import AnswerIn
from reports.snapshot import TeamMember
from reports.snapshot_format import snapshot_digest, validate_snapshot
from tests.reports.snapshots import june_snapshot

RUBRIC = bundled_rubric()
# samples.ready_pilot() answers own_authority "yes" and ov_stakes with a choice.
AUTHORITY = RUBRIC.questions_by_id["own_authority"]
STAKES = RUBRIC.questions_by_id["ov_stakes"]
TEST_CASES = RUBRIC.questions_by_id["ov_test_cases"]
NEXT_STEP = RUBRIC.questions_by_id["basic_if_it_works"]
BUILT_BY = RUBRIC.questions_by_id["basic_built_by"]


def _a(question, value=None, *, not_sure=False) -> AnswerIn:
    return AnswerIn(question_id=question.id, value=value, not_sure=not_sure, evidence="")


def _agreeing(inp, *questions) -> dict[str, AnswerIn]:
    """The assessment's own answers to these questions, given again by someone."""
    return {q.id: inp.answers[q.id] for q in questions}


def _snapshot(inp, team=()):
    return june_snapshot(inp, team=team)


def test_an_assessment_nobody_answered_on_their_own_has_no_such_section():
    snapshot = _snapshot(samples.ready_pilot())

    validate_snapshot(snapshot)
    assert snapshot["disagreements"] is None


def test_people_asked_who_have_not_answered_yet_give_no_section():
    snapshot = _snapshot(samples.ready_pilot(), [TeamMember("Ana", "Ops", False, {})])

    assert snapshot["disagreements"] is None


def test_a_different_answer_is_listed_beside_the_agreed_one_with_every_persons_answer():
    inp = samples.ready_pilot()
    team = [
        TeamMember("Ana Diaz", "Operations lead", True, {AUTHORITY.id: _a(AUTHORITY, False)}),
        TeamMember("Ben Cole", "Sales rep", False, _agreeing(inp, STAKES)),
    ]

    snapshot = _snapshot(inp, team)

    validate_snapshot(snapshot)
    (listed,) = snapshot["disagreements"]["questions"]
    assert listed["id"] == AUTHORITY.id
    assert listed["prompt"] == AUTHORITY.prompt
    assert listed["section"] == "Ownership"
    assert listed["feeds"] == (
        "Feeds the Ownership gap (“The owner has the time and the authority to run it”)."
    )
    assert listed["verdict"] == "disagree"
    assert listed["agreed"] == "Yes"
    assert listed["answers"] == [{"name": "Ana Diaz", "answer": "No"}]
    assert listed["no_answer"] == ["Ben Cole"]
    assert snapshot["disagreements"]["agreed"] == 1, "ov_stakes agreed and is only counted"


def test_someone_who_has_answered_nothing_is_left_out_of_every_question():
    inp = samples.ready_pilot()
    team = [
        TeamMember("Ana Diaz", "Operations lead", True, {AUTHORITY.id: _a(AUTHORITY, False)}),
        TeamMember("Cleo Park", "Finance", False, {}),
    ]

    snapshot = _snapshot(inp, team)

    validate_snapshot(snapshot)
    (listed,) = snapshot["disagreements"]["questions"]
    assert listed["answers"] == [{"name": "Ana Diaz", "answer": "No"}]
    assert listed["no_answer"] == []
    assert "Cleo Park" in [p["name"] for p in snapshot["disagreements"]["people"]]


def test_two_people_with_one_name_are_told_apart_by_their_role_or_a_number():
    inp = samples.ready_pilot()
    no = {AUTHORITY.id: _a(AUTHORITY, False)}
    team = [
        TeamMember("Sam Lee", "Sales rep", True, no),
        TeamMember("Sam Lee", "Finance lead", True, no),
        TeamMember("Jo Kim", "Ops", True, no),
        TeamMember("Jo Kim", "Ops", True, _agreeing(inp, STAKES)),
    ]

    snapshot = _snapshot(inp, team)

    validate_snapshot(snapshot)
    (listed,) = snapshot["disagreements"]["questions"]
    assert [a["name"] for a in listed["answers"]] == [
        "Sam Lee (Sales rep)",
        "Sam Lee (Finance lead)",
        "Jo Kim #1",
    ]
    assert listed["no_answer"] == ["Jo Kim #2"]
    people = snapshot["disagreements"]["people"]
    assert [p.get("label") for p in people] == [None, None, "Jo Kim #1", "Jo Kim #2"]


def test_names_that_differ_only_by_case_or_accents_count_as_one_name():
    inp = samples.ready_pilot()
    no = {AUTHORITY.id: _a(AUTHORITY, False)}
    team = [
        TeamMember("Lina Chow", "Finance", True, no),
        TeamMember("Lína Chow", "", True, no),
        TeamMember("lina chow", "finance", True, no),
    ]

    (listed,) = _snapshot(inp, team)["disagreements"]["questions"]

    assert [a["name"] for a in listed["answers"]] == [
        "Lina Chow #1",
        "Lína Chow #2",
        "lina chow #3",
    ]


def test_who_answered_is_named_with_role_progress_and_whether_they_finished():
    inp = samples.ready_pilot()
    team = [
        TeamMember("Ana Diaz", "Operations lead", True, _agreeing(inp, AUTHORITY, STAKES)),
        TeamMember("Ben Cole", "", False, {}),
    ]

    people = _snapshot(inp, team)["disagreements"]["people"]

    assert [(p["name"], p["role"], p["finished"], p["answered"]) for p in people] == [
        ("Ana Diaz", "Operations lead", True, 2),
        ("Ben Cole", "", False, 0),
    ]
    assert people[0]["total"] >= 2


def test_not_sure_is_listed_as_unsure_and_not_as_a_difference():
    inp = samples.ready_pilot()
    team = [
        TeamMember("Ana Diaz", "", True, {STAKES.id: _a(STAKES, not_sure=True)}),
        TeamMember("Ben Cole", "", True, _agreeing(inp, STAKES)),
    ]

    team_section = _snapshot(inp, team)["disagreements"]

    (listed,) = team_section["questions"]
    assert listed["id"] == STAKES.id
    assert listed["verdict"] == "unsure"
    assert "Not sure" in [a["answer"] for a in listed["answers"]]
    assert team_section["agreed"] == 0


def test_the_assessment_itself_being_not_sure_counts_too():
    ready = samples.ready_pilot()
    inp = replace(ready, answers=dict(ready.answers) | {STAKES.id: _a(STAKES, not_sure=True)})
    team = [TeamMember("Ana Diaz", "", True, {STAKES.id: _a(STAKES, STAKES.options[0].value)})]

    (listed,) = _snapshot(inp, team)["disagreements"]["questions"]

    assert (listed["id"], listed["verdict"], listed["agreed"]) == (STAKES.id, "unsure", "Not sure")


def test_the_list_follows_the_disagreements_pages_rule():
    inp = samples.ready_pilot()
    agreed_cases = inp.answers[TEST_CASES.id].value
    team_answers = {
        AUTHORITY.id: _a(AUTHORITY, False),
        STAKES.id: inp.answers[STAKES.id],
        TEST_CASES.id: _a(TEST_CASES, agreed_cases * 10),
        NEXT_STEP.id: _a(NEXT_STEP, "Roll it out to the whole team"),
    }
    team = [TeamMember("Ana Diaz", "", True, team_answers)]
    page = spread(RUBRIC, [Person(0, "Ana Diaz")], {0: team_answers}, inp.answers).questions

    team_section = _snapshot(inp, team)["disagreements"]

    assert [q["id"] for q in team_section["questions"]] == [q.id for q in page if q.to_talk_through]
    assert {q["id"] for q in team_section["questions"]} == {AUTHORITY.id, TEST_CASES.id}
    assert team_section["written"] == 1, "a written answer is counted, never listed"
    assert team_section["agreed"] == 1


def test_who_disagreed_is_part_of_the_snapshot_digest():
    inp = samples.ready_pilot()
    one = _snapshot(inp, [TeamMember("Ana Diaz", "", True, {AUTHORITY.id: _a(AUTHORITY, False)})])
    other = _snapshot(inp, [TeamMember("Ana Diaz", "", True, {AUTHORITY.id: _a(AUTHORITY, True)})])

    assert snapshot_digest(one) != snapshot_digest(other)
    assert snapshot_digest(one) != snapshot_digest(_snapshot(inp))


def test_a_disagreement_on_the_stakes_names_the_gate_it_feeds():
    inp = samples.ready_pilot()
    other = next(o.value for o in STAKES.options if o.value != inp.answers[STAKES.id].value)
    team = [TeamMember("Ana Diaz", "Operations lead", True, {STAKES.id: _a(STAKES, other)})]

    (listed,) = _snapshot(inp, team)["disagreements"]["questions"]

    gate = RUBRIC.criteria_by_id["ov_human_review"].title
    assert listed["feeds"] == f"Feeds the Oversight and quality gap and the gate “{gate}”."


def test_a_disagreement_on_a_question_that_is_not_scored_says_so():
    inp = samples.ready_pilot()
    inp = replace(inp, answers={**inp.answers, BUILT_BY.id: _a(BUILT_BY, "own_team")})
    team = [
        TeamMember(
            "Ana Diaz",
            "Operations lead",
            True,
            {BUILT_BY.id: _a(BUILT_BY, "vendor"), AUTHORITY.id: _a(AUTHORITY, False)},
        )
    ]

    snapshot = _snapshot(inp, team)

    validate_snapshot(snapshot)
    listed = {q["id"]: q for q in snapshot["disagreements"]["questions"]}
    assert listed[BUILT_BY.id]["scored"] is False
    assert listed[AUTHORITY.id]["scored"] is True
