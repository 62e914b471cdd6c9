import importlib

from django.apps import apps

from assessments.models import Assessment
from assessments.services import assessment_submit

clearing = importlib.import_module("assessments.migrations.0002_drafts_store_no_scorecard")


def test_drafts_lose_their_old_stored_scorecard_and_submitted_ones_keep_theirs(world):
    draft = world.objects["assessment"]
    Assessment.objects.filter(pk=draft.pk).update(scorecard={"decision": "go"})
    submitted = assessment_submit(
        assessment=Assessment.objects.create(pilot=draft.pilot, rubric=draft.rubric)
    )
    submitted.refresh_from_db()
    frozen = submitted.scorecard

    clearing.clear_draft_scorecards(apps, None)

    draft.refresh_from_db()
    submitted.refresh_from_db()
    assert draft.scorecard is None
    assert frozen is not None
    assert submitted.scorecard == frozen
