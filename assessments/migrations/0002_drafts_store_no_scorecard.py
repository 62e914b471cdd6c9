"""Drafts no longer store their full scorecard: it is scored afresh wherever it is shown.

Clear the copies drafts kept from before, so no stale scorecard lingers in the admin.
Submitted assessments keep theirs, frozen on submit.
"""

from django.db import migrations


def clear_draft_scorecards(apps, schema_editor):
    Assessment = apps.get_model("assessments", "Assessment")
    Assessment.objects.filter(status="draft").update(scorecard=None)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(clear_draft_scorecards, migrations.RunPython.noop)]
