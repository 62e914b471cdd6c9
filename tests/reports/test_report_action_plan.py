"""The action plan in the PDF: what is done, what is still open, and what is overdue."""

import io

from pypdf import PdfReader

from reports.pdf import render_pdf
from reports.samples import sample_snapshot
from reports.snapshot_format import snapshot_digest, validate_snapshot


def _pages(snapshot) -> list[str]:
    validate_snapshot(snapshot)
    rendered = render_pdf(snapshot, reference="R-000042", snapshot_sha256=snapshot_digest(snapshot))
    reader = PdfReader(io.BytesIO(rendered.content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def _plan(pages: list[str]) -> str:
    start = next(n for n, page in enumerate(pages) if "WHAT TO DO NEXT Action plan" in page)
    return " ".join(pages[start:])


def test_a_done_action_is_left_out_of_fix_first_and_marked_done_in_the_plan():
    snapshot = sample_snapshot()
    first, second, third, fourth = snapshot["actions"][:4]
    for action in snapshot["actions"]:
        action["status"] = "open"
    first["status"] = "done"

    pages = _pages(snapshot)

    page_one = pages[0].split("FIX FIRST", 1)[1]
    assert first["title"] not in page_one
    for action in (second, third, fourth):
        assert action["title"] in page_one
    plan = _plan(pages)
    assert f"{first['title']} Done · Gap: {first['gap']}" in plan
    assert f"{second['title']} Gap: {second['gap']}" in plan
    assert plan.count("Done · Gap:") == 1


def test_when_every_action_is_done_page_one_has_nothing_to_fix_first():
    snapshot = sample_snapshot()
    for action in snapshot["actions"]:
        action["status"] = "done"

    pages = _pages(snapshot)

    assert "FIX FIRST" not in pages[0]
    assert _plan(pages).count("Done · Gap:") == len(snapshot["actions"])


def test_an_open_action_whose_date_has_passed_is_marked_overdue():
    snapshot = sample_snapshot()
    snapshot["taken_at"] = "2026-11-22T10:00:00+00:00"
    for action in snapshot["actions"]:
        action.update(status="open", due="2026-12-31")
    late, finished = snapshot["actions"][:2]
    late["due"] = "2026-03-31"
    finished.update(due="2026-03-31", status="done")

    pages = _pages(snapshot)

    assert f"{late['title']} {late['gap']} · {late['owner']} · by 31 Mar 2026 · overdue" in pages[0]
    plan = _plan(pages)
    assert "Due: 31 Mar 2026 (overdue)" in plan
    assert plan.count("(overdue)") == 1, "a done action is never overdue"
    assert "by 31 Dec 2026 · overdue" not in pages[0]


def test_an_action_due_on_the_day_of_the_report_is_not_overdue():
    snapshot = sample_snapshot()
    snapshot["taken_at"] = "2026-07-15T10:00:00+00:00"
    for action in snapshot["actions"]:
        action.update(status="open", due="2026-07-15")

    text = " ".join(_pages(snapshot))

    assert "overdue" not in text


def test_a_snapshot_from_before_the_status_was_kept_prints_every_action_as_open():
    snapshot = sample_snapshot()
    snapshot["taken_at"] = "2026-11-22T10:00:00+00:00"
    for action in snapshot["actions"]:
        action.pop("status", None)

    pages = _pages(snapshot)

    for action in snapshot["actions"][:3]:
        assert action["title"] in pages[0]
    assert "Done · Gap:" not in _plan(pages)
