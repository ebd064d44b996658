"""The database walks an index for newest-first lists: no sort of the whole archive.

Read from the plans both engines give (EXPLAIN on PostgreSQL, EXPLAIN QUERY PLAN on SQLite).
On PostgreSQL a tiny test table would be read whole whatever the indexes, so sequential scans
and sorts are priced out for the question "can an index give this order?".
"""

import pytest
from django.db import connection

from articles.models import Article
from articles.views.stories import PublishedMixin
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    category = CategoryFactory(name="Lalu Lintas")
    for _ in range(3):
        CommentFactory(article=ArticleFactory(category=category))
    return category


def plan(queryset):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
    return queryset.explain()


def newest_first_lists(category):
    stories = PublishedMixin().get_queryset()
    return {
        "home, latest": (stories[:10], "article_published_idx"),
        "category page": (stories.filter(category=category)[:20], "article_category_published_idx"),
    }


def test_newest_first_lists_read_an_index_in_order(category):
    for name, (queryset, index) in newest_first_lists(category).items():
        found = plan(queryset)
        assert index in found, (name, found)
        if connection.vendor == "postgresql":
            assert "Sort" not in found, (name, found)
        else:
            assert "TEMP B-TREE FOR ORDER BY" not in found, (name, found)


def test_a_category_count_reads_the_index_alone(category):
    if connection.vendor == "postgresql":
        # Which plan PostgreSQL picks on a three-row table (and whether an index-only scan
        # is possible before VACUUM) is the planner's whim; what the archive relies on is an
        # index holding every column the count reads, in the order the filter uses them.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                ["article_category_published_idx"],
            )
            (definition,) = cursor.fetchone()
        assert "(category_id, status, publish_at, id, expire_at)" in definition, definition
    else:
        found = plan(Article.objects.published().filter(category=category).order_by().values("pk"))
        assert "COVERING INDEX article_category_published_idx" in found, found


def test_the_related_block_starts_from_the_story_not_from_every_public_story(category):
    from articles.models import RelatedArticle
    from articles.querysets import published_condition

    story = Article.objects.first()
    links = RelatedArticle.objects.filter(published_condition("target__"), article=story)
    found = plan(links.select_related("target"))
    assert "articles_article" in found
    if connection.vendor == "postgresql":
        assert "Seq Scan" not in found, found
        assert "SubPlan" not in found and "Hash Semi Join" not in found, found
    else:
        assert "LIST SUBQUERY" not in found, found
