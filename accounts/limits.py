"""How often one address or one network may sign in, sign up, reset or invite, and how
many reports one workspace may ask for.

Counted in the cache (Redis when configured, shared by every web process) with
django-ratelimit's fixed windows. A limit that is reached refuses the request with a
message that says what to do; nothing else about the request is done. If the cache
cannot be reached the request goes through: a lost counter must not lock everyone out.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage, is_ratelimited

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    group: str
    rate: str
    message: str


def _count(request: HttpRequest, limit: Limit, key: str | Callable) -> bool:
    try:
        return bool(
            is_ratelimited(request, group=limit.group, key=key, rate=limit.rate, increment=True)
        )
    except Exception:  # a cache outage must not stop people signing in
        logger.warning("Could not count %s; letting the request through", limit.group)
        return False


def reached(request: HttpRequest, *counted: tuple[Limit, str | Callable]) -> Limit | None:
    """Count this request against each (limit, key); the first limit now exceeded.

    Every limit is counted even when an earlier one is reached, so each counter sees
    every attempt.
    """
    hit = None
    for limit, key in counted:
        if _count(request, limit, key) and hit is None:
            hit = limit
    return hit


def _fixed(value: str) -> Callable[[str, HttpRequest], str]:
    """A key that counts by a value the caller knows (a workspace, an email address)."""
    return lambda group, request: value


SIGN_IN_BY_ADDRESS = Limit(
    "sign-in-address",
    "10/15m",
    "Too many attempts to sign in with this email address. Wait 15 minutes and try "
    "again, or reset your password.",
)
SIGN_IN_BY_NETWORK = Limit(
    "sign-in-network",
    "60/15m",
    "Too many attempts to sign in from your network. Wait 15 minutes and try again.",
)
SIGN_UP_BY_NETWORK = Limit(
    "sign-up-network",
    "10/h",
    "Too many accounts were created from your network in the last hour. "
    "Wait a while and try again.",
)
RESET_BY_ADDRESS = Limit(
    "reset-address",
    "3/h",
    "A reset link was already sent to this address several times in the last hour. "
    "Check your inbox and spam folder, or try again in an hour.",
)
RESET_BY_NETWORK = Limit(
    "reset-network",
    "20/h",
    "Too many reset links were asked for from your network. Try again in an hour.",
)
PASSWORD_CHANGE_BY_USER = Limit(
    "password-change-user",
    "10/15m",
    "Too many attempts to change your password. Wait 15 minutes and try again, or log "
    "out and reset it by email.",
)
INVITES_BY_WORKSPACE = Limit(
    "invite-workspace",
    "30/h",
    "This workspace has sent 30 invitations in the last hour, the most it may. "
    "Wait a while and try again; the invitations already sent still work.",
)
INVITES_BY_ADDRESS = Limit(
    "invite-address",
    "5/h",
    "This address has been sent 5 invitation emails in the last hour. Copy the link "
    "from the open invitation below and send it yourself, or try again later.",
)


def _sign_in_counters(request: HttpRequest) -> tuple[tuple[Limit, str | Callable], ...]:
    return (
        (SIGN_IN_BY_ADDRESS, _fixed(_address(request.POST.get("username")))),
        (SIGN_IN_BY_NETWORK, "ip"),
    )


def _used_up(request: HttpRequest, limit: Limit, key: str | Callable) -> bool:
    """Whether earlier failures have used up the limit; counts nothing itself."""
    try:
        usage = get_usage(request, group=limit.group, key=key, rate=limit.rate)
    except Exception:  # a cache outage must not stop anyone
        logger.warning("Could not read %s; letting the request through", limit.group)
        return False
    # No usage: limits are off. A limit of 0 is how the library reports a cache failure.
    return usage is not None and usage["limit"] > 0 and usage["count"] >= usage["limit"]


def sign_in(request: HttpRequest) -> Limit | None:
    """The sign-in limit that failed attempts have already used up, if any.

    Only failures count (see `sign_in_failed`): a consultant signing in on a laptop, a
    projector and a phone in one morning must not lock themselves out.
    """
    for limit, key in _sign_in_counters(request):
        if _used_up(request, limit, key):
            return limit
    return None


def sign_in_failed(request: HttpRequest) -> None:
    """Count a wrong address or password against the address and the network."""
    reached(request, *_sign_in_counters(request))


def sign_up(request: HttpRequest) -> Limit | None:
    return reached(request, (SIGN_UP_BY_NETWORK, "ip"))


def password_reset(request: HttpRequest, email: str) -> Limit | None:
    return reached(request, (RESET_BY_ADDRESS, _fixed(_address(email))), (RESET_BY_NETWORK, "ip"))


def password_change(request: HttpRequest) -> Limit | None:
    # Counted by account: someone at an unlocked screen must not guess the password.
    return reached(request, (PASSWORD_CHANGE_BY_USER, _fixed(str(request.user.pk))))


def invitation_email(request: HttpRequest, workspace_id: int, email: str) -> Limit | None:
    return reached(
        request,
        (INVITES_BY_ADDRESS, _fixed(f"{workspace_id}:{_address(email)}")),
        (INVITES_BY_WORKSPACE, _fixed(str(workspace_id))),
    )


def _reports_by_workspace() -> Limit:
    # Read when asked rather than at import, so a changed setting takes effect.
    per_hour = settings.REPORTS_PER_WORKSPACE_HOUR
    return Limit(
        "report-workspace",
        f"{per_hour}/h",
        f"This workspace has asked for {per_hour} reports in the last hour, the most it "
        "may. Wait a while and try again; the reports already made can still be downloaded.",
    )


def report_request(request: HttpRequest, workspace_id: int) -> Limit | None:
    """The workspace's report limit, if the reports it has made have used it up.

    Only reports actually made count (see `report_made`): a press that finds the same
    report, or one still being made, costs no worker and uses up nothing.
    """
    limit = _reports_by_workspace()
    return limit if _used_up(request, limit, _fixed(str(workspace_id))) else None


def report_made(request: HttpRequest, workspace_id: int) -> None:
    reached(request, (_reports_by_workspace(), _fixed(str(workspace_id))))


def _address(email: str | None) -> str:
    return (email or "").strip().lower()
