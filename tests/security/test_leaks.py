"""Drafts, stories in review, scheduled (embargoed) and expired stories leak nowhere public."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Comment
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SECRET_WORDS = ["RAHASIADRAF", "RAHASIATINJAU", "RAHASIAEMBARGO", "RAHASIAKEDALUWARSA"]


@pytest.fixture
def desk():
    """One public story and four hidden ones sharing its unit, category, tag and writer."""
    now = timezone.now()
    unit = UnitFactory(name="Polres Bocor")
    category = CategoryFactory(name="Kriminal")
    writer = UserFactory(role="penulis", unit=unit)
    common = {"unit": unit, "category": category, "tags": ["operasi"], "writer": writer}
    public = ArticleFactory(title="Berita Publik Biasa", slug="berita-publik", **common)
    hidden = [
        ArticleFactory(
            title="Draf RAHASIADRAF",
            slug="draf-rahasia",
            status=Article.Status.DRAFT,
            publish_at=None,
            **common,
        ),
        ArticleFactory(
            title="Tinjauan RAHASIATINJAU",
            slug="tinjau-rahasia",
            status=Article.Status.REVIEW,
            publish_at=None,
            **common,
        ),
        ArticleFactory(
            title="Embargo RAHASIAEMBARGO",
            slug="embargo-rahasia",
            publish_at=now + datetime.timedelta(hours=6),
            **common,
        ),
        ArticleFactory(
            title="Kedaluwarsa RAHASIAKEDALUWARSA",
            slug="kedaluwarsa-rahasia",
            publish_at=now - datetime.timedelta(days=2),
            expire_at=now - datetime.timedelta(hours=1),
            **common,
        ),
    ]
    for story in hidden:
        CommentFactory(article=story, body=f"Komentar di {story.slug}")
    return {
        "public": public,
        "hidden": hidden,
        "unit": unit,
        "category": category,
        "writer": writer,
    }


def assert_no_secret(content, where, slugs=True):
    text = content.decode() if isinstance(content, bytes) else content
    for word in SECRET_WORDS:
        assert word not in text, (where, word)
    if not slugs:
        return
    for slug in ["draf-rahasia", "tinjau-rahasia", "embargo-rahasia", "kedaluwarsa-rahasia"]:
        assert slug not in text, (where, slug)


def test_guessed_slugs_of_hidden_stories_answer_404(client, desk):
    for story in desk["hidden"]:
        response = client.get(f"/berita/{story.slug}/")
        assert response.status_code == 404, story.slug
        # The 404 page may echo the address the visitor typed, never the story behind it.
        assert_no_secret(response.content, story.slug, slugs=False)


def test_hidden_stories_are_not_in_any_listing(client, desk):
    now = timezone.now()
    urls = [
        "/",
        desk["unit"].get_absolute_url(),
        desk["category"].get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": "operasi"}),
        reverse("articles:writer", kwargs={"pk": desk["writer"].pk}),
        reverse("articles:archive_year", kwargs={"year": now.year}),
        reverse("articles:archive_month", kwargs={"year": now.year, "month": now.month}),
        desk["public"].get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_secret(response.content, url)
        assert "Berita Publik Biasa" in response.content.decode(), url


def test_hidden_stories_are_not_in_feeds(client, desk):
    for url in [
        reverse("articles:feed_rss"),
        reverse("articles:feed_atom"),
        reverse("articles:category_rss", kwargs={"slug": desk["category"].slug}),
        reverse("articles:tag_atom", kwargs={"slug": "operasi"}),
        reverse("articles:unit_rss", kwargs={"slug": desk["unit"].slug}),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_secret(response.content, url)
        assert b"berita-publik" in response.content


def test_hidden_stories_are_not_in_sitemaps(client, desk):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = re.findall(r"<loc>https?://[^/]+(/[^<]+)</loc>", index.content.decode())
    assert sections
    seen_public = False
    for path in [*sections, "/news-sitemap.xml"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_no_secret(response.content, path)
        seen_public |= b"berita-publik" in response.content
    assert seen_public


def test_comments_on_hidden_stories_can_neither_be_read_nor_posted(client, desk, settings):
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 0
    token = client.get(reverse("articles:comment_token")).json()
    for story in desk["hidden"]:
        comment = story.comments.get()
        reply = client.get(
            reverse(
                "articles:comment_reply", kwargs={"article_pk": story.pk, "comment_pk": comment.pk}
            )
        )
        assert reply.status_code == 404
        assert_no_secret(reply.content, "reply")
        posted = client.post(
            reverse("articles:comment_post", kwargs={"article_pk": story.pk}),
            {
                "csrfmiddlewaretoken": token["csrfToken"],
                "stamp": token["stamp"],
                "name": "Penebak",
                "email": "penebak@contoh.test",
                "body": "Menebak ID",
                "consent": "on",
            },
        )
        assert posted.status_code == 404
    assert not Comment.objects.filter(body="Menebak ID").exists()


def test_guessed_ids_on_comment_urls_reveal_nothing(client, desk):
    public = desk["public"]
    hidden_comment = desk["hidden"][0].comments.get()
    # A public story with a hidden story's comment id: not found, not shown.
    response = client.get(
        reverse(
            "articles:comment_reply",
            kwargs={"article_pk": public.pk, "comment_pk": hidden_comment.pk},
        )
    )
    assert response.status_code == 404
    assert b"Komentar di draf-rahasia" not in response.content
    for pk in [0, 999999, 2**31, 2**63 - 1]:
        response = client.get(
            reverse("articles:comment_reply", kwargs={"article_pk": pk, "comment_pk": 1})
        )
        assert response.status_code == 404


def test_a_story_going_past_its_embargo_appears_and_leaves_on_time(client, desk):
    """Hidden until publish_at, visible in between, hidden again after expire_at."""
    import time_machine

    embargo = desk["hidden"][2]
    with time_machine.travel(embargo.publish_at - datetime.timedelta(minutes=1)):
        assert client.get(embargo.get_absolute_url()).status_code == 404
    with time_machine.travel(embargo.publish_at + datetime.timedelta(minutes=1)):
        assert client.get(embargo.get_absolute_url()).status_code == 200
    embargo.expire_at = embargo.publish_at + datetime.timedelta(hours=1)
    embargo.save()
    with time_machine.travel(embargo.expire_at + datetime.timedelta(minutes=1)):
        assert client.get(embargo.get_absolute_url()).status_code == 404


def test_a_staff_visit_never_fills_the_page_cache_for_readers(client, desk, settings):
    """Whatever a logged-in editor sees is never stored and replayed to an anonymous reader."""
    from django.test import Client

    settings.NEWSROOM_PAGE_CACHE = True
    editor = UserFactory(role="redaktur", unit=desk["unit"], first_name="EditorRahasia")
    staff = Client()
    staff.force_login(editor)
    url = desk["public"].get_absolute_url()
    assert staff.get(url).status_code == 200
    reader = client.get(url)
    assert reader["X-Page-Cache"] == "miss"
    assert b"EditorRahasia" not in reader.content
    assert b"sessionid" not in reader.content
    assert "sessionid" not in reader.cookies


def test_related_block_never_links_a_hidden_story(client, desk):
    from articles.models import RelatedArticle

    public = desk["public"]
    for position, story in enumerate(desk["hidden"]):
        RelatedArticle.objects.create(
            article=public, target=story, is_manual=True, position=position
        )
    visible = ArticleFactory(title="Baca Juga Yang Sah", unit=desk["unit"])
    RelatedArticle.objects.create(article=public, target=visible, is_manual=False, score=1)
    response = client.get(public.get_absolute_url())
    assert response.status_code == 200
    assert_no_secret(response.content, "related")
    assert "Baca Juga Yang Sah" in response.content.decode()
