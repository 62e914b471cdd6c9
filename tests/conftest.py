"""Shared personas and service guards.

alice owns the "Acme" workspace, bob is a member there, victor a viewer, and
charlie is an outsider who owns a workspace of his own. lena is a member of Acme limited
to one client, Harbour Bakery (her own company): she sees nothing of Acme's others.
"""

import os
import uuid

import pytest
from django.conf import settings
from django.db import connection

from accounts.models import Membership, User, Workspace
from tests.isolation import World, build_world

# Live-server threads would otherwise keep their connections open past the end of
# the run, and the test database could not be dropped.
settings.DATABASES["default"]["CONN_MAX_AGE"] = 0

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PASSWORD = "correct-horse-battery-staple"


def _service_problem() -> str | None:
    if connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://…"
    if not settings.REDIS_URL:
        return "needs Redis: set REDIS_URL=redis://…"
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return f"Redis at REDIS_URL does not answer: {exc}"
    return None


def service_gate(problem: str | None, *, in_ci: bool) -> None:
    """A missing service fails the test in CI and skips it, with the reason, locally."""
    if problem is None:
        return
    if in_ci:
        pytest.fail(f"CI=true and this test {problem}")
    pytest.skip(problem)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashers are deliberately slow; the tests check behaviour, not hash strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    # Each test counts sign-ins and invitations from zero, in a cache of its own, as if
    # it were the only visitor: tests share one address and, in CI, one Redis.
    settings.CACHES = {
        **settings.CACHES,
        "limits": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"limits-{uuid.uuid4()}",
        },
    }
    settings.RATELIMIT_USE_CACHE = "limits"


@pytest.fixture(autouse=True)
def _require_services(request):
    if request.node.get_closest_marker("services") is not None:
        service_gate(_service_problem(), in_ci=IN_CI)


def make_user(email: str, full_name: str) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, full_name=full_name)


@pytest.fixture
def workspace(db) -> Workspace:
    return Workspace.objects.create(name="Acme Ltd")


@pytest.fixture
def alice(workspace) -> User:
    user = make_user("alice@acme.test", "Alice Owner")
    Membership.objects.create(workspace=workspace, user=user, role=Membership.Role.OWNER)
    return user


@pytest.fixture
def bob(workspace) -> User:
    user = make_user("bob@acme.test", "Bob Member")
    Membership.objects.create(workspace=workspace, user=user, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def victor(workspace) -> User:
    user = make_user("victor@acme.test", "Victor Viewer")
    Membership.objects.create(workspace=workspace, user=user, role=Membership.Role.VIEWER)
    return user


@pytest.fixture
def harbour(workspace):
    """The client lena works for, in alice's workspace."""
    from assessments import services

    return services.client_create(workspace=workspace, name="Harbour Bakery")


@pytest.fixture
def lena(workspace, harbour) -> User:
    user = make_user("lena@harbour.test", "Lena Limited")
    membership = Membership.objects.create(
        workspace=workspace, user=user, role=Membership.Role.MEMBER
    )
    membership.clients.set([harbour])
    return user


@pytest.fixture
def charlie(db) -> User:
    user = make_user("charlie@elsewhere.test", "Charlie Outsider")
    other = Workspace.objects.create(name="Elsewhere Inc")
    Membership.objects.create(workspace=other, user=user, role=Membership.Role.OWNER)
    return user


@pytest.fixture
def admin_client(client, db):
    """A superuser signed in to the admin."""
    user = make_user("root@readiness.test", "Root")
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def world(workspace, alice) -> World:
    """One of every object kind inside alice's workspace."""
    return build_world(workspace=workspace, owner=alice)


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files kept in a folder of the test's own, as the app keeps them."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path
