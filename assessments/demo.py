"""Demo data: a consultancy workspace a newcomer can log in to and explore.

Three client companies (two in pounds, one in euros) and five pilots at different
stages, whose assessments land on each of the four decisions, plus one questionnaire
left half-way to show resuming and one reassessment, ninety days on, started from the
last assessment's answers.
Every record and answer goes through the services, so the demo obeys the same rules
as real data.

Idempotent: running it again resets the demo workspace to the same state.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, User, Workspace

from . import services
from .models import Assessment, Client

DEMO_EMAIL = "demo@readiness.local"
DEMO_PASSWORD = "readiness-demo"
DEMO_WORKSPACE = "Harbour Lane Advisory"

LINK = "https://intranet.example.com/"


@dataclass(frozen=True)
class DemoResult:
    user: User
    workspace: Workspace
    assessments: tuple[Assessment, ...] = ()


@dataclass(frozen=True)
class DemoPilot:
    pilot: dict[str, Any]
    owners: list[dict[str, Any]] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    integrations: list[dict[str, Any]] = field(default_factory=list)
    oversight: dict[str, Any] | None = None
    change_plan: dict[str, Any] | None = None
    value_case: dict[str, Any] | None = None
    # question id -> value, or (value, evidence)
    answers: dict[str, Any] = field(default_factory=dict)
    not_sure: tuple[str, ...] = ()
    submit: bool = True
    # criterion id -> (owner, days from today until due)
    actions: dict[str, tuple[str, int]] = field(default_factory=dict)
    # People answering on their own: (name, role, {question id: value or None for not sure})
    respondents: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    # A reassessment ninety days on, started from this one's answers: the answers that
    # changed since (question id -> value, or (value, evidence)).
    reassessment: dict[str, Any] | None = None


CLIENTS: list[tuple[dict[str, Any], list[DemoPilot]]] = [
    (
        {
            "name": "Brightwater Heating & Plumbing",
            "industry": "Home services",
            "size_band": "small",
            "currency": "GBP",
        },
        [
            DemoPilot(
                pilot={
                    "name": "Reply to website enquiries",
                    "workflow": (
                        "Read each enquiry from the website form, sort it into emergency, quote "
                        "request or general question, and draft the first reply in HubSpot for "
                        "the office team to check and send."
                    ),
                    "problem": (
                        "Enquiries that arrive after three in the afternoon wait until the next "
                        "morning, and people with a leaking boiler ring a competitor instead."
                    ),
                    "weekly_volume": 90,
                    "stage": "candidate",
                    "prototype_effort_days": 5,
                },
                owners=[
                    {
                        "name": "Maria Costa",
                        "email": "maria@brightwater.example",
                        "role": "Office manager",
                        "accountable": True,
                        "hours_per_week": 4,
                        "in_using_team": True,
                    },
                    {
                        "name": "Owen Hale",
                        "email": "owen@brightwater.example",
                        "role": "Founder",
                        "hours_per_week": 1,
                    },
                ],
                metrics=[
                    {
                        "name": "Median time to first reply",
                        "unit": "minutes",
                        "baseline": 380,
                        "target": 20,
                        "direction": "decrease",
                        "measurement": "HubSpot first-reply report, read every Monday morning",
                        "go_threshold": 60,
                        "deadline": 60,
                    },
                    {
                        "name": "Enquiries booked as jobs",
                        "unit": "%",
                        "baseline": 31,
                        "target": 40,
                        "direction": "increase",
                        "measurement": "Deals won against enquiries received, from HubSpot",
                        "go_threshold": 35,
                        "deadline": 90,
                    },
                ],
                integrations=[
                    {
                        "system": "HubSpot",
                        "access": "read_write",
                        "status": "live",
                        "budgeted": True,
                        "effort_days": 3,
                    },
                    {
                        "system": "Gmail / Google Workspace",
                        "access": "read",
                        "status": "live",
                        "budgeted": True,
                        "effort_days": 1,
                    },
                ],
                oversight={
                    "review_mode": "confidence",
                    "confidence_threshold": 0.85,
                    "monitor_runs": "A daily run log in HubSpot lists every enquiry picked up.",
                    "monitor_actions": "Each draft is stored on the contact with its category.",
                    "monitor_quality": "Maria reads twenty drafts every Friday and scores them.",
                    "alert_recipient": "Maria Costa, by email and text message",
                    "escalation_path": "Maria, then Owen if a customer complains.",
                    "exception_handling": (
                        "Anything it cannot sort lands in a 'needs a person' view in HubSpot."
                    ),
                },
                change_plan={
                    "teams_affected": "The office team of three who answer enquiries",
                    "involvement": "co_designing",
                    "sponsor_name": "Jade Pryce, senior coordinator",
                    "training_plan": "Two short sessions using real drafts from the pilot.",
                    "rollout_phases": "Quote requests first, then general questions, then emergencies.",
                    "rollout_commitment": "committed",
                },
                value_case={
                    "items_per_month": 390,
                    "minutes_saved_per_item": 6,
                    "hourly_cost": 28,
                    "build_cost": 4200,
                    "monthly_run_cost": 120,
                },
                answers={
                    "basic_built_by": "own_team",
                    "basic_if_it_works": (
                        "The office team uses it for every web enquiry and the founder stops "
                        "answering them from his phone at night."
                    ),
                    "own_named_when": ("before", LINK + "enquiries/owner"),
                    "own_authority": (True, LINK + "enquiries/owner"),
                    "own_duties": ("rehearsed", LINK + "enquiries/run-sheet"),
                    "out_pain": ("counted", LINK + "enquiries/lost-jobs"),
                    "out_scope": ("held", LINK + "enquiries/scope"),
                    "out_measurable": ("in_system", LINK + "enquiries/report"),
                    "out_criteria_agreed": ("before_written", LINK + "enquiries/go-criteria"),
                    "int_end_to_end": ("end_to_end", LINK + "enquiries/flow"),
                    "int_test_data": ("raw_kept", LINK + "enquiries/test-set"),
                    "int_process_written": ("used", LINK + "enquiries/rules"),
                    "int_flow_mapped": (True, LINK + "enquiries/flow"),
                    "int_production_estimate": ("funded", LINK + "enquiries/budget"),
                    "int_it_involved": (True, "Our HubSpot partner built the connection."),
                    "ov_stakes": "medium",
                    "ov_threshold_policy": ("reviewed", LINK + "enquiries/threshold"),
                    "ov_test_cases": (420, LINK + "enquiries/test-results"),
                    "ov_edge_cases": ("tested", LINK + "enquiries/edge-cases"),
                    "ov_error_handling": (True, LINK + "enquiries/run-sheet"),
                    "ov_audit_log": ("used", LINK + "enquiries/log"),
                    "ov_monitoring_live": ("routine", LINK + "enquiries/dashboard"),
                    "ov_expand_rule": ("written", LINK + "enquiries/threshold"),
                    "ado_users_tested": (True, LINK + "enquiries/feedback"),
                    "ado_sponsor_active": (True, "Jade ran the second round of testing."),
                    "ado_fits_tools": ("shaped", LINK + "enquiries/feedback"),
                    "ado_training_done": ("delivered", LINK + "enquiries/training"),
                    "ado_rollout_budget": (True, LINK + "enquiries/budget"),
                    "val_cost_complete": ("itemised", LINK + "enquiries/value-case"),
                    "val_saving_measured": ("measured", LINK + "enquiries/timings"),
                },
            ),
            DemoPilot(
                pilot={
                    "name": "Chase overdue invoices",
                    "workflow": (
                        "Each morning, find invoices in Xero more than seven days overdue, "
                        "draft a polite reminder that fits the customer's history, and queue "
                        "it for the bookkeeper to approve."
                    ),
                    "problem": (
                        "Chasing is done in a rush at month end, so cash arrives late and "
                        "regular customers get the same stern letter as new ones."
                    ),
                    "weekly_volume": 35,
                    "stage": "pilot",
                    "prototype_effort_days": 4,
                },
                owners=[
                    {
                        "name": "Sunita Rao",
                        "email": "sunita@brightwater.example",
                        "role": "Bookkeeper",
                        "accountable": True,
                        "hours_per_week": 2,
                        "in_using_team": True,
                    }
                ],
                metrics=[
                    {
                        "name": "Average days to get paid",
                        "unit": "days",
                        "baseline": 41,
                        "target": 30,
                        "direction": "decrease",
                        "measurement": "Xero aged receivables report at each month end",
                        "go_threshold": 35,
                        "deadline": 120,
                    }
                ],
                integrations=[
                    {
                        "system": "Xero",
                        "access": "read",
                        "status": "sandbox",
                        "budgeted": True,
                        "effort_days": 4,
                    },
                    {
                        "system": "Outlook / Microsoft 365",
                        "access": "write",
                        "status": "live",
                        "budgeted": True,
                        "effort_days": 1,
                    },
                ],
                oversight={
                    "review_mode": "all",
                    "monitor_runs": "The bookkeeper sees the morning queue or notices it is empty.",
                    "monitor_actions": "Sent reminders are filed against the invoice in Xero.",
                    "monitor_quality": "",
                    "alert_recipient": "Sunita Rao",
                    "escalation_path": "Disputed invoices go to Owen.",
                    "exception_handling": "Invoices under dispute are skipped and listed for Sunita.",
                },
                change_plan={
                    "teams_affected": "Accounts (one bookkeeper) and the founder",
                    "involvement": "involved",
                    "sponsor_name": "Sunita Rao",
                    "training_plan": "A walk-through of the approval queue.",
                    "rollout_phases": "",
                    "rollout_commitment": "conditional",
                },
                value_case={
                    "items_per_month": 150,
                    "minutes_saved_per_item": 8,
                    "hourly_cost": 25,
                    "build_cost": 3500,
                    "monthly_run_cost": 60,
                },
                answers={
                    "basic_built_by": "contractor",
                    "basic_if_it_works": "Sunita approves the queue daily instead of chasing at month end.",
                    "own_named_when": ("during", "Named in the second week of the pilot."),
                    "own_authority": (True, "Agreed with Owen in writing."),
                    "own_duties": ("written", LINK + "invoices/run-sheet"),
                    "own_handover": (True, LINK + "invoices/handover"),
                    "out_pain": ("counted", LINK + "invoices/cash-flow"),
                    "out_scope": ("written", LINK + "invoices/scope"),
                    "out_measurable": ("in_system", "Xero aged receivables."),
                    "out_criteria_agreed": ("before_written", LINK + "invoices/go-criteria"),
                    "int_end_to_end": ("most", "Sending still needs a click in Outlook."),
                    "int_test_data": ("raw_sample", "Last quarter's overdue invoices."),
                    "int_process_written": ("current", LINK + "invoices/credit-control"),
                    "int_flow_mapped": (True, LINK + "invoices/flow"),
                    "int_production_estimate": (
                        "funded",
                        "Four days budgeted with the contractor.",
                    ),
                    "int_it_involved": True,
                    "ov_stakes": "high",
                    "ov_test_cases": (120, "Every overdue invoice from the last quarter."),
                    "ov_edge_cases": ("listed", LINK + "invoices/edge-cases"),
                    "ov_error_handling": (True, "Disputes and part payments are skipped."),
                    "ov_audit_log": ("full", "Every reminder is stored against its invoice."),
                    "ov_monitoring_live": "occasional",
                    "ov_expand_rule": "low_risk_first",
                    "ado_users_tested": (True, "Sunita tested every draft for three weeks."),
                    "ado_sponsor_active": True,
                    "ado_fits_tools": ("existing", "Drafts arrive in Outlook."),
                    "ado_training_done": "ready",
                    "ado_rollout_budget": (True, "Approved by Owen for next quarter."),
                    "val_cost_complete": ("itemised", LINK + "invoices/value-case"),
                    "val_saving_measured": ("measured", "Timed across three weeks of the pilot."),
                },
                actions={
                    "ov_monitoring": ("Sunita Rao", 21),
                    "int_real_data": ("Ledgerline (the contractor)", 30),
                    "ado_training_rollout": ("Owen Hale", 45),
                },
                # Back after ninety days, half-way through checking what still holds.
                reassessment={
                    "ov_monitoring_live": ("routine", LINK + "invoices/morning-check"),
                    # Checked with a link this time, so last time's action is done.
                    "int_test_data": ("raw_kept", LINK + "invoices/live-test-set"),
                    "ado_training_done": ("delivered", "Sunita trained the part-time clerk."),
                    # Not every answer moves forward: the rollout money slipped a quarter.
                    "ado_rollout_budget": (False, "Owen moved the rollout budget to next year."),
                    "basic_if_it_works": (
                        "The clerk approves the queue daily; Sunita handles the disputes."
                    ),
                },
            ),
        ],
    ),
    (
        # Sells from Ireland: its costs and savings are in euros.
        {
            "name": "Kettle & Crumb",
            "industry": "Online retail",
            "size_band": "micro",
            "currency": "EUR",
        },
        [
            DemoPilot(
                pilot={
                    "name": "Triage support tickets",
                    "workflow": (
                        "Tag each new support ticket as delivery, refund, product question or "
                        "wholesale, set its priority and suggest a reply from the help articles."
                    ),
                    "problem": "Refund requests sit behind product questions and customers wait days.",
                    "weekly_volume": 160,
                    "stage": "pilot",
                    "prototype_effort_days": 8,
                },
                owners=[
                    {
                        "name": "Lena Marsh",
                        "email": "lena@kettleandcrumb.example",
                        "role": "Co-founder",
                        "hours_per_week": 1,
                    },
                    {"name": "Northlight Digital", "role": "Agency that built the pilot"},
                ],
                metrics=[
                    {
                        "name": "Tickets tagged",
                        "kind": "output",
                        "unit": "tickets",
                        "direction": "increase",
                    }
                ],
                integrations=[
                    {"system": "Freshdesk", "access": "read_write", "status": "extract"},
                    {"system": "Shopify", "access": "read", "status": "none"},
                ],
                oversight={"review_mode": "autonomous"},
                change_plan={
                    "teams_affected": "Two part-time customer service staff",
                    "involvement": "informed",
                    "rollout_commitment": "undecided",
                },
                value_case={
                    "items_per_month": 690,
                    "minutes_saved_per_item": 2,
                    "hourly_cost": 14,
                    "build_cost": 2500,
                    "monthly_run_cost": 90,
                },
                answers={
                    "basic_built_by": "contractor",
                    "basic_if_it_works": "We would like the agency to keep it running.",
                    "own_named_when": "not_named",
                    "own_authority": False,
                    "own_duties": "informal",
                    "own_handover": False,
                    "out_pain": "felt",
                    "out_scope": "growing",
                    "out_measurable": "could_start",
                    "out_criteria_agreed": "no",
                    "int_end_to_end": "standalone",
                    "int_test_data": "hand_picked",
                    "int_process_written": "partial",
                    "int_flow_mapped": False,
                    "int_production_estimate": "assumed_small",
                    "int_it_involved": False,
                    "ov_stakes": "high",
                    "ov_test_cases": 25,
                    "ov_edge_cases": "some",
                    "ov_error_handling": False,
                    "ov_audit_log": "partial",
                    "ov_monitoring_live": "none",
                    "ov_expand_rule": "informal",
                    "ado_users_tested": False,
                    "ado_fits_tools": "new_screen",
                    "ado_training_done": "none",
                    "ado_rollout_budget": False,
                    "val_cost_complete": "prototype",
                    "val_saving_measured": "estimate",
                },
                submit=False,
            ),
            DemoPilot(
                pilot={
                    "name": "Write product descriptions",
                    "workflow": (
                        "Turn a supplier's spec sheet into a product page description in the "
                        "shop's voice, ready to paste into Shopify."
                    ),
                    "problem": "New lines go live with the supplier's dry text.",
                    "weekly_volume": 4,
                    "stage": "pilot",
                    "prototype_effort_days": 6,
                },
                owners=[
                    {
                        "name": "Tom Becker",
                        "email": "tom@kettleandcrumb.example",
                        "role": "Co-founder, buying",
                        "accountable": True,
                        "hours_per_week": 1,
                        "in_using_team": True,
                    }
                ],
                metrics=[
                    {
                        "name": "Conversion rate of new product pages",
                        "unit": "%",
                        "baseline": 2.1,
                        "target": 2.4,
                        "direction": "increase",
                        "measurement": "Shopify analytics for pages published this quarter",
                    }
                ],
                integrations=[
                    {"system": "Shopify", "access": "write", "status": "sandbox", "budgeted": True}
                ],
                oversight={
                    "review_mode": "all",
                    "monitor_runs": "Tom runs it by hand.",
                    "monitor_actions": "Tom reads every description before publishing.",
                    "alert_recipient": "Tom Becker",
                },
                change_plan={
                    "teams_affected": "Buying (Tom)",
                    "involvement": "co_designing",
                    "sponsor_name": "Tom Becker",
                    "rollout_commitment": "undecided",
                },
                value_case={
                    "items_per_month": 16,
                    "minutes_saved_per_item": 20,
                    "hourly_cost": 22,
                    "build_cost": 6000,
                    "monthly_run_cost": 95,
                },
                answers={
                    "basic_built_by": "own_team",
                    "basic_if_it_works": "Tom would use it for each new range.",
                    "own_named_when": "before",
                    "own_authority": True,
                    "own_duties": "named",
                    "out_pain": "general",
                    "out_scope": "written",
                    "out_measurable": "in_system",
                    "out_criteria_agreed": "before_verbal",
                    "int_end_to_end": "one_step",
                    "int_test_data": "raw_sample",
                    "int_process_written": "current",
                    "int_flow_mapped": True,
                    "int_production_estimate": "estimated",
                    "int_it_involved": True,
                    "ov_stakes": "low",
                    "ov_test_cases": 40,
                    "ov_edge_cases": "some",
                    "ov_error_handling": True,
                    "ov_audit_log": "partial",
                    "ov_monitoring_live": "occasional",
                    "ov_expand_rule": "none",
                    "ado_users_tested": True,
                    "ado_sponsor_active": True,
                    "ado_fits_tools": "existing",
                    "ado_training_done": "ready",
                    "ado_rollout_budget": False,
                    "val_cost_complete": ("itemised", "Includes the Shopify app and setup."),
                    "val_saving_measured": ("measured", "Timed on twelve products."),
                },
            ),
        ],
    ),
    (
        {
            "name": "Marlow & Finch Recruitment",
            "industry": "Recruitment",
            "size_band": "small",
            "currency": "GBP",
        },
        [
            DemoPilot(
                pilot={
                    "name": "Summarise sales calls into the CRM",
                    "workflow": (
                        "After each call with a hiring manager, turn the recording into a short "
                        "summary, the open roles discussed and next steps, and log them on the "
                        "company in Pipedrive."
                    ),
                    "problem": "Consultants skip call notes, so follow-ups are missed.",
                    "weekly_volume": 60,
                    "stage": "idea",
                },
                owners=[
                    {
                        "name": "Aisha Bello",
                        "email": "aisha@marlowfinch.example",
                        "role": "Head of client services",
                        "accountable": True,
                        "hours_per_week": 2,
                        "in_using_team": True,
                    }
                ],
                metrics=[
                    {
                        "name": "Calls with a follow-up logged within a day",
                        "unit": "%",
                        "baseline": 45,
                        "target": 90,
                        "direction": "increase",
                        "measurement": "Pipedrive activity report",
                    }
                ],
                integrations=[
                    {"system": "Pipedrive", "access": "write", "status": "none", "budgeted": True}
                ],
                answers={
                    "basic_built_by": "own_team",
                    "basic_if_it_works": "Every consultant's calls are logged without typing.",
                    "own_named_when": "before",
                    "own_authority": True,
                    "own_duties": "named",
                    "out_pain": "felt",
                    "out_scope": "written",
                    "out_measurable": "in_system",
                },
                not_sure=("out_criteria_agreed",),
                submit=False,
                # The classic split: the founder thinks it is owned, the people who would
                # run it are less sure.
                respondents=[
                    (
                        "Owen Hart",
                        "Sales director",
                        {
                            "own_named_when": "before",
                            "own_authority": True,
                            "own_duties": "informal",
                            "out_pain": "felt",
                            "out_measurable": "by_hand",
                            "out_criteria_agreed": "before_verbal",
                        },
                    ),
                    (
                        "Lina Chow",
                        "Account manager, uses it daily",
                        {
                            "own_named_when": "after",
                            "own_authority": False,
                            "own_duties": "nobody",
                            "out_pain": "counted",
                            "out_measurable": None,
                        },
                    ),
                ],
            ),
        ],
    ),
]


def _split(answer: Any) -> tuple[Any, str]:
    return answer if isinstance(answer, tuple) else (answer, "")


def _build_pilot(client: Client, spec: DemoPilot, user: User) -> Assessment:
    today = date.today()
    pilot = services.pilot_create(client=client, **spec.pilot)
    for owner in spec.owners:
        services.owner_add(pilot=pilot, **owner)
    for metric in spec.metrics:
        # Deadlines are given in days from today so the demo never looks out of date.
        days = metric.get("deadline")
        deadline = today + timedelta(days=days) if days else None
        services.metric_add(pilot=pilot, **{**metric, "deadline": deadline})
    for integration in spec.integrations:
        services.integration_add(pilot=pilot, **integration)
    if spec.oversight is not None:
        services.oversight_save(pilot=pilot, data=spec.oversight)
    if spec.change_plan is not None:
        services.change_plan_save(pilot=pilot, data=spec.change_plan)
    if spec.value_case is not None:
        services.value_case_save(pilot=pilot, data=spec.value_case)

    assessment = services.assessment_start(pilot=pilot, user=user)
    for question_id, answer in spec.answers.items():
        value, evidence = _split(answer)
        services.answer_save(
            assessment=assessment,
            question_id=question_id,
            value=value,
            evidence=evidence,
            user=user,
        )
    for question_id in spec.not_sure:
        services.answer_save(
            assessment=assessment, question_id=question_id, value=None, not_sure=True, user=user
        )
    for criterion_id, (owner_name, days) in spec.actions.items():
        services.action_item_update(
            assessment=assessment,
            criterion_id=criterion_id,
            data={"owner_name": owner_name, "due_date": today + timedelta(days=days)},
        )
    for name, role, answers in spec.respondents:
        person = services.respondent_add(assessment=assessment, name=name, role=role)
        for question_id, value in answers.items():
            services.answer_save(
                assessment=assessment,
                question_id=question_id,
                value=value,
                not_sure=value is None,
                user=None,
                respondent=person,
            )
    if spec.submit:
        services.assessment_submit(assessment=assessment)
    if spec.reassessment is not None:
        return _reassess(assessment, spec.reassessment, user)
    return assessment


def _reassess(earlier: Assessment, changed: dict[str, Any], user: User) -> Assessment:
    """A draft ninety days after `earlier`, started from its answers, a few of them changed.

    Only the dates are set directly: the earlier assessment is dated back so the
    comparison reads as a real return visit.
    """
    then = timezone.now() - timedelta(days=90)
    Assessment.objects.filter(pk=earlier.pk).update(started_at=then, submitted_at=then)
    earlier.refresh_from_db()
    later = services.assessment_start(pilot=earlier.pilot, user=user)
    services.assessment_carry_answers(assessment=later, source=earlier)
    services.assessment_carry_actions(assessment=later, source=earlier)
    for question_id, answer in changed.items():
        value, evidence = _split(answer)
        services.answer_save(
            assessment=later, question_id=question_id, value=value, evidence=evidence, user=user
        )
    return later


@transaction.atomic
def create_demo() -> DemoResult:
    user, _ = User.objects.get_or_create(email=DEMO_EMAIL, defaults={"full_name": "Dana Demo"})
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    Workspace.objects.filter(name=DEMO_WORKSPACE, memberships__user=user).delete()
    workspace = Workspace.objects.create(
        name=DEMO_WORKSPACE,
        accent_colour="#1f5f8b",
        prepared_by="Prepared by Harbour Lane Advisory",
        default_currency="GBP",
    )
    Membership.objects.create(workspace=workspace, user=user, role=Membership.Role.OWNER)
    assessments = []
    for client_fields, pilots in CLIENTS:
        client = services.client_create(workspace=workspace, **client_fields)
        assessments.extend(_build_pilot(client, spec, user) for spec in pilots)
    return DemoResult(user=user, workspace=workspace, assessments=tuple(assessments))
