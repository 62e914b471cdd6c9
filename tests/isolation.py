"""Tenant isolation: every URL that takes an object id must have a case here.

`CASES` maps a URL name to a function that returns the URL kwargs for an
object in alice's workspace. The isolation test enumerates the URLconf, so a
new object URL without a case fails the suite until one is added.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import User, Workspace

# URL parameters that name an object rather than, say, a reset token.
OBJECT_PARAM_SUFFIXES = ("_id", "pk")
EXCLUDED_NAMESPACES = {"admin"}


@dataclass
class World:
    workspace: Workspace
    owner: User
    objects: dict[str, Any] = field(default_factory=dict)


def build_world(*, workspace: Workspace, owner: User) -> World:
    world = World(workspace=workspace, owner=owner)
    for builder in WORLD_BUILDERS:
        builder(world)
    return world


# Later apps append functions that add their objects to the world.
WORLD_BUILDERS: list[Callable[[World], None]] = []

CASES: dict[str, Callable[[World], dict[str, Any]]] = {
    "workspace_detail": lambda w: {"workspace_id": w.workspace.id},
    "workspace_settings": lambda w: {"workspace_id": w.workspace.id},
}


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry, namespace


def object_url_names(urlconf: str | None = None) -> set[str]:
    """Names of every URL pattern whose route takes an object id."""
    names = set()
    for _route, entry, namespace in _walk(get_resolver(urlconf).url_patterns):
        params = entry.pattern.converters.keys()
        if any(p.endswith(OBJECT_PARAM_SUFFIXES) for p in params):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            if not name:
                raise AssertionError(f"object URL {entry.pattern} needs a name")
            names.add(name)
    return names


def db_fingerprint() -> str:
    """A digest of every row of every table but sessions: equal means nothing changed."""
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if model._meta.label in {"sessions.Session", "admin.LogEntry"}:
            continue
        digest.update(model._meta.label.encode())
        for row in model._default_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()
