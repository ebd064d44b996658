"""Every public page runs the same number of queries with 10 stories and with 1,000."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Comment
from articles.views.stories import ArticleListView
from tests.factories import CategoryFactory, PartnerFactory, UnitFactory, UserFactory
from tests.views.utils import enrich, grow_newsroom, make_photo

pytestmark = pytest.mark.django_db

# Generous ceiling: room for the comment thread and page cache to come, never one per story.
BUDGET = 20


def page_urls(newsroom):
    story = newsroom["story"]
    local = timezone.localtime(story.publish_at)
    return {
        "home": reverse("articles:home"),
        "story": story.get_absolute_url(),
        "story-en": "/en" + story.get_absolute_url(),
        "category": newsroom["category"].get_absolute_url(),
        "category-page-2": newsroom["category"].get_absolute_url() + "?page=2",
        "tag": reverse("articles:tag", args=["tagar1"]),
        "unit": newsroom["polda"].get_absolute_url(),
        "partner": newsroom["partner"].get_absolute_url(),
        "writer": reverse("articles:writer", args=[newsroom["writer"].pk]),
        "archive-year": reverse("articles:archive_year", args=[local.year]),
        "archive-month": reverse("articles:archive_month", args=[local.year, local.month]),
        "rss": reverse("articles:feed_rss"),
        "atom": reverse("articles:feed_atom"),
        "category-rss": reverse("articles:category_rss", args=[newsroom["category"].slug]),
        "tag-atom": reverse("articles:tag_atom", args=["tagar1"]),
        "unit-rss": reverse("articles:unit_rss", args=[newsroom["polda"].slug]),
        "partner-atom": reverse("articles:partner_atom", args=[newsroom["partner"].slug]),
        "sitemap": "/sitemap.xml",
        "sitemap-stories": "/sitemap-berita.xml",
        "sitemap-tags": "/sitemap-tag.xml",
        "news-sitemap": "/news-sitemap.xml",
    }


def count_queries(client, urls):
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(captured)
    return counts


@pytest.fixture
def newsroom():
    polda = UnitFactory(name="Polda Besar", kind="polda")
    polres = UnitFactory(name="Polres Besar", parent=polda)
    category = CategoryFactory(name="Kategori Besar")
    CategoryFactory(name="Kategori Kedua")
    partner = PartnerFactory()
    writer = UserFactory(first_name="Penulis", last_name="Tetap", unit=polres)
    stories = grow_newsroom(10, polres, category, partner, writer)
    story = stories[0]
    story.featured_photo = make_photo()
    story.is_featured = True
    story.save()
    return {
        "polda": polda,
        "polres": polres,
        "category": category,
        "partner": partner,
        "writer": writer,
        "stories": stories,
        "story": story,
    }


def test_public_pages_run_a_constant_number_of_queries(client, newsroom, monkeypatch):
    monkeypatch.setattr(ArticleListView, "paginate_by", 4)  # a second page at 10 stories too
    urls = page_urls(newsroom)
    small = count_queries(client, urls)

    more = grow_newsroom(
        990,
        newsroom["polres"],
        newsroom["category"],
        newsroom["partner"],
        newsroom["writer"],
        start=10,
    )
    for other in more[:40]:
        other.featured_photo = newsroom["story"].featured_photo
    type(more[0]).objects.bulk_update(more[:40], ["featured_photo"])
    enrich(newsroom["story"], more[:30], tags=30, corrections=5)
    Comment.objects.bulk_create(
        Comment(
            article=newsroom["story"],
            name="Pembaca",
            email="p@contoh.test",
            body="Ya.",
            status=Comment.Status.APPROVED,
        )
        for _ in range(60)
    )
    large = count_queries(client, urls)

    assert large == small
    assert max(large.values()) <= BUDGET, large
