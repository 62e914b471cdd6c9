"""Properties of the engine over generated assessments.

"Improvement" is defined field by field below (see `_improvements`). It is the
direction the rubric calls better, and only that:
- a scored answer: unanswered or not sure -> any positively credited answer; a choice
  -> a later (better-credited) option; no -> yes; a number -> a larger number; evidence
  none -> words -> a link. Context answers (stakes, who built it) have no better side.
- owners: an email filled in; in the using team; more hours; marked accountable when
  nobody is, or named when no one else accountable is named (a second accountable
  person is a committee, which the rubric scores lower).
- metrics: baseline, target, go threshold, deadline or measurement filled in; or a new
  outcome metric added.
- integrations: status one step nearer live; budgeted; effort estimated. Adding a
  system is not an improvement: it is honest news that more must be connected.
- oversight: review mode one step safer (autonomous < sampled < all < confidence);
  threshold set; any monitoring, escalation or exception text filled in.
- change plan: involvement or commitment one step up; any text filled in.
- value case: more items, more minutes saved, higher hourly cost, lower build or
  running cost. Filling a missing figure is not an improvement: it may reveal that the
  case never pays back.
- pilot: weekly volume filled in or larger.
"""

import string
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assessments.rubric.loader import bundled_rubric, rubric_from_dict, rubric_to_dict
from assessments.scoring.checks import REVIEW_MODE_ORDER
from assessments.scoring.engine import score
from assessments.scoring.inputs import (
    INTEGRATION_STATUSES,
    INVOLVEMENT_LEVELS,
    ROLLOUT_COMMITMENTS,
    AnswerIn,
    AssessmentInput,
    ChangePlanIn,
    IntegrationIn,
    MetricIn,
    OversightIn,
    OwnerIn,
    PilotIn,
    ValueCaseIn,
)
from assessments.scoring.scorecard import DECISIONS, scorecard_to_dict

RUBRIC = bundled_rubric("1.0.0")
SCORED = sorted(RUBRIC.scored_question_ids)
EVIDENCE = ("", "written up in the ops notes", "https://example.com/proof")
# The number of examples comes from the Hypothesis profile (see conftest.py).
PROPERTY_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

short_text = st.one_of(st.just(""), st.text(string.ascii_letters + " ", min_size=1, max_size=12))
optional_amount = st.one_of(st.none(), st.floats(min_value=0, max_value=5000, allow_nan=False))


def answer_value(question):
    if question.type == "yes_no":
        return st.booleans()
    if question.type == "choice":
        return st.sampled_from([o.value for o in question.options])
    if question.type == "number":
        return st.integers(min_value=int(question.min or 0), max_value=2000)
    return st.text(string.ascii_letters, min_size=1, max_size=10)


@st.composite
def answers(draw):
    result = {}
    for question in RUBRIC.questions:
        kind = draw(st.sampled_from(["missing", "not_sure", "value", "value"]))
        if kind == "missing":
            continue
        if kind == "not_sure" and question.not_sure:
            result[question.id] = AnswerIn(question.id, None, not_sure=True)
            continue
        value = draw(answer_value(question))
        result[question.id] = AnswerIn(question.id, value, evidence=draw(st.sampled_from(EVIDENCE)))
    return result


owners = st.builds(
    OwnerIn,
    name=short_text,
    email=st.sampled_from(["", "someone@example.com"]),
    role=short_text,
    accountable=st.booleans(),
    hours_per_week=st.one_of(st.none(), st.floats(min_value=0, max_value=40)),
    in_using_team=st.booleans(),
)
metrics = st.builds(
    MetricIn,
    name=short_text,
    kind=st.sampled_from(["outcome", "output"]),
    unit=short_text,
    baseline=optional_amount,
    target=optional_amount,
    direction=st.sampled_from(["increase", "decrease"]),
    measurement=short_text,
    deadline=st.one_of(st.none(), st.just(date(2026, 9, 1))),
    go_threshold=optional_amount,
)
integrations = st.builds(
    IntegrationIn,
    system=short_text,
    access=st.sampled_from(["read", "write", "read_write"]),
    status=st.sampled_from(INTEGRATION_STATUSES),
    budgeted=st.booleans(),
    effort_days=st.one_of(st.none(), st.floats(min_value=0, max_value=60)),
)
oversight = st.builds(
    OversightIn,
    review_mode=st.sampled_from(REVIEW_MODE_ORDER),
    confidence_threshold=st.one_of(st.none(), st.floats(min_value=0, max_value=1)),
    sample_percent=st.one_of(st.none(), st.floats(min_value=0, max_value=100)),
    monitor_runs=short_text,
    monitor_actions=short_text,
    monitor_quality=short_text,
    alert_recipient=short_text,
    escalation_path=short_text,
    exception_handling=short_text,
)
change_plans = st.builds(
    ChangePlanIn,
    teams_affected=short_text,
    involvement=st.sampled_from(INVOLVEMENT_LEVELS),
    sponsor_name=short_text,
    training_plan=short_text,
    rollout_phases=short_text,
    rollout_commitment=st.sampled_from(ROLLOUT_COMMITMENTS),
)
value_cases = st.builds(
    ValueCaseIn,
    items_per_month=optional_amount,
    minutes_saved_per_item=st.one_of(st.none(), st.floats(min_value=0, max_value=60)),
    hourly_cost=st.one_of(st.none(), st.floats(min_value=0, max_value=200)),
    build_cost=st.one_of(st.none(), st.floats(min_value=0, max_value=100_000)),
    monthly_run_cost=optional_amount,
)
pilots = st.builds(
    PilotIn,
    name=st.just("Pilot"),
    workflow=short_text,
    problem=short_text,
    weekly_volume=st.one_of(st.none(), st.integers(min_value=0, max_value=500)),
    stage=st.sampled_from(["idea", "pilot", "candidate", "production", "stopped"]),
    prototype_effort_days=st.one_of(st.none(), st.floats(min_value=0, max_value=60)),
)
assessments = st.builds(
    AssessmentInput,
    pilot=pilots,
    owners=st.lists(owners, max_size=3).map(tuple),
    metrics=st.lists(metrics, max_size=3).map(tuple),
    integrations=st.lists(integrations, max_size=3).map(tuple),
    oversight=st.one_of(st.none(), oversight),
    change_plan=st.one_of(st.none(), change_plans),
    value_case=st.one_of(st.none(), value_cases),
    answers=answers(),
)


def _positive_values(question):
    if question.type == "yes_no":
        return [True]
    if question.type == "choice":
        return [o.value for o in question.options if (o.credit or 0) > 0]
    return [int(b.at_least) for b in question.bands if b.credit > 0]


def _answer_improvements(inp, section):
    moves = []
    for question_id in SCORED:
        if RUBRIC.questions_by_id[question_id].section != section:
            continue
        question = RUBRIC.questions_by_id[question_id]
        answer = inp.answers.get(question_id)

        def set_answer(value, evidence="", _qid=question_id):
            return replace(
                inp, answers={**inp.answers, _qid: AnswerIn(_qid, value, evidence=evidence)}
            )

        if answer is None or answer.not_sure or answer.value is None:
            moves += [set_answer(v) for v in _positive_values(question)]
            continue
        later = (
            EVIDENCE[EVIDENCE.index(answer.evidence) + 1 :] if answer.evidence in EVIDENCE else ()
        )
        moves += [set_answer(answer.value, e) for e in later]
        if question.type == "yes_no" and answer.value is False:
            moves.append(set_answer(True, answer.evidence))
        if question.type == "choice":
            values = [o.value for o in question.options]
            moves += [
                set_answer(v, answer.evidence) for v in values[values.index(answer.value) + 1 :]
            ]
        if question.type == "number":
            moves.append(set_answer(answer.value + 150, answer.evidence))
    return moves


def _step_up(order, value):
    index = order.index(value)
    return order[index + 1] if index + 1 < len(order) else None


def _replace_at(items, index, item):
    return (*items[:index], item, *items[index + 1 :])


def _record_improvements(inp, kind):
    return [move for move_kind, move in _tagged_record_improvements(inp) if move_kind == kind]


def _tagged_record_improvements(inp):
    moves = []

    def add(kind, **changes):
        moves.append((kind, replace(inp, **changes)))

    nobody_accountable = not any(o.accountable for o in inp.owners)
    named_accountable = sum(1 for o in inp.owners if o.accountable and o.name.strip())
    for i, owner in enumerate(inp.owners):
        changes = [
            {"email": owner.email or "alex@example.com"},
            {"in_using_team": True},
            {"hours_per_week": (owner.hours_per_week or 0.0) + 3.0},
        ]
        if nobody_accountable:
            changes.append({"accountable": True})
        if not owner.name.strip() and not (owner.accountable and named_accountable):
            changes.append({"name": "Alex"})
        for change in changes:
            add("owners", owners=_replace_at(inp.owners, i, replace(owner, **change)))
    for i, metric in enumerate(inp.metrics):
        fillers = {
            "baseline": 10.0,
            "target": 5.0,
            "go_threshold": 6.0,
            "deadline": date(2026, 12, 1),
        }
        for name, filled in fillers.items():
            if getattr(metric, name) is None:
                add(
                    "metrics",
                    metrics=_replace_at(inp.metrics, i, replace(metric, **{name: filled})),
                )
        if not metric.measurement.strip():
            changed = replace(metric, measurement="weekly CRM report")
            add("metrics", metrics=_replace_at(inp.metrics, i, changed))
    new_metric = MetricIn("Reply time", "outcome", "min", 60.0, 10.0, "decrease", "CRM", None, None)
    add("metrics", metrics=(*inp.metrics, new_metric))
    for i, item in enumerate(inp.integrations):
        changes = [{"budgeted": True}, {"effort_days": item.effort_days or 5.0}]
        if better := _step_up(INTEGRATION_STATUSES, item.status):
            changes.append({"status": better})
        for change in changes:
            add(
                "integrations",
                integrations=_replace_at(inp.integrations, i, replace(item, **change)),
            )
    if (o := inp.oversight) is not None:
        changes = [{"confidence_threshold": o.confidence_threshold or 0.9}]
        if safer := _step_up(REVIEW_MODE_ORDER, o.review_mode):
            changes.append({"review_mode": safer})
        texts = (
            "monitor_runs",
            "monitor_actions",
            "monitor_quality",
            "alert_recipient",
            "escalation_path",
            "exception_handling",
        )
        changes += [{name: "written"} for name in texts if not getattr(o, name).strip()]
        for change in changes:
            add("oversight", oversight=replace(o, **change))
    if (p := inp.change_plan) is not None:
        changes = []
        for order, name in (
            (INVOLVEMENT_LEVELS, "involvement"),
            (ROLLOUT_COMMITMENTS, "rollout_commitment"),
        ):
            if better := _step_up(order, getattr(p, name)):
                changes.append({name: better})
        texts = ("teams_affected", "sponsor_name", "training_plan", "rollout_phases")
        changes += [{name: "Jordan"} for name in texts if not getattr(p, name).strip()]
        for change in changes:
            add("change_plan", change_plan=replace(p, **change))
    if (v := inp.value_case) is not None:
        factors = {
            "items_per_month": 2.0,
            "minutes_saved_per_item": 2.0,
            "hourly_cost": 2.0,
            "build_cost": 0.5,
            "monthly_run_cost": 0.5,
        }
        for name, factor in factors.items():
            if getattr(v, name) is not None:
                add("value_case", value_case=replace(v, **{name: getattr(v, name) * factor}))
    volume = inp.pilot.weekly_volume
    add("pilot", pilot=replace(inp.pilot, weekly_volume=(volume or 0) + 30))
    return moves


def _assert_no_worse(before, after):
    for old, new in zip(before.gaps, after.gaps, strict=True):
        assert new.score >= old.score, (old.id, old.score, new.score)
    assert DECISIONS.index(after.decision) >= DECISIONS.index(before.decision)


@PROPERTY_SETTINGS
@given(assessments)
def test_scoring_is_deterministic_and_independent_of_cached_results(inp):
    fresh_rubric = rubric_from_dict(rubric_to_dict(RUBRIC))

    first = scorecard_to_dict(score(inp, RUBRIC))

    assert scorecard_to_dict(score(inp, RUBRIC)) == first
    assert scorecard_to_dict(score(inp, fresh_rubric)) == first


@PROPERTY_SETTINGS
@given(assessments)
def test_every_score_lies_between_0_and_100_and_bands_follow_the_thresholds(inp):
    card = score(inp, RUBRIC)
    thresholds = RUBRIC.thresholds

    assert 0 <= card.overall <= 100
    for gap in card.gaps:
        assert 0 <= gap.score <= 100
        assert all(0 <= c.score <= 100 for c in gap.criteria)
        expected = (
            "strong"
            if gap.score >= thresholds.strong_min
            else "weak"
            if gap.score < thresholds.weak_below
            else "moderate"
        )
        assert gap.band == expected
    assert card.weakest_score == min(g.score for g in card.gaps)


@pytest.mark.parametrize("section", sorted({RUBRIC.questions_by_id[q].section for q in SCORED}))
@PROPERTY_SETTINGS
@given(inp=assessments, data=st.data())
def test_improving_a_single_answer_never_lowers_a_gap_or_worsens_the_decision(section, inp, data):
    moves = _answer_improvements(inp, section)
    assume(moves)
    improved = data.draw(st.sampled_from(moves))

    _assert_no_worse(score(inp, RUBRIC), score(improved, RUBRIC))


@pytest.mark.parametrize(
    "record",
    ["owners", "metrics", "integrations", "oversight", "change_plan", "value_case", "pilot"],
)
@PROPERTY_SETTINGS
@given(inp=assessments, data=st.data())
def test_improving_a_single_record_field_never_lowers_a_gap_or_worsens_the_decision(
    record, inp, data
):
    moves = _record_improvements(inp, record)
    assume(moves)
    improved = data.draw(st.sampled_from(moves))

    _assert_no_worse(score(inp, RUBRIC), score(improved, RUBRIC))


@PROPERTY_SETTINGS
@given(assessments, st.sampled_from(SCORED), st.data())
def test_not_sure_never_scores_above_a_real_positive_answer(inp, question_id, data):
    question = RUBRIC.questions_by_id[question_id]
    positive = data.draw(st.sampled_from(_positive_values(question)))
    evidence = data.draw(st.sampled_from(EVIDENCE))

    unsure = replace(
        inp, answers={**inp.answers, question_id: AnswerIn(question_id, None, not_sure=True)}
    )
    sure = replace(
        inp,
        answers={**inp.answers, question_id: AnswerIn(question_id, positive, evidence=evidence)},
    )

    _assert_no_worse(score(unsure, RUBRIC), score(sure, RUBRIC))


@PROPERTY_SETTINGS
@given(assessments)
def test_unanswered_and_not_sure_questions_are_listed_as_such(inp):
    card = score(inp, RUBRIC)
    always_applies = {q.id for q in RUBRIC.questions if q.applies_if is None}

    for question_id in always_applies:
        answer = inp.answers.get(question_id)
        if answer is None:
            assert question_id in card.unanswered
        elif answer.not_sure:
            assert question_id in card.not_sure
        else:
            assert question_id not in card.unanswered
    assert not set(card.unanswered) & set(card.not_sure)
    for question_id in card.unanswered:
        answer = inp.answers.get(question_id)
        assert answer is None or answer.value is None or isinstance(answer.value, str)
