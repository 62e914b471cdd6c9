from assessments import services
from assessments.selectors import clients_for_workspace, pilots_for_workspace


def test_each_pilot_carries_its_latest_assessments_decision(world, alice):
    pilot = world.objects["pilot"]
    first = world.objects["assessment"]
    services.assessment_submit(assessment=first)
    latest = services.assessment_start(pilot=pilot, user=alice)
    latest.refresh_from_db()

    listed = pilots_for_workspace(world.workspace).get(pk=pilot.pk)

    assert listed.latest_assessment_id == latest.pk
    assert listed.latest_status == "draft"
    assert listed.latest_decision == latest.decision
    assert listed.latest_progress == latest.progress_percent


def test_a_pilot_never_assessed_is_listed_without_a_decision(world):
    pilot = services.pilot_create(client=world.objects["client"], name="Not started")

    listed = pilots_for_workspace(world.workspace).get(pk=pilot.pk)

    assert listed.latest_assessment_id is None
    assert listed.latest_decision is None


def test_the_list_costs_one_query_however_many_pilots(world, alice, django_assert_num_queries):
    client = world.objects["client"]
    for n in range(6):
        pilot = services.pilot_create(client=client, name=f"Pilot {n}")
        services.assessment_start(pilot=pilot, user=alice)

    with django_assert_num_queries(1):
        pilots = list(pilots_for_workspace(world.workspace))
        names = [(p.client.name, p.latest_decision) for p in pilots]

    assert len(names) == 7


def test_pilots_of_other_workspaces_are_not_listed(world, charlie):
    other = charlie.workspaces.get()
    elsewhere = services.client_create(workspace=other, name="Elsewhere client")
    services.pilot_create(client=elsewhere, name="Their pilot")

    assert [p.name for p in pilots_for_workspace(world.workspace)] == ["Quote follow-ups"]
    assert [c.name for c in clients_for_workspace(other)] == ["Elsewhere client"]


def test_clients_are_listed_with_their_pilot_count(world):
    services.pilot_create(client=world.objects["client"], name="Second pilot")

    (client,) = clients_for_workspace(world.workspace)

    assert client.pilot_count == 2
