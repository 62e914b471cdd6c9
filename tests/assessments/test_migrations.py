import importlib

from django.apps import apps

from assessments.models import Assessment
from assessments.services import answer_save, assessment_submit

clearing = importlib.import_module("assessments.migrations.0002_drafts_store_no_scorecard")
settling = importlib.import_module("assessments.migrations.0008_answer_settled_at")
sorting = importlib.import_module(
    "assessments.migrations.0010_clients_and_pilots_sort_by_name_ignoring_case_and_accents"
)


def test_drafts_lose_their_old_stored_scorecard_and_submitted_ones_keep_theirs(world):
    draft = world.objects["assessment"]
    Assessment.objects.filter(pk=draft.pk).update(scorecard={"decision": "go"})
    later = Assessment.objects.create(pilot=draft.pilot, rubric=draft.rubric)
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
