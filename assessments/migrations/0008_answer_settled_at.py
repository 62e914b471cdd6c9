"""An agreed answer records when the room settled it, instead of inferring it from times.

Answers already agreed after everyone's own answer keep counting as settled: they get
their last change as the moment they were settled.
"""

from django.db import migrations, models
from django.db.models import F, Max, OuterRef, Subquery


def settle_what_was_settled(apps, schema_editor):
    Answer = apps.get_model("assessments", "Answer")
    people_at = (
        Answer.objects.filter(
            assessment_id=OuterRef("assessment_id"),
            question_id=OuterRef("question_id"),
            respondent__isnull=False,
        )
        .order_by()
        .values("question_id")
        .annotate(latest=Max("updated_at"))
        .values("latest")
    )
    settled = (
        Answer.objects.filter(respondent__isnull=True)
        .annotate(people_at=Subquery(people_at))
        .filter(people_at__isnull=False, updated_at__gte=F("people_at"))
        .values_list("pk", flat=True)
    )
    Answer.objects.filter(pk__in=list(settled)).update(settled_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0007_final_is_the_word"),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="settled_at",
            field=models.DateTimeField(
                blank=True,
                help_text=(
                    "When a workshop last agreed on this answer; empty once it is changed "
                    "elsewhere."
                ),
                null=True,
            ),
        ),
        migrations.RunPython(settle_what_was_settled, migrations.RunPython.noop),
    ]
