"""Alice invites a new colleague, who opens the link, creates an account and is in.

Alice invites Sam from the team page and reads his link off it (it is also in the
email). Sam, with no account, opens the link in a browser of his own, creates his
account on the invitation page and lands in Alice's workspace. Back on the team page,
Alice sees him as a member and makes him a viewer without leaving the page or losing
her place on it.
Screenshots go to var/screenshots/.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from accounts.models import Invitation, Membership, User, Workspace
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, email: str) -> None:
    page.goto("/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_a_new_colleague_joins_through_an_invitation(
    page: Page, chromium: Browser, live_server, alice, workspace, screenshot
):
    # Alice invites Sam from her workspace's team page.
    log_in(page, alice.email)
    page.goto(f"/w/{workspace.id}/")
    page.get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team")
    page.get_by_label("Email address").fill("sam@acme.test")
    page.get_by_label("Role").select_option("member")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to sam@acme.test as member.")).to_be_visible()

    invitation = Invitation.objects.get(email="sam@acme.test")
    row = page.locator(f"#invitation-{invitation.id}")
    expect(row).to_contain_text("Invited by Alice Owner")
    link = page.locator(f"#invite-link-{invitation.id}").input_value()
    assert urlsplit(link).path == f"/invite/{invitation.token}/"
    assert link in mail.outbox[-1].body
    screenshot("team-01-invited")

    # Sam opens the link in a browser of his own and creates his account there.
    workspaces_before = Workspace.objects.count()
    sams_context = chromium.new_context(viewport={"width": 390, "height": 844})
    sams_context.set_default_timeout(20_000)
    try:
        sams = sams_context.new_page()
        sams.goto(link)
        expect(sams.get_by_role("heading", level=1)).to_have_text("Join Acme Ltd")
        expect(sams.get_by_role("heading", name="Create your account")).to_be_visible()
        expect(sams.get_by_label("Email address")).to_have_value("sam@acme.test")
        expect(sams.get_by_label("Email address")).to_be_disabled()

        sams.get_by_label("Your name").fill("Sam Ortiz")
        sams.locator("#id_password1").fill("plum-kettle-orbit-42")
        sams.get_by_label("Password confirmation").fill("plum-kettle-orbit-4")
        sams.get_by_role("button", name="Create account and join").click()
        confirmation = sams.get_by_label("Password confirmation")
        expect(confirmation).to_have_attribute("aria-invalid", "true")
        expect(sams.locator("#id_password2_error")).to_contain_text("didn’t match")
        screenshot("team-02-sam-signup-error", sams)

        sams.locator("#id_password1").fill("plum-kettle-orbit-42")
        confirmation.fill("plum-kettle-orbit-42")
        sams.get_by_role("button", name="Create account and join").click()
        expect(sams).to_have_url(re.compile(rf"/w/{workspace.id}/$"))
        expect(sams.get_by_role("heading", level=1)).to_have_text("Acme Ltd")
        expect(sams.get_by_text("Welcome to Acme Ltd. You joined as a member.")).to_be_visible()
        screenshot("team-03-sam-in-the-workspace", sams)
    finally:
        sams_context.close()

    sam = User.objects.get(email="sam@acme.test")
    assert Membership.objects.get(user=sam).workspace == workspace
    assert Workspace.objects.count() == workspaces_before

    # Alice sees him in the team, and makes him a viewer in place.
    page.reload()
    expect(page.get_by_text("No open invitations.")).to_be_visible()
    membership = Membership.objects.get(user=sam)
    sams_row = page.locator(f"#member-{membership.id}")
    expect(sams_row).to_contain_text("Sam Ortiz")
    expect(sams_row).to_contain_text("sam@acme.test")
    sams_row.get_by_label("Role of Sam Ortiz").select_option("viewer")
    sams_row.get_by_role("button", name=re.compile(r"^Save")).click()
    expect(page.locator(f"#member-{membership.id}")).to_contain_text("Sam Ortiz is now a viewer.")
    # Focus stays on the Save button, and the page's status line reads the change out.
    expect(page.locator(f"#member-{membership.id}-save")).to_be_focused()
    expect(page.locator("#team-status")).to_have_text("Sam Ortiz is now a viewer.")
    screenshot("team-04-role-changed")
    membership.refresh_from_db()
    assert membership.role == Membership.Role.VIEWER
