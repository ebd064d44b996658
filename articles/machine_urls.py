"""Addresses for machines, outside the language prefix: sitemaps and robots.txt."""

from functools import wraps

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from .sanitize import strip_control_characters
from .sitemaps import SITEMAPS, index as sitemap_index
from .views import machines
from .views.stories import conditional_page


def xml_characters_only(view):
    """Serve ``view``'s XML without the control characters XML 1.0 cannot carry.

    A story title stored with one (before the desk stripped them, or imported) would otherwise
    make the whole document unreadable to crawlers.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            charset = response.charset
            text = response.content.decode(charset)
            cleaned = strip_control_characters(text)
            if cleaned != text:
                response.content = cleaned.encode(charset)
        return response

    return wrapped


urlpatterns = [
    path(
        "sitemap.xml",
        conditional_page(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        conditional_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("news-sitemap.xml", xml_characters_only(machines.news_sitemap), name="news-sitemap"),
    path("robots.txt", machines.robots_txt, name="robots"),
]
