from django.urls import path

from . import respondent_views, views, workshop_views

urlpatterns = [
    path("w/<int:workspace_id>/clients/new/", views.client_create, name="client_create"),
    path("w/<int:workspace_id>/my-company/", views.client_own_company, name="client_own_company"),
    path("w/<int:workspace_id>/import/", views.assessment_import, name="assessment_import"),
    path("clients/<int:client_id>/edit/", views.client_update, name="client_update"),
    path("clients/<int:client_id>/delete/", views.client_delete, name="client_delete"),
    path("clients/<int:client_id>/pilots/new/", views.pilot_create, name="pilot_create"),
    path("pilots/<int:pilot_id>/", views.pilot_detail, name="pilot_detail"),
    path("pilots/<int:pilot_id>/edit/", views.pilot_update, name="pilot_update"),
    path("pilots/<int:pilot_id>/delete/", views.pilot_delete, name="pilot_delete"),
    path("pilots/<int:pilot_id>/archive/", views.pilot_archive, name="pilot_archive"),
    path("pilots/<int:pilot_id>/restore/", views.pilot_restore, name="pilot_restore"),
    path("pilots/<int:pilot_id>/assess/", views.assessment_start, name="assessment_start"),
    path("assessments/<int:assessment_id>/", views.assessment_resume, name="assessment_resume"),
    path(
        "assessments/<int:assessment_id>/results/",
        views.assessment_results,
        name="assessment_results",
    ),
    path(
        "assessments/<int:assessment_id>/submit/",
        views.assessment_submit,
        name="assessment_submit",
    ),
    path(
        "assessments/<int:assessment_id>/export.json",
        views.assessment_export,
        name="assessment_export",
    ),
    path(
        "assessments/<int:assessment_id>/actions/",
        views.action_plan_save,
        name="action_plan_save",
    ),
    path(
        "assessments/<int:assessment_id>/actions/<slug:criterion_id>/",
        views.action_update,
        name="action_update",
    ),
    path(
        "assessments/<int:assessment_id>/records/<slug:kind>/new/",
        views.record_create,
        name="record_create",
    ),
    path(
        "assessments/<int:assessment_id>/records/<slug:kind>/<int:record_id>/",
        views.record_update,
        name="record_update",
    ),
    path(
        "assessments/<int:assessment_id>/records/<slug:kind>/<int:record_id>/delete/",
        views.record_delete,
        name="record_delete",
    ),
    # People who answer on their own, and where their answers disagree.
    path(
        "assessments/<int:assessment_id>/people/",
        respondent_views.respondent_list,
        name="respondent_list",
    ),
    path(
        "assessments/<int:assessment_id>/people/<int:respondent_id>/remove/",
        respondent_views.respondent_remove,
        name="respondent_remove",
    ),
    path(
        "assessments/<int:assessment_id>/people/<int:respondent_id>/new-link/",
        respondent_views.respondent_new_link,
        name="respondent_new_link",
    ),
    path(
        "assessments/<int:assessment_id>/disagreements/",
        respondent_views.assessment_disagreements,
        name="assessment_disagreements",
    ),
    path(
        "assessments/<int:assessment_id>/disagreements/<slug:question_id>/adopt/",
        respondent_views.agreed_answer_adopt,
        name="agreed_answer_adopt",
    ),
    # The workshop: a facilitator's view of the differences, for a projector.
    path(
        "assessments/<int:assessment_id>/workshop/",
        workshop_views.workshop_agenda,
        name="workshop_agenda",
    ),
    # Before the sections: a section is any word.
    path(
        "assessments/<int:assessment_id>/workshop/wrap-up/",
        workshop_views.workshop_wrap_up,
        name="workshop_wrap_up",
    ),
    path(
        "assessments/<int:assessment_id>/workshop/<slug:section>/",
        workshop_views.workshop_section,
        name="workshop_section",
    ),
    path(
        "assessments/<int:assessment_id>/workshop/<slug:section>/<slug:question_id>/agree/",
        workshop_views.workshop_agree,
        name="workshop_agree",
    ),
    path(
        "assessments/<int:assessment_id>/workshop/<slug:section>/record-unanimous/",
        workshop_views.workshop_record_unanimous,
        name="workshop_record_unanimous",
    ),
    # A person's own link: the token is the key, no account needed.
    path("answer/<slug:token>/", respondent_views.answer_start, name="answer_start"),
    path("answer/<slug:token>/done/", respondent_views.answer_done, name="answer_done"),
    path(
        "answer/<slug:token>/<slug:section>/",
        respondent_views.answer_section,
        name="answer_section",
    ),
    path(
        "assessments/<int:assessment_id>/<slug:section>/still-holds/",
        views.carried_answers_confirm,
        name="carried_answers_confirm",
    ),
    # Last: a section is any word, so the fixed paths above must match first.
    path(
        "assessments/<int:assessment_id>/<slug:section>/",
        views.assessment_section,
        name="assessment_section",
    ),
]
