"""Your own account: the name others see, and your password."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import services
from .forms import LimitedPasswordChangeForm, ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=request.user, full_name=form.cleaned_data["full_name"])
        messages.success(request, "Saved your name.")
        return redirect("profile")
    return render(
        request, "accounts/profile.html", {"form": form}, status=422 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = LimitedPasswordChangeForm(request.user, request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        # Changing the password ends every other session; this one stays signed in.
        update_session_auth_hash(request, user)
        messages.success(
            request, "Your password is changed. Use the new one the next time you log in."
        )
        return redirect("profile")
    return render(
        request,
        "registration/password_change_form.html",
        {"form": form},
        status=422 if form.errors else 200,
    )
