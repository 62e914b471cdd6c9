from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_bundled_rubrics(sender, using: str, **kwargs) -> None:
    # After every migrate, including the test database's, so a fresh install always has
    # the current rubric and an assessment can be started straight away.
    from django.db import connections

    from .models import RubricVersion
    from .services import rubric_sync

    if RubricVersion._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated backwards past the table
    rubric_sync(using=using)


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        post_migrate.connect(_load_bundled_rubrics, sender=self)
