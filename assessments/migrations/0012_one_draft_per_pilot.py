"""One draft assessment per pilot, enforced by the database.

Two presses of "Start" at once could each start a draft of the same pilot. Before the
rule is added, each pilot's extra drafts are settled without losing anything anyone
entered:

- a draft that holds nothing (no answer, person, action, report or any other row
  pointing at it) is deleted, unless every draft of the pilot is empty, in which case
  the newest, the one the pages already show, is kept;
- if a pilot still has more than one draft, each holding something, nothing is
  changed and the migration stops, naming them. Deciding which answers count is for
  the people who gave them: keep one draft, mark the others final from their results
  page or delete them in the admin, then migrate again.
"""

from django.db import connection, migrations, models


def _holds_anything(assessment) -> bool:
    for relation in assessment._meta.related_objects:
        related = relation.related_model._base_manager
        if related.filter(**{relation.field.name: assessment}).exists():
            return True
    return False


def settle_duplicate_drafts(apps, schema_editor):
    Assessment = apps.get_model("assessments", "Assessment")
    pilots = (
        Assessment.objects.filter(status="draft")
        .values("pilot_id")
        .annotate(drafts=models.Count("id"))
        .filter(drafts__gt=1)
        .values_list("pilot_id", flat=True)
    )
    empty, left = [], []
    for pilot_id in sorted(pilots):
        drafts = list(
            Assessment.objects.filter(pilot_id=pilot_id, status="draft").order_by(
                "-started_at", "-id"
            )
        )
        kept = [draft for draft in drafts if _holds_anything(draft)] or drafts[:1]
        empty.extend(draft.pk for draft in drafts if draft not in kept)
        if len(kept) > 1:
            left.append(f"pilot {pilot_id}: drafts {', '.join(str(d.pk) for d in kept)}")
    if left:
        raise RuntimeError(
            "Some pilots have more than one draft assessment with answers or other data, "
            "and only one may stay a draft. Keep one draft of each such pilot: mark the "
            "others final from their results page in the app, or delete them in the "
            "admin, then run migrate again. Nothing was changed. " + "; ".join(left) + "."
        )
    Assessment.objects.filter(pk__in=empty).delete()
    using = schema_editor.connection if schema_editor else connection
    if empty and using.vendor == "postgresql":
        # PostgreSQL builds no index while the deletes' foreign-key checks wait for the
        # commit: run them now.
        with using.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ("assessments", "0011_change_plan_involvement_and_commitment_start_unset"),
        # Reports point at assessments: a draft with a report is not empty.
        ("reports", "0002_report_content_sha256"),
    ]

    operations = [
        migrations.RunPython(settle_duplicate_drafts, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "draft")),
                fields=("pilot",),
                name="assessment_one_draft_per_pilot",
            ),
        ),
    ]
