"""One word for a settled assessment ("final") and the rubric's own names for the gaps."""

import re

from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.questionnaire import SECTIONS_BY_ID
from assessments.rubric.loader import bundled_rubric, bundled_rubrics
from reports.snapshot_builder import snapshot_for_assessment

RUBRIC = bundled_rubric()
GAP_TITLES = [gap.title for gap in RUBRIC.gaps]


def _in_order(page: str, names: list[str]) -> bool:
    positions = [page.find(name) for name in names]
    return -1 not in positions and positions == sorted(positions)


def test_every_shipped_rubric_names_the_gaps_as_the_questionnaire_does():
    for rubric in bundled_rubrics().values():
        assert [(g.id, g.title) for g in rubric.gaps] == [
            (g.id, SECTIONS_BY_ID[g.id].step_label) for g in RUBRIC.gaps
        ]


def test_the_stepper_and_the_section_use_the_rubrics_gap_names_in_its_order(alice_client, world):
    assessment = world.objects["assessment"]

    page = alice_client.get(
        reverse("assessment_section", args=[assessment.id, "oversight"])
    ).content.decode()

    stepper = page[page.index('id="stepper"') : page.index("</nav>", page.index('id="stepper"'))]
    assert _in_order(stepper[stepper.index("1. Pilot basics") :], GAP_TITLES)
    assert "<h1>Oversight and quality</h1>" in page
    scorecard = page[page.index('class="gap-scores"') :]
    assert _in_order(scorecard, GAP_TITLES)


def test_the_workshop_agenda_uses_the_rubrics_gap_names_in_its_order(alice_client, world):
    assessment = world.objects["assessment"]

    page = alice_client.get(reverse("workshop_agenda", args=[assessment.id])).content.decode()

    assert _in_order(page, GAP_TITLES)
    assert "Outcome and value" in page


def test_a_failed_gate_is_named_by_its_gap_not_its_id(alice_client, world):
    assessment = world.objects["assessment"]

    page = alice_client.get(reverse("assessment_results", args=[assessment.id])).content.decode()

    gates = re.findall(r'<div class="gate-failed"><p><strong>([^<]+)</strong>', page)
    assert gates and set(gates) <= set(GAP_TITLES)
    assert _in_order(page[page.index("Readiness by gap") :], GAP_TITLES)


def test_a_final_assessment_is_called_final_everywhere(alice_client, world):
    assessment = world.objects["assessment"]
    results = reverse("assessment_results", args=[assessment.id])

    before = alice_client.get(results).content.decode()
    response = alice_client.post(
        reverse("assessment_submit", args=[assessment.id]), {"confirm": "yes"}, follow=True
    )
    pilot_page = alice_client.get(
        reverse("pilot_detail", args=[assessment.pilot_id])
    ).content.decode()
    assessment.refresh_from_db()
    snapshot = snapshot_for_assessment(
        assessment, requested_by="Alice Owner", taken_at=timezone.now()
    )

    assert "Mark as final" in before
    assert "The assessment is final." in response.content.decode()
    assert '<td data-label="Status">Final</td>' in pilot_page
    assert snapshot["assessment"]["label"].startswith("Final assessment of ")
    for page in (before, response.content.decode(), pilot_page):
        assert "Submitted" not in page and "submitted" not in page


def test_the_first_and_last_sections_have_one_name_on_every_page(alice_client, world):
    assessment = world.objects["assessment"]
    token = world.objects["respondent"].invite_token
    pages = {
        "questionnaire": reverse("assessment_section", args=[assessment.id, "basics"]),
        "their own link": reverse("answer_section", args=[token, "value"]),
        "workshop agenda": reverse("workshop_agenda", args=[assessment.id]),
        "workshop": reverse("workshop_section", args=[assessment.id, "basics"]),
    }

    for where, url in pages.items():
        page = alice_client.get(url).content.decode()
        assert "1. Pilot basics" in page, where
        assert "7. Value case" in page, where
        assert "The pilot<" not in page and "7. Value<" not in page, where
    # The value case's help points back to the section by the same name.
    assert SECTIONS_BY_ID["basics"].title == "Pilot basics"
    assert SECTIONS_BY_ID["value"].title == "Value case"


def test_the_workshop_agenda_begins_with_the_sections_own_name(alice_client, world):
    assessment = world.objects["assessment"]
    # Someone's answer in the first section gives the room something to talk through there.
    services.respondent_answer_save(
        respondent=world.objects["respondent"],
        question=RUBRIC.questions_by_id["basic_built_by"],
        value="contractor",
        not_sure=False,
        evidence="",
    )

    page = alice_client.get(reverse("workshop_agenda", args=[assessment.id])).content.decode()

    assert "Begin with Pilot basics →" in page
