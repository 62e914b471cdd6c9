"""The action plan saves as it changes, and all at once from its one button."""

from django.urls import reverse

from assessments.models import ActionItem


def _plan(alice_client, assessment):
    response = alice_client.get(reverse("assessment_results", args=[assessment.id]))
    rows = response.context["top_actions"] + response.context["more_actions"]
    return response, [row["action"].criterion_id for row in rows]


def _row(criterion_id, owner="", due="", status="open"):
    prefix = f"action-{criterion_id}"
    return {
        f"{prefix}-owner_name": owner,
        f"{prefix}-due_date": due,
        f"{prefix}-status": status,
    }


def test_each_row_saves_as_it_changes_without_a_save_button(alice_client, assessment):
    response, _ = _plan(alice_client, assessment)

    page = response.content.decode()
    assert 'id="action-plan-form"' in page
    assert 'hx-trigger="change, input delay:800ms"' in page
    assert "data-autosave" in page
    assert page.count(">Save</button>") == 0, "no per-row Save to forget to press"
    assert "Save the plan" in page


def test_an_autosaved_row_says_saved_and_keeps_the_owner_and_date(alice_client, assessment, htmx):
    _, plan = _plan(alice_client, assessment)
    first = plan[0]
    # The whole plan form is posted; only the row's own fields count.
    data = {**_row(first, "Priya", "2026-12-01"), **_row(plan[1], "Someone else")}

    response = alice_client.post(
        reverse("action_update", args=[assessment.id, first]), data, **htmx
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="status-action-{first}" class="save-status saved"' in body
    assert "Saved" in body
    item = ActionItem.objects.get(assessment=assessment)
    assert (item.criterion_id, item.owner_name, str(item.due_date)) == (
        first,
        "Priya",
        "2026-12-01",
    )


def test_an_autosaved_bad_date_is_named_beside_the_field_and_changes_nothing(
    alice_client, assessment, htmx
):
    _, plan = _plan(alice_client, assessment)
    first = plan[0]
    url = reverse("action_update", args=[assessment.id, first])
    alice_client.post(url, _row(first, "Priya", "2026-12-01"), **htmx)

    response = alice_client.post(url, _row(first, "Sam", "31/02/2027"), **htmx)

    assert response.status_code == 422
    body = response.content.decode()
    assert f'<p class="error" id="id_action-{first}-due_date_error" hx-swap-oob="true">' in body
    assert "Enter a valid date." in body
    assert "Not saved" in body
    item = ActionItem.objects.get(assessment=assessment, criterion_id=first)
    assert (item.owner_name, str(item.due_date)) == ("Priya", "2026-12-01")


def test_a_good_save_clears_the_message_beside_the_date(alice_client, assessment, htmx):
    _, plan = _plan(alice_client, assessment)
    first = plan[0]

    response = alice_client.post(
        reverse("action_update", args=[assessment.id, first]),
        _row(first, "Priya", "2026-12-01"),
        **htmx,
    )

    assert f'id="id_action-{first}-due_date_error" hx-swap-oob="true"></p>' in (
        response.content.decode()
    )


def test_without_javascript_one_button_saves_every_row(alice_client, assessment):
    _, plan = _plan(alice_client, assessment)
    data = {
        **_row(plan[0], "Priya", "2026-12-01"),
        **_row(plan[1], "Marcus", "2027-01-15", "done"),
        **_row(plan[2]),  # untouched: no row is made for it
    }

    response = alice_client.post(reverse("action_plan_save", args=[assessment.id]), data)

    assert response.status_code == 302
    saved = {
        a.criterion_id: (a.owner_name, str(a.due_date), a.status)
        for a in ActionItem.objects.filter(assessment=assessment)
    }
    assert saved == {
        plan[0]: ("Priya", "2026-12-01", "open"),
        plan[1]: ("Marcus", "2027-01-15", "done"),
    }
    page = alice_client.get(response.url).content.decode()
    assert "Action plan saved." in page


def test_without_javascript_one_bad_date_saves_no_row_and_says_where(alice_client, assessment):
    _, plan = _plan(alice_client, assessment)
    data = {**_row(plan[0], "Priya", "2026-12-01"), **_row(plan[1], "Marcus", "soon")}

    response = alice_client.post(reverse("action_plan_save", args=[assessment.id]), data)

    assert response.status_code == 422
    page = response.content.decode()
    assert "Nothing in the plan was saved" in page
    assert f'<p class="error" id="id_action-{plan[1]}-due_date_error">Enter a valid date.</p>' in (
        page
    )
    # What was typed is shown again, so nothing has to be typed twice.
    assert 'value="Priya"' in page
    assert not ActionItem.objects.exists()


def test_a_viewer_cannot_save_the_plan(client, victor, assessment):
    client.force_login(victor)

    response = client.post(
        reverse("action_plan_save", args=[assessment.id]), _row("own_accountable_owner", "X")
    )

    assert response.status_code == 403
    assert not ActionItem.objects.exists()


def test_a_saved_due_date_is_shown_again_in_the_date_field(alice_client, assessment):
    _, plan = _plan(alice_client, assessment)
    alice_client.post(
        reverse("action_plan_save", args=[assessment.id]), _row(plan[0], "Priya", "2026-12-31")
    )

    page = alice_client.get(reverse("assessment_results", args=[assessment.id])).content.decode()

    assert f'type="date" name="action-{plan[0]}-due_date" value="2026-12-31"' in page
