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
