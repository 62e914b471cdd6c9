import pytest

from reports.fetcher import ASSET_ORIGIN, RefusedURL, SafeURLFetcher, data_uri

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f6b2"
    "a60000000049454e44ae426082"
)


def test_our_stylesheet_is_served_from_the_static_files():
    fetcher = SafeURLFetcher()

    response = fetcher.fetch(f"{ASSET_ORIGIN}static/reports/report.css")

    assert b"@page" in response.read()
    assert response.content_type == "text/css"
    assert fetcher.log.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///proc/self/environ",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/logo.png",
        "ftp://example.com/x",
        "data:image/png;base64,iVBORw0KGgo=",
        "data:text/css,body{background:url(http://169.254.169.254/)}",
        f"{ASSET_ORIGIN}static/../../etc/passwd",
        f"{ASSET_ORIGIN}static/reports/%2e%2e/%2e%2e/readiness/settings.py",
        f"{ASSET_ORIGIN}media/logos/x.png",
        f"{ASSET_ORIGIN}static/reports/report.css?redirect=http://evil.test/",
        "https://report-assets.invalid.evil.test/static/reports/report.css",
    ],
)
def test_anything_else_is_refused_and_recorded(url):
    fetcher = SafeURLFetcher()

    with pytest.raises(RefusedURL):
        fetcher.fetch(url)

    assert fetcher.log.allowed == []
    assert len(fetcher.log.refused) == 1


def test_a_file_type_the_report_never_uses_is_refused():
    fetcher = SafeURLFetcher()

    with pytest.raises(RefusedURL):
        fetcher.fetch(f"{ASSET_ORIGIN}static/css/../../manage.py")


def test_an_embedded_image_the_renderer_registered_is_served():
    uri = data_uri(PNG, "image/png")
    fetcher = SafeURLFetcher(embedded=frozenset({uri}))

    response = fetcher.fetch(uri)

    assert response.read() == PNG
    assert response.content_type == "image/png"
