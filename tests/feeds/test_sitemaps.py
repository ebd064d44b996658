"""Sitemaps, the Google News sitemap and robots.txt."""

import datetime
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.test import override_settings
from django.urls import reverse

from articles import sitemaps
from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def locations(response):
    assert response.status_code == 200
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def local(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def all_sitemap_urls(client):
    urls = []
    for section in locations(client.get("/sitemap.xml")):
        urls += locations(client.get(local(section)))
    return urls


def test_every_url_in_the_sitemap_answers_200(client, clock):
    writer = UserFactory(first_name="Lina", last_name="Sari")
    partner = PartnerFactory()
    category = CategoryFactory(name="Lalu Lintas")
    ArticleFactory(category=category, writer=writer, partners=[partner], tags=["patroli"])
    ArticleFactory(publish_at=clock.now - datetime.timedelta(days=400))

    urls = all_sitemap_urls(client)

    assert len(urls) >= 10
    for url in urls:
        assert client.get(local(url)).status_code == 200, url
    paths = {local(url) for url in urls}
    assert reverse("articles:home") in paths
    assert category.get_absolute_url() in paths
    assert reverse("articles:tag", args=["patroli"]) in paths
    assert reverse("articles:writer", args=[writer.pk]) in paths


def test_sitemaps_never_mention_unpublished_stories_or_their_tags(client, clock):
    ArticleFactory(slug="publik")
    ArticleFactory(slug="draf", status=Article.Status.DRAFT, publish_at=None, tags=["rahasia"])
    ArticleFactory(slug="besok", publish_at=clock.tomorrow)
    ArticleFactory(slug="arsip", status=Article.Status.ARCHIVED)

    paths = {local(url) for url in all_sitemap_urls(client)}

    assert "/berita/publik/" in paths
    assert not {"/berita/draf/", "/berita/besok/", "/berita/arsip/"} & paths
    assert reverse("articles:tag", args=["rahasia"]) not in paths


def test_story_sitemap_is_paginated(client, monkeypatch, clock):
    monkeypatch.setattr(sitemaps.StorySitemap, "limit", 2)
    for i in range(5):
        ArticleFactory(publish_at=clock.now - datetime.timedelta(hours=i + 1))

    sections = [local(url) for url in locations(client.get("/sitemap.xml"))]

    assert "/sitemap-berita.xml?p=3" in sections
    assert len(locations(client.get("/sitemap-berita.xml?p=3"))) == 1
    assert client.get("/sitemap-berita.xml?p=4").status_code == 404


@override_settings(
    SITE_URL="https://humas.example.go.id",
    ALLOWED_HOSTS=["humas.example.go.id", "10.0.0.5"],
)
def test_sitemap_index_lists_sections_on_site_url_whatever_the_host(client, monkeypatch, clock):
    monkeypatch.setattr(sitemaps.StorySitemap, "limit", 2)
    for i in range(3):
        ArticleFactory(publish_at=clock.now - datetime.timedelta(hours=i + 1))

    sections = locations(client.get("/sitemap.xml", HTTP_HOST="10.0.0.5:8000"))

    assert "https://humas.example.go.id/sitemap-berita.xml" in sections
    assert "https://humas.example.go.id/sitemap-berita.xml?p=2" in sections
    assert all(url.startswith("https://humas.example.go.id/sitemap-") for url in sections)
    # The same index for the canonical host: nothing of the first request's Host was kept.
    canonical = locations(client.get("/sitemap.xml", HTTP_HOST="humas.example.go.id"))
    assert canonical == sections


def test_news_sitemap_lists_only_the_last_48_hours(client, clock):
    ArticleFactory(title="Baru Saja & Segar", slug="baru")
    ArticleFactory(slug="lama", publish_at=clock.now - datetime.timedelta(hours=49))
    ArticleFactory(slug="besok", publish_at=clock.tomorrow)

    response = client.get("/news-sitemap.xml")
    xml = response.content.decode()

    assert response["Content-Type"].startswith("application/xml")
    assert [local(url) for url in locations(response)] == ["/berita/baru/"]
    assert "<news:title>Baru Saja &amp; Segar</news:title>" in xml
    assert "<news:language>id</news:language>" in xml
    assert "<news:publication_date>" in xml


def test_a_story_stored_with_control_characters_keeps_the_news_sitemap_readable(client):
    ArticleFactory(title="Banjir\x0b Surut\x0c di Tasikmalaya", slug="banjir")

    response = client.get("/news-sitemap.xml")

    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    titles = root.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")
    assert [title.text for title in titles] == ["Banjir Surut di Tasikmalaya"]


def test_robots_txt_points_at_both_sitemaps(client, settings):
    settings.SITE_URL = "https://humas.example.test"

    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: https://humas.example.test/sitemap.xml" in text
    assert "Sitemap: https://humas.example.test/news-sitemap.xml" in text
    assert "Disallow: /admin/" in text
