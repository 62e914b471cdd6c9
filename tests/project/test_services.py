import uuid

import pytest
from django.core.cache import cache, caches
from django.db import connection

from tests.conftest import service_gate


def test_a_missing_service_fails_in_ci():
    with pytest.raises(pytest.fail.Exception, match="needs Redis"):
        service_gate("needs Redis", in_ci=True)


def test_a_missing_service_skips_locally_with_its_reason():
    with pytest.raises(pytest.skip.Exception, match="needs Redis"):
        service_gate("needs Redis", in_ci=False)


def test_present_services_let_the_test_run():
    assert service_gate(None, in_ci=True) is None


@pytest.mark.services
def test_the_suite_runs_on_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


@pytest.mark.services
def test_the_cache_round_trips_through_redis():
    key = f"readiness-test-{uuid.uuid4()}"
    cache.set(key, {"answer": 42}, timeout=30)

    assert cache.get(key) == {"answer": 42}
    assert type(caches["default"]).__name__ == "RedisCache"
    cache.delete(key)


@pytest.mark.services
def test_a_read_repeated_on_one_connection_is_planned_once(world):
    """After its fifth run the access read is a server-side prepared statement."""
    from assessments.access import assessment_with_membership

    for _ in range(6):
        assessment_with_membership(world.owner, world.objects["assessment"].id)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements"
            " WHERE statement LIKE %s AND statement LIKE %s",
            ["%assessments_assessment%", "%accounts_membership%"],
        )
        assert cursor.fetchone()[0] == 1
