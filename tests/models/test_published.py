"""Article.objects.published() is the single definition of what the public may see."""

import datetime

import pytest

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_only_published_and_due_stories_are_public(clock):
    live = ArticleFactory(publish_at=clock.yesterday)
    ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    ArticleFactory(status=Article.Status.REVIEW, publish_at=None)
    ArticleFactory(status=Article.Status.ARCHIVED, publish_at=clock.yesterday)
    ArticleFactory(publish_at=clock.tomorrow)  # scheduled

    assert list(Article.objects.published(now=clock.now)) == [live]


def test_scheduled_story_appears_exactly_when_its_time_passes(clock):
    story = ArticleFactory(publish_at=clock.in_an_hour)

    assert story not in Article.objects.published(now=clock.now)
    assert story in Article.objects.scheduled(now=clock.now)
    just_before = clock.in_an_hour - datetime.timedelta(seconds=1)
    assert story not in Article.objects.published(now=just_before)
    assert story in Article.objects.published(now=clock.in_an_hour)


def test_expired_story_leaves_the_public_site_by_itself(clock):
    notice = ArticleFactory(publish_at=clock.yesterday, expire_at=clock.in_an_hour)

    assert notice in Article.objects.published(now=clock.now)
    assert notice not in Article.objects.published(now=clock.in_an_hour)
    assert notice in Article.objects.expiring_within(datetime.timedelta(hours=2), now=clock.now)


def test_is_public_agrees_with_the_queryset(clock):
    stories = [
        ArticleFactory(publish_at=clock.yesterday),
        ArticleFactory(publish_at=clock.tomorrow),
        ArticleFactory(status=Article.Status.DRAFT, publish_at=None),
        ArticleFactory(publish_at=clock.yesterday, expire_at=clock.hour_ago),
    ]
    public = set(Article.objects.published(now=clock.now))
    for story in stories:
        assert story.is_public(now=clock.now) == (story in public)


def test_body_is_sanitized_on_save_and_words_counted():
    story = ArticleFactory(
        body='<p onclick="x()">Satu dua <script>alert(1)</script><a href="javascript:alert(1)">tiga</a></p>'
        "<style>p{}</style><h2>Judul</h2><img src=x onerror=alert(1)>"
    )
    story.refresh_from_db()
    assert "script" not in story.body
    assert "onclick" not in story.body
    assert "javascript:" not in story.body
    assert "<img" not in story.body
    assert "<h2>Judul</h2>" in story.body
    assert story.word_count == 4
    assert story.reading_minutes == 1
