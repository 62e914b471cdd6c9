from django.urls import include, path

from bench import reference_views

urlpatterns = [
    path("bench/signed-in/", reference_views.signed_in),
    path("bench/signed-in-write/<int:assessment_id>/", reference_views.signed_in_write),
    path("", include("readiness.urls")),
]
