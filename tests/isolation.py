"""Tenant isolation: every URL that takes an object id must have a case here.

`CASES` maps a URL name to a function that returns the URL kwargs for an
object in alice's workspace. The isolation test enumerates the URLconf, so a
new object URL without a case fails the suite until one is added.

Every case is of the world's client unless it is in `WORKSPACE_URLS`: someone of the
same workspace limited to another client gets a 404 on all the others.
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


def _assessment_objects(world: World) -> None:
    """A client, a pilot with one of each record, an assessment, an answer and an action."""
    from assessments import services

    client = services.client_create(workspace=world.workspace, name="Northwind Plumbing")
    pilot = services.pilot_create(
        client=client, name="Quote follow-ups", workflow="Chase quotes a week after sending"
    )
    objects = world.objects
    objects["client"] = client
    objects["pilot"] = pilot
    objects["owner"] = services.owner_add(
        pilot=pilot, name="Priya Shah", email="priya@northwind.test", accountable=True
    )
    objects["metric"] = services.metric_add(
        pilot=pilot, name="Quotes won", unit="%", baseline=22, target=30
    )
    objects["integration"] = services.integration_add(pilot=pilot, system="HubSpot")
    objects["oversight"] = services.oversight_save(pilot=pilot, data={"review_mode": "all"})
    objects["change_plan"] = services.change_plan_save(
        pilot=pilot, data={"sponsor_name": "Sam Ortiz"}
    )
    objects["value_case"] = services.value_case_save(pilot=pilot, data={"items_per_month": 80})
    assessment = services.assessment_start(pilot=pilot, user=world.owner)
    objects["assessment"] = assessment
    objects["answer"] = services.answer_save(
        assessment=assessment, question_id="own_authority", value=True, user=world.owner
    )
    objects["respondent"] = services.respondent_add(
        assessment=assessment, name="Priya Shah", role="Operations lead"
    )
    services.answer_save(
        assessment=assessment,
        question_id="own_authority",
        value=False,
        user=world.owner,
        respondent=objects["respondent"],
    )
    objects["action"] = services.action_item_update(
        assessment=assessment,
        criterion_id="own_accountable_owner",
        data={"owner_name": "Priya Shah"},
    )


def _report_objects(world: World) -> None:
    """A ready report of the world's assessment (a stored file name, nothing rendered)."""
    from reports.models import Report
    from reports.samples import sample_snapshot
    from reports.snapshot_format import snapshot_digest

    snapshot = sample_snapshot()
    world.objects["report"] = Report.objects.create(
        assessment=world.objects["assessment"],
        requested_by=world.owner,
        snapshot=snapshot,
        snapshot_sha256=snapshot_digest(snapshot),
        decision=snapshot["decision"]["code"],
        status=Report.Status.READY,
        file="reports/isolation/R-isolation.pdf",
        sha256="0" * 64,
        page_count=10,
    )


def _team_objects(world: World) -> None:
    """A second member and an open invitation, so the team's own URLs have targets."""
    from accounts import services
    from accounts.models import Membership

    owner = world.workspace.memberships.get(user=world.owner)
    colleague = User.objects.create_user(email="morgan@acme.test", full_name="Morgan Lee")
    world.objects["membership"] = Membership.objects.create(
        workspace=world.workspace, user=colleague, role=Membership.Role.MEMBER
    )
    world.objects["invitation"], _ = services.invitation_create(
        workspace=world.workspace, email="jo@acme.test", role="viewer", by=owner
    )


# Later apps append functions that add their objects to the world.
WORLD_BUILDERS: list[Callable[[World], None]] = [
    _assessment_objects,
    _report_objects,
    _team_objects,
]


def _with_logo(world: World) -> dict[str, Any]:
    """The workspace's logo URL, with a logo there to leak (into the configured storage)."""
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (300, 100), "#1f5f8b").save(buffer, "PNG")
    world.workspace.logo.save("logo.png", ContentFile(buffer.getvalue()))
    return {"workspace_id": world.workspace.id}


CASES: dict[str, Callable[[World], dict[str, Any]]] = {
    "workspace_detail": lambda w: {"workspace_id": w.workspace.id},
    "workspace_settings": lambda w: {"workspace_id": w.workspace.id},
    "workspace_logo": _with_logo,
    # The team; the invited person's own link is a token, not an id, so it is not here.
    "team": lambda w: {"workspace_id": w.workspace.id},
    "member_role": lambda w: {
        "workspace_id": w.workspace.id,
        "membership_id": w.objects["membership"].id,
    },
    "member_clients": lambda w: {
        "workspace_id": w.workspace.id,
        "membership_id": w.objects["membership"].id,
    },
    "member_remove": lambda w: {
        "workspace_id": w.workspace.id,
        "membership_id": w.objects["membership"].id,
    },
    "invitation_revoke": lambda w: {
        "workspace_id": w.workspace.id,
        "invitation_id": w.objects["invitation"].id,
    },
    "invitation_renew": lambda w: {
        "workspace_id": w.workspace.id,
        "invitation_id": w.objects["invitation"].id,
    },
    # The founder's pages: clients, pilots, the questionnaire, records and results.
    "client_create": lambda w: {"workspace_id": w.workspace.id},
    "client_own_company": lambda w: {"workspace_id": w.workspace.id},
    "assessment_import": lambda w: {"workspace_id": w.workspace.id},
    "client_update": lambda w: {"client_id": w.objects["client"].id},
    "client_delete": lambda w: {"client_id": w.objects["client"].id},
    "pilot_create": lambda w: {"client_id": w.objects["client"].id},
    "pilot_detail": lambda w: {"pilot_id": w.objects["pilot"].id},
    "pilot_update": lambda w: {"pilot_id": w.objects["pilot"].id},
    "pilot_delete": lambda w: {"pilot_id": w.objects["pilot"].id},
    "pilot_archive": lambda w: {"pilot_id": w.objects["pilot"].id},
    "pilot_restore": lambda w: {"pilot_id": w.objects["pilot"].id},
    "assessment_start": lambda w: {"pilot_id": w.objects["pilot"].id},
    "assessment_resume": lambda w: {"assessment_id": w.objects["assessment"].id},
    "assessment_section": lambda w: {
        "assessment_id": w.objects["assessment"].id,
        "section": "ownership",
    },
    "carried_answers_confirm": lambda w: {
        "assessment_id": w.objects["assessment"].id,
        "section": "ownership",
    },
    "assessment_results": lambda w: {"assessment_id": w.objects["assessment"].id},
    "assessment_submit": lambda w: {"assessment_id": w.objects["assessment"].id},
    "assessment_export": lambda w: {"assessment_id": w.objects["assessment"].id},
    "action_plan_save": lambda w: {"assessment_id": w.objects["assessment"].id},
    "action_update": lambda w: {
        "assessment_id": w.objects["assessment"].id,
        "criterion_id": w.objects["action"].criterion_id,
    },
    "record_create": lambda w: {"assessment_id": w.objects["assessment"].id, "kind": "owners"},
    "record_update": lambda w: {
        "assessment_id": w.objects["assessment"].id,
        "kind": "owners",
        "record_id": w.objects["owner"].id,
    },
    "record_delete": lambda w: {
        "assessment_id": w.objects["assessment"].id,
        "kind": "owners",
        "record_id": w.objects["owner"].id,
    },
    "respondent_list": lambda w: {"assessment_id": w.objects["assessment"].id},
    "respondent_remove": lambda w: {
        "assessment_id": w.objects["assessment"].id,
        "respondent_id": w.objects["respondent"].id,
    },
    "respondent_new_link": lambda w: {
        "assessment_id": w.objects["assessment"].id,
        "respondent_id": w.objects["respondent"].id,
    },
    "assessment_disagreements": lambda w: {"assessment_id": w.objects["assessment"].id},
    "agreed_answer_adopt": lambda w: {
        "assessment_id": w.objects["assessment"].id,
        "question_id": "own_authority",
    },
    "workshop_agenda": lambda w: {"assessment_id": w.objects["assessment"].id},
    "workshop_section": lambda w: {
        "assessment_id": w.objects["assessment"].id,
        "section": "ownership",
    },
    "workshop_agree": lambda w: {
        "assessment_id": w.objects["assessment"].id,
        "section": "ownership",
        "question_id": "own_authority",
    },
    "workshop_wrap_up": lambda w: {"assessment_id": w.objects["assessment"].id},
    "workshop_record_unanimous": lambda w: {
        "assessment_id": w.objects["assessment"].id,
        "section": "ownership",
    },
    "report_list": lambda w: {"assessment_id": w.objects["assessment"].id},
    "report_status": lambda w: {"report_id": w.objects["report"].id},
    "report_download": lambda w: {"report_id": w.objects["report"].id},
    "report_preview": lambda w: {"report_id": w.objects["report"].id},
}


# Cases whose object is the workspace itself or its team, not one of its clients.
WORKSPACE_URLS = {
    "workspace_detail",
    "workspace_settings",
    "workspace_logo",
    "team",
    "member_role",
    "member_clients",
    "member_remove",
    "invitation_revoke",
    "invitation_renew",
    "client_create",
    "client_own_company",
    "assessment_import",
}
# What of the world's client must never reach someone limited to another client.
WORLD_CLIENT_WORDS = ("Northwind", "Quote follow-ups", "priya@northwind.test", "HubSpot")


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
