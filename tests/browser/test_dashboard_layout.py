"""The dashboard's filter on a laptop screen: clear of the toolbar, every choice readable."""

import pytest
from django.urls import reverse

from assessments import services
from tests.browser.test_respondent_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The width the longest choice of a select needs, drawn in the select's own font.
CHOICE_WIDTH = """
select => {
  const context = document.createElement("canvas").getContext("2d");
  context.font = getComputedStyle(select).font;
  return Math.max(...[...select.options].map(o => context.measureText(o.text).width));
}
"""


def test_the_filter_stands_clear_of_the_toolbar_and_shows_each_order_whole(
    page, live_server, alice, workspace, screenshot
):
    client = services.client_create(workspace=workspace, name="Northwind Plumbing")
    services.pilot_create(client=client, name="Quote follow-ups")
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, alice.email)
    page.goto(reverse("workspace_detail", args=[workspace.id]) + "?sort=activity")

    toolbar = page.locator(".page-head .actions").bounding_box()
    label = page.get_by_text("Sort by", exact=True).bounding_box()
    assert label["y"] - (toolbar["y"] + toolbar["height"]) >= 24
    select = page.get_by_label("Sort by")
    room = select.evaluate("s => s.clientWidth - parseFloat(getComputedStyle(s).paddingLeft)")
    assert select.evaluate(CHOICE_WIDTH) < room - 16, "the arrow needs room too"
    screenshot("dashboard-filter-laptop", page)
