from django.contrib.auth import views as auth_views
from django.urls import path

from . import profile_views, team_views, views
from .forms import SignInForm

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("signup/", views.signup, name="signup"),
    path("workspaces/new/", views.workspace_start, name="workspace_start"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=SignInForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", profile_views.profile, name="profile"),
    path("account/password/", profile_views.password_change, name="password_change"),
    path("password-reset/", views.LimitedPasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("w/<int:workspace_id>/", views.workspace_detail, name="workspace_detail"),
    path("w/<int:workspace_id>/settings/", views.workspace_settings, name="workspace_settings"),
    path("w/<int:workspace_id>/settings/logo/", views.workspace_logo, name="workspace_logo"),
    # The team: members, their roles, and invitations.
    path("w/<int:workspace_id>/team/", team_views.team, name="team"),
    path(
        "w/<int:workspace_id>/team/members/<int:membership_id>/role/",
        team_views.member_role,
        name="member_role",
    ),
    path(
        "w/<int:workspace_id>/team/members/<int:membership_id>/clients/",
        team_views.member_clients,
        name="member_clients",
    ),
    path(
        "w/<int:workspace_id>/team/members/<int:membership_id>/remove/",
        team_views.member_remove,
        name="member_remove",
    ),
    path(
        "w/<int:workspace_id>/team/invitations/<int:invitation_id>/withdraw/",
        team_views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "w/<int:workspace_id>/team/invitations/<int:invitation_id>/new-link/",
        team_views.invitation_renew,
        name="invitation_renew",
    ),
    # The invited person's link: the token is the key.
    path("invite/<slug:token>/", team_views.invitation_accept, name="invitation_accept"),
]
