"""Addresses for machines, outside the language prefix: sitemaps and robots.txt."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from .sitemaps import SITEMAPS, index as sitemap_index
from .views import machines
from .views.stories import conditional_page

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
    path("news-sitemap.xml", machines.news_sitemap, name="news-sitemap"),
    path("robots.txt", machines.robots_txt, name="robots"),
]
