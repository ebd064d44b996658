"""Error views: a database outage answers 503 with a readable page, not a traceback."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

OUTAGE_ERRORS = (OperationalError, InterfaceError)


def server_error(request, *args, **kwargs):
    """Answer 503 when the database is unreachable, else Django's plain 500."""
    exc = sys.exc_info()[1]
    if isinstance(exc, OUTAGE_ERRORS):
        return outage_response()
    return defaults.server_error(request, *args, **kwargs)


def outage_response():
    """Render the outage page without touching the database (no context processors)."""
    body = loader.get_template("503.html").render({"SITE_NAME": settings.SITE_NAME})
    response = HttpResponse(body, status=503)
    # Readers and crawlers retry shortly; caches must not keep the outage page.
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
