"""WSGI entry point (gunicorn newsroom.wsgi): Django behind the page cache's WSGI front."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

from articles.cache import PageCacheApplication  # noqa: E402 - needs the apps loaded above

application = PageCacheApplication(application)
