"""An outsider who manages his own workspace cannot reach another team's rows through it."""

import pytest
from django.urls import reverse

from tests.isolation import db_fingerprint

URLS = {
    "member_role": "membership",
    "member_remove": "membership",
    "invitation_revoke": "invitation",
}


@pytest.mark.parametrize("url_name", sorted(URLS))
def test_another_workspaces_member_or_invitation_is_a_404_from_your_own(
    client, world, charlie, url_name
):
    own_workspace = charlie.memberships.get().workspace_id
    target = world.objects[URLS[url_name]]
    url = reverse(url_name, args=[own_workspace, target.id])
    client.force_login(charlie)
    before = db_fingerprint()

    assert client.post(url, {"role": "viewer"}).status_code == 404
    assert db_fingerprint() == before
