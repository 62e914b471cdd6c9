"""On a 375-pixel phone screen no page of the app scrolls sideways.

The demo workspace is signed in to, with a report ready and a pilot whose names are
single long words, and every main page is measured in real Chromium.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from assessments import services
from assessments.demo import DEMO_PASSWORD, create_demo
from assessments.models import Assessment
from assessments.questionnaire import SECTIONS
from reports import services as report_services
from reports.models import Report
from tests.browser.test_respondent_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
LONG_WORD = "Inboundleadqualificationandfirstreplydrafting" * 2


@pytest.fixture
def reports_in_process(settings):
    """Reports render here, into memory: no broker messages, no files left behind."""
    from readiness.celery import app

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def _pages(demo) -> list[str]:
    workspace = demo.workspace
    draft = (
        Assessment.objects.filter(pilot__client__workspace=workspace, respondents__isnull=False)
        .distinct()
        .get()
    )
    final = next(a for a in demo.assessments if a.status == Assessment.Status.SUBMITTED)
    report = report_services.report_request(assessment=final, requested_by=demo.user)
    report.refresh_from_db()
    assert report.status == Report.Status.READY

    long_client = services.client_create(workspace=workspace, name=f"Northwind{LONG_WORD}")
    long_pilot = services.pilot_create(
        client=long_client, name=LONG_WORD, workflow=f"https://example.com/{LONG_WORD}"
    )
    long_draft = services.assessment_start(pilot=long_pilot, user=demo.user)
    person = draft.respondents.first()
    return [
        reverse("workspace_detail", args=[workspace.id]),
        reverse("workspace_settings", args=[workspace.id]),
        reverse("client_create", args=[workspace.id]),
        reverse("assessment_import", args=[workspace.id]),
        reverse("pilot_detail", args=[draft.pilot_id]),
        reverse("pilot_detail", args=[long_pilot.id]),
        reverse("pilot_create", args=[draft.pilot.client_id]),
        *(reverse("assessment_section", args=[draft.id, s.id]) for s in SECTIONS),
        reverse("assessment_section", args=[long_draft.id, SECTIONS[0].id]),
        reverse("assessment_results", args=[draft.id]),
        reverse("assessment_results", args=[final.id]),
        reverse("respondent_list", args=[draft.id]),
        reverse("assessment_disagreements", args=[draft.id]),
        reverse("report_list", args=[final.id]),
        reverse("report_list", args=[long_draft.id]),
        reverse("report_status", args=[report.id]),
        reverse("report_preview", args=[report.id]),
        # The pages of a person's answering link, which they open on their phone.
        reverse("answer_section", args=[person.invite_token, "ownership"]),
        reverse("answer_done", args=[person.invite_token]),
        reverse("answer_start", args=["a-link-that-was-replaced"]),
    ]


def test_no_page_scrolls_sideways_on_a_phone(
    chromium: Browser, live_server, reports_in_process, screenshot
):
    demo = create_demo()
    pages = _pages(demo)
    context = chromium.new_context(viewport=PHONE, base_url=live_server.url)
    page = context.new_page()
    page.goto(reverse("login"))
    page.get_by_label("Email address").fill(demo.user.email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name=demo.workspace.name)).to_be_visible()

    too_wide = {}
    for url in pages:
        response = page.goto(url)
        assert response.status < 500, url
        width, visible = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if width > visible:
            too_wide[url] = width
    screenshot("phone-report-preview", page)
    context.close()

    assert too_wide == {}


def test_a_pilots_assessments_fit_a_phone_with_their_links_in_sight(
    page, live_server, alice, workspace
):
    client = services.client_create(workspace=workspace, name="Acme Ltd")
    pilot = services.pilot_create(client=client, name="Invoice matching")
    services.assessment_start(pilot=pilot, user=alice)
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, alice.email)
    page.goto(reverse("pilot_detail", args=[pilot.id]))

    history = page.locator("section", has=page.get_by_role("heading", name="Assessments"))
    for name in ("Continue", "People", "Results"):
        link = history.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, name
    # Each value is named, now that the column heads are out of sight.
    status = history.locator('td[data-label="Status"]')
    expect(status).to_have_text("Draft")
    label = status.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Status: "'
    scroll = history.locator(".table-scroll")
    assert scroll.evaluate("box => box.scrollWidth <= box.clientWidth")


# Each word of an element as the rectangles it is drawn in: a word drawn in two pieces
# was broken across lines.
BROKEN_WORDS = """
cells => cells.flatMap(cell => {
  const text = cell.firstChild && cell.firstChild.nodeType === Node.TEXT_NODE ? cell.firstChild : null;
  if (!text) return [];
  const broken = [];
  for (const match of text.data.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(text, match.index);
    range.setEnd(text, match.index + match[0].length);
    if (range.getClientRects().length > 1) broken.push(match[0]);
  }
  return broken;
})
"""


def test_what_changed_since_last_time_breaks_no_word_on_a_phone(
    page, live_server, alice, workspace, screenshot
):
    client = services.client_create(workspace=workspace, name="Acme Ltd")
    pilot = services.pilot_create(client=client, name="Invoice matching")
    first = services.assessment_start(pilot=pilot, user=alice)
    services.answer_save(assessment=first, question_id="own_authority", value=False, user=alice)
    services.assessment_submit(assessment=first)
    reassessment = services.assessment_start(pilot=pilot, user=alice)
    services.owner_add(pilot=pilot, name="Priya Shah", accountable=True)
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, alice.email)
    page.goto(reverse("assessment_results", args=[reassessment.id]))

    table = page.locator(".since-table")
    expect(table).to_be_visible()
    expect(table).to_contain_text("no change")
    assert table.locator("th, td").evaluate_all(BROKEN_WORDS) == []
    # The phone shows a list of coloured bars, not the shaded chart, and says so.
    caption = page.locator("section", has=page.get_by_role("heading", name="Readiness by gap"))
    caption_text = caption.locator("p.help").inner_text()
    assert "shaded" not in caption_text
    assert "Each bar's colour shows whether its gap is weak, moderate or strong." in caption_text
    screenshot("phone-since-last-time", page)
