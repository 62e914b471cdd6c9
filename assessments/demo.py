"""Demo data: a consultancy workspace a newcomer can log in to and explore.

Idempotent: running it again resets the demo workspace to the same state.
"""

from dataclasses import dataclass

from django.db import transaction

from accounts.models import Membership, User, Workspace

DEMO_EMAIL = "demo@readiness.local"
DEMO_PASSWORD = "readiness-demo"
DEMO_WORKSPACE = "Harbour Lane Advisory"


@dataclass(frozen=True)
class DemoResult:
    user: User
    workspace: Workspace


@transaction.atomic
def create_demo() -> DemoResult:
    user, _ = User.objects.get_or_create(email=DEMO_EMAIL, defaults={"full_name": "Dana Demo"})
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    Workspace.objects.filter(name=DEMO_WORKSPACE, memberships__user=user).delete()
    workspace = Workspace.objects.create(
        name=DEMO_WORKSPACE,
        accent_colour="#1f5f8b",
        prepared_by="Prepared by Harbour Lane Advisory",
    )
    Membership.objects.create(workspace=workspace, user=user, role=Membership.Role.CONSULTANT)
    return DemoResult(user=user, workspace=workspace)
