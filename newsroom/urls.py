import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from newsroom.media import serve_media

urlpatterns = [
    # Before the admin: its catch-all would otherwise answer these.
    path("admin/keamanan/", include("newsroom.security.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("articles.machine_urls")),
    # Indonesian at "/", English at "/en/": the language lives in the URL, not a cookie.
    *i18n_patterns(path("", include("articles.urls")), prefix_default_language=False),
]

if settings.NEWSROOM_SERVE_MEDIA and not settings.MEDIA_URL.startswith("http"):
    # Images only, with a type we choose (see newsroom/media.py); never django.views.static.
    urlpatterns += [
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", serve_media)
    ]

# A database outage answers 503 with a readable page (see newsroom/errors.py).
handler500 = "newsroom.errors.server_error"
