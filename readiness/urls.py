from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz/", views.healthz, name="healthz"),
    path("livez/", views.livez, name="livez"),
    path("", include("accounts.urls")),
    # Reports first: the questionnaire's catch-all section route would swallow
    # assessments/<id>/reports/.
    path("", include("reports.urls")),
    path("", include("assessments.urls")),
]
# No route serves MEDIA_ROOT, even with DEBUG on: logos and report PDFs are private, and
# each is served only by a view that checks who asks (workspace_logo, report_download).
