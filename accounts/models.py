import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from readiness.money import INVALID_CURRENCY, Currency

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as # followed by six hex digits.")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        if not email:
            raise ValueError("Users need an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email: str | None) -> "User":
        # Addresses are stored in lower case: "Alice@Acme.test " signs in as alice.
        return self.get(email=(email or "").strip().lower())

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Workspace(models.Model):
    """The tenant: a company assessing its own pilots, or a consultancy with clients."""

    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    # Branding used on reports.
    logo = models.ImageField(upload_to="logos/", blank=True)
    accent_colour = models.CharField(max_length=7, default="#1f5f8b", validators=[hex_colour])
    prepared_by = models.CharField(
        max_length=160, blank=True, help_text="Shown on reports, e.g. 'Prepared by Acme Advisory'."
    )
    default_currency = models.CharField(
        max_length=3,
        choices=Currency.choices,
        blank=True,
        default="",
        help_text="New clients start in this currency; each client can have its own.",
        error_messages={"invalid_choice": INVALID_CURRENCY},
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="workspaces"
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(default_currency__in=[*Currency.values, ""]),
                name="workspace_default_currency_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        CONSULTANT = "consultant", "Consultant"
        MEMBER = "member", "Member"
        VIEWER = "viewer", "Viewer"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)
    # None listed: the whole workspace. Some listed: only those clients and their pilots,
    # for a client's own people invited into a consultancy's workspace.
    clients = models.ManyToManyField(
        "assessments.Client", through="MembershipClient", blank=True, related_name="+"
    )

    class Meta:
        ordering = ["workspace", "user"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="membership_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.workspace} ({self.get_role_display()})"

    @property
    def can_edit(self) -> bool:
        return self.role != self.Role.VIEWER

    @property
    def can_manage(self) -> bool:
        return self.role in {self.Role.OWNER, self.Role.CONSULTANT}

    @cached_property
    def is_limited(self) -> bool:
        """Whether this membership sees only some clients.

        The access helpers read it with the membership itself, so this query runs only
        for a membership fetched some other way.
        """
        return self.client_limits.exists()

    def sees_client(self, client_id: int) -> bool:
        return not self.is_limited or self.client_limits.filter(client_id=client_id).exists()


class MembershipClient(models.Model):
    """One client a limited membership may see.

    A client cannot be deleted from under a limit (RESTRICT): a limit left empty would
    open the whole workspace, so deleting a client first settles who was limited to it.
    Deleting the whole workspace takes both with it.
    """

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="client_limits"
    )
    client = models.ForeignKey(
        "assessments.Client", on_delete=models.RESTRICT, related_name="membership_limits"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "client"], name="membership_client_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership} sees {self.client}"


# What each role lets someone do. An invitation reads "as a member, who can add…" and
# the team page lists "Member — Can add…", so each one starts with "can".
ROLE_DESCRIPTIONS = {
    Membership.Role.OWNER: "can do everything, including the settings and who is in the team",
    Membership.Role.CONSULTANT: "can do everything an owner can, except make or change owners",
    Membership.Role.MEMBER: "can add clients and pilots, answer assessments and make reports",
    Membership.Role.VIEWER: "can read pilots, results and reports, but change nothing",
}


# Someone limited to some clients cannot add others; everything else stays within theirs.
LIMITED_ROLE_DESCRIPTIONS = {
    **ROLE_DESCRIPTIONS,
    Membership.Role.MEMBER: (
        "can add pilots to the clients they see, answer their assessments and make their "
        "reports, but cannot add clients"
    ),
}


def role_description(role: str, *, limited: bool) -> str:
    """What someone with this role can do, as said after "who"."""
    return (LIMITED_ROLE_DESCRIPTIONS if limited else ROLE_DESCRIPTIONS)[role]


def role_with_article(role: str) -> str:
    """The role as a sentence names it: "an owner", "a member"."""
    label = Membership.Role(role).label.lower()
    return f"{'an' if label[0] in 'aeiou' else 'a'} {label}"


INVITATION_DAYS = 14


def invitation_expiry() -> datetime:
    return timezone.now() + timedelta(days=INVITATION_DAYS)


class Invitation(models.Model):
    """An email address asked to join a workspace with a role, through a link of its own.

    An invitation is open until someone accepts it; revoking one deletes it, so its link
    is simply unknown afterwards. An open invitation past its expiry is kept, so that
    inviting the same address again renews it rather than piling up rows.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("email address")
    role = models.CharField(
        max_length=20, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The membership's limit once accepted: none listed is the whole workspace.
    clients = models.ManyToManyField(
        "assessments.Client", through="InvitationClient", blank=True, related_name="+"
    )

    class Meta:
        ordering = ["workspace", "email", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "email"],
                condition=Q(accepted_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} to {self.workspace} ({self.get_role_display()})"

    def save(self, *args, **kwargs) -> None:
        # However an invitation is made (the team page, the admin), it has a link.
        if self._state.adding and not self.token:
            self.token = self.new_token()
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        # Before the constraint is checked, so "Dana@" and "dana@" count as one address.
        self.email = self.email.strip().lower()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def is_expired(self) -> bool:
        return not self.is_accepted and self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        return not self.is_accepted and not self.is_expired


class InvitationClient(models.Model):
    """One client an invitation limits its membership to; RESTRICT as for a membership."""

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="client_limits"
    )
    client = models.ForeignKey(
        "assessments.Client", on_delete=models.RESTRICT, related_name="invitation_limits"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "client"], name="invitation_client_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invitation} limited to {self.client}"
