from assessments.models import Assessment
from assessments.scoring.engine import score
from assessments.scoring.scorecard import scorecard_to_dict
from assessments.selectors import assessment_input, rubric_for_version
from assessments.services import assessment_refresh_score


def test_the_stored_result_is_what_the_engine_says(world):
    assessment = world.objects["assessment"]
    Assessment.objects.filter(pk=assessment.pk).update(
        decision="", overall_score=None, scorecard=None, progress_percent=0
    )
    assessment.refresh_from_db()

    card = assessment_refresh_score(assessment)

    assessment.refresh_from_db()
    expected = score(assessment_input(assessment), rubric_for_version(assessment.rubric_id))
    assert card == expected
    assert assessment.decision == expected.decision
    assert assessment.overall_score == expected.overall
    assert 0 < assessment.progress_percent < 100
    # A draft's full scorecard is scored afresh wherever it is shown, never stored.
    assert assessment.scorecard is None


def test_submitting_stores_the_full_scorecard_frozen_with_the_records(world):
    from assessments.services import assessment_submit

    assessment = world.objects["assessment"]

    assessment_submit(assessment=assessment)

    assessment.refresh_from_db()
    expected = score(assessment_input(assessment), rubric_for_version(assessment.rubric_id))
    assert assessment.scorecard == scorecard_to_dict(expected)
    assert assessment.decision == expected.decision


def test_the_rubric_is_parsed_once_and_then_served_from_memory(world, django_assert_num_queries):
    assessment = world.objects["assessment"]
    rubric = rubric_for_version(assessment.rubric_id)

    # One query for the content hash; the definition is not read again.
    with django_assert_num_queries(1):
        assert rubric_for_version(assessment.rubric_id) is rubric


def test_rescoring_costs_the_same_queries_however_many_records_and_answers(
    world, alice, django_assert_num_queries
):
    from assessments import services

    assessment = world.objects["assessment"]
    assessment_refresh_score(assessment)
    # Five to read the input and one UPDATE; the rubric version came with the instance.
    with django_assert_num_queries(6) as few:
        assessment_refresh_score(assessment)

    pilot = world.objects["pilot"]
    for n in range(5):
        services.owner_add(pilot=pilot, name=f"Owner {n}")
        services.metric_add(pilot=pilot, name=f"Metric {n}", baseline=n)
        services.integration_add(pilot=pilot, system=f"System {n}")
    for question_id, value in [("own_named_when", "during"), ("ov_test_cases", 50)]:
        services.answer_save(
            assessment=assessment, question_id=question_id, value=value, user=alice
        )

    with django_assert_num_queries(len(few.captured_queries)):
        assessment_refresh_score(assessment)
