"""Authentication backends and the two-factor rule for staff."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings

from articles import roles


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuse locked-out credentials; stand aside when no HTTP request is involved.

    Every login form passes the request. Programmatic calls without one (the test client's
    ``login()``, a shell) are not web logins and cannot be throttled by address anyway.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def two_factor_required(user):
    """Return True when ``user`` may not work without a verified second factor."""
    if not settings.NEWSROOM_REQUIRE_2FA or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=roles.HEAD).exists()


def is_head_of_desk(user):
    """Return True for a Kepala Humas or a superuser."""
    return user.is_active and (
        user.is_superuser or (user.is_staff and user.groups.filter(name=roles.HEAD).exists())
    )
