from reports.effort import production_effort


def test_all_integrations_live_puts_the_estimate_at_three_to_four_times():
    effort = production_effort(10, ["live", "live"])

    assert (effort["low_days"], effort["high_days"]) == (30, 40)
    assert effort["integrations_not_live"] == 0


def test_nothing_connected_puts_the_estimate_at_four_to_five_times():
    effort = production_effort(10, ["none", "extract"])

    assert effort["low_multiplier"] == 3.9
    assert effort["high_days"] == 49
    assert "2 of 2 integrations not yet live" in effort["basis"]


def test_no_integrations_recorded_assumes_the_upper_end():
    assert production_effort(8, [])["high_days"] == 40


def test_no_prototype_effort_gives_no_estimate():
    assert production_effort(None, ["live"]) is None
    assert production_effort(0, ["live"]) is None
