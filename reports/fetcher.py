"""The only way the PDF renderer may load anything.

WeasyPrint would happily follow any URL it meets: file paths, http(s) to cloud
metadata services, redirects. Report content comes from users, so the renderer
gets a fetcher that serves the project's own static files and the exact
embedded images the renderer itself put into the page, and refuses the rest.

Static files are addressed under a private origin (``ASSET_ORIGIN``) that never
touches the network: the page is rendered with ``{% static %}`` URLs and that
origin as WeasyPrint's base URL, and the fetcher maps them to files found by
Django's staticfiles finders (or STATIC_ROOT after collectstatic).
"""

import base64
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

ASSET_ORIGIN = "https://report-assets.invalid/"

# Only what the print stylesheet and its images need.
ALLOWED_STATIC_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
}


class RefusedURL(ValueError):
    """Raised for every URL the renderer is not allowed to load."""


@dataclass
class FetchLog:
    allowed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def _static_path(url_path: str) -> Path | None:
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not url_path.startswith(static_prefix):
        return None
    relative = unquote(url_path.removeprefix(static_prefix))
    if not relative or ".." in Path(relative).parts or relative.startswith("/"):
        return None
    if Path(relative).suffix.lower() not in ALLOWED_STATIC_TYPES:
        return None
    found = finders.find(relative)
    candidates = [Path(found)] if found else []
    candidates.append(Path(settings.STATIC_ROOT) / relative)
    roots = [Path(root).resolve() for root in _static_roots()]
    for candidate in candidates:
        resolved = candidate.resolve()
        # Symlinks must not lead out of a static root.
        if resolved.is_file() and any(resolved.is_relative_to(root) for root in roots):
            return resolved
    return None


def _static_roots() -> list[str]:
    roots = [str(settings.STATIC_ROOT)]
    for entry in settings.STATICFILES_DIRS:
        roots.append(str(entry[1] if isinstance(entry, tuple) else entry))
    from django.apps import apps

    for app in apps.get_app_configs():
        roots.append(str(Path(app.path) / "static"))
    return roots


class SafeURLFetcher(URLFetcher):
    """Serves static assets and known embedded images; refuses everything else.

    Every attempt is recorded in ``log`` so tests (and logs) can prove that no
    other fetch happened.
    """

    def __init__(self, *, embedded: frozenset[str] = frozenset()) -> None:
        # The parent's __init__ builds HTTP, FTP and TLS handlers (and loads the CA
        # store) that this fetcher never uses; skip it and set what WeasyPrint reads.
        self._fail_on_errors = False
        self.embedded = embedded
        self.log = FetchLog()

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url in self.embedded:
            # Our own data: URI; WeasyPrint decodes it with the standard handler.
            self.log.allowed.append(url[:40])
            return self._data_response(url)
        if url.startswith(ASSET_ORIGIN):
            parts = urlsplit(url)
            if not parts.query and not parts.fragment:
                path = _static_path(parts.path)
                if path is not None:
                    self.log.allowed.append(url)
                    content_type = ALLOWED_STATIC_TYPES[path.suffix.lower()]
                    return URLFetcherResponse(
                        url, path.read_bytes(), headers={"Content-Type": content_type}
                    )
        self.log.refused.append(url[:200])
        raise RefusedURL(f"Reports may not load {url[:80]!r}")

    @staticmethod
    def _data_response(url: str) -> URLFetcherResponse:
        header, _, payload = url.partition(",")
        media_type = header.removeprefix("data:").split(";")[0] or "application/octet-stream"
        body = base64.b64decode(payload) if header.endswith(";base64") else unquote(payload)
        return URLFetcherResponse(url[:40], body, headers={"Content-Type": media_type})


def data_uri(content: bytes, content_type: str) -> str:
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"


def guess_image_type(name: str) -> str | None:
    content_type, _ = mimetypes.guess_type(name)
    # Raster only: an SVG logo could carry references of its own.
    if content_type in {"image/png", "image/jpeg", "image/gif", "image/webp"}:
        return content_type
    return None
