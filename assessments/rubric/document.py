"""Render the rubric as the Markdown document `docs/rubric.md`.

The document is generated from the data so it can never drift from what the engine
scores; a test compares the committed file with a fresh rendering. Regenerate with
`python -m assessments.rubric.document > docs/rubric.md`.
"""

from __future__ import annotations

import sys

from assessments.rubric.loader import bundled_rubric, rubric_hash
from assessments.rubric.model import Condition, Question, Rubric
from assessments.scoring.advice import ADVICE_DESCRIPTIONS
from assessments.scoring.checks import CHECK_DESCRIPTIONS
from assessments.scoring.engine import STOP_STEPS, UNDESCRIBED_GATES, undescribed_gate_text

_TYPE_LABELS = {"yes_no": "yes/no", "choice": "choice", "number": "number", "text": "short text"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _number(value: float) -> str:
    return f"{value:g}"


def _condition(condition: Condition | None) -> str:
    if condition is None:
        return "always"
    source = condition.question or condition.record or ""
    if condition.given:
        return f"`{source}` is filled in"
    values = ", ".join(f"`{v}`" for v in condition.values or ())
    return (
        f"`{source}` is {values}" if len(condition.values or ()) == 1 else f"`{source}` in {values}"
    )


def _answers(question: Question) -> str:
    if question.type == "choice":
        return "; ".join(
            f"`{o.value}`" + (f" {_number(o.credit)}" if o.credit is not None else "")
            for o in question.options
        )
    if question.type == "number":
        return "; ".join(f"≥{_number(b.at_least)}: {_number(b.credit)}" for b in question.bands)
    if question.type == "yes_no":
        return "yes 1; no 0"
    return "context only"


def render_rubric_markdown(rubric: Rubric) -> str:
    t = rubric.thresholds
    d = rubric.decision
    scored = rubric.scored_question_ids
    out: list[str] = []
    add = out.append

    add(f"# The five-gaps rubric, version {rubric.version}")
    add("")
    add(
        "This file is generated from `assessments/rubric/v1.toml` by "
        "`python -m assessments.rubric.document`; edit the data, not this page."
    )
    add(f"Content fingerprint: `{rubric_hash(rubric)[:16]}`.")
    add("")
    add(
        "The rubric judges one AI pilot against five gaps that decide whether it reaches "
        "production. Each gap is scored 0 to 100 from the questionnaire and from the "
        "pilot's structured records (owners, metrics, integrations, oversight plan, change "
        "plan, value case). Hard gates and stop rules then override the averages."
    )
    add("")

    add("## How a score is made")
    add("")
    add(
        f"- **Answer credit.** Every option carries a credit from 0 to 1, listed worst to best. "
        f"Where a question takes evidence, the credit is multiplied by an evidence factor: "
        f"{_number(t.evidence_none)} for a bare claim, {_number(t.evidence_text)} when the "
        f"evidence is described in words (documented), {_number(t.evidence_link)} when it "
        f"includes a link someone can open (in place and checked)."
    )
    add(
        f"- **Not sure** earns {_number(t.not_sure_credit)}, never more than a real positive "
        f"answer, and is listed separately so it can be settled."
    )
    add(
        "- **Unanswered** questions earn 0 and are listed as unanswered; nothing is silently "
        "assumed. Questions whose `applies_if` condition does not hold are skipped and left "
        "out of the score entirely. A condition whose source is unknown (no answer, not "
        "sure, no record) does not hold."
    )
    add(
        "- **Records are evidence.** Named checks read the structured records: an accountable "
        "owner with contact details in the using team, an outcome metric with a baseline, a "
        "live integration, an oversight plan answering the four monitoring questions. A "
        "filled-in record earns full credit for what it shows."
    )
    add(
        "- **Criterion score** = weighted mean credit of its applicable signals. **Gap score** "
        "= weighted mean of its criteria, × 100, rounded half up to a whole number. "
        "**Overall** = weighted mean of the five gaps."
    )
    add(
        f"- **Bands.** A gap is *strong* at {t.strong_min} or more, *weak* below "
        f"{t.weak_below}, *moderate* in between. The weakest gap is shown beside the "
        "overall: a strong gap never buys back a weak one."
    )
    add("")

    add("## Decisions")
    add("")
    add("Rules are applied in this order; the first that matches decides.")
    add("")
    add(
        f"1. **Stop** when the evidence says the pilot should not continue: "
        f"(a) the value case is complete and its payback exceeds "
        f"{_number(d.payback_horizon_months)} months or never arrives; or "
        f"(b) the answer to `{d.unmeasurable_question}` is "
        + ", ".join(f"`{v}`" for v in d.unmeasurable_values)
        + " and no outcome metric records how it is measured. Stop wins over Not yet: "
        "a gate failure is worth fixing only for a pilot worth continuing. Failed gates and "
        "weak gaps are still listed among the reasons."
    )
    add("2. **Not yet** when any hard gate fails or any gap is weak.")
    add(
        "3. **Go with conditions** when no gate fails and no gap is weak but at least one gap "
        "is not strong. The most valuable action in each non-strong gap becomes a condition "
        "of going live; the conditions lead the action plan, marked as such, from the weakest "
        "gap up as the reasons list them (ties in rubric order)."
    )
    add("4. **Go** when no gate fails and every gap is strong.")
    add("")
    add("### Value case and payback")
    add("")
    add(
        "Monthly saving = items per month × minutes saved per item ÷ 60 × hourly cost. "
        "Payback months = build cost ÷ (monthly saving − monthly running cost). Payback is "
        "unknown while any of the five figures is missing (no Stop on missing data; the "
        "value-case criterion scores 0), and *never* when the saving does not exceed the "
        'running cost. In JSON, never is written `"never"`.'
    )
    payback = rubric.checks.get("payback", {}).get("bands", [])
    if payback:
        add("")
        add(
            "Payback credit: "
            + "; ".join(
                f"up to {_number(b['up_to_months'])} months: {_number(b['credit'])}"
                for b in payback
            )
            + "; longer or never: 0."
        )
    add("")
    add("### Hard gates")
    add("")
    add("| Criterion | Gate check | Fails when |")
    add("|---|---|---|")
    for criterion in rubric.criteria:
        if criterion.gate is not None:
            add(
                f"| `{criterion.id}` | `{criterion.gate.check}`: "
                f"{_cell(CHECK_DESCRIPTIONS[criterion.gate.check])} | {_cell(criterion.gate.failure)} |"
            )
    add("")
    add(
        f"For the oversight gate, stakes come from `{rubric.stakes.question}`: only "
        + ", ".join(f"`{v}`" for v in rubric.stakes.low_values)
        + " count as low; any other answer, not sure or no answer counts as high."
    )
    guarded = rubric.checks.get("high_stakes_guarded", {})
    if guarded:
        add(
            "High-stakes output passes only with review mode "
            + " or ".join(f"`{m}`" for m in guarded["review_modes"])
            + f" and at least {guarded['min_monitoring_answers']} of the four monitoring "
            "questions answered."
        )
    gate_checks = {c.gate.check for c in rubric.criteria if c.gate is not None}
    undescribed = [gate for gate in UNDESCRIBED_GATES if gate.check in gate_checks]
    if undescribed:
        add("")
        add(
            "A gate that fails because what it reads is not filled in yet, rather than "
            "answered badly, says what is missing instead of the text above. Where a Stop "
            "already says the same, the gate still fails but is not listed again among the "
            "reasons:"
        )
        add("")
        add("| Gate check | When | Says | Not repeated after |")
        add("|---|---|---|---|")
        for gate in undescribed:
            text = undescribed_gate_text(gate, rubric)
            said_by = f"`{gate.said_by}`" if gate.said_by else ""
            add(f"| `{gate.check}` | {_cell(gate.when)} | {_cell(text)} | {said_by} |")
    add("")
    add("### Action plan")
    add("")
    add(
        "Every criterion short of full credit yields an action. Its gain is the number of "
        "overall points the assessment would gain if that criterion alone reached full credit "
        "(gap weight share × criterion weight share within the gap × missing credit × 100). "
        "Actions that fix a failed gate come first, because any one of them blocks Go on its "
        "own; the rest follow by gain, largest first, ties in rubric order."
    )
    add("")
    add(
        "**When only evidence is missing.** A criterion whose answers already give the best "
        "options, and whose records are complete, falls short only because its answers lack "
        'evidence. Its action then asks for that evidence ("Back it with evidence: …", '
        "naming the answers to add it to) instead of repeating the recommendation, "
        'and the gap reasons mark it "no evidence given" (or "evidence described but not '
        'linked").'
    )
    add("")
    used = {s.ref for c in rubric.criteria for s in c.signals if s.kind == "check"}
    add(
        "**When the records show part of the work done.** When a criterion falls short on "
        "a check that reads the records, its action names what that check found short "
        "rather than repeating the whole recommendation, provided every other answer it "
        "reads is best (if one lacks only evidence, the action then asks for it by name). "
        "When nothing recorded narrows the job down, or another answer falls short, the "
        "recommendation above stands. The checks and what their actions then ask for:"
    )
    add("")
    add("| Check | The action asks for |")
    add("|---|---|")
    for check, says in ADVICE_DESCRIPTIONS.items():
        if check in used:
            add(f"| `{check}` | {_cell(says)} |")
    add("")
    add(
        "**Contradictions.** When the answer to "
        f"`{rubric.decision.unmeasurable_question}` says the outcome cannot be counted but an "
        "outcome metric has a baseline or says how it is measured, a reason of its own "
        "points out the contradiction so the team can check one of them. It does not "
        "change the decision."
    )
    add("")
    add(
        "**On Stop the plan changes.** The decision rules production out, so the plan is "
        "the step each stop reason calls for, then the steps every Stop takes; Stop steps "
        "add no points. Every fix is set aside: first those that take the pilot towards "
        "production, then those that work on what a stop reason traces to (the value case "
        "for a payback Stop; the outcome question and the metrics for an unmeasurable "
        "one), which the step answering that reason already asks for. Set aside means "
        "listed as left out, not lost: they are back in the plan once a reassessment no "
        "longer says Stop."
    )
    add("")
    add("| Step | Taken when | Title | What to do |")
    add("|---|---|---|---|")
    for step in STOP_STEPS:
        when = f"`{step.reason}`" if step.reason else "every Stop"
        add(f"| `{step.id}` | {when} | {_cell(step.title)} | {_cell(step.recommendation)} |")
    add("")

    add("## Gaps and criteria")
    add("")
    for gap in rubric.gaps:
        criteria = rubric.criteria_for_gap(gap.id)
        add(f"### {gap.title} (`{gap.id}`, weight {_number(gap.weight)})")
        add("")
        add(gap.summary)
        add("")
        add("| Criterion | Weight | Gate | Seeds | Signals (weight) |")
        add("|---|---|---|---|---|")
        for c in criteria:
            signals = ", ".join(f"{s.kind} `{s.ref}` ({_number(s.weight)})" for s in c.signals)
            gate = "**gate**" if c.gate is not None else ""
            add(
                f"| `{c.id}`: {_cell(c.title)} | {_number(c.weight)} | {gate} | "
                f"{', '.join(c.seeds)} | {signals} |"
            )
        add("")
        add("Recommendations:")
        add("")
        for c in criteria:
            effort = f" *(effort: {c.effort})*" if c.effort else ""
            add(f"- `{c.id}`: {c.recommendation}{effort}")
        add("")

    add("## Record checks")
    add("")
    add("| Check | What it reads |")
    add("|---|---|")
    for name in sorted(rubric.check_functions):
        add(f"| `{name}` | {_cell(CHECK_DESCRIPTIONS[name])} |")
    add("")

    add("## Questions")
    add("")
    add(
        f"{len(rubric.questions)} questions, plus the structured records. Scored questions "
        "feed criteria; the others give context (stakes, skip logic, the report)."
    )
    add("")
    sections = ("basics", "ownership", "outcome", "integration", "oversight", "adoption", "value")
    for section in sections:
        questions = rubric.questions_for_section(section)
        if not questions:
            continue
        add(f"### Section `{section}`")
        add("")
        add("| Id | Prompt | Type | Credits | Applies | Not sure | Evidence |")
        add("|---|---|---|---|---|---|---|")
        for q in questions:
            credits = _answers(q) if q.id in scored else "context only"
            add(
                f"| `{q.id}` | {_cell(q.prompt)} | {_TYPE_LABELS[q.type]} | {_cell(credits)} | "
                f"{_condition(q.applies_if)} | {'yes' if q.not_sure else 'no'} | "
                f"{'yes' if q.evidence else 'no'} |"
            )
        add("")

    add("## Seeds")
    add("")
    add("| Id | File | Article |")
    add("|---|---|---|")
    for seed in rubric.seeds:
        add(f"| {seed.id} | `{seed.file}` | {_cell(seed.title)} |")
    add("")

    add("## Seed coverage")
    add("")
    add(
        "Every failure reason and every fix the five seeds name, in our own short words, "
        "and the criteria that test for it."
    )
    add("")
    add("| Seed | Kind | Failure reason or fix | Criteria |")
    add("|---|---|---|---|")
    for item in rubric.coverage:
        criteria = ", ".join(f"`{c}`" for c in item.criteria)
        add(f"| {item.seed} | {item.kind} | {_cell(item.item)} | {criteria} |")
    add("")
    return "\n".join(out)


def main() -> None:
    sys.stdout.write(render_rubric_markdown(bundled_rubric()))


if __name__ == "__main__":
    main()
