"""A complete, realistic snapshot for previews, tests and the benchmark.

It does not need a database, so the renderer can be exercised (and measured)
on its own. The figures are invented but consistent with each other.
"""

import copy
from typing import Any

from .effort import production_effort

_GAPS: list[dict[str, Any]] = [
    {
        "key": "ownership",
        "label": "Ownership",
        "score": 78,
        "band": "strong",
        "weakest": False,
        "summary": "One accountable person, named early, with the time and authority to run the workflow.",
        "findings": [
            {
                "text": "Priya Shah, Head of Sales Operations, is the single accountable owner and sits in the team that will use the workflow.",
                "source": "Record: owner Priya Shah",
            },
            {
                "text": "She can give four hours a week to running it, enough to own monitoring and fixes.",
                "source": "Record: owner Priya Shah",
            },
            {
                "text": "Data quality in the CRM has no named owner yet; bad records will land on whoever notices first.",
                "source": "Answer: own_data_quality",
            },
        ],
        "recommendations": [
            "Name one person who owns CRM data quality for the fields this workflow reads, and write it into their role.",
        ],
    },
    {
        "key": "outcome",
        "label": "Outcome and value",
        "score": 64,
        "band": "moderate",
        "weakest": False,
        "summary": "A measurable result with a baseline, an agreed threshold, one narrow workflow and a value case.",
        "findings": [
            {
                "text": "Outcome metric: median time to first reply, baseline 26 hours, target 4 hours, measured in the CRM's activity log.",
                "source": "Record: metric Median time to first reply",
            },
            {
                "text": "The go/no-go threshold (8 hours) was agreed with the sales director before the pilot started.",
                "source": "Answer: out_threshold_upfront",
            },
            {
                "text": "The value case pays back in about 5 months at current volumes.",
                "source": "Record: value case",
            },
            {
                "text": "A second metric (emails drafted per day) counts output, not outcome; it should not decide the rollout.",
                "source": "Record: metric Drafts per day",
            },
        ],
        "recommendations": [
            "Retire 'drafts per day' as a success measure and report only the reply-time outcome to the sponsor.",
            "Set the date of the go/no-go review now and put it in the sponsor's calendar.",
        ],
    },
    {
        "key": "integration",
        "label": "Integration and data",
        "score": 38,
        "band": "weak",
        "weakest": True,
        "summary": "A funded route into the live systems, the production work scoped, real data tested.",
        "findings": [
            {
                "text": "The pilot reads a weekly CSV export of the CRM; nothing is connected to the live system.",
                "source": "Record: integration HubSpot CRM",
            },
            {
                "text": "Writing drafted replies back to the shared inbox is not budgeted and has no estimate.",
                "source": "Record: integration Shared inbox (Outlook)",
            },
            {
                "text": "Testing used 200 hand-picked enquiries; none of the messy, partial or duplicate records seen in production.",
                "source": "Answer: int_messy_data",
            },
            {
                "text": "The qualification rules exist only in two people's heads.",
                "source": "Answer: int_process_documented",
            },
        ],
        "recommendations": [
            "Budget and schedule the CRM connection (read) and the inbox connection (write); estimate both in days.",
            "Build a test set from last quarter's real enquiries, including duplicates and half-filled forms.",
            "Write the qualification rules down as a one-page checklist the model and new staff both follow.",
        ],
    },
    {
        "key": "oversight",
        "label": "Oversight and quality",
        "score": 55,
        "band": "moderate",
        "weakest": False,
        "summary": "Human review where a mistake would hurt, monitoring, quality at volume, exception paths.",
        "findings": [
            {
                "text": "Every draft is reviewed by a sales rep before it is sent; confidence thresholds are not used yet.",
                "source": "Record: oversight plan",
            },
            {
                "text": "Monitoring answers 'did it run' and 'what did it do', but nobody checks whether replies were any good.",
                "source": "Record: oversight plan",
            },
            {
                "text": "Failures alert the ops channel; there is no written escalation path for a wrong reply sent to a customer.",
                "source": "Answer: ov_escalation",
            },
        ],
        "recommendations": [
            "Score a weekly sample of 20 sent replies against a short quality checklist and chart the result.",
            "Write the escalation path for a wrong reply: who apologises, who fixes the rule, within what time.",
        ],
    },
    {
        "key": "adoption",
        "label": "Adoption",
        "score": 71,
        "band": "moderate",
        "weakest": False,
        "summary": "The people whose work changes take part from the start, with a sponsor, training and a rollout plan.",
        "findings": [
            {
                "text": "Two sales reps co-designed the draft format and review screen.",
                "source": "Record: change plan",
            },
            {
                "text": "The sales director sponsors the change and has committed to roll out if the threshold is met.",
                "source": "Record: change plan",
            },
            {
                "text": "No training plan exists for the other eight reps.",
                "source": "Answer: ad_training",
            },
        ],
        "recommendations": [
            "Plan a 45-minute hands-on session per team, led by the two reps who co-designed it.",
        ],
    },
]

_ACTIONS: list[dict[str, Any]] = [
    {
        "title": "Connect the pilot to the live CRM (read access) and retire the CSV export",
        "gap": "Integration and data",
        "owner": "Marcus Lee",
        "due": "2026-07-15",
        "status": "open",
        "expected_gain": "+20 Integration and data; clears the live-systems gate",
    },
    {
        "title": "Budget and estimate the write-back of drafts to the shared inbox",
        "gap": "Integration and data",
        "owner": "Priya Shah",
        "due": "2026-06-30",
        "status": "open",
        "expected_gain": "+8 Integration and data",
    },
    {
        "title": "Build a realistic test set from last quarter's enquiries",
        "gap": "Integration and data",
        "owner": "Marcus Lee",
        "due": "2026-07-01",
        "status": "open",
        "expected_gain": "+6 Integration and data",
    },
    {
        "title": "Weekly quality sample of 20 sent replies, charted for the sponsor",
        "gap": "Oversight and quality",
        "owner": "Priya Shah",
        "due": "2026-06-20",
        "status": "open",
        "expected_gain": "+10 Oversight and quality",
    },
    {
        "title": "Write the escalation path for a wrong reply",
        "gap": "Oversight and quality",
        "owner": "Priya Shah",
        "due": "2026-06-20",
        "status": "open",
        "expected_gain": "+6 Oversight and quality",
    },
    {
        "title": "Retire the output metric and report reply time only",
        "gap": "Outcome and value",
        "owner": "Dana Okafor",
        "due": "2026-06-15",
        "status": "open",
        "expected_gain": "+5 Outcome and value",
    },
    {
        "title": "Name an owner for CRM data quality",
        "gap": "Ownership",
        "owner": "Dana Okafor",
        "due": "2026-06-15",
        "status": "open",
        "expected_gain": "+7 Ownership",
    },
    {
        "title": "Hands-on training for the remaining eight reps",
        "gap": "Adoption",
        "owner": "Sam Rivera",
        "due": "2026-08-01",
        "status": "open",
        "expected_gain": "+8 Adoption",
    },
]


def _q(qid: str, prompt: str, answer: str, evidence: str = "", not_sure: bool = False):
    return {
        "id": qid,
        "prompt": prompt,
        "answer": answer,
        "evidence": evidence,
        "not_sure": not_sure,
    }


_APPENDIX: list[dict[str, Any]] = [
    {
        "section": "The pilot",
        "questions": [
            _q(
                "basics_workflow",
                "Which single workflow does the pilot automate?",
                "Qualify inbound enquiries and draft the first reply",
            ),
            _q("basics_volume", "How many items does it handle in a typical week?", "140"),
            _q("basics_stage", "Where is the pilot today?", "Running as a pilot"),
        ],
    },
    {
        "section": "Ownership",
        "questions": [
            _q(
                "own_named",
                "Is one person accountable for the workflow in production?",
                "Yes",
                "Priya Shah, Head of Sales Operations",
            ),
            _q(
                "own_named_before",
                "Was the owner named before the pilot started?",
                "Yes",
                "Kick-off notes, 3 March",
            ),
            _q("own_time", "How many hours a week can the owner give?", "4 hours"),
            _q(
                "own_authority",
                "Can the owner change the process and the rules without asking a committee?",
                "Yes",
            ),
            _q(
                "own_monitoring",
                "Who watches it day to day and fixes it when it breaks?",
                "Priya Shah, with Marcus Lee for technical fixes",
            ),
            _q(
                "own_data_quality",
                "Who owns the quality of the data it reads?",
                "Not sure",
                "",
                True,
            ),
        ],
    },
    {
        "section": "Outcome and value",
        "questions": [
            _q(
                "out_metric",
                "Which business outcome should change?",
                "Median time to first reply to a new enquiry",
            ),
            _q("out_baseline", "What is the baseline today?", "26 hours", "CRM report, Q1"),
            _q("out_target", "What target makes it worth running?", "4 hours"),
            _q(
                "out_threshold_upfront",
                "Was the go/no-go threshold agreed before the pilot?",
                "Yes",
                "Email from the sales director, 28 February",
            ),
            _q(
                "out_measurable",
                "Can the outcome be counted from existing systems?",
                "Yes, from the CRM activity log",
            ),
            _q("out_scope", "Is the pilot limited to one narrow workflow?", "Yes"),
            _q("out_value_volume", "Items per month", "600"),
            _q("out_value_minutes", "Minutes saved per item", "9"),
            _q(
                "out_value_cost", "Cost to build and to run", "£9,000 to build, £350 a month to run"
            ),
        ],
    },
    {
        "section": "Integration and data",
        "questions": [
            _q(
                "int_systems",
                "Which systems must it read from or write to?",
                "HubSpot CRM (read), shared inbox in Outlook (write)",
            ),
            _q("int_live", "Is it connected to the live systems?", "No: weekly CSV export"),
            _q("int_budgeted", "Is the integration work budgeted?", "Partly: CRM read only"),
            _q(
                "int_estimated",
                "Has the integration effort been estimated?",
                "CRM: 6 days; inbox: not estimated",
            ),
            _q(
                "int_messy_data",
                "Was it tested on messy, production-like data?",
                "No: 200 hand-picked examples",
            ),
            _q("int_process_documented", "Are the process, rules and context written down?", "No"),
        ],
    },
    {
        "section": "Oversight and quality",
        "questions": [
            _q(
                "ov_stakes",
                "How costly is a wrong output?",
                "Medium: an awkward reply to a prospect",
            ),
            _q(
                "ov_review",
                "How are outputs reviewed before they take effect?",
                "Every draft reviewed by a rep",
            ),
            _q(
                "ov_monitor_runs",
                "How do you know it ran?",
                "Nightly job report in the ops channel",
                "Ops channel #pilot-leads",
            ),
            _q("ov_monitor_actions", "How do you know what it did?", "Activity log in the CRM"),
            _q("ov_monitor_quality", "How do you know the output was good?", "Not measured yet"),
            _q("ov_alerts", "Who is alerted when it fails?", "The ops channel"),
            _q("ov_escalation", "What happens when it gets something wrong?", "Not written down"),
            _q("ov_test_volume", "Was quality tested at realistic volume?", "No"),
            _q("ov_audit", "Is every action recorded?", "Yes, in the CRM timeline"),
        ],
    },
    {
        "section": "Adoption",
        "questions": [
            _q("ad_teams", "Whose daily work changes?", "Sales reps (10) and sales operations (2)"),
            _q("ad_involvement", "How involved are the people whose work changes?", "Co-designing"),
            _q(
                "ad_sponsor",
                "Is there a sponsor inside that team?",
                "Yes",
                "Dana Okafor, Sales Director",
            ),
            _q("ad_training", "Is there a training plan?", "No"),
            _q(
                "ad_rollout",
                "Is there a phased rollout plan?",
                "Yes: two reps, then the inbound team, then everyone",
            ),
            _q(
                "ad_commitment",
                "Will the business roll it out if it meets the threshold?",
                "Committed",
            ),
            _q(
                "ad_fit",
                "Does it fit the tools people already use?",
                "Yes: drafts appear in Outlook",
            ),
        ],
    },
]


# The pilot's previous final assessment, in March: the owner gate has since been met.
_SINCE: dict[str, Any] = {
    "previous_on": "2026-03-04",
    "same_rubric": True,
    "decision_before": {"code": "not_yet", "label": "Not yet"},
    "decision_after": {"code": "not_yet", "label": "Not yet"},
    "overall_before": 49,
    "overall_after": 61,
    "gaps": [
        {
            "key": "ownership",
            "label": "Ownership",
            "before": 41,
            "after": 78,
            "change": 37,
            "band_before": "weak",
            "band_after": "strong",
        },
        {
            "key": "outcome",
            "label": "Outcome and value",
            "before": 58,
            "after": 64,
            "change": 6,
            "band_before": "moderate",
            "band_after": "moderate",
        },
        {
            "key": "integration",
            "label": "Integration and data",
            "before": 38,
            "after": 38,
            "change": 0,
            "band_before": "weak",
            "band_after": "weak",
        },
        {
            "key": "oversight",
            "label": "Oversight and quality",
            "before": 61,
            "after": 55,
            "change": -6,
            "band_before": "moderate",
            "band_after": "moderate",
        },
        {
            "key": "adoption",
            "label": "Adoption",
            "before": 47,
            "after": 71,
            "change": 24,
            "band_before": "weak",
            "band_after": "moderate",
        },
    ],
    "gates_now_met": [
        {
            "label": "One named person is accountable for the workflow in production",
            "reason": "Nobody was recorded as the accountable owner.",
        }
    ],
    "gates_now_failing": [],
    "unchanged": False,
    "actions_done": [{"label": "One named person is accountable for the workflow in production"}],
    "answers_changed": [
        {
            "prompt": "When was the person who will run it in production named?",
            "before": "Nobody is named yet",
            "after": "Part way through the pilot",
            "direction": "better",
        },
        {
            "prompt": "How far along is training for the people who will use it?",
            "before": "No answer",
            "after": "Materials ready",
            "direction": "better",
        },
        {
            "prompt": "Is the monitoring running today?",
            "before": "It runs, with a log or dashboard someone reviews every week",
            "after": "It runs and someone looks now and then",
            "direction": "worse",
        },
        {
            "prompt": "If the pilot works, what happens next? One or two sentences.",
            "before": "Sales uses it for web leads.",
            "after": "Sales uses it for web and phone leads.",
            "direction": "changed",
        },
    ],
}


def _voices(*answers: tuple[str, str]) -> list[dict[str, str]]:
    return [{"name": name, "answer": answer} for name, answer in answers]


# Three people from the client answered on their own before the June workshop.
_DISAGREEMENTS: dict[str, Any] = {
    "people": [
        {
            "name": "Marcus Lee",
            "role": "CRM administrator",
            "finished": True,
            "answered": 36,
            "total": 38,
        },
        {
            "name": "Priya Shah",
            "role": "Head of Sales Operations",
            "finished": True,
            "answered": 38,
            "total": 38,
        },
        {
            "name": "Sam Rivera",
            "role": "Sales representative",
            "finished": False,
            "answered": 21,
            "total": 38,
        },
    ],
    "questions": [
        {
            "id": "own_named",
            "section": "Ownership",
            "prompt": "Is one person accountable for the workflow in production?",
            "verdict": "disagree",
            "note": "2 different answers.",
            "agreed": "Yes",
            "feeds": "Feeds the Ownership gap (“One named person is accountable for the workflow in production”).",
            "scored": True,
            "no_answer": [],
            "answers": _voices(("Marcus Lee", "No"), ("Priya Shah", "Yes"), ("Sam Rivera", "No")),
        },
        {
            "id": "out_value_volume",
            "section": "Outcome and value",
            "prompt": "Items per month",
            "verdict": "disagree",
            "note": "Answers range from 250 to 600.",
            "agreed": "600",
            "feeds": "Feeds the Outcome and value gap (the payback criterion “The value case pays back within the horizon”).",
            "scored": True,
            "no_answer": [],
            "answers": _voices(("Marcus Lee", "550"), ("Priya Shah", "600"), ("Sam Rivera", "250")),
        },
        {
            "id": "ad_training",
            "section": "Adoption",
            "prompt": "Is there a training plan?",
            "verdict": "unsure",
            "note": "“Not sure” in 1 of the 4 answers given.",
            "agreed": "No",
            "feeds": "Feeds the Adoption gap (“Training and a phased rollout plan exist”).",
            "scored": True,
            "no_answer": [],
            "answers": _voices(
                ("Marcus Lee", "No"), ("Priya Shah", "Not sure"), ("Sam Rivera", "No")
            ),
        },
    ],
    "agreed": 25,
    "written": 6,
    "single": 1,
    "unanswered": 0,
}


def sample_snapshot() -> dict[str, Any]:
    """A fresh copy each call, so a test may change it freely."""
    return copy.deepcopy(
        {
            "format": 1,
            "taken_at": "2026-06-02T09:30:00+00:00",
            "requested_by": "Dana Demo",
            "branding": {
                "workspace": "Harbour Lane Advisory",
                "prepared_by": "Prepared by Harbour Lane Advisory",
                "accent_colour": "#1f5f8b",
                "logo": None,
            },
            "client": {"name": "Northwind Wholesale", "currency": "GBP"},
            "pilot": {
                "name": "Inbound lead reply assistant",
                "workflow": "Qualify inbound enquiries and draft the first reply",
                "problem": "New enquiries wait a day for a first answer and a third of them go cold.",
                "weekly_volume": 140,
                "stage": "pilot",
                "prototype_effort_days": 12,
            },
            "assessment": {
                "id": 1,
                "label": "June 2026 review",
                "rubric_version": "1.0.0",
                "assessed_on": "2026-06-02",
            },
            "decision": {
                "code": "not_yet",
                "label": "Not yet",
                "reasons": [
                    "The pilot reads a weekly CSV export; there is no funded path into the live CRM.",
                    "Integration and data scores 38, below the weak line of 50.",
                    "Reply quality is not measured, so nobody would notice it getting worse.",
                ],
            },
            "overall": 61,
            "weakest_gap": {"key": "integration", "label": "Integration and data", "score": 38},
            "gates_failed": [
                {
                    "label": "A path to the live systems",
                    "reason": "Every integration is a data extract or not started, and the write-back is not budgeted.",
                    "sources": ["Record: integration HubSpot CRM", "Answer: int_live"],
                }
            ],
            "payback": {
                "months": 5.0,
                "never_pays_back": False,
                "monthly_saving": 2160.0,
                "build_cost": 9000.0,
                "monthly_run_cost": 350.0,
            },
            "gaps": _GAPS,
            "actions": _ACTIONS,
            "effort": production_effort(12, ["extract", "none"]),
            "since": _SINCE,
            "disagreements": _DISAGREEMENTS,
            "appendix": _APPENDIX,
        }
    )
