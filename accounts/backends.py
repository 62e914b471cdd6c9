"""Authentication against the email-login user model."""

from django.contrib.auth.backends import ModelBackend

from readiness.prepared import PreparedQuery

from .models import User

_USER_BY_ID = PreparedQuery(lambda user_id: User.objects.filter(pk=user_id), int)


class EmailBackend(ModelBackend):
    """Django's model backend, with the per-request user lookup compiled once.

    Every signed-in request loads its user, so this read is the most frequent in the
    app; everything else (passwords, permissions, inactive users) is ModelBackend's.
    """

    def get_user(self, user_id) -> User | None:
        try:
            user = _USER_BY_ID.first(int(user_id))
        except (TypeError, ValueError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None
