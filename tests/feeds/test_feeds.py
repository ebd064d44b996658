"""RSS 2.0 and Atom feeds, read by a real feed parser."""

from xml.etree import ElementTree

import feedparser
import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    PartnerFactory,
    UnitFactory,
    UserFactory,
    hidden_stories,
)
from tests.views.utils import make_photo

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize(
    ("name", "version", "content_type"),
    [
        ("articles:feed_rss", "rss20", "application/rss+xml"),
        ("articles:feed_atom", "atom10", "application/atom+xml"),
    ],
)
def test_site_feed_lists_public_stories_newest_first(client, clock, name, version, content_type):
    writer = UserFactory(first_name="Lina", last_name="Sari")
    ArticleFactory(title="Berita Kemarin", publish_at=clock.yesterday, tags=["patroli"])
    ArticleFactory(title="Berita Baru", writer=writer, lead="Ringkasan berita baru.")
    hidden_stories(clock)

    response, feed = parse(client, reverse(name))

    assert response["Content-Type"].startswith(content_type)
    assert feed.version == version
    assert [entry.title for entry in feed.entries] == ["Berita Baru", "Berita Kemarin"]
    newest, older = feed.entries
    assert newest.summary == "Ringkasan berita baru."
    assert newest.author == "Lina Sari"
    assert newest.link.endswith("/berita/berita-baru/")
    assert newest.link.startswith("http")
    assert [tag.term for tag in older.tags] == ["patroli"]
    assert newest.published_parsed


def test_featured_photo_is_an_enclosure_with_the_stored_length_and_type(client):
    photo = make_photo()
    ArticleFactory(title="Berita Berfoto", featured_photo=photo)

    for name in ("articles:feed_rss", "articles:feed_atom"):
        _, feed = parse(client, reverse(name))
        (enclosure,) = feed.entries[0].enclosures
        assert enclosure.href.endswith(photo.file.url)
        assert enclosure.href.startswith("http")
        assert int(enclosure.length) == photo.file.size
        assert enclosure.type == "image/jpeg"


def test_per_subject_feeds(client, clock):
    category = CategoryFactory(name="Lalu Lintas")
    polda = UnitFactory(name="Polda Feed", kind="polda")
    polres = UnitFactory(name="Polres Feed", parent=polda)
    partner = PartnerFactory(name="Dishub Feed")
    ArticleFactory(
        title="Yang Dicari", category=category, unit=polres, partners=[partner], tags=["lantas"]
    )
    ArticleFactory(title="Yang Lain")
    hidden_stories(clock, category=category, unit=polres, partners=[partner], tags=["lantas"])

    for kind, slug in (
        ("category", category.slug),
        ("unit", polda.slug),
        ("partner", partner.slug),
        ("tag", "lantas"),
    ):
        for fmt in ("rss", "atom"):
            _, feed = parse(client, reverse(f"articles:{kind}_{fmt}", args=[slug]))
            assert [entry.title for entry in feed.entries] == ["Yang Dicari"], (kind, fmt)


def test_feeds_for_unknown_subjects_are_not_found(client):
    ArticleFactory(status=Article.Status.DRAFT, publish_at=None, tags=["rahasia"])

    assert client.get(reverse("articles:tag_rss", args=["rahasia"])).status_code == 404
    assert client.get(reverse("articles:category_atom", args=["tidak-ada"])).status_code == 404


def test_pages_advertise_their_feeds(client):
    category = CategoryFactory(name="Lalu Lintas")
    ArticleFactory(category=category)

    home = client.get(reverse("articles:home")).content.decode()
    listing = client.get(category.get_absolute_url()).content.decode()

    assert 'type="application/rss+xml" title="' in home
    assert reverse("articles:feed_atom") in home
    assert reverse("articles:category_rss", args=[category.slug]) in listing


@pytest.mark.parametrize("name", ["articles:feed_rss", "articles:feed_atom"])
def test_a_story_stored_with_control_characters_is_served_as_clean_xml(client, name):
    writer = UserFactory(first_name="Lina\x0c", last_name="Sari")
    ArticleFactory(
        title="Banjir\x0b Surut di Tasikmalaya",
        lead="Air\x0c mulai surut.\x01",
        writer=writer,
        tags=["banjir\x0b"],
    )

    response = client.get(reverse(name))

    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    texts = {element.text for element in root.iter()}
    assert "Banjir Surut di Tasikmalaya" in texts
    assert "Air mulai surut." in texts
    assert "Lina Sari" in texts
