import hashlib
import json

from django.db import migrations, models

# As reports.snapshot_format.content_digest computed it when this migration was written.
REQUEST_KEYS = {"taken_at", "requested_by"}


def content_digest(snapshot: dict) -> str:
    shown = {k: v for k, v in snapshot.items() if k not in REQUEST_KEYS}
    canonical = json.dumps(shown, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def fill_content_digests(apps, schema_editor):
    """Earlier reports get theirs, so a request of the same answers finds them too."""
    Report = apps.get_model("reports", "Report")
    for report in Report.objects.filter(content_sha256="").only("id", "snapshot").iterator():
        Report.objects.filter(pk=report.pk).update(content_sha256=content_digest(report.snapshot))


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="content_sha256",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(fill_content_digests, migrations.RunPython.noop, elidable=True),
    ]
