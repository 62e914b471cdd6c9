"""Reference views that bound what a page of this stack can cost, measured beside it.

The trivial view touches neither the session nor the database. These two add, one
step at a time, what every real page or save needs before it does any work of its
own, so the benchmark shows how much of a page's cost is the stack's floor:

- `signed_in`: the session and the signed-in user, as every page reads them;
- `signed_in_write`: that, plus the smallest durable save: a transaction that locks
  one draft's row, updates it and commits, as an autosave must before it does
  anything else.
"""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from assessments.models import Assessment


@login_required
def signed_in(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@require_POST
@login_required
def signed_in_write(request: HttpRequest, assessment_id: int) -> HttpResponse:
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().filter(pk=assessment_id)
        if not locked.values_list("pk", flat=True):
            return HttpResponse("no such assessment", status=404, content_type="text/plain")
        locked.update(scored_at=timezone.now())
    return HttpResponse("ok", content_type="text/plain")
