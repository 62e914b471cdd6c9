from django.urls import path

from . import views

urlpatterns = [
    path("assessments/<int:assessment_id>/reports/", views.report_list, name="report_list"),
    path("reports/<int:report_id>/status/", views.report_status, name="report_status"),
    path("reports/<int:report_id>/download/", views.report_download, name="report_download"),
    path("reports/<int:report_id>/preview/", views.report_preview, name="report_preview"),
]
