"""Export an assessment in the interchange format and import one back."""

import json
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from assessments import services
from assessments.models import Assessment, Client, Pilot
from tests.isolation import db_fingerprint

EXAMPLE = Path(settings.BASE_DIR) / "docs" / "examples" / "go-lead-reply.json"


def upload(text: str, name: str = "assessment.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="application/json")


def test_export_downloads_the_assessment_as_interchange_json(alice_client, assessment):
    services.owner_add(pilot=assessment.pilot, name="Priya Shah", accountable=True)
    services.answer_save(assessment=assessment, question_id="own_authority", value=True, user=None)

    response = alice_client.get(reverse("assessment_export", args=[assessment.id]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="quote-follow-ups-')
    document = json.loads(response.content)
    assert document["format"] == "readiness.assessment"
    assert document["client"] == "Northwind Plumbing"
    assert document["owners"][0]["name"] == "Priya Shah"
    assert {"question_id": "own_authority", "value": True} in document["answers"]


def test_export_names_the_clients_currency(alice_client, assessment):
    services.client_update(client=assessment.pilot.client, data={"currency": "GBP"})

    response = alice_client.get(reverse("assessment_export", args=[assessment.id]))

    assert json.loads(response.content)["currency"] == "GBP"


def test_importing_a_file_in_euros_shows_its_amounts_in_euros(alice_client, workspace):
    document = json.loads(EXAMPLE.read_text()) | {"currency": "EUR"}

    response = alice_client.post(
        reverse("assessment_import", args=[workspace.id]),
        {"file": upload(json.dumps(document))},
        follow=True,
    )

    assert Client.objects.get().currency == "EUR"
    assert "<dt>Cost to reach production</dt><dd>€9,000</dd>" in response.content.decode()


def test_a_client_without_a_currency_takes_the_files_without_a_word(alice_client, workspace):
    document = json.loads(EXAMPLE.read_text()) | {"currency": "JPY"}
    services.client_create(workspace=workspace, name=document["client"])

    response = alice_client.post(
        reverse("assessment_import", args=[workspace.id]), {"file": upload(json.dumps(document))}
    )

    assert response.status_code == 302
    assert Client.objects.get().currency == "JPY"
    assert "was not set on the client" not in alice_client.get(response.url).content.decode()


def test_a_file_in_another_currency_than_its_client_is_refused_and_nothing_changes(
    alice_client, workspace
):
    document = json.loads(EXAMPLE.read_text()) | {"currency": "EUR"}
    services.client_create(workspace=workspace, name=document["client"], currency="GBP")
    before = db_fingerprint()

    response = alice_client.post(
        reverse("assessment_import", args=[workspace.id]),
        {"file": upload(json.dumps(document))},
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "Nothing was imported." in page
    assert "already has its amounts in GBP" in page
    assert db_fingerprint() == before


def test_importing_the_example_creates_a_pilot_with_its_answers(alice_client, workspace):
    response = alice_client.post(
        reverse("assessment_import", args=[workspace.id]), {"file": upload(EXAMPLE.read_text())}
    )

    assessment = Assessment.objects.get()
    assert response.url == reverse("assessment_results", args=[assessment.id])
    assert assessment.pilot.client.workspace == workspace
    assert assessment.answers.count() == len(json.loads(EXAMPLE.read_text())["answers"])
    assert assessment.pilot.owners.exists()
    assert assessment.decision == "go"


def test_importing_a_pilot_whose_name_is_taken_names_it_for_the_day_and_says_so(
    alice_client, workspace
):
    url = reverse("assessment_import", args=[workspace.id])
    alice_client.post(url, {"file": upload(EXAMPLE.read_text())})
    name = json.loads(EXAMPLE.read_text())["pilot"]["name"]
    day = date_format(timezone.localdate(), "j M")

    again = alice_client.post(url, {"file": upload(EXAMPLE.read_text())}, follow=True)
    third = alice_client.post(url, {"file": upload(EXAMPLE.read_text())}, follow=True)

    assert list(Pilot.objects.order_by("id").values_list("name", flat=True)) == [
        name,
        f"{name} (imported {day})",
        f"{name} (imported {day}, 2)",
    ]
    client_name = Client.objects.get().name
    assert (
        f"Imported {name} (imported {day}) into {client_name}. {client_name} already had a "
        f"pilot called “{name}”, "
        "so this one is named for the day it was imported."
    ) in unescape(again.content.decode())
    assert f"Imported {name} (imported {day}, 2) into {client_name}." in unescape(
        third.content.decode()
    )


def test_a_taken_name_at_full_length_is_shortened_to_fit_the_day(alice_client, workspace):
    document = json.loads(EXAMPLE.read_text())
    document["pilot"]["name"] = "L" * 160
    url = reverse("assessment_import", args=[workspace.id])
    alice_client.post(url, {"file": upload(json.dumps(document))})

    response = alice_client.post(url, {"file": upload(json.dumps(document))})

    assert response.status_code == 302
    renamed = Pilot.objects.order_by("id").last().name
    assert len(renamed) == 160
    assert renamed.startswith("LLL") and renamed.endswith(")")


def test_an_exported_file_imports_to_the_same_decision(alice_client, assessment, workspace):
    services.answer_save(assessment=assessment, question_id="own_authority", value=True, user=None)
    exported = alice_client.get(reverse("assessment_export", args=[assessment.id])).content

    alice_client.post(
        reverse("assessment_import", args=[workspace.id]), {"file": upload(exported.decode())}
    )

    imported = Assessment.objects.exclude(pk=assessment.pk).get()
    assessment.refresh_from_db()
    assert (imported.decision, imported.overall_score) == (
        assessment.decision,
        assessment.overall_score,
    )


def test_a_bad_file_lists_every_field_path_and_writes_nothing(alice_client, workspace):
    document = json.loads(EXAMPLE.read_text())
    document["owners"][0]["hours_per_week"] = "lots"
    document["answers"][0]["value"] = "moon"
    before = db_fingerprint()

    response = alice_client.post(
        reverse("assessment_import", args=[workspace.id]), {"file": upload(json.dumps(document))}
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "Nothing was imported." in page
    assert "owners[0].hours_per_week" in page
    assert "answers[0]" in page
    assert db_fingerprint() == before


def test_a_file_whose_numbers_the_records_refuse_is_refused_and_writes_nothing(
    alice_client, workspace
):
    document = json.loads(EXAMPLE.read_text())
    document["value_case"]["minutes_saved_per_item"] = 100_000
    document["metrics"][0]["target"] = document["metrics"][0]["baseline"] + 1
    before = db_fingerprint()

    response = alice_client.post(
        reverse("assessment_import", args=[workspace.id]), {"file": upload(json.dumps(document))}
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "Enter at most 2,400 minutes, a whole working week, per item." in page
    assert "the target should be" in page
    assert db_fingerprint() == before


def test_a_file_that_is_not_json_is_refused(alice_client, workspace):
    response = alice_client.post(
        reverse("assessment_import", args=[workspace.id]), {"file": upload("{not json")}
    )

    assert response.status_code == 422
    page = " ".join(response.content.decode().split())
    assert "This file is not a Readiness export: it is not valid JSON." in page
    # The reader's own words are a technical detail, folded away.
    assert (
        '<details class="small"><summary>Technical details</summary><p>The file\'s text stops '
        "making sense here: Expecting property name enclosed in double quotes at line 1, "
        "column 2.</p></details>"
    ) in page
    assert not Pilot.objects.exists()


def test_a_file_nested_too_deeply_to_read_is_refused_and_writes_nothing(alice_client, workspace):
    before = db_fingerprint()

    response = alice_client.post(
        reverse("assessment_import", args=[workspace.id]),
        {"file": upload("[" * 100_000 + "]" * 100_000)},
    )

    assert response.status_code == 422
    page = " ".join(response.content.decode().split())
    assert "This file is not a Readiness export: it is nested too deeply to read." in page
    assert db_fingerprint() == before


def test_an_empty_file_is_refused_in_the_words_of_the_other_problems(alice_client, workspace):
    response = alice_client.post(
        reverse("assessment_import", args=[workspace.id]), {"file": upload("")}
    )

    assert response.status_code == 422
    assert "Nothing was imported: this file is empty." in response.content.decode()
    assert "The submitted file is empty." not in response.content.decode()
    assert not Pilot.objects.exists()


def test_a_name_too_long_for_its_record_says_how_long_it_is(alice_client, workspace):
    document = json.loads(EXAMPLE.read_text())
    document["metrics"][0]["name"] = "m" * 200

    status, page = _import_page(alice_client, workspace, upload(json.dumps(document)))

    assert status == 422
    assert "<li>Success metric 1's name is 200 characters long; at most 160</li>" in page
    assert "Ensure this value" not in page
    assert not Pilot.objects.exists()


def test_an_unknown_rubric_version_is_refused(alice_client, workspace):
    document = json.loads(EXAMPLE.read_text())
    document["rubric_version"] = "9.9.9"

    response = alice_client.post(
        reverse("assessment_import", args=[workspace.id]), {"file": upload(json.dumps(document))}
    )

    assert response.status_code == 422
    assert "rubric_version" in response.content.decode()
    assert not Client.objects.exists()


def test_a_viewer_cannot_import(client, victor, workspace):
    client.force_login(victor)

    response = client.post(
        reverse("assessment_import", args=[workspace.id]), {"file": upload(EXAMPLE.read_text())}
    )

    assert response.status_code == 403
    assert not Pilot.objects.exists()


@pytest.fixture
def priya(assessment):
    """Priya answers on her own: she thinks the owner cannot change the process."""
    person = services.respondent_add(assessment=assessment, name="Priya Shah", role="Ops lead")
    services.answer_save(
        assessment=assessment,
        question_id="own_authority",
        value=False,
        user=None,
        respondent=person,
    )
    return person


def test_export_carries_the_people_who_answered_on_their_own(alice_client, assessment, priya):
    response = alice_client.get(reverse("assessment_export", args=[assessment.id]))

    people = json.loads(response.content)["people"]
    assert [(person["name"], person["answers"]) for person in people] == [
        ("Priya Shah", [{"question_id": "own_authority", "value": False}])
    ]


def test_an_imported_file_brings_its_people_to_the_people_page(
    alice_client, assessment, workspace, priya
):
    exported = alice_client.get(reverse("assessment_export", args=[assessment.id])).content

    alice_client.post(
        reverse("assessment_import", args=[workspace.id]), {"file": upload(exported.decode())}
    )

    imported = Assessment.objects.exclude(pk=assessment.pk).get()
    page = alice_client.get(reverse("respondent_list", args=[imported.id])).content.decode()
    assert "Priya Shah" in page
    assert "1 of " in page


def test_a_bad_persons_answer_refuses_the_whole_file(alice_client, assessment, workspace, priya):
    document = json.loads(
        alice_client.get(reverse("assessment_export", args=[assessment.id])).content
    )
    document["people"][0]["answers"][0]["value"] = "perhaps"
    before = db_fingerprint()

    response = alice_client.post(
        reverse("assessment_import", args=[workspace.id]), {"file": upload(json.dumps(document))}
    )

    assert response.status_code == 422
    assert "people[0].answers[0].value" in response.content.decode()
    assert db_fingerprint() == before


def test_two_people_nobody_could_tell_apart_refuse_the_file_in_plain_words(
    alice_client, assessment, workspace, priya
):
    document = json.loads(
        alice_client.get(reverse("assessment_export", args=[assessment.id])).content
    )
    document["people"] = [
        {"name": "Sam Lee", "role": "CFO", "answers": []},
        {"name": "sam  lee", "role": "cfo", "answers": []},
    ]
    before = db_fingerprint()

    status, page = _import_page(alice_client, workspace, upload(json.dumps(document)))

    assert status == 422
    assert "Person 2 has the same name and role as person 1." in page
    assert db_fingerprint() == before


def test_two_people_with_one_email_refuse_the_file_in_plain_words(
    alice_client, assessment, workspace, priya
):
    document = json.loads(
        alice_client.get(reverse("assessment_export", args=[assessment.id])).content
    )
    document["people"] = [
        {"name": "Sam Lee", "email": "sam@northwind.test", "answers": []},
        {"name": "Samuel Lee", "email": "SAM@northwind.test", "answers": []},
    ]
    before = db_fingerprint()

    status, page = _import_page(alice_client, workspace, upload(json.dumps(document)))

    assert status == 422
    assert "Person 2's email is the same as person 1's (Sam Lee)." in page
    assert db_fingerprint() == before


def _import_page(client, workspace, file) -> tuple[int, str]:
    """The import's status and the page's text, with the HTML's quotes read back."""
    from html import unescape

    response = client.post(reverse("assessment_import", args=[workspace.id]), {"file": file})
    return response.status_code, unescape(response.content.decode())


def test_a_binary_file_is_not_a_readiness_export(alice_client, workspace):
    before = db_fingerprint()
    picture = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n\xff\xfe\x00", "image/png")

    status, page = _import_page(alice_client, workspace, picture)

    assert status == 422
    assert "This file is not a Readiness export: it is not a text file." in page
    assert "“Export as JSON” on an assessment's results page" in page
    assert "$:" not in page and "UTF-8" not in page
    assert db_fingerprint() == before


def test_a_wrong_format_is_reported_before_anything_else(alice_client, workspace):
    status, page = _import_page(alice_client, workspace, upload('{"format": "nope"}'))

    assert status == 422
    assert (
        'This file is not a Readiness export: its format is "nope", not "readiness.assessment".'
        in page
    )
    assert "rubric" not in page.split("Nothing was imported.")[1]
    assert not Pilot.objects.exists()


def test_a_file_without_a_format_is_not_a_readiness_export(alice_client, workspace):
    document = json.loads(EXAMPLE.read_text())
    del document["format"]

    status, page = _import_page(alice_client, workspace, upload(json.dumps(document)))

    assert status == 422
    assert "This file is not a Readiness export: its format is missing" in page


def test_answers_that_are_not_a_list_are_said_in_plain_words_with_the_other_problems(
    alice_client, workspace
):
    document = json.loads(EXAMPLE.read_text())
    document["answers"] = {"own_authority": True}
    document["pilot"]["stage"] = "dreaming"
    document["owners"][0]["hours_per_week"] = "lots"

    status, page = _import_page(alice_client, workspace, upload(json.dumps(document)))

    assert status == 422
    assert "The file has 3 problems:" in page
    assert (
        "<li>The answers field should be a list of answers, but the file has an object of "
        "named fields</li>" in page
    )
    # Where it is in the file, apart, for whoever edits it by hand.
    details = page[page.index("<details") : page.index("</details>")]
    assert "<code>answers</code>" in details
    assert "The pilot's stage must be one of" in page
    assert (
        'Owner 1\'s hours per week should be a number or null, but the file has the text "lots"'
        in page
    )
    assert "must be array" not in page
    assert not Pilot.objects.exists()


def test_a_file_with_only_its_format_lists_everything_it_lacks(alice_client, workspace):
    status, page = _import_page(
        alice_client, workspace, upload('{"format": "readiness.assessment"}')
    )

    assert status == 422
    assert "The file has 5 problems:" in page
    for missing in ("The rubric version", "The client", "The pilot", "The answers field"):
        assert f"{missing} is required" in page


def test_a_long_list_of_problems_is_cut_short_saying_how_many_more(alice_client, workspace):
    document = json.loads(EXAMPLE.read_text())
    document["answers"] = [
        {"question_id": f"ghost_{number}", "value": True} for number in range(14)
    ]

    status, page = _import_page(alice_client, workspace, upload(json.dumps(document)))

    assert status == 422
    assert "The file has 14 problems; the first 10 are:" in page
    assert page.count("is not a question of the rubric") == 10
    assert "…and 4 more. Fix these and import the file again to see the rest." in page


def _first_planned_action(assessment) -> str:
    from assessments.selectors import assessment_scorecard

    return assessment_scorecard(assessment).actions[0].criterion_id


def test_the_action_plan_comes_back_with_an_imported_file(alice_client, assessment, workspace):
    criterion_id = _first_planned_action(assessment)
    services.action_item_update(
        assessment=assessment,
        criterion_id=criterion_id,
        data={"owner_name": "Sam Ortiz", "due_date": date(2026, 7, 1), "status": "done"},
    )
    exported = json.loads(
        alice_client.get(reverse("assessment_export", args=[assessment.id])).content
    )
    # Under a name of its own, so the import keeps it as it is.
    exported["pilot"]["name"] = "Quote replies"

    response = alice_client.post(
        reverse("assessment_import", args=[workspace.id]),
        {"file": upload(json.dumps(exported))},
        follow=True,
    )

    imported = Assessment.objects.exclude(pk=assessment.pk).get()
    item = imported.actions.get()
    assert (item.criterion_id, item.owner_name, item.due_date, item.status) == (
        criterion_id,
        "Sam Ortiz",
        date(2026, 7, 1),
        "done",
    )
    page = response.content.decode()
    assert "Imported Quote replies into Northwind Plumbing." in page
    assert "left out" not in page
    assert 'value="Sam Ortiz"' in page
    assert 'value="2026-07-01"' in page


def test_the_import_says_how_many_actions_it_left_out(alice_client, assessment, workspace):
    document = json.loads(
        alice_client.get(reverse("assessment_export", args=[assessment.id])).content
    )
    document["actions"] = [
        {"criterion_id": _first_planned_action(assessment), "owner_name": "Sam Ortiz"},
        {"criterion_id": "stop_lessons", "owner_name": "Sam Ortiz"},
    ]
    document["pilot"]["name"] = "Quote replies"

    response = alice_client.post(
        reverse("assessment_import", args=[workspace.id]),
        {"file": upload(json.dumps(document))},
        follow=True,
    )

    assert (
        "Imported Quote replies into Northwind Plumbing. 1 action in the file is not part of this assessment's "
        "plan, so it was left out." in unescape(response.content.decode())
    )
    assert Assessment.objects.exclude(pk=assessment.pk).get().actions.count() == 1


def test_bad_actions_are_named_in_plain_words_and_nothing_is_imported(
    alice_client, assessment, workspace
):
    document = json.loads(
        alice_client.get(reverse("assessment_export", args=[assessment.id])).content
    )
    document["actions"] = [
        {"criterion_id": "own_accountable_owner", "due_date": "2026-02-30"},
        {"criterion_id": "ov_human_review", "owner_name": "P" * 161, "status": "finished"},
    ]
    before = db_fingerprint()

    status, page = _import_page(alice_client, workspace, upload(json.dumps(document)))

    assert status == 422
    assert "Nothing was imported." in page
    assert "Action 1's due date is not a real date" in page
    assert "Action 2's owner name must be at most 160 characters" in page
    assert 'Action 2\'s status must be one of "open", "done"' in page
    assert db_fingerprint() == before
