"""PreparedQuery: a queryset compiled once, then re-run with new arguments.

Every read is held to the ORM's own answer for the same queryset and arguments, so
the prepared path can never drift from what the models describe.
"""

from datetime import date

import pytest
from django.db.models import Count, F, Model, OuterRef, Subquery

from accounts.models import Membership
from assessments import services
from assessments.models import Answer, Assessment, Owner, Pilot, SuccessMetric
from readiness.prepared import PreparedQuery, PreparedQueryError

pytestmark = pytest.mark.django_db

TOO_BIG = 2**70


def loaded_values(obj: Model) -> dict:
    """The instance's loaded field values, with its database and deferred fields."""
    deferred = obj.get_deferred_fields()
    return {
        "db": obj._state.db,
        "adding": obj._state.adding,
        "deferred": deferred,
        **{
            f.attname: getattr(obj, f.attname)
            for f in obj._meta.concrete_fields
            if f.attname not in deferred
        },
    }


def _metrics(pilot_id):
    return SuccessMetric.objects.filter(pilot_id=pilot_id).values_list(
        "name", "kind", "baseline", "target", "deadline", "go_threshold"
    )


def _owners_by_meta_ordering(pilot_id):
    return Owner.objects.filter(pilot_id=pilot_id).values_list(
        "name", "accountable", "hours_per_week", "in_using_team"
    )


def _assessment_with_related(assessment_id):
    return (
        Assessment.objects.select_related("pilot__client__workspace", "rubric", "started_by")
        .defer("rubric__definition", "scorecard")
        .filter(pk=assessment_id)
    )


def _membership_by_email(email):
    return Membership.objects.select_related("workspace", "user").filter(user__email=email)


@pytest.fixture
def pilot(world):
    return world.objects["pilot"]


@pytest.fixture
def bare_pilot(world):
    return services.pilot_create(client=world.objects["client"], name="Invoice matching")


def test_rows_equal_the_orms_values_list_with_dates_floats_and_nones_converted(pilot):
    services.metric_update(
        metric=pilot.metrics.get(), data={"deadline": date(2027, 3, 31), "go_threshold": 28.5}
    )
    services.metric_add(pilot=pilot, name="Reply time", unit="hours", direction="decrease")
    query = PreparedQuery(_metrics, int)

    rows = query.rows(pilot.pk)

    assert rows == list(_metrics(pilot.pk))
    assert rows == [
        ("Quotes won", "outcome", 22.0, 30.0, date(2027, 3, 31), 28.5),
        ("Reply time", "outcome", None, None, None, None),
    ]
    assert type(rows[0][4]) is date
    assert type(rows[0][2]) is float


def test_rows_convert_json_answer_values_and_booleans_as_the_orm_does(world, alice):
    assessment = world.objects["assessment"]
    for question_id, value in [("own_duties", "named"), ("ov_test_cases", 250)]:
        services.answer_save(
            assessment=assessment, question_id=question_id, value=value, user=alice
        )
    services.answer_save(
        assessment=assessment, question_id="own_handover", value=None, not_sure=True, user=alice
    )

    def answers(assessment_id):
        return (
            Answer.objects.filter(assessment_id=assessment_id)
            .order_by("question_id", F("respondent_id").asc(nulls_first=True))
            .values_list("question_id", "value", "not_sure", "respondent_id")
        )

    rows = PreparedQuery(answers, int).rows(assessment.pk)

    respondent = world.objects["respondent"].pk
    assert rows == list(answers(assessment.pk))
    assert rows == [
        ("ov_test_cases", 250, False, None),
        ("own_authority", True, False, None),
        ("own_authority", False, False, respondent),
        ("own_duties", "named", False, None),
        ("own_handover", None, True, None),
    ]


def test_rows_follow_the_models_ordering_and_an_explicit_order_by(bare_pilot):
    for name, accountable, hours in [
        ("Zoe", False, 1.5),
        ("Yusuf", True, None),
        ("Adam", False, 4.0),
        ("Bea", True, 2.0),
    ]:
        services.owner_add(
            pilot=bare_pilot, name=name, accountable=accountable, hours_per_week=hours
        )

    def by_hours(pilot_id):
        return (
            Owner.objects.filter(pilot_id=pilot_id, hours_per_week__isnull=False)
            .order_by("-hours_per_week")
            .values_list("name")
        )

    meta_rows = PreparedQuery(_owners_by_meta_ordering, int).rows(bare_pilot.pk)
    hour_rows = PreparedQuery(by_hours, int).rows(bare_pilot.pk)

    assert meta_rows == list(_owners_by_meta_ordering(bare_pilot.pk))
    assert [row[0] for row in meta_rows] == ["Bea", "Yusuf", "Adam", "Zoe"]
    assert hour_rows == list(by_hours(bare_pilot.pk)) == [("Adam",), ("Bea",), ("Zoe",)]


def test_objects_equal_the_orms_with_related_objects_attached_and_fields_deferred(
    world, django_assert_num_queries
):
    assessment = world.objects["assessment"]
    query = PreparedQuery(_assessment_with_related, int)

    found = query.objects(assessment.pk)

    expected = list(_assessment_with_related(assessment.pk))
    assert [loaded_values(a) for a in found] == [loaded_values(a) for a in expected]
    [prepared] = found
    with django_assert_num_queries(0):
        assert loaded_values(prepared.pilot) == loaded_values(expected[0].pilot)
        assert prepared.pilot.client.workspace == world.workspace
        assert prepared.pilot.client.workspace.name == "Acme Ltd"
        assert prepared.rubric.version == expected[0].rubric.version
        assert prepared.started_by.email == "alice@acme.test"
    assert prepared.get_deferred_fields() == {"scorecard"}
    assert prepared.rubric.get_deferred_fields() == {"definition"}
    assert prepared.rubric.get_deferred_fields() == expected[0].rubric.get_deferred_fields()


def test_first_gives_the_orms_instance_with_an_empty_nullable_relation_read_without_a_query(
    pilot, world, django_assert_num_queries
):
    services.assessment_submit(assessment=world.objects["assessment"])
    unattended = services.assessment_start(pilot=pilot, user=None)
    query = PreparedQuery(_assessment_with_related, int)

    found = query.first(unattended.pk)

    assert loaded_values(found) == loaded_values(_assessment_with_related(unattended.pk).get())
    with django_assert_num_queries(0):
        assert found.started_by is None
        assert found.pilot.name == "Quote follow-ups"


def test_first_is_the_first_row_in_the_querysets_order(pilot):
    for name in ["Zoe", "Adam"]:
        services.owner_add(pilot=pilot, name=name)
    query = PreparedQuery(lambda pilot_id: Owner.objects.filter(pilot_id=pilot_id), int)

    first = query.first(pilot.pk)

    assert first.name == "Priya Shah"
    assert first == Owner.objects.filter(pilot_id=pilot.pk).first()
    assert [o.name for o in query.objects(pilot.pk)] == ["Priya Shah", "Adam", "Zoe"]


def test_first_of_no_rows_is_none(pilot):
    pilot_id = pilot.pk
    pilot.delete()

    assert PreparedQuery(lambda pk: Pilot.objects.filter(pk=pk), int).first(pilot_id) is None


def test_annotations_are_set_on_the_instances(world, bare_pilot):
    services.owner_add(pilot=bare_pilot, name="Tom Reed")
    services.owner_add(pilot=bare_pilot, name="Ann Lee")
    latest = Assessment.objects.filter(pilot=OuterRef("pk")).order_by("-started_at", "-id")

    def pilots(workspace_id):
        return (
            Pilot.objects.filter(client__workspace_id=workspace_id)
            .annotate(
                owner_count=Count("owners"),
                latest_assessment_id=Subquery(latest.values("id")[:1]),
            )
            .order_by("name")
        )

    found = PreparedQuery(pilots, int).objects(world.workspace.pk)

    annotated = [(p.name, p.owner_count, p.latest_assessment_id) for p in found]
    assert annotated == [
        (p.name, p.owner_count, p.latest_assessment_id) for p in pilots(world.workspace.pk)
    ]
    assert annotated == [
        ("Invoice matching", 2, None),
        ("Quote follow-ups", 1, world.objects["assessment"].pk),
    ]


def test_a_second_call_swaps_in_the_new_argument(pilot, bare_pilot):
    other = services.owner_add(pilot=bare_pilot, name="Tom Reed")
    names = PreparedQuery(lambda pk: Owner.objects.filter(pk=pk).values_list("name"), int)
    owners = PreparedQuery(lambda pk: Owner.objects.filter(pk=pk).select_related("pilot"), int)
    first = pilot.owners.get()

    assert names.rows(first.pk) == [("Priya Shah",)]
    assert names.rows(other.pk) == [("Tom Reed",)]
    assert names.rows(first.pk) == [("Priya Shah",)]
    assert owners.first(first.pk).pilot == pilot
    assert owners.first(other.pk).pilot == bare_pilot


def test_a_string_argument_finds_the_row_it_names(alice, charlie):
    query = PreparedQuery(_membership_by_email, str)

    [alices] = query.objects("alice@acme.test")
    [charlies] = query.objects("charlie@elsewhere.test")

    assert (alices.user, alices.workspace.name, alices.role) == (alice, "Acme Ltd", "owner")
    assert (charlies.user, charlies.workspace.name) == (charlie, "Elsewhere Inc")
    assert query.objects("nobody@acme.test") == []


def test_a_string_and_an_int_argument_each_reach_their_own_parameter(alice, bob, workspace):
    query = PreparedQuery(
        lambda workspace_id, email: Membership.objects.filter(
            workspace_id=workspace_id, user__email=email
        ).values_list("role"),
        int,
        str,
    )

    assert query.rows(workspace.pk, "bob@acme.test") == [("member",)]
    assert query.rows(workspace.pk, "alice@acme.test") == [("owner",)]
    assert query.rows(workspace.pk + 1, "alice@acme.test") == []


def test_every_call_runs_exactly_one_query(world, django_assert_num_queries):
    assessment = world.objects["assessment"]
    query = PreparedQuery(_assessment_with_related, int)
    rows = PreparedQuery(_metrics, int)

    with django_assert_num_queries(1):
        query.first(assessment.pk)
    with django_assert_num_queries(1):
        query.objects(assessment.pk)
    with django_assert_num_queries(1):
        rows.rows(world.objects["pilot"].pk)
    with django_assert_num_queries(1):
        rows.rows(world.objects["pilot"].pk)


def test_an_argument_that_becomes_a_slice_bound_is_refused_on_first_use():
    query = PreparedQuery(lambda n: Owner.objects.all()[:n], int)

    with pytest.raises(PreparedQueryError, match="do not reach the SQL as parameters"):
        query.objects(1)


def test_the_wrong_number_of_arguments_is_a_type_error(pilot):
    query = PreparedQuery(_metrics, int)

    with pytest.raises(TypeError):
        query.rows()
    with pytest.raises(TypeError):
        query.rows(pilot.pk, pilot.pk)


def test_an_unsupported_argument_type_is_refused_at_construction():
    with pytest.raises(PreparedQueryError, match="unsupported argument types"):
        PreparedQuery(lambda limit: Owner.objects.filter(hours_per_week__lt=limit), float)


@pytest.mark.parametrize("too_big", [TOO_BIG, -TOO_BIG, 2**63, -(2**63) - 1])
def test_an_int_outside_64_bits_matches_nothing_without_a_query(
    pilot, django_assert_num_queries, too_big
):
    rows = PreparedQuery(_metrics, int)
    objects = PreparedQuery(_assessment_with_related, int)

    with django_assert_num_queries(0):
        assert rows.rows(too_big) == []
        assert objects.first(too_big) is None
    # As the ORM's own primary-key lookup does.
    assert list(_assessment_with_related(too_big)) == []


def test_the_largest_64_bit_int_still_runs_its_query(pilot, django_assert_num_queries):
    query = PreparedQuery(_metrics, int)

    with django_assert_num_queries(1):
        assert query.rows(2**63 - 1) == []


@pytest.mark.parametrize(
    "url",
    [
        f"/assessments/{TOO_BIG}/",
        f"/assessments/{TOO_BIG}/results/",
        f"/assessments/{TOO_BIG}/basics/",
        f"/pilots/{TOO_BIG}/",
    ],
)
def test_an_id_beyond_64_bits_in_an_object_url_is_a_404(alice_client, world, url):
    response = alice_client.get(url)

    assert response.status_code == 404


def test_objects_of_a_values_list_query_is_refused(pilot):
    query = PreparedQuery(_metrics, int)

    with pytest.raises(PreparedQueryError, match="model instances"):
        query.objects(pilot.pk)


def test_rows_of_a_distinct_values_list_have_only_the_selected_columns(pilot):
    services.owner_add(pilot=pilot, name="Tom Reed")

    def pilot_ids(pilot_id):
        return Owner.objects.filter(pilot_id=pilot_id).values_list("pilot_id").distinct()

    assert PreparedQuery(pilot_ids, int).rows(pilot.pk) == list(pilot_ids(pilot.pk))


def test_a_values_queryset_is_refused(pilot):
    query = PreparedQuery(lambda pk: Owner.objects.filter(pilot_id=pk).values("name"), int)

    with pytest.raises(PreparedQueryError):
        query.rows(pilot.pk)


def test_a_prefetch_related_queryset_is_refused(pilot):
    query = PreparedQuery(lambda pk: Pilot.objects.filter(pk=pk).prefetch_related("owners"), int)

    with pytest.raises(PreparedQueryError):
        query.objects(pilot.pk)


def test_a_none_argument_is_refused_rather_than_matching_nothing(pilot):
    query = PreparedQuery(lambda pk: Owner.objects.filter(pilot_id=pk), int)

    with pytest.raises(TypeError):
        query.objects(None)
