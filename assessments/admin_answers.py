"""Answers and actions in the admin, in the rubric's words rather than its codes.

An answer edited here is typed as the questionnaire takes it and read by the
questionnaire's own parser, so the admin cannot store a value the questionnaire would
refuse. A final assessment's answers are shown, never changed: its decision and score
were fixed when it was marked final.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import QuerySet

from .disagreement import answer_text
from .models import ActionItem, Answer, Assessment, Client, Respondent
from .questionnaire import (
    NO,
    SECTIONS,
    YES,
    evidence_field_name,
    field_name,
    not_sure_field_name,
    parse_answer,
)
from .rubric.loader import bundled_rubric
from .rubric.model import Question, Rubric
from .scoring.engine import STOP_STEPS
from .selectors import rubric_for_assessment

FINAL_READ_ONLY = (
    "This assessment is final, so its answers and the people who gave them are shown "
    "but cannot be changed: its decision and score stay as they were when it was marked "
    "final. To record changes, start a new assessment of the pilot."
)
NOT_IN_RUBRIC = "not a question of this assessment's rubric"
_STOP_STEP_TITLES = {step.id: step.title for step in STOP_STEPS}


def with_rubric(queryset: QuerySet, path: str = "assessment") -> QuerySet:
    """Read each row's rubric version with it (less its definition), so naming questions
    and actions costs no query per row: parsed rubrics are kept per process."""
    return queryset.select_related(f"{path}__rubric").defer(f"{path}__rubric__definition")


def is_final(assessment: Assessment | None) -> bool:
    return assessment is not None and assessment.is_submitted


def question_of(answer: Answer) -> Question | None:
    return rubric_for_assessment(answer.assessment).questions_by_id.get(answer.question_id)


@admin.display(description="Question", ordering="question_id")
def question_text(answer: Answer) -> str:
    question = question_of(answer)
    return question.prompt if question else f"{answer.question_id} ({NOT_IN_RUBRIC})"


@admin.display(description="Answer")
def answer_shown(answer: Answer) -> str:
    question = question_of(answer)
    if question is None:
        return "Not sure" if answer.not_sure else repr(answer.value)
    return answer_text(question, answer.to_input())


@admin.display(description="Given by", ordering="respondent__name")
def given_by(answer: Answer) -> str:
    return answer.respondent.name if answer.respondent else "Agreed answer"


@admin.display(description="Action", ordering="criterion_id")
def action_title(item: ActionItem) -> str:
    rubric = rubric_for_assessment(item.assessment)
    criterion = rubric.criteria_by_id.get(item.criterion_id)
    title = criterion.title if criterion else _STOP_STEP_TITLES.get(item.criterion_id)
    return title or f"{item.criterion_id} (not an action of this assessment's rubric)"


def _typed(question: Question | None, answer: Answer) -> str:
    """The stored value as it is typed into the form."""
    value = answer.value
    if value is None:
        return ""
    if question is not None and question.type == "yes_no" and isinstance(value, bool):
        return YES if value else NO
    if question is not None and question.type == "choice":
        option = question.option(value)
        return option.label if option else str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _untyped(question: Question, text: str) -> str:
    """Yes and no in any case, and an option by its wording as well as by its code."""
    if question.type == "yes_no":
        return text.casefold()
    if question.type != "choice":
        return text
    wanted = " ".join(text.split()).casefold()
    for option in question.options:
        if wanted in {option.value.casefold(), " ".join(option.label.split()).casefold()}:
            return option.value
    return text


def answers_help(question: Question | None) -> str:
    if question is None:
        return (
            "As the questionnaire takes it: yes or no, one of the question's answers, "
            "a number or text."
        )
    if question.type == "yes_no":
        return "Yes or no."
    if question.type == "choice":
        return "One of: " + "; ".join(option.label for option in question.options) + "."
    if question.type == "number":
        bounds = [
            f"at least {question.min:,.15g}" if question.min is not None else "",
            f"at most {question.max:,.15g}" if question.max is not None else "",
        ]
        unit = f" ({question.unit})" if question.unit else ""
        return f"A number{unit}, " + " and ".join(b for b in bounds if b) + "."
    return "Any text."


def _question_choices(rubric: Rubric, current: str) -> list:
    titles = {section.id: section.title for section in SECTIONS}
    groups = [
        (titles[section], [(q.id, q.prompt) for q in rubric.questions_for_section(section)])
        for section in titles
    ]
    choices: list = [("", "---------"), *((title, qs) for title, qs in groups if qs)]
    if current and current not in rubric.questions_by_id:
        choices.append((current, f"{current} ({NOT_IN_RUBRIC})"))
    return choices


class AnswerAdminForm(forms.ModelForm):
    """One answer, its question chosen from the rubric and its value checked as the
    questionnaire checks it."""

    # Prompts are long: kept narrow enough for the assessment page's table of answers.
    question_id = forms.ChoiceField(
        label="Question", widget=forms.Select(attrs={"style": "max-width: 28em"})
    )
    value = forms.CharField(
        label="Answer", required=False, widget=forms.TextInput(attrs={"class": "vTextField"})
    )

    class Meta:
        model = Answer
        fields = [
            "assessment",
            "respondent",
            "question_id",
            "value",
            "not_sure",
            "evidence",
            "settled_at",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        answer = self.instance
        has_assessment = answer.assessment_id is not None
        rubric = rubric_for_assessment(answer.assessment) if has_assessment else bundled_rubric()
        question = rubric.questions_by_id.get(answer.question_id)
        self.fields["question_id"].choices = _question_choices(rubric, answer.question_id)
        self.fields["value"].help_text = answers_help(question)
        if answer.pk is not None:
            self.initial["value"] = _typed(question, answer)

    def clean(self) -> dict:
        data = super().clean()
        assessment = data.get("assessment") or (
            self.instance.assessment if self.instance.assessment_id else None
        )
        if assessment is None or "question_id" not in data:
            return data
        if assessment.is_submitted:
            self.add_error("assessment" if "assessment" in self.fields else None, FINAL_READ_ONLY)
            return data
        respondent = data.get("respondent")
        if respondent is not None and respondent.assessment_id != assessment.pk:
            self.add_error("respondent", "That person is not part of this assessment.")
        question = rubric_for_assessment(assessment).questions_by_id.get(data["question_id"])
        if question is None:
            self.add_error("question_id", f"Choose a question: this one is {NOT_IN_RUBRIC}.")
            return data
        if data.get("not_sure") and not question.not_sure:
            self.add_error("not_sure", "This question has no “Not sure”: give an answer.")
            return data
        parsed = parse_answer(
            question,
            {
                field_name(question.id): _untyped(question, data.get("value") or ""),
                not_sure_field_name(question.id): "on" if data.get("not_sure") else "",
                evidence_field_name(question.id): data.get("evidence") or "",
            },
        )
        if parsed.error:
            # The questionnaire offers the options as buttons; here they must be named.
            named = f" {answers_help(question)}" if question.type == "choice" else ""
            self.add_error("value", f"{parsed.error}{named}")
        elif parsed.cleared:
            self.add_error(
                "value", "Give an answer or tick “Not sure”. To remove the answer, delete it."
            )
        else:
            data.update(value=parsed.value, not_sure=parsed.not_sure, evidence=parsed.evidence)
        return data


class RespondentAdminForm(forms.ModelForm):
    class Meta:
        model = Respondent
        fields = ["assessment", "user", "name", "email", "role", "finished_at"]

    def clean_assessment(self) -> Assessment:
        assessment = self.cleaned_data["assessment"]
        if assessment.is_submitted:
            raise forms.ValidationError(
                "This assessment is final: nobody can be added to it or moved into it."
            )
        return assessment


class AssessmentFilter(admin.SimpleListFilter):
    """The assessments that have rows here, named by pilot, client and date."""

    title = "assessment"
    parameter_name = "assessment"

    def lookups(self, request, model_admin):
        ids = model_admin.get_queryset(request).values("assessment_id")
        assessments = (
            Assessment.objects.filter(pk__in=ids)
            .select_related("pilot__client")
            .order_by("pilot__client__sort_name", "pilot__sort_name", "-started_at")
        )
        return [
            (a.pk, f"{a.pilot.client.name}: {a.pilot.name} ({a.started_at:%d %b %Y})")
            for a in assessments
        ]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(assessment_id=value) if value and value.isdigit() else queryset


class ClientFilter(admin.SimpleListFilter):
    """The clients that have rows here, with their workspace."""

    title = "client"
    parameter_name = "client"

    def lookups(self, request, model_admin):
        ids = model_admin.get_queryset(request).values("assessment__pilot__client_id")
        clients = (
            Client.objects.filter(pk__in=ids)
            .select_related("workspace")
            .order_by("sort_name", "workspace__name")
        )
        return [(c.pk, f"{c.name} ({c.workspace.name})") for c in clients]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(assessment__pilot__client_id=value)
        return queryset
