import xml.etree.ElementTree as ET

from assessments.charts import GapBar, gap_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def _bars():
    return [
        GapBar("Ownership", 82, "strong"),
        GapBar("Outcome", 35, "weak", weakest=True),
        GapBar("Integration & data", None, "weak"),
    ]


def test_chart_is_well_formed_svg_with_one_bar_per_gap():
    root = ET.fromstring(gap_chart_svg(_bars(), weak_below=40, strong_from=75))

    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert labels == ["Ownership", "Outcome", "Integration & data"]


def test_chart_describes_scores_for_screen_readers():
    svg = gap_chart_svg(_bars(), weak_below=40, strong_from=75)

    assert "Outcome: 35 (weakest)" in svg
    assert "Integration &amp; data: not answered" in svg


def test_chart_escapes_labels():
    svg = gap_chart_svg(
        [GapBar("<script>x</script>", 50, "moderate")], weak_below=40, strong_from=75
    )

    assert "<script>" not in svg
    ET.fromstring(svg)
