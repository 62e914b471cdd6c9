from django.conf import settings
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

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
