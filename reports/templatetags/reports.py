import contextlib
import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django import template
from django.utils.encoding import iri_to_uri
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from accounts.models import Membership
from assessments.models import Assessment
from assessments.selectors import has_agreed_answers

from ..selectors import latest_report

register = template.Library()


@register.simple_tag(takes_context=True)
def report_panel_state(context, assessment: Assessment) -> dict[str, Any]:
    """What the report panel needs, so including it takes nothing but the assessment."""
    request = context.get("request")
    user = getattr(request, "user", None)
    user_id = getattr(user, "pk", None)
    workspace_id = assessment.pilot.client.workspace_id
    # A page about the assessment usually has the user's membership already.
    known = context.get("membership")
    if (
        isinstance(known, Membership)
        and user_id is not None
        and (known.workspace_id, known.user_id) == (workspace_id, user_id)
    ):
        role = known.role
    else:
        role = (
            Membership.objects.filter(workspace_id=workspace_id, user_id=user_id)
            .values_list("role", flat=True)
            .first()
        )
    # The results page knows whether there are answers; elsewhere it is asked here.
    has_answers = context.get("has_answers")
    return {
        "latest": latest_report(assessment),
        "can_request": role is not None and role != Membership.Role.VIEWER,
        "has_answers": has_agreed_answers(assessment) if has_answers is None else has_answers,
    }


# A web address in evidence runs to the next space; a full stop or bracket just after
# it usually belongs to the sentence, not the address.
_WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)
_SENTENCE_END = ".,;:!?)]}'\""


def _href(address: str) -> str:
    """The address as a URI: a non-ASCII host in its ASCII (punycode) form, the rest
    percent-encoded where it must be."""
    parts = urlsplit(address)
    if not parts.netloc:
        raise ValueError(f"No host in {address!r}")
    userinfo, at, host_port = parts.netloc.rpartition("@")
    host, colon, port = host_port.partition(":")
    # A host the IDNA codec refuses is left as typed, and percent-encoded below.
    if not host.isascii():
        with contextlib.suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
    netloc = f"{userinfo}{at}{host}{colon}{port}"
    return iri_to_uri(urlunsplit(parts._replace(netloc=netloc)))


@register.filter
def evidence_links(text: str) -> SafeString:
    """Evidence with each http(s) address made a link, so the PDF's reader can open it.

    Only web addresses become links; everything else the evidence says stays text.
    """
    text = str(text or "")
    parts, start = [], 0
    for match in _WEB_ADDRESS.finditer(text):
        address = match.group(0).rstrip(_SENTENCE_END)
        try:
            href = _href(address)
        except ValueError:  # not a well-formed address after all: keep it as text
            continue
        end = match.start() + len(address)
        parts.append(escape(text[start : match.start()]))
        parts.append(format_html('<a href="{}">{}</a>', href, address))
        start = end
    parts.append(escape(text[start:]))
    return mark_safe("".join(parts))
