"""Request handling shared by every page."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url


class HtmxSignedOutMiddleware:
    """A signed-out browser's htmx request gets 401, not the login page.

    An XMLHttpRequest follows the redirect to the login page silently, so an autosave
    would swap a whole page into a field's status and look as if nothing was wrong. A
    401 leaves the page as it is, with what was typed, and the page says it was not
    saved and why.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.login_url = resolve_url(settings.LOGIN_URL)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and response.status_code == 302
            and not request.user.is_authenticated
            and response["Location"].startswith(self.login_url)
        ):
            signed_out = HttpResponse(
                "You are signed out. Log in again, then try once more.",
                status=401,
                content_type="text/plain",
            )
            signed_out["X-Login-Url"] = response["Location"]
            return signed_out
        return response
