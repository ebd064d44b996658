"""Sitemaps: an index over paginated story sitemaps and list pages, and a Google News sitemap."""

import dataclasses
import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap, views as sitemap_views
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from .models import Article, Category, Partner, Unit, User
from .templatetags.newsroom import absolute

# The archive holds ~100,000 stories: pages of 5,000 keep each sitemap small and quick.
STORIES_PER_SITEMAP = 5000


class SiteSitemap(Sitemap):
    """Locations on SITE_URL, the canonical host, whatever Host the request came with."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class StorySitemap(SiteSitemap):
    limit = STORIES_PER_SITEMAP

    def items(self):
        return Article.objects.published().only("slug", "publish_at", "updated_at").newest_first()

    def lastmod(self, item):
        return max(item.publish_at, item.updated_at)

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default walk over every story.
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class HomeSitemap(SiteSitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, item):
        return reverse(item)


class CategorySitemap(SiteSitemap):
    def items(self):
        return Category.objects.order_by("pk")


class UnitSitemap(SiteSitemap):
    def items(self):
        return Unit.objects.order_by("pk")


class PartnerSitemap(SiteSitemap):
    def items(self):
        return Partner.objects.filter(
            Exists(Article.objects.published().filter(partners=OuterRef("pk")))
        ).order_by("pk")


class TagSitemap(SiteSitemap):
    def items(self):
        return Tag.objects.filter(
            Exists(Article.objects.published().filter(tags=OuterRef("pk")))
        ).order_by("pk")

    def location(self, item):
        return reverse("articles:tag", args=[item.slug])


class WriterSitemap(SiteSitemap):
    def items(self):
        return User.objects.filter(
            Exists(Article.objects.published().filter(writer=OuterRef("pk")))
        ).order_by("pk")

    def location(self, item):
        return reverse("articles:writer", args=[item.pk])


def months_between(first, last):
    """Return (year, month) from ``first`` to ``last`` (dates), newest first."""
    months = []
    year, month = last.year, last.month
    while (year, month) >= (first.year, first.month):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


class ArchiveSitemap(SiteSitemap):
    def items(self):
        """Return the months (local time) with at least one public story, newest first.

        One index probe per month, in one query: grouping every story by its month would
        truncate each date (on SQLite, a Python call per story: seconds on a large archive).
        """
        published = Article.objects.published().order_by()
        ends = [
            published.order_by(order).values_list("publish_at", flat=True).first()
            for order in ("publish_at", "-publish_at")
        ]
        if None in ends:
            return []
        first, last = (timezone.localtime(end).date() for end in ends)
        months = months_between(first, last)
        probes = {}
        for i, (year, month) in enumerate(months):
            start = timezone.make_aware(datetime.datetime(year, month, 1))
            end = timezone.make_aware(datetime.datetime(year + month // 12, month % 12 + 1, 1))
            probes[f"m{i}"] = Exists(published.filter(publish_at__gte=start, publish_at__lt=end))
        found = published.annotate(**probes).values_list(*probes)[:1][0]
        return [
            datetime.date(year, month, 1)
            for (year, month), present in zip(months, found, strict=True)
            if present
        ]

    def location(self, item):
        return reverse("articles:archive_month", args=[item.year, item.month])


SITEMAPS = {
    "berita": StorySitemap,
    "beranda": HomeSitemap,
    "kategori": CategorySitemap,
    "satuan": UnitSitemap,
    "mitra": PartnerSitemap,
    "tag": TagSitemap,
    "penulis": WriterSitemap,
    "arsip": ArchiveSitemap,
}


def index(request, sitemaps, **kwargs):
    """Django's sitemap index, its locations on SITE_URL like the sections they point at.

    Django builds them from the request's scheme and Host; the page cache would then serve
    whatever address the first visitor used (an internal IP, say) to every crawler.
    """
    response = sitemap_views.index(request, sitemaps, **kwargs)
    response.context_data["sitemaps"] = [
        dataclasses.replace(item, location=absolute(_path_of(item.location)))
        for item in response.context_data["sitemaps"]
    ]
    return response


def _path_of(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
