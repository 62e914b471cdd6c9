"""Due dates and metric deadlines stay within the years a plan can use."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import ActionItem, SuccessMetric

from .test_action_plan_save import _plan, _row

LAST_YEAR = timezone.localdate().year + 10


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("9999-12-31", f"Enter a date by the end of {LAST_YEAR}, at most 10 years ahead."),
        (f"{LAST_YEAR + 1}-01-01", f"Enter a date by the end of {LAST_YEAR}"),
        ("1999-12-31", "Enter a date in 2000 or later."),
    ],
)
def test_an_implausible_due_date_is_refused_beside_the_field_and_saves_nothing(
    alice_client, assessment, htmx, typed, message
):
    _, plan = _plan(alice_client, assessment)
    first = plan[0]
    url = reverse("action_update", args=[assessment.id, first])
    alice_client.post(url, _row(first, "Priya", "2026-12-01"), **htmx)

    response = alice_client.post(url, _row(first, "Cara", typed), **htmx)

    assert response.status_code == 422
    body = response.content.decode()
    assert (
        f'<p class="error" id="id_action-{first}-due_date_error" hx-swap-oob="true">{message}'
        in (body)
    )
    item = ActionItem.objects.get(assessment=assessment, criterion_id=first)
    assert (item.owner_name, str(item.due_date)) == ("Priya", "2026-12-01")


def test_the_last_day_of_the_tenth_year_ahead_and_new_year_2000_are_accepted(
    alice_client, assessment, htmx
):
    _, plan = _plan(alice_client, assessment)

    for criterion_id, typed in ((plan[0], f"{LAST_YEAR}-12-31"), (plan[1], "2000-01-01")):
        response = alice_client.post(
            reverse("action_update", args=[assessment.id, criterion_id]),
            _row(criterion_id, "Priya", typed),
            **htmx,
        )
        assert response.status_code == 200

    dates = {a.criterion_id: a.due_date for a in ActionItem.objects.filter(assessment=assessment)}
    assert dates == {plan[0]: date(LAST_YEAR, 12, 31), plan[1]: date(2000, 1, 1)}


def test_without_javascript_an_implausible_due_date_saves_no_row(alice_client, assessment):
    _, plan = _plan(alice_client, assessment)
    data = {**_row(plan[0], "Priya", "2026-12-01"), **_row(plan[1], "Cara", "9999-12-31")}

    response = alice_client.post(reverse("action_plan_save", args=[assessment.id]), data)

    assert response.status_code == 422
    assert f"Enter a date by the end of {LAST_YEAR}" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_the_date_picker_offers_only_the_years_a_plan_can_use(alice_client, assessment):
    page = alice_client.get(reverse("assessment_results", args=[assessment.id])).content.decode()

    assert f'min="2000-01-01" max="{LAST_YEAR}-12-31"' in page


def test_a_metric_deadline_far_in_the_future_is_refused_and_nothing_is_added(
    alice_client, assessment, htmx
):
    response = alice_client.post(
        reverse("record_create", args=[assessment.id, "metrics"]),
        {
            "new-metrics-name": "Reply time",
            "new-metrics-kind": "outcome",
            "new-metrics-direction": "decrease",
            "new-metrics-deadline": "9999-12-31",
        },
        **htmx,
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert page.count('class="error"') == 1, "the deadline is the only problem"
    assert f"Enter a date by the end of {LAST_YEAR}" in page
    assert not SuccessMetric.objects.exists()
