"""The Django floor for `make bench`: a story's bytes from memory, answered by a Django view
through the project's settings and whole middleware stack, with no query and no template.

What every uncached page pays before its own queries and templates; the gap between this row
and the ceiling is Django's, the gap between this row and an uncached page is the page's.
Run with the page cache off (the bench does), or it would measure cache hits.
"""

import os
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.urls import path

BODY = Path(os.environ["BENCH_CEILING_FILE"]).read_bytes()


def story_bytes(request):
    return HttpResponse(BODY)


urlpatterns = [path("", story_bytes)]

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
settings.ROOT_URLCONF = __name__  # before the first request: this module's one address

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after the URLconf is set

app = get_wsgi_application()
