from reports.pdf import render_pdf, render_report_html
from reports.samples import sample_snapshot
from reports.snapshot_format import snapshot_digest

from .conftest import pdf_text


def _render(snapshot=None):
    snapshot = snapshot or sample_snapshot()
    return render_pdf(snapshot, reference="R-000042", snapshot_sha256=snapshot_digest(snapshot))


def test_the_pdf_states_the_decision_the_pilot_every_gap_and_every_action():
    snapshot = sample_snapshot()

    text = pdf_text(_render(snapshot).content)

    assert "Not yet" in text
    assert "Inbound lead reply assistant" in text
    assert "Northwind Wholesale" in text
    for gap in snapshot["gaps"]:
        assert gap["label"] in text
    flat = " ".join(text.split())
    for action in snapshot["actions"]:
        assert " ".join(action["title"].split()) in flat


def test_the_demo_report_has_a_summary_page_one_page_per_gap_a_plan_and_an_appendix():
    rendered = _render()

    # 1 summary + 5 gaps + action plan with effort + 3 appendix pages
    assert rendered.page_count == 10
    assert rendered.content.startswith(b"%PDF-")


def test_every_page_footer_carries_the_report_reference_the_snapshot_hash_and_its_number():
    snapshot = sample_snapshot()
    digest = snapshot_digest(snapshot)

    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(_render(snapshot).content))
    pages = [page.extract_text() for page in reader.pages]

    for number, page in enumerate(pages, start=1):
        assert "R-000042" in page
        assert digest in page
        assert f"Page {number} of {len(pages)}" in page


def test_a_go_decision_lists_next_steps_rather_than_fixes():
    snapshot = sample_snapshot()
    snapshot["decision"] = {"code": "go", "label": "Go", "reasons": ["Every gap is strong."]}

    text = pdf_text(_render(snapshot).content).lower()

    assert "next steps" in text
    assert "fix first" not in text


def test_a_value_case_that_never_pays_back_says_so_on_page_one():
    snapshot = sample_snapshot()
    snapshot["payback"]["never_pays_back"] = True
    snapshot["payback"]["months"] = None

    first_page = pdf_text(_render(snapshot).content).split("Page 1 of")[0]

    assert "Never" in first_page


def test_the_preview_uses_the_same_template_and_a_browser_stylesheet_url():
    snapshot = sample_snapshot()

    html = render_report_html(snapshot, reference="R-1", snapshot_sha256="a" * 64, preview=True)

    assert 'class="report preview"' in html
    assert "/static/reports/report.css" in html
    assert "Inbound lead reply assistant" in html


def test_the_report_bands_gaps_where_the_rubric_does():
    snapshot = sample_snapshot()
    snapshot["thresholds"] = {"weak_below": 45, "strong_min": 85}

    html = render_report_html(snapshot, reference="R-1", snapshot_sha256="a" * 64, preview=True)

    assert "Weak: below 45" in html
    assert "Strong: 85 and above" in html


def test_a_snapshot_from_before_thresholds_were_kept_uses_rubric_one_bands():
    snapshot = sample_snapshot()
    snapshot.pop("thresholds", None)

    html = render_report_html(snapshot, reference="R-1", snapshot_sha256="a" * 64, preview=True)

    assert "Weak: below 50" in html
    assert "Strong: 80 and above" in html
