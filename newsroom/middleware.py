"""Security middleware: request sanity, response headers, staff idle expiry and two-factor."""

import base64
import hashlib
import re
import time
from urllib.parse import quote, unquote_to_bytes

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .auth import two_factor_required

IMPORTMAP_RE = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


class RequestSanityMiddleware:
    """Refuse oversized bodies (413) and NUL bytes or broken UTF-8 in the URL (400).

    Without this, a ``%00`` reaches PostgreSQL ("string literal cannot contain NUL") and
    answers 500; no view of ours has a use for either.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(_("Permintaan tidak valid."), status=400, content_type="text/plain")
        if length > settings.NEWSROOM_MAX_REQUEST_BYTES:
            return HttpResponse(
                _("Permintaan terlalu besar."), status=413, content_type="text/plain"
            )
        raw_query = request.META.get("QUERY_STRING", "")
        try:
            query = unquote_to_bytes(raw_query.replace("+", " ")).decode("utf-8")
        except UnicodeDecodeError:
            query = None
        if query is None or "\x00" in query or "\x00" in request.path_info:
            return HttpResponse(
                _("Alamat mengandung karakter yang tidak valid."),
                status=400,
                content_type="text/plain",
            )
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Add Permissions-Policy everywhere and the admin's CSP allowances under /admin/ only.

    Place it after ``csp.middleware.CSPMiddleware`` so that middleware, which answers later,
    reads the allowances set here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path_info.startswith(settings.NEWSROOM_ADMIN_CSP_PREFIX):
            self.allow_admin(response)
        return response

    def allow_admin(self, response):
        """Loosen the policy just enough for the admin and its rich-text editor."""
        update = dict(getattr(response, "_csp_update", None) or {})
        # Widgets (django-prose-editor among them) set style attributes and show blob: previews.
        update["style-src"] = [*update.get("style-src", []), "'unsafe-inline'"]
        update["img-src"] = [*update.get("img-src", []), "blob:"]
        # The editor's import map is an inline script: allow exactly that script by its hash.
        hashes = []
        if not response.streaming and "html" in response.get("Content-Type", ""):
            for body in IMPORTMAP_RE.findall(response.content):
                digest = base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")
                hashes.append(f"'sha256-{digest}'")
        if hashes:
            update["script-src"] = [*update.get("script-src", []), *hashes]
        response._csp_update = update


class StaffLanguageMiddleware:
    """Staff pages speak the language the browser (or the language cookie) asks for.

    The public site chooses by its URL prefix (/en/), so LocaleMiddleware pins every unprefixed
    path to LANGUAGE_CODE; the admin has no prefix and would be Indonesian for everyone.
    Placed right after LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/" + settings.NEWSROOM_STAFF_PATH.strip("/") + "/"

    def __call__(self, request):
        if request.path_info.startswith(self.prefix):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class StaffSessionMiddleware:
    """End idle staff sessions and hold staff who owe a second factor at the verify page."""

    SEEN_KEY = "staff_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            response = self.check_idle(request) or self.check_second_factor(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def check_idle(self, request):
        now = int(time.time())
        seen = request.session.get(self.SEEN_KEY)
        if seen is not None and now - seen > settings.NEWSROOM_STAFF_IDLE_SECONDS:
            logout(request)
            messages.warning(
                request, _("Sesi Anda berakhir karena tidak ada aktivitas. Silakan masuk lagi.")
            )
            return redirect_with_next(reverse(settings.LOGIN_URL), request)
        # Write at most once a minute: enough resolution for a 30-minute timeout.
        if seen is None or now - seen >= 60:
            request.session[self.SEEN_KEY] = now
        return None

    def check_second_factor(self, request, user):
        if user.is_verified():
            return None
        exempt = [
            reverse("security:otp_verify"),
            reverse("security:otp_enrol"),
            reverse("admin:logout"),
            settings.STATIC_URL,
        ]
        if any(request.path_info.startswith(prefix) for prefix in exempt):
            return None
        has_device = user_has_device(user)
        if has_device:
            return redirect_with_next(reverse("security:otp_verify"), request)
        if two_factor_required(user):
            return redirect_with_next(reverse("security:otp_enrol"), request)
        return None


def user_has_device(user):
    """Return True when ``user`` has a confirmed second-factor device."""
    from django_otp import devices_for_user

    return any(True for _device in devices_for_user(user, confirmed=True))


def redirect_with_next(url, request):
    """Redirect to ``url`` carrying the current page as ``next`` (GET only; a POST would be lost)."""
    if request.method == "GET":
        url = f"{url}?next={quote(request.get_full_path())}"
    return HttpResponseRedirect(url)
