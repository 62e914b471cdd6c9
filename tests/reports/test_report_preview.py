from django.urls import reverse

from reports.models import Report


def test_the_preview_shows_the_report_as_a_web_page(alice_client, make_report):
    report = make_report(Report.Status.READY)

    response = alice_client.get(reverse("report_preview", args=[report.id]))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="report preview"' in page
    assert report.snapshot["pilot"]["name"] in page
    assert report.snapshot_sha256 in page


def test_the_preview_escapes_what_users_typed(alice_client, make_report):
    report = make_report(Report.Status.READY)
    snapshot = report.snapshot
    snapshot["pilot"]["name"] = "<script>alert(1)</script>"
    Report.objects.filter(pk=report.pk).update(snapshot=snapshot)

    page = alice_client.get(reverse("report_preview", args=[report.id])).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_preview_shows_what_changed_and_where_the_team_disagreed(alice_client, make_report):
    report = make_report(Report.Status.READY)

    page = alice_client.get(reverse("report_preview", args=[report.id])).content.decode()

    assert 'id="since"' in page
    assert "Since the assessment of 4 March 2026: Not yet, as before" in page
    assert 'id="team"' in page
    assert "Marcus Lee (CRM administrator)" in page


def test_an_outsider_cannot_preview(client, charlie, make_report):
    report = make_report(Report.Status.READY)
    client.force_login(charlie)

    assert client.get(reverse("report_preview", args=[report.id])).status_code == 404


def test_the_preview_leads_back_to_the_results_and_offers_the_download(alice_client, make_report):
    report = make_report(Report.Status.READY)

    page = alice_client.get(reverse("report_preview", args=[report.id])).content.decode()

    results = reverse("assessment_results", args=[report.assessment_id])
    download = reverse("report_download", args=[report.id])
    assert f'<a href="{results}">← Back to the results</a>' in page
    assert f'<a class="preview-download" href="{download}" download>Download PDF</a>' in page


def test_the_preview_lists_the_gaps_for_a_phone_to_show_instead_of_the_chart(
    alice_client, make_report
):
    report = make_report(Report.Status.READY)

    page = alice_client.get(reverse("report_preview", args=[report.id])).content.decode()

    listed = page[page.index('<ul class="gap-list">') : page.index("</ul>", page.index("gap-list"))]
    for gap in report.snapshot["gaps"]:
        assert f'<span class="gap-list-label">{gap["label"]}' in listed
    assert listed.count("<li>") == len(report.snapshot["gaps"])


def test_the_pdf_has_neither_the_way_back_nor_the_list():
    from reports.pdf import render_report_html
    from reports.samples import sample_snapshot

    html = render_report_html(sample_snapshot(), reference="R-000042", snapshot_sha256="0" * 64)

    assert "preview-bar" not in html
    assert "gap-list" not in html
