"""Headless Chromium for the browser tests.

Debian's `chromium` package drives the tests; a browser is never downloaded.
Without it the tests skip locally with the reason, and fail under CI=true so a
green CI run always means a real browser clicked through the app.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from tests.conftest import IN_CI

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def _missing_browser() -> str | None:
    if not Path(CHROMIUM).exists():
        return "needs Chromium: apt-get install chromium (or set CHROMIUM_PATH)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "needs the playwright Python package (uv sync)"
    return None


@pytest.fixture
def chromium(live_server, monkeypatch) -> Iterator:
    """Headless Chromium, started per test once the database is ready.

    Playwright's sync API runs an event loop in this thread, and Django refuses ORM
    calls from a thread with a running loop unless told otherwise. The test's own ORM
    calls are plain synchronous ones, so the override is safe, and monkeypatch removes
    it again before any other test runs.
    """
    problem = _missing_browser()
    if problem:
        if IN_CI:
            pytest.fail(f"CI=true and this browser test {problem}")
        pytest.skip(problem)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=15_000)

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        # While Playwright's loop runs, the test's ORM calls get a database connection
        # of their own context; close it here, in that context, or it outlives the test
        # database.
        connections.close_all()
        browser.close()


def _tab(browser, live_server, **options):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url, **options
    )
    # Generous waits: an autosave is debounced, then queued behind the live server's
    # other requests, and CI machines are sometimes busy.
    context.set_default_timeout(20_000)
    return context.new_page()


@pytest.fixture
def page(chromium, live_server) -> Iterator:
    tab = _tab(chromium, live_server)
    yield tab
    tab.context.close()


@pytest.fixture
def browser_without_js(chromium, live_server) -> Iterator:
    """A tab with JavaScript switched off: plain forms and full page loads only."""
    tab = _tab(chromium, live_server, java_script_enabled=False)
    yield tab
    tab.context.close()


@pytest.fixture
def screenshot(request):
    """Save a full-page screenshot under var/screenshots/ for a human to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str, tab=None) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        (tab or request.getfixturevalue("page")).screenshot(path=str(path), full_page=True)
        return path

    return take
