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


def test_a_fix_marked_done_keeps_its_rank_and_says_the_answers_do_not_show_it_yet():
    snapshot = sample_snapshot()
    first, second, _third, fourth = snapshot["actions"][:4]
    for action in snapshot["actions"]:
        action["status"] = "open"
    first["status"] = "done"

    pages = _pages(snapshot)

    page_one = pages[0].split("FIX FIRST", 1)[1]
    # Ranked as the results page ranks it: still first, since the answers do not show it.
    assert page_one.index(first["title"]) < page_one.index(second["title"])
    assert f"{first['owner']} · by 15 Jul 2026 · marked done; the answers do not show it yet" in (
        page_one
    )
    assert fourth["title"] not in page_one
    plan = _plan(pages)
    assert (
        f"{first['title']} Marked done; the answers do not show it yet · Gap: {first['gap']}"
        in plan
    )
    assert f"{second['title']} Gap: {second['gap']}" in plan
    assert plan.count("Marked done;") == 1
    assert "Done ·" not in plan


def test_a_done_fix_whose_gate_still_fails_never_says_it_clears_the_gate():
    snapshot = sample_snapshot()
    first, second = snapshot["actions"][:2]
    for action in snapshot["actions"]:
        action["status"] = "open"
    first.update(status="done", expected_gain="+7.5 overall, +30 Ownership; clears a gate")
    second["expected_gain"] = "+5 overall, +20 Ownership; clears a gate"

    plan = _plan(_pages(snapshot))

    done_line = plan.split(first["title"], 1)[1].split(second["title"], 1)[0]
    assert "clears a gate" not in done_line
    assert "Expected gain once the answers show it: +7.5 overall, +30 Ownership; would " in (
        done_line
    )
    assert "Expected gain: +5 overall, +20 Ownership; clears a gate" in plan


def test_a_stop_step_marked_done_is_simply_done():
    snapshot = sample_snapshot()
    snapshot["decision"] = {"code": "stop", "label": "Stop", "reasons": ["It never pays back."]}
    snapshot["actions"] = [
        {
            "title": "Record what was learned",
            "gap": "Outcome and value",
            "owner": "Priya Shah",
            "due": None,
            "status": "done",
            "expected_gain": None,
            "kind": "stop",
        }
    ]

    pages = _pages(snapshot)

    assert "Record what was learned Done · What the Stop calls for" in _plan(pages)
    assert "the answers do not show it yet" not in " ".join(pages)


def test_when_every_action_is_marked_done_page_one_still_lists_the_first_three():
    snapshot = sample_snapshot()
    for action in snapshot["actions"]:
        action["status"] = "done"

    pages = _pages(snapshot)

    page_one = pages[0].split("FIX FIRST", 1)[1]
    for action in snapshot["actions"][:3]:
        assert action["title"] in page_one
    assert page_one.count("marked done; the answers do not show it yet") == 3
    assert _plan(pages).count("Marked done;") == len(snapshot["actions"])


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
    assert "Marked done" not in _plan(pages)
