from django.db import transaction

from .models import Membership, User, Workspace


@transaction.atomic
def user_signup(*, email: str, password: str, full_name: str = "", workspace_name: str) -> User:
    """Create a user together with the workspace they own."""
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    workspace_create(owner=user, name=workspace_name)
    return user


@transaction.atomic
def workspace_create(*, owner: User, name: str) -> Workspace:
    workspace = Workspace.objects.create(name=name.strip())
    Membership.objects.create(workspace=workspace, user=owner, role=Membership.Role.OWNER)
    return workspace


def workspace_update_branding(
    *,
    workspace: Workspace,
    name: str,
    accent_colour: str,
    prepared_by: str,
    logo=None,
    clear_logo: bool = False,
) -> Workspace:
    workspace.name = name.strip()
    workspace.accent_colour = accent_colour.lower()
    workspace.prepared_by = prepared_by.strip()
    fields = ["name", "accent_colour", "prepared_by"]
    if clear_logo and workspace.logo:
        workspace.logo.delete(save=False)
        workspace.logo = ""
        fields.append("logo")
    elif logo is not None:
        workspace.logo = logo
        fields.append("logo")
    workspace.full_clean()
    workspace.save(update_fields=fields)
    return workspace
