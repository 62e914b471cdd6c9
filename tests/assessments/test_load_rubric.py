import pytest
from django.core.management import CommandError, call_command

from assessments.models import RubricVersion
from assessments.rubric.loader import bundled_rubric, rubric_hash, rubric_to_dict
from assessments.services import rubric_sync


def test_migrate_leaves_the_bundled_rubric_in_the_database(db):
    rubric = bundled_rubric()

    stored = RubricVersion.objects.get(version=rubric.version)

    assert stored.is_published
    assert stored.sha256 == rubric_hash(rubric)
    assert stored.title == rubric.title


def test_loading_again_changes_nothing(db):
    before = list(RubricVersion.objects.values_list("id", "version", "sha256"))

    assert rubric_sync() == []
    call_command("load_rubric")

    assert list(RubricVersion.objects.values_list("id", "version", "sha256")) == before


def test_a_missing_version_is_published(db):
    RubricVersion.objects.all().delete()

    created = rubric_sync()

    assert [version.version for version in created] == [bundled_rubric().version]


def test_a_published_rubric_cannot_be_changed(db):
    stored = RubricVersion.objects.get(version=bundled_rubric().version)
    stored.definition["title"] = "Quietly edited"

    with pytest.raises(RubricVersion.Immutable):
        stored.save()

    stored.refresh_from_db()
    assert stored.definition["title"] == bundled_rubric().title


def test_an_invalid_rubric_cannot_be_stored(db):
    definition = rubric_to_dict(bundled_rubric())
    definition["version"] = "9.9.9"
    del definition["criteria"]

    with pytest.raises(ValueError, match="criteria"):
        RubricVersion.objects.create(version="9.9.9", definition=definition)
    assert not RubricVersion.objects.filter(version="9.9.9").exists()


def test_a_bundled_file_that_differs_from_its_published_version_stops_the_load(db):
    stored = RubricVersion.objects.get(version=bundled_rubric().version)
    # Simulate the file having been edited after publishing, bypassing save().
    RubricVersion.objects.filter(pk=stored.pk).update(sha256="0" * 64)

    with pytest.raises(CommandError, match="new version"):
        call_command("load_rubric")
