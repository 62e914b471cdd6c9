from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and compose healthchecks: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@never_cache
def livez(request: HttpRequest) -> HttpResponse:
    """Liveness only: the process answers. Also the benchmark's trivial baseline view."""
    return HttpResponse("ok", content_type="text/plain")
