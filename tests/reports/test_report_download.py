from django.urls import reverse

from reports.models import Report


def _url(report) -> str:
    return reverse("report_download", kwargs={"report_id": report.id})


def test_a_ready_report_downloads_as_a_named_pdf(alice_client, ready_report):
    response = alice_client.get(_url(ready_report))

    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF-")
    assert len(body) == ready_report.size_bytes
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"{ready_report.reference}.pdf" in disposition
    assert "readiness-report-quote-follow-ups-" in disposition


def test_a_viewer_can_download(client, victor, make_report):
    report = make_report(Report.Status.READY)
    client.force_login(victor)

    assert client.get(_url(report)).status_code == 200


def test_a_report_that_is_not_ready_cannot_be_downloaded(alice_client, make_report):
    report = make_report(Report.Status.RENDERING)

    assert alice_client.get(_url(report)).status_code == 404


def test_an_outsider_cannot_download(client, charlie, make_report):
    report = make_report(Report.Status.READY)
    client.force_login(charlie)

    assert client.get(_url(report)).status_code == 404
