"""Sitemaps: an index over paginated story sitemaps and list pages, and a Google News sitemap."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from taggit.models import Tag

from .models import Article, Category, Partner, Unit, User

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


class ArchiveSitemap(SiteSitemap):
    def items(self):
        return list(Article.objects.published().dates("publish_at", "month", order="DESC"))

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
