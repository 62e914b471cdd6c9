"""What one answer feeds, worked out from the rubric: the gap, the gates, the payback."""

import copy

from assessments.feeds import answer_feeds
from assessments.rubric.loader import bundled_rubric, rubric_from_dict, rubric_to_dict

RUBRIC = bundled_rubric("1.0.0")


def _title(criterion_id: str) -> str:
    return RUBRIC.criteria_by_id[criterion_id].title


def test_an_answer_feeds_the_gap_and_the_criterion_it_is_scored_in():
    feeds = answer_feeds(RUBRIC, "own_authority")

    assert feeds.gaps == (("Ownership", (_title("own_time_authority"),)),)
    assert feeds.gates == ()
    assert feeds.text == f"Feeds the Ownership gap (“{_title('own_time_authority')}”)."


def test_the_stakes_answer_feeds_the_gate_its_check_reads_it_for():
    feeds = answer_feeds(RUBRIC, "ov_stakes")

    gate = _title("ov_human_review")
    assert feeds.gates == (gate,)
    assert feeds.text == f"Feeds the Oversight and quality gap and the gate “{gate}”."


def test_an_answer_scored_beside_a_gate_does_not_feed_the_gate_itself():
    # The threshold policy counts towards the human-review criterion, but the gate
    # passes or fails on its own check, which never reads it.
    feeds = answer_feeds(RUBRIC, "ov_threshold_policy")

    assert feeds.gates == ()
    assert feeds.gaps == (("Oversight and quality", (_title("ov_human_review"),)),)


def test_value_case_answers_feed_the_payback_criterion():
    feeds = answer_feeds(RUBRIC, "val_cost_complete")

    assert feeds.payback == _title("out_value_case")
    assert (
        feeds.text == "Feeds the Outcome and value gap "
        f"(the payback criterion “{_title('out_value_case')}”)."
    )


def test_the_measurability_answer_feeds_the_stop_rule():
    feeds = answer_feeds(RUBRIC, "out_measurable")

    assert feeds.stop_rule
    assert feeds.text.endswith("and the rule that stops a pilot whose outcome cannot be counted.")


def test_a_question_that_is_not_scored_says_so_and_what_it_decides():
    assert answer_feeds(RUBRIC, "basic_built_by").text == (
        "Not scored; decides whether another question is asked."
    )
    assert answer_feeds(RUBRIC, "basic_if_it_works").text == "Not scored."
    assert answer_feeds(RUBRIC, "no_such_question").text == "Not scored."
    assert not answer_feeds(RUBRIC, "basic_built_by").scored
    assert not answer_feeds(RUBRIC, "basic_if_it_works").scored


def test_a_question_that_feeds_a_gap_a_gate_or_the_stop_rule_is_scored():
    for question_id in ("own_authority", "ov_stakes", "out_measurable"):
        assert answer_feeds(RUBRIC, question_id).scored, question_id


def test_every_scored_question_feeds_a_gap():
    for question_id in RUBRIC.scored_question_ids:
        assert answer_feeds(RUBRIC, question_id).gaps, question_id


def test_the_feeds_follow_the_rubric_data():
    data = copy.deepcopy(rubric_to_dict(RUBRIC))
    criterion = next(c for c in data["criteria"] if c["id"] == "own_named_early")
    criterion["gate"] = {"check": "high_stakes_guarded", "failure": "Nobody checks it."}
    changed = rubric_from_dict(data)

    feeds = answer_feeds(changed, "ov_stakes")

    assert feeds.gates == (_title("own_named_early"), _title("ov_human_review"))
    assert [gap for gap, _ in feeds.gaps] == ["Ownership", "Oversight and quality"]
