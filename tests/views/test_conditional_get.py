"""A repeat request for an unchanged page answers 304 Not Modified."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls():
    category = CategoryFactory(name="Lalu Lintas")
    story = ArticleFactory(category=category, tags=["patroli"])
    return [
        reverse("articles:home"),
        story.get_absolute_url(),
        category.get_absolute_url(),
        reverse("articles:tag", args=["patroli"]),
        reverse("articles:feed_rss"),
        reverse("articles:category_atom", args=[category.slug]),
        "/sitemap.xml",
        "/news-sitemap.xml",
    ]


def test_repeat_request_with_the_etag_answers_304(client, urls):
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        assert first.has_header("ETag"), url

        repeat = client.get(url, headers={"if-none-match": first["ETag"]})

        assert repeat.status_code == 304, url
        assert repeat.content == b""


def test_changed_story_gets_a_new_etag(client):
    story = ArticleFactory(title="Judul Lama")
    first = client.get(story.get_absolute_url())
    story.title = "Judul Baru"
    story.save()

    repeat = client.get(story.get_absolute_url(), headers={"if-none-match": first["ETag"]})

    assert repeat.status_code == 200
    assert "Judul Baru" in repeat.content.decode()
