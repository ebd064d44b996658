"""seed_bulk makes a realistic archive, tops it up idempotently, and pages keep their budgets."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Comment, Partner, RelatedArticle, Unit

pytestmark = pytest.mark.django_db

# The most queries any public page may make, whatever the size of the archive.
QUERY_BUDGET = 15


def seed(stories, comments):
    out = StringIO()
    call_command("seed_bulk", stories=stories, comments=comments, stdout=out)
    return out.getvalue()


def test_the_archive_has_every_kind_of_thing_a_real_one_has():
    """Units in three time zones, partners, tags, related picks, threads in every status."""
    output = seed(300, 3000)

    assert "300 berita" in output
    assert Article.objects.count() == 300
    assert Comment.objects.count() == 3000
    assert set(Unit.objects.values_list("time_zone", flat=True)) == {
        "Asia/Jakarta",
        "Asia/Makassar",
        "Asia/Jayapura",
    }
    assert set(Comment.objects.values_list("status", flat=True)) == {
        "approved",
        "pending",
        "spam",
        "removed",
    }
    assert set(Article.objects.values_list("status", flat=True)) >= {"published", "draft"}
    assert Article.objects.scheduled().exists()
    assert Article.objects.published().count() > 250
    assert Partner.objects.filter(articles__isnull=False).exists()
    assert Article.tags.through.objects.count() >= 300
    assert RelatedArticle.objects.exists()
    replies = Comment.objects.filter(parent__isnull=False)
    assert replies.exists()
    assert not replies.exclude(article=F("parent__article")).exists()
    assert not Comment.objects.exclude(article__status="published").exists()


def test_a_second_run_adds_nothing_and_a_bigger_one_tops_up():
    """The bench can call it every time: it only adds what is missing."""
    seed(100, 500)
    output = seed(100, 500)
    assert "tidak ada yang perlu ditambah" in output
    assert Article.objects.count() == 100

    seed(150, 750)
    assert Article.objects.count() == 150
    assert Comment.objects.count() == 750
    # Ids written by hand leave the database able to make new rows the ordinary way.
    story = Article.objects.create(title="Baru", slug="baru", unit=Unit.objects.first())
    assert story.pk > Article.objects.exclude(pk=story.pk).order_by("-pk").first().pk


def page_queries(client):
    """Return {url: queries} for the public pages of the seeded archive."""
    story = Article.objects.published().annotate(n=Count("comments")).order_by("-n").first()
    tag = story.tags.first()
    urls = [
        reverse("articles:home"),
        story.get_absolute_url(),
        story.category.get_absolute_url(),
        reverse("articles:tag", args=[tag.slug]),
        story.unit.parent.get_absolute_url(),
        reverse("articles:feed_rss"),
        "/sitemap.xml",
    ]
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_public_pages_keep_their_query_budget_as_the_archive_grows(client, settings):
    """The same page costs the same handful of queries on a small and a larger archive."""
    settings.NEWSROOM_PAGE_CACHE = False
    seed(200, 2000)
    small = page_queries(client)
    seed(1500, 15000)
    large = page_queries(client)

    for url, count in large.items():
        assert count <= QUERY_BUDGET, (url, count)
    assert sorted(large.values()) == sorted(small.values())
