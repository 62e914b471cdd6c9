import pytest

pytestmark = pytest.mark.browser


def test_login_page_renders_in_a_real_browser(page, screenshot):
    page.goto("/login/")
    assert page.get_by_role("heading", name="Log in").is_visible()
    screenshot("login")
