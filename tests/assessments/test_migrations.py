import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection

from assessments.models import Assessment
from assessments.services import answer_save, assessment_submit, pilot_create, respondent_add

clearing = importlib.import_module("assessments.migrations.0002_drafts_store_no_scorecard")
settling = importlib.import_module("assessments.migrations.0008_answer_settled_at")
sorting = importlib.import_module(
    "assessments.migrations.0010_clients_and_pilots_sort_by_name_ignoring_case_and_accents"
)


def test_drafts_lose_their_old_stored_scorecard_and_submitted_ones_keep_theirs(world):
    draft = world.objects["assessment"]
    Assessment.objects.filter(pk=draft.pk).update(scorecard={"decision": "go"})
    other_pilot = pilot_create(client=draft.pilot.client, name="Invoice matching")
    later = Assessment.objects.create(pilot=other_pilot, rubric=draft.rubric)
    answer_save(assessment=later, question_id="own_authority", value=True, user=later.started_by)
    submitted = assessment_submit(assessment=later)
    submitted.refresh_from_db()
    frozen = submitted.scorecard

    clearing.clear_draft_scorecards(apps, None)

    draft.refresh_from_db()
    submitted.refresh_from_db()
    assert draft.scorecard is None
    assert frozen is not None
    assert submitted.scorecard == frozen


def test_answers_agreed_after_everyones_own_count_as_settled_once_migrated(world):
    from datetime import timedelta

    from django.utils import timezone

    from assessments.models import Answer
    from assessments.selectors import agreed_since_people_answered

    assessment = world.objects["assessment"]
    now = timezone.now()
    agreed = Answer.objects.filter(assessment=assessment, respondent=None)
    people = Answer.objects.filter(assessment=assessment, respondent__isnull=False)
    # own_authority: the agreed answer came after Priya's, as a workshop records it.
    people.filter(question_id="own_authority").update(updated_at=now - timedelta(hours=1))
    agreed.filter(question_id="own_authority").update(updated_at=now, settled_at=None)
    assert agreed_since_people_answered(assessment) == set()

    settling.settle_what_was_settled(apps, None)

    assert agreed_since_people_answered(assessment) == {"own_authority"}
    assert agreed.get(question_id="own_authority").settled_at == now


def test_answers_agreed_before_someones_own_stay_open_once_migrated(world):
    from datetime import timedelta

    from django.utils import timezone

    from assessments.models import Answer

    assessment = world.objects["assessment"]
    now = timezone.now()
    Answer.objects.filter(assessment=assessment, respondent__isnull=False).update(updated_at=now)
    Answer.objects.filter(assessment=assessment, respondent=None).update(
        updated_at=now - timedelta(hours=1), settled_at=None
    )

    settling.settle_what_was_settled(apps, None)

    assert not Answer.objects.filter(assessment=assessment, settled_at__isnull=False).exists()


def test_clients_and_pilots_made_before_get_their_sort_names_once_migrated(world):
    from assessments.models import Client, Pilot

    client, pilot = world.objects["client"], world.objects["pilot"]
    Client.objects.filter(pk=client.pk).update(name="Ñandú Bakery", sort_name="")
    Pilot.objects.filter(pk=pilot.pk).update(sort_name="")

    sorting.fill_sort_names(apps, None)

    client.refresh_from_db()
    pilot.refresh_from_db()
    assert client.sort_name == "nandu bakery"
    assert pilot.sort_name == "quote follow-ups"


one_draft = importlib.import_module("assessments.migrations.0012_one_draft_per_pilot")
ONE_DRAFT_RULE = next(
    rule for rule in Assessment._meta.constraints if rule.name == "assessment_one_draft_per_pilot"
)


@pytest.fixture
def drafts_may_repeat(db):
    """The database as it was before the rule: a pilot may have several drafts. The
    test's rollback brings the rule back."""
    with connection.schema_editor() as editor:
        editor.remove_constraint(Assessment, ONE_DRAFT_RULE)


def _extra_draft(of: Assessment, minutes_later: int) -> Assessment:
    return Assessment.objects.create(
        pilot=of.pilot,
        rubric=of.rubric,
        started_at=of.started_at + timedelta(minutes=minutes_later),
    )


def _the_rule_holds() -> None:
    with connection.schema_editor() as editor:
        editor.add_constraint(Assessment, ONE_DRAFT_RULE)


def test_empty_extra_drafts_go_and_the_one_holding_answers_stays(world, drafts_may_repeat):
    answered = world.objects["assessment"]
    empty = [_extra_draft(answered, minutes) for minutes in (1, 2)]
    made_final = _extra_draft(answered, 3)
    answer_save(assessment=made_final, question_id="own_authority", value=True, user=None)
    final = assessment_submit(assessment=made_final)

    one_draft.settle_duplicate_drafts(apps, None)

    assert set(answered.pilot.assessments.all()) == {answered, final}
    assert not Assessment.objects.filter(pk__in=[draft.pk for draft in empty]).exists()
    assert answered.answers.exists()
    _the_rule_holds()


def test_of_empty_drafts_only_the_newest_the_pages_show_stays(world, drafts_may_repeat):
    pilot = pilot_create(client=world.objects["client"], name="Invoice matching")
    first = Assessment.objects.create(pilot=pilot, rubric=world.objects["assessment"].rubric)
    newest = [_extra_draft(first, minutes) for minutes in (1, 2)][-1]

    one_draft.settle_duplicate_drafts(apps, None)

    assert list(pilot.assessments.all()) == [newest]
    _the_rule_holds()


def test_drafts_that_each_hold_something_stop_the_migration_and_nothing_changes(
    world, drafts_may_repeat
):
    answered = world.objects["assessment"]
    invited = _extra_draft(answered, 1)
    respondent_add(assessment=invited, name="Ola Berg")  # someone has a link to answer
    empty = _extra_draft(answered, 2)

    with pytest.raises(RuntimeError) as stopped:
        one_draft.settle_duplicate_drafts(apps, None)

    message = str(stopped.value)
    assert f"pilot {answered.pilot_id}: drafts {invited.pk}, {answered.pk}" in message
    assert "mark the others final from their results page" in message
    assert set(answered.pilot.assessments.all()) == {answered, invited, empty}


def test_pilots_with_one_draft_each_are_left_alone(world, drafts_may_repeat):
    draft = world.objects["assessment"]
    other = pilot_create(client=world.objects["client"], name="Invoice matching")
    other_draft = Assessment.objects.create(pilot=other, rubric=draft.rubric)

    one_draft.settle_duplicate_drafts(apps, None)

    assert set(Assessment.objects.all()) == {draft, other_draft}
