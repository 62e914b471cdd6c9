"""Hostile content in a pilot is printed as text and makes the renderer fetch nothing."""

import pytest

from assessments import services as assessment_services
from reports import fetcher as fetcher_module
from reports.pdf import render_pdf
from reports.samples import sample_snapshot

from .conftest import pdf_text

HOSTILE = [
    '<img src="file:///etc/passwd">',
    "<style>*{background:url(http://169.254.169.254/)}</style>",
    '<link rel="stylesheet" href="http://169.254.169.254/x.css">',
    '<svg><image href="file:///etc/shadow"/></svg>',
    '<iframe src="https://example.com/"></iframe>',
]


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def fetches(monkeypatch) -> list[str]:
    """Every URL any renderer asks for, whether allowed or not."""
    seen: list[str] = []
    original = fetcher_module.SafeURLFetcher.fetch

    def recording(self, url, headers=None):
        seen.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(fetcher_module.SafeURLFetcher, "fetch", recording)
    return seen


def _hostile_snapshot() -> dict:
    snapshot = sample_snapshot()
    snapshot["pilot"]["name"] = HOSTILE[0]
    snapshot["client"]["name"] = HOSTILE[1]
    snapshot["branding"]["prepared_by"] = HOSTILE[2]
    snapshot["branding"]["accent_colour"] = "red;}*{background:url(http://169.254.169.254/)"
    snapshot["decision"]["reasons"][0] = HOSTILE[3]
    snapshot["gaps"][0]["findings"][0]["text"] = HOSTILE[4]
    snapshot["actions"][0]["title"] = HOSTILE[0]
    snapshot["appendix"][0]["questions"][0]["answer"] = HOSTILE[1]
    snapshot["appendix"][0]["questions"][0]["evidence"] = "url(file:///etc/passwd)"
    snapshot["since"]["gates_now_met"][0]["label"] = HOSTILE[4]
    snapshot["disagreements"]["people"][0]["name"] = HOSTILE[2]
    snapshot["disagreements"]["people"][0]["role"] = HOSTILE[3]
    snapshot["disagreements"]["questions"][0]["answers"][0]["name"] = HOSTILE[2]
    return snapshot


def test_markup_in_the_snapshot_is_printed_as_text(fetches):
    rendered = render_pdf(_hostile_snapshot(), reference="R-1", snapshot_sha256="0" * 64)

    text = _squash(pdf_text(rendered.content))
    for payload in HOSTILE:
        assert _squash(payload) in text
    assert "url(file:///etc/passwd)" in text


def test_rendering_hostile_content_fetches_nothing(fetches):
    rendered = render_pdf(_hostile_snapshot(), reference="R-1", snapshot_sha256="0" * 64)

    # The stylesheet is handed to WeasyPrint already parsed; nothing else may load.
    assert fetches == []
    assert rendered.fetches.refused == []
    assert rendered.fetches.allowed == []


def test_a_forged_accent_colour_falls_back_to_the_default(fetches):
    from reports.pdf import report_context

    context = report_context(_hostile_snapshot(), reference="R-1", snapshot_sha256="0" * 64)

    assert context["accent"] == "#1f5f8b"


def test_a_pilot_with_hostile_names_and_answers_makes_a_safe_report(
    world, alice, request_report, fetches
):
    pilot = world.objects["pilot"]
    assessment_services.pilot_update(pilot=pilot, data={"name": HOSTILE[0][:160]})
    assessment_services.owner_add(pilot=pilot, name=HOSTILE[4], role=HOSTILE[2])
    assessment_services.answer_save(
        assessment=world.objects["assessment"],
        question_id="basic_if_it_works",
        value=HOSTILE[1],
        evidence=HOSTILE[3],
        user=alice,
    )

    report = request_report(world.objects["assessment"], alice)

    assert report.status == "ready"
    text = _squash(pdf_text(report.file.open("rb").read()))
    for payload in HOSTILE:
        assert _squash(payload) in text
    assert fetches == []
