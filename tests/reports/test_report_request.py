from django.core.files.storage import default_storage
from django.core.files.storage.memory import InMemoryStorage

from assessments import services as assessment_services
from reports import services
from reports.models import Report
from reports.snapshot_format import snapshot_digest

from .conftest import pdf_text


def test_requesting_a_report_creates_a_queued_row_and_queues_it_after_commit(
    assessment, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        report = services.report_request(assessment=assessment, requested_by=alice)

    assert report.status == Report.Status.QUEUED
    assert report.requested_by == alice
    assert len(callbacks) == 1
    assert Report.objects.get(pk=report.pk).file.name == ""


def test_without_redis_the_queued_task_renders_in_process(ready_report, assessment):
    assert ready_report.status == Report.Status.READY
    assert ready_report.attempts == 1
    assert ready_report.page_count >= 8
    assert ready_report.size_bytes == ready_report.file.size
    assert ready_report.render_seconds > 0
    assert ready_report.finished_at >= ready_report.started_at
    assert ready_report.snapshot_sha256 == snapshot_digest(ready_report.snapshot)
    text = pdf_text(ready_report.file.open("rb").read())
    assert assessment.pilot.name in text
    assert ready_report.decision_label in text


def test_the_pdf_is_written_through_the_storage_api(ready_report):
    assert isinstance(default_storage._wrapped, InMemoryStorage)
    assert default_storage.exists(ready_report.file.name)


def test_the_stored_hash_is_the_hash_of_the_stored_file(ready_report):
    import hashlib

    content = ready_report.file.open("rb").read()

    assert hashlib.sha256(content).hexdigest() == ready_report.sha256


def test_later_answers_do_not_change_an_issued_report(
    ready_report, assessment, alice, request_report
):
    snapshot_before = ready_report.snapshot
    digest_before = ready_report.snapshot_sha256

    assessment_services.answer_save(
        assessment=assessment, question_id="own_authority", value=False, user=alice
    )
    assessment_services.pilot_update(pilot=assessment.pilot, data={"name": "Renamed pilot"})
    later = request_report(assessment, alice)

    ready_report.refresh_from_db()
    assert ready_report.snapshot == snapshot_before
    assert ready_report.snapshot_sha256 == digest_before
    assert "Renamed pilot" not in pdf_text(ready_report.file.open("rb").read())
    assert later.snapshot["pilot"]["name"] == "Renamed pilot"
    assert later.snapshot_sha256 != digest_before


def test_the_snapshot_carries_the_workspace_branding(assessment, alice, request_report):
    workspace = assessment.pilot.client.workspace
    workspace.accent_colour = "#7a2e8f"
    workspace.prepared_by = "Prepared by Harbour Lane Advisory"
    workspace.save()

    report = request_report(assessment, alice)

    assert report.snapshot["branding"]["accent_colour"] == "#7a2e8f"
    assert "Prepared by Harbour Lane Advisory" in pdf_text(report.file.open("rb").read())


def test_a_workspace_logo_is_embedded_in_the_snapshot_and_the_pdf(
    assessment, alice, request_report
):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 20), "#7a2e8f").save(buffer, "PNG")
    workspace = assessment.pilot.client.workspace
    workspace.logo = SimpleUploadedFile("logo.png", buffer.getvalue(), "image/png")
    workspace.save()

    report = request_report(assessment, alice)

    assert report.snapshot["branding"]["logo"]["content_type"] == "image/png"
    assert report.status == Report.Status.READY
    assert b"/Image" in report.file.open("rb").read()


def test_the_decision_is_copied_for_lists_and_filters(ready_report, assessment):
    assessment.refresh_from_db()

    assert ready_report.decision == ready_report.snapshot["decision"]["code"]
    assert ready_report.decision in {"go", "go_with_conditions", "not_yet", "stop"}


def test_the_pdf_names_the_people_who_answered_and_where_they_differ(ready_report):
    # The world's draft says yes to own_authority; Priya Shah, asked on her own, said no.
    text = " ".join(pdf_text(ready_report.file.open("rb").read()).split())

    assert "Where the team disagreed" in text
    assert "Priya Shah (Operations lead) · still answering" in text
    assert "Current answer (scored): Yes Priya Shah: No" in text


def test_a_reassessment_report_says_what_changed_since_the_last_final_one(
    assessment, alice, request_report
):
    assessment_services.assessment_submit(assessment=assessment)
    assessment.refresh_from_db()
    later = assessment_services.assessment_start(pilot=assessment.pilot, user=alice)
    assessment_services.answer_save(
        assessment=later, question_id="own_authority", value=True, user=alice
    )

    report = request_report(later, alice)

    text = " ".join(pdf_text(report.file.open("rb").read()).split())
    assert f"Since the assessment of {assessment.submitted_at:%-d %B %Y}:" in text
    assert "Where the team disagreed" not in text, "nobody was asked to answer the new one"


def test_a_first_assessment_report_has_nothing_to_compare(ready_report):
    text = pdf_text(ready_report.file.open("rb").read()).lower()

    assert "since the assessment of" not in text


def test_a_report_on_copied_answers_says_how_many_nobody_re_checked(
    assessment, alice, request_report
):
    assessment_services.assessment_submit(assessment=assessment)
    later = assessment_services.assessment_start(pilot=assessment.pilot, user=alice)
    carried = assessment_services.assessment_carry_answers(assessment=later, source=assessment)
    assert carried.carried >= 1

    report = request_report(later, alice)

    text = " ".join(pdf_text(report.file.open("rb").read()).split())
    copied = f"{carried.carried} answer{'s' if carried.carried != 1 else ''}"
    assert (
        f"{copied} {'was' if carried.carried == 1 else 'were'} copied from the last assessment"
        in (text)
    )

    # Once re-checked, the line goes.
    for section in (
        "basics",
        "ownership",
        "outcome",
        "integration",
        "oversight",
        "adoption",
        "value",
    ):
        assessment_services.carried_answers_confirm(assessment=later, section=section, user=alice)
    again = request_report(later, alice)
    assert "copied from the last assessment" not in pdf_text(again.file.open("rb").read())
