"""Agreeing in the workshop on a page loaded before someone else changed the answer.

Two tabs, or the projector and the facilitator's laptop, show the same question. In
the world's draft the agreed answer to own_authority is "Yes", not settled, and Priya
said "No".
"""

import re

import pytest

from assessments import services
from assessments.questionnaire import field_name
from tests.isolation import db_fingerprint

from .test_workshop import _agree, _agreed, _article, _section

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def _versions(html: str) -> set[str]:
    return set(re.findall(r'name="shown" value="([^"]*)"', html))


def _shown(page: str, question_id: str = "own_authority") -> str:
    """The version of the agreed answer the page's forms carry for this question."""
    versions = _versions(_article(page, question_id))
    assert len(versions) == 1, "every form of a question carries the same version"
    return versions.pop()


def _stale_page(alice_client, world, assessment) -> str:
    """Load the section, then let another tab agree on "No" for own_authority."""
    page = alice_client.get(_section(assessment)).content.decode()
    services.agreed_answer_save(
        assessment=assessment,
        question_id="own_authority",
        value=False,
        evidence=None,
        user=world.owner,
        settled=True,
    )
    return _shown(page)


def test_every_agree_form_carries_the_version_of_the_answer_it_shows(alice_client, assessment):
    article = _article(alice_client.get(_section(assessment)).content.decode(), "own_authority")

    forms = article.count("<form ")
    assert forms >= 2
    assert article.count('name="shown"') == forms
    (version,) = _versions(article)
    assert version != ""


def test_an_answer_agreed_elsewhere_since_the_page_loaded_is_not_overwritten(
    alice_client, world, assessment
):
    shown = _stale_page(alice_client, world, assessment)
    before = db_fingerprint()

    response = alice_client.post(
        _agree(assessment), {field_name("own_authority"): "yes", "shown": shown}, headers=HTMX
    )

    assert response.status_code == 422
    text = " ".join(response.content.decode().split())
    assert "Since this page was opened, this was agreed as “No”. Nothing was changed." in text
    assert "Replace it with “Yes”" in text
    assert "Recorded as agreed" not in text
    assert db_fingerprint() == before
    assert _agreed(assessment, "own_authority").value is False


def test_the_room_can_replace_the_answer_agreed_elsewhere_after_seeing_it(
    alice_client, world, assessment
):
    shown = _stale_page(alice_client, world, assessment)
    reply = alice_client.post(
        _agree(assessment), {field_name("own_authority"): "yes", "shown": shown}, headers=HTMX
    ).content.decode()
    replace = reply[reply.index('class="message message-warning ws-changed"') :]
    replace = replace[: replace.index("</form>")]
    fresh = re.search(r'name="shown" value="([^"]*)"', replace).group(1)
    assert f'name="{field_name("own_authority")}" value="yes"' in replace

    response = alice_client.post(
        _agree(assessment), {field_name("own_authority"): "yes", "shown": fresh}, headers=HTMX
    )

    assert response.status_code == 200
    assert "Recorded as agreed: “Yes”" in response.content.decode()
    assert _agreed(assessment, "own_authority").value is True


def test_without_javascript_the_change_is_shown_beside_the_question_with_a_replace_button(
    alice_client, world, assessment
):
    shown = _stale_page(alice_client, world, assessment)

    response = alice_client.post(
        _agree(assessment), {field_name("own_authority"): "yes", "shown": shown}
    )

    assert response.status_code == 302
    assert response["Location"] == _section(assessment) + "#ws-q-own_authority"
    page = alice_client.get(response["Location"]).content.decode()
    article = " ".join(_article(page, "own_authority").split())
    assert "Since this page was opened, this was agreed as “No”. Nothing was changed." in article
    assert f'<input type="hidden" name="{field_name("own_authority")}" value="yes">' in article
    assert "Replace it with “Yes”" in article
    assert _agreed(assessment, "own_authority").value is False


def test_agreeing_on_what_was_agreed_elsewhere_meanwhile_simply_records_it(
    alice_client, world, assessment
):
    shown = _stale_page(alice_client, world, assessment)

    response = alice_client.post(
        _agree(assessment), {field_name("own_authority"): "no", "shown": shown}, headers=HTMX
    )

    assert response.status_code == 200
    assert "Recorded as agreed: “No”" in response.content.decode()


def test_adopting_a_persons_answer_on_a_stale_page_offers_to_replace_with_it(
    alice_client, world, assessment, priya
):
    page = alice_client.get(_section(assessment)).content.decode()
    services.agreed_answer_save(
        assessment=assessment, question_id="own_authority", value=True, user=world.owner,
        settled=True,
    )  # fmt: skip

    response = alice_client.post(
        _agree(assessment), {"respondent": priya.id, "shown": _shown(page)}, headers=HTMX
    )

    text = " ".join(response.content.decode().split())
    assert response.status_code == 422
    assert "Since this page was opened, this was agreed as “Yes”." in text
    assert f'<input type="hidden" name="respondent" value="{priya.id}">' in text
    assert "Replace it with “No”" in text
    assert _agreed(assessment, "own_authority").value is True


def test_keeping_an_answer_that_was_changed_since_says_what_it_is_now_and_keeps_nothing(
    alice_client, world, assessment
):
    page = alice_client.get(_section(assessment)).content.decode()
    # Changed in the questionnaire meanwhile: not agreed by anyone.
    services.agreed_answer_save(
        assessment=assessment, question_id="own_authority", value=False, user=world.owner
    )
    before = db_fingerprint()

    response = alice_client.post(
        _agree(assessment), {"keep": "current", "shown": _shown(page)}, headers=HTMX
    )

    text = " ".join(response.content.decode().split())
    assert response.status_code == 422
    assert "Since this page was opened, the answer was changed to “No”. Nothing was changed." in (
        text
    )
    assert "Replace it with" not in text
    assert db_fingerprint() == before


def test_an_answer_removed_since_the_page_loaded_is_not_recorded_over(
    alice_client, world, assessment
):
    page = alice_client.get(_section(assessment)).content.decode()
    services.answer_clear(assessment=assessment, question_id="own_authority")

    response = alice_client.post(
        _agree(assessment),
        {field_name("own_authority"): "yes", "shown": _shown(page)},
        headers=HTMX,
    )

    assert response.status_code == 422
    assert "the answer recorded here was removed" in response.content.decode()
    assert _agreed(assessment, "own_authority") is None
