import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from assessments.access import (
    action_item_for_user,
    assessment_for_user,
    client_for_user,
    pilot_for_user,
    pilot_record_for_user,
)
from assessments.models import Integration, Owner, SuccessMetric

HELPERS = {
    "client": client_for_user,
    "pilot": pilot_for_user,
    "assessment": assessment_for_user,
    "action": action_item_for_user,
}
RECORDS = {"owner": Owner, "metric": SuccessMetric, "integration": Integration}


@pytest.mark.parametrize("kind", sorted(HELPERS))
def test_a_member_reaches_objects_in_their_workspace(world, bob, kind):
    obj = world.objects[kind]
    assert HELPERS[kind](bob, obj.pk, write=True) == obj


@pytest.mark.parametrize("kind", sorted(HELPERS))
def test_an_outsider_gets_404(world, charlie, kind):
    with pytest.raises(Http404):
        HELPERS[kind](charlie, world.objects[kind].pk)


@pytest.mark.parametrize("kind", sorted(HELPERS))
def test_an_unknown_id_gets_404(world, alice, kind):
    with pytest.raises(Http404):
        HELPERS[kind](alice, world.objects[kind].pk + 1000)


@pytest.mark.parametrize("kind", sorted(HELPERS))
def test_a_viewer_may_read_but_not_write(world, victor, kind):
    obj = world.objects[kind]
    assert HELPERS[kind](victor, obj.pk) == obj
    with pytest.raises(PermissionDenied):
        HELPERS[kind](victor, obj.pk, write=True)


@pytest.mark.parametrize("kind", sorted(RECORDS))
def test_pilot_records_are_scoped_like_their_pilot(world, bob, charlie, victor, kind):
    record = world.objects[kind]
    model = RECORDS[kind]

    assert pilot_record_for_user(bob, model, record.pk, write=True) == record
    with pytest.raises(Http404):
        pilot_record_for_user(charlie, model, record.pk)
    with pytest.raises(PermissionDenied):
        pilot_record_for_user(victor, model, record.pk, write=True)


def test_only_pilot_records_are_reachable_through_the_record_helper(world, alice):
    with pytest.raises(TypeError):
        pilot_record_for_user(alice, type(world.objects["client"]), world.objects["client"].pk)
