"""Numbers typed into the pilot's records: read as people write them, bounded, never a 500."""

import pytest
from django import forms
from django.urls import reverse

from assessments import services
from assessments.forms import LIST_FORMS, RECORD_FORMS, ActionItemForm
from assessments.models import OversightPlan, Pilot, SuccessMetric, ValueCase
from tests.isolation import db_fingerprint


def section_url(assessment, section):
    return reverse("assessment_section", args=[assessment.id, section])


def add_metric(client, assessment, **fields):
    data = {"new-metrics-name": "Hours spent chasing", "new-metrics-kind": "outcome"}
    data.update({f"new-metrics-{name}": value for name, value in fields.items()})
    return client.post(reverse("record_create", args=[assessment.id, "metrics"]), data)


# Metrics: the target must point the way the direction says -------------------------


@pytest.mark.parametrize(
    ("direction", "target", "message"),
    [
        (
            "increase",
            "10",
            "Higher is better, so the target should be above today&#x27;s value (20)",
        ),
        (
            "decrease",
            "30",
            "Lower is better, so the target should be below today&#x27;s value (20)",
        ),
    ],
)
def test_a_target_against_the_direction_is_refused_beside_the_target(
    alice_client, assessment, direction, target, message
):
    response = add_metric(
        alice_client, assessment, direction=direction, baseline="20", target=target
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert f'<p class="error" id="id_new-metrics-target_error">{message}' in page
    assert not SuccessMetric.objects.exists()


@pytest.mark.parametrize(("direction", "target"), [("increase", "30"), ("decrease", "10")])
def test_a_target_the_right_side_of_the_baseline_is_saved(
    alice_client, assessment, direction, target
):
    response = add_metric(
        alice_client, assessment, direction=direction, baseline="20", target=target
    )

    assert response.status_code == 302
    assert SuccessMetric.objects.get().target == float(target)


def test_a_target_equal_to_the_baseline_is_refused(alice_client, assessment):
    response = add_metric(
        alice_client, assessment, direction="increase", baseline="20", target="20"
    )

    assert response.status_code == 422
    assert "The target is today&#x27;s value (20)" in response.content.decode()
    assert not SuccessMetric.objects.exists()


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "threshold", "message"),
    [
        ("increase", "40", "60", "20", "Higher is better, so the go-live threshold should be"),
        ("increase", "40", "60", "40", "Higher is better, so the go-live threshold should be"),
        ("increase", "40", "60", "80", "The go-live threshold is past the target (60)"),
        ("decrease", "40", "10", "50", "Lower is better, so the go-live threshold should be"),
        ("decrease", "40", "10", "5", "The go-live threshold is past the target (10)"),
    ],
)
def test_a_go_live_threshold_that_is_no_improvement_or_past_the_target_is_refused(
    alice_client, assessment, direction, baseline, target, threshold, message
):
    response = add_metric(
        alice_client,
        assessment,
        direction=direction,
        baseline=baseline,
        target=target,
        go_threshold=threshold,
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_new-metrics-go_threshold_error"' in page
    assert message in page
    assert not SuccessMetric.objects.exists()


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "threshold"),
    [
        ("increase", "40", "60", "50"),
        ("increase", "40", "60", "60"),
        ("decrease", "40", "10", "25"),
    ],
)
def test_a_go_live_threshold_on_the_way_to_the_target_is_saved(
    alice_client, assessment, direction, baseline, target, threshold
):
    response = add_metric(
        alice_client,
        assessment,
        direction=direction,
        baseline=baseline,
        target=target,
        go_threshold=threshold,
    )

    assert response.status_code == 302
    assert SuccessMetric.objects.get().go_threshold == float(threshold)


def test_changing_the_direction_of_a_saved_metric_is_checked_too(alice_client, assessment):
    metric = services.metric_add(
        pilot=assessment.pilot, name="Hours spent chasing", baseline=20, target=10,
        direction="decrease",
    )  # fmt: skip
    url = reverse("record_update", args=[assessment.id, "metrics", metric.id])
    prefix = f"edit-metrics-{metric.id}"

    response = alice_client.post(
        url,
        {
            f"{prefix}-name": "Hours spent chasing",
            f"{prefix}-kind": "outcome",
            f"{prefix}-direction": "increase",
            f"{prefix}-baseline": "20",
            f"{prefix}-target": "10",
        },
    )

    assert response.status_code == 422
    assert "Higher is better, so the target should be above" in response.content.decode()
    metric.refresh_from_db()
    assert metric.direction == "decrease"


# Confidence threshold: a percentage, however it is written ------------------------


@pytest.mark.parametrize("typed", ["85", "85%", "0.85", " 85 % "])
def test_a_confidence_threshold_is_read_as_a_percentage(alice_client, assessment, htmx, typed):
    response = alice_client.post(
        section_url(assessment, "oversight"),
        {"_unit": "f:confidence_threshold", "oversight-confidence_threshold": typed},
        **htmx,
    )

    assert response.status_code == 200
    assert OversightPlan.objects.get(pilot=assessment.pilot).confidence_threshold == 0.85


@pytest.mark.parametrize(
    ("typed", "stored"), [("1", 0.01), ("0", 0.0), ("100", 1.0), ("1.0", 0.01), ("0.5%", 0.005)]
)
def test_a_whole_number_is_always_a_percentage(alice_client, assessment, htmx, typed, stored):
    alice_client.post(
        section_url(assessment, "oversight"),
        {"_unit": "f:confidence_threshold", "oversight-confidence_threshold": typed},
        **htmx,
    )

    assert OversightPlan.objects.get(pilot=assessment.pilot).confidence_threshold == stored


def test_the_confidence_threshold_is_labelled_and_shown_as_a_percentage(alice_client, assessment):
    services.oversight_save(
        pilot=assessment.pilot, data={"review_mode": "confidence", "confidence_threshold": 0.85}
    )

    page = alice_client.get(section_url(assessment, "oversight")).content.decode()

    assert "Confidence threshold (%)" in page
    assert 'name="oversight-confidence_threshold" value="85"' in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("150", "Enter a percentage between 0 and 100."),
        ("-5%", "Enter a percentage between 0 and 100."),
        ("most", "Enter a percentage, such as 85 or 85%."),
        ("nan", "Enter a percentage, such as 85 or 85%."),
    ],
)
def test_a_confidence_threshold_out_of_range_says_so(
    alice_client, assessment, htmx, typed, message
):
    response = alice_client.post(
        section_url(assessment, "oversight"),
        {"_unit": "f:confidence_threshold", "oversight-confidence_threshold": typed},
        **htmx,
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not OversightPlan.objects.exists()


# The value case and the other numbers: bounded, and nothing typed causes a 500 -----


def test_minutes_saved_per_item_has_an_upper_bound(alice_client, assessment, htmx):
    response = alice_client.post(
        section_url(assessment, "value"),
        {"_unit": "f:minutes_saved_per_item", "value_case-minutes_saved_per_item": "100000"},
        **htmx,
    )

    assert response.status_code == 422
    assert "Enter at most 2,400 minutes, a whole working week, per item." in (
        response.content.decode()
    )
    assert not ValueCase.objects.exists()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("items_per_month", "1e12", "Enter at most 50,000,000 items a month."),
        ("hourly_cost", "1000000", "Enter at most 100,000 for an hour of staff time."),
        ("build_cost", "1e15", "Enter at most 1,000,000,000 for the cost to reach production."),
        ("monthly_run_cost", "1e10", "Enter at most 100,000,000 for the running cost per month."),
        ("build_cost", "-5", "Enter at least 0."),
        ("items_per_month", "-100", "Enter at least 0."),
        ("build_cost", "1e400", "Enter a number."),
        ("build_cost", "nan", "Enter a number."),
        ("hourly_cost", "inf", "Enter a number."),
        ("hourly_cost", "-Infinity", "Enter a number."),
        ("items_per_month", "9" * 400, "Enter a number."),
    ],
)
def test_a_bad_value_case_number_is_refused_without_javascript(
    alice_client, assessment, field, typed, message
):
    before = db_fingerprint()

    response = alice_client.post(
        section_url(assessment, "value"), {f"value_case-{field}": typed, "go": "next"}
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    assert db_fingerprint() == before


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("weekly_volume", "99999999999999999999", "Enter at most 10,000,000 items a week."),
        ("weekly_volume", "1e9", "Enter a whole number."),
        ("prototype_effort_days", "100000", "Enter at most 3,650 days."),
        ("prototype_effort_days", "nan", "Enter a number."),
    ],
)
def test_the_pilots_own_numbers_are_bounded(alice_client, assessment, htmx, field, typed, message):
    response = alice_client.post(
        section_url(assessment, "basics"), {"_unit": f"f:{field}", f"pilot-{field}": typed}, **htmx
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    assert getattr(Pilot.objects.get(), field) is None


@pytest.mark.parametrize(
    ("kind", "fields", "message"),
    [
        ("integrations", {"system": "Xero", "effort_days": "1e6"}, "Enter at most 3,650 days."),
        ("integrations", {"system": "Xero", "effort_days": "inf"}, "Enter a number."),
        ("owners", {"name": "Priya", "hours_per_week": "nan"}, "Enter a number."),
        ("metrics", {"name": "Wins", "baseline": "1e300"}, "Enter at most 1,000,000,000,000."),
        ("metrics", {"name": "Wins", "target": "-1e300"}, "Enter at least -1,000,000,000,000."),
        ("metrics", {"name": "Wins", "go_threshold": "1e999"}, "Enter a number."),
    ],
)
def test_a_bad_number_in_a_list_record_is_refused(alice_client, assessment, kind, fields, message):
    data = {f"new-{kind}-{name}": value for name, value in fields.items()}
    data |= {"new-metrics-kind": "outcome", "new-metrics-direction": "increase"}
    data |= {"new-integrations-access": "read", "new-integrations-status": "none"}
    before = db_fingerprint()

    response = alice_client.post(reverse("record_create", args=[assessment.id, kind]), data)

    assert response.status_code == 422
    assert message in response.content.decode()
    assert db_fingerprint() == before


@pytest.mark.parametrize(
    "form_class",
    [*RECORD_FORMS.values(), *LIST_FORMS.values(), ActionItemForm],
    ids=lambda form_class: form_class.__name__,
)
def test_no_number_field_is_refused_in_djangos_own_words(db, form_class):
    numbers = [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, (forms.IntegerField, forms.FloatField))
    ]

    for typed in ("-1000000000000", "1000000000000"):
        form = form_class({name: typed for name in numbers})
        form.is_valid()
        for name in numbers:
            for message in form.errors.get(name, []):
                assert not message.startswith("Ensure this value"), (name, message)
