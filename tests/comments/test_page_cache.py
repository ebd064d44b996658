"""Posting works through the shared page cache, and the cache never leaks a pending comment."""

import pytest
from django.test import Client

from articles import comments as rules
from articles.models import Comment

from .conftest import post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.NEWSROOM_PAGE_CACHE = True


def test_cached_story_form_posts_and_only_the_author_sees_the_pending_comment(
    reader, article, django_capture_on_commit_callbacks
):
    url = article.get_absolute_url()
    Client().get(url)
    cached = Client().get(url)
    assert cached["X-Page-Cache"] == "hit"
    assert "csrfmiddlewaretoken" not in cached.content.decode()

    # The reader loaded the cached page, then the script fetched a token: posting works.
    assert reader.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        assert post_comment(reader, article).status_code == 302
    comment = Comment.objects.get()

    own = reader.get(url)
    assert not own.has_header("X-Page-Cache")  # the pending cookie bypasses the cache
    assert "Komentar Anda menunggu moderasi" in own.content.decode()

    stranger = Client().get(url)
    assert stranger["X-Page-Cache"] == "hit"
    assert comment.body not in stranger.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        rules.moderate([comment], Comment.Status.APPROVED, None)
    fresh = Client().get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert comment.body in fresh.content.decode()
    assert "menunggu moderasi" not in fresh.content.decode()


def test_token_and_form_pages_are_never_cached(reader, article):
    for _ in range(2):
        response = reader.get("/komentar/token/")
        assert not response.has_header("X-Page-Cache")
        assert "no-store" in response["Cache-Control"]
