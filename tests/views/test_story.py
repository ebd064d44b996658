"""The story page: what a reader sees, and what they never see."""

import datetime
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from articles.models import Article, Correction, RelatedArticle, Unit
from tests.factories import ArticleFactory, PartnerFactory, UnitFactory, UserFactory
from tests.views.utils import make_photo

pytestmark = pytest.mark.django_db

JULY_15_0230_UTC = datetime.datetime(2025, 7, 15, 2, 30, tzinfo=datetime.UTC)


def get(client, story, **kwargs):
    return client.get(story.get_absolute_url(), **kwargs)


def json_ld_blocks(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        (Unit.TimeZone.WIB, "Selasa, 15 Juli 2025 09.30 WIB"),
        (Unit.TimeZone.WITA, "Selasa, 15 Juli 2025 10.30 WITA"),
        (Unit.TimeZone.WIT, "Selasa, 15 Juli 2025 11.30 WIT"),
    ],
)
def test_story_date_is_long_indonesian_in_the_units_own_zone(client, zone, shown):
    unit = UnitFactory(name=f"Polres Zona {zone}", time_zone=zone)
    story = ArticleFactory(unit=unit, publish_at=JULY_15_0230_UTC)

    html = get(client, story).content.decode()

    assert shown in html
    assert 'datetime="2025-07-15T' in html


def test_story_page_shows_headline_dateline_credits_tags_and_partners(client):
    writer = UserFactory(first_name="Lina", last_name="Sari")
    editor = UserFactory(first_name="Budi", last_name="Santoso")
    partner = PartnerFactory(name="Kementerian Kesehatan", acronym="Kemenkes")
    story = ArticleFactory(
        title="Polres Jalin Kerja Sama Kesehatan",
        dateline="TASIKMALAYA",
        writer=writer,
        editor=editor,
        byline="(LS)",
        photographer="Andi Foto",
        source_name="Humas Polres Contoh",
        source_url="https://humas.example.test/berita/1",
        tags=["kamtibmas", "kesehatan"],
        partners=[partner],
    )

    html = get(client, story).content.decode()

    assert "<h1" in html and "Polres Jalin Kerja Sama Kesehatan</h1>" in html
    assert "TASIKMALAYA —" in html
    assert "Paragraf pertama berita." in html
    for text in ("Lina Sari", "Budi Santoso", "(LS)", "Andi Foto", "Humas Polres Contoh"):
        assert text in html
    assert 'href="https://humas.example.test/berita/1"' in html
    assert reverse("articles:writer", args=[writer.pk]) in html
    assert "#kamtibmas" in html and reverse("articles:tag", args=["kesehatan"]) in html
    assert "Kementerian Kesehatan (Kemenkes)" in html
    assert partner.get_absolute_url() in html
    # Login names are never shown to readers.
    assert writer.username not in html and editor.username not in html


def test_featured_photo_has_alt_text_caption_and_credit(client):
    photo = make_photo(
        alt_text="Kapolres menyerahkan plakat", caption="Penyerahan plakat", credit="Rudi"
    )
    story = ArticleFactory(featured_photo=photo)

    html = get(client, story).content.decode()

    assert 'alt="Kapolres menyerahkan plakat"' in html
    assert "Penyerahan plakat" in html
    assert "Foto: Rudi" in html
    assert "<figure" in html and "<figcaption>" in html


def test_corrections_are_shown_with_their_date(client):
    story = ArticleFactory()
    Correction.objects.create(
        article=story, text="Nama pejabat telah diperbaiki.", created_at=JULY_15_0230_UTC
    )

    html = get(client, story).content.decode()

    assert "Ralat" in html
    assert "Nama pejabat telah diperbaiki." in html
    assert "Selasa, 15 Juli 2025 09.30 WIB" in html


def test_baca_juga_lists_manual_picks_first_then_computed_and_only_public_stories(client, clock):
    story = ArticleFactory()
    computed = ArticleFactory(title="Berita Terhitung Otomatis")
    manual = ArticleFactory(title="Berita Pilihan Redaksi")
    draft = ArticleFactory(title="Berita Draf Rahasia", status=Article.Status.DRAFT)
    scheduled = ArticleFactory(title="Berita Terjadwal Rahasia", publish_at=clock.tomorrow)
    RelatedArticle.objects.create(article=story, target=computed, is_manual=False, score=9)
    RelatedArticle.objects.create(article=story, target=manual, is_manual=True, position=0)
    RelatedArticle.objects.create(article=story, target=draft, is_manual=True, position=1)
    RelatedArticle.objects.create(article=story, target=scheduled, is_manual=False, score=99)

    html = get(client, story).content.decode()

    assert "Baca juga" in html
    assert html.index("Berita Pilihan Redaksi") < html.index("Berita Terhitung Otomatis")
    assert "Berita Draf Rahasia" not in html
    assert "Berita Terjadwal Rahasia" not in html


def test_share_links_are_plain_links_without_third_party_scripts(client, settings):
    settings.SITE_URL = "https://humas.example.test"
    story = ArticleFactory(slug="kerja-sama")

    html = get(client, story).content.decode()

    url = "https%3A//humas.example.test/berita/kerja-sama/"
    assert "https://wa.me/?text=" in html and url in html
    assert f"https://www.facebook.com/sharer/sharer.php?u={url}" in html
    assert "https://x.com/intent/post?" in html
    assert f"https://t.me/share/url?url={url}" in html
    assert "Salin tautan" in html
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", html)
    assert scripts and all(src.startswith("/static/") for src in scripts)


def test_story_head_has_canonical_description_opengraph_and_twitter_card(client, settings):
    settings.SITE_URL = "https://humas.example.test"
    photo = make_photo()
    story = ArticleFactory(
        slug="razia",
        title="Razia Gabungan",
        lead="Polisi dan TNI gelar razia.",
        featured_photo=photo,
    )

    html = get(client, story).content.decode()

    assert '<link rel="canonical" href="https://humas.example.test/berita/razia/">' in html
    assert '<meta name="description" content="Polisi dan TNI gelar razia.">' in html
    assert '<meta property="og:title" content="Razia Gabungan">' in html
    assert '<meta property="og:url" content="https://humas.example.test/berita/razia/">' in html
    assert (
        f'<meta property="og:image" content="https://humas.example.test{photo.file.url}">' in html
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_json_ld_describes_the_news_article_and_its_breadcrumbs(client, settings):
    settings.SITE_URL = "https://humas.example.test"
    writer = UserFactory(first_name="Lina", last_name="Sari")
    story = ArticleFactory(slug="patroli", title="Patroli Malam", writer=writer)

    news, crumbs = json_ld_blocks(get(client, story).content.decode())

    assert news["@type"] == "NewsArticle"
    assert news["headline"] == "Patroli Malam"
    assert news["datePublished"].startswith(story.publish_at.date().isoformat()[:4])
    assert news["dateModified"]
    assert news["author"] == [{"@type": "Person", "name": "Lina Sari"}]
    assert news["publisher"]["name"]
    assert news["mainEntityOfPage"]["@id"] == "https://humas.example.test/berita/patroli/"
    assert crumbs["@type"] == "BreadcrumbList"
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]
    assert crumbs["itemListElement"][-1]["item"] == "https://humas.example.test/berita/patroli/"


def test_json_ld_cannot_be_broken_out_of_by_a_headline(client):
    story = ArticleFactory(title='Awas </script><script>alert("x")</script> & <b>')

    html = get(client, story).content.decode()

    assert "</script><script>alert" not in html
    assert "\\u003C/script\\u003E" in html
    news = json_ld_blocks(html)[0]
    assert news["headline"] == 'Awas </script><script>alert("x")</script> & <b>'


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT, "publish_at": None},
        {"status": Article.Status.REVIEW, "publish_at": None},
        {"status": Article.Status.ARCHIVED},
        {"publish_at": "tomorrow"},
        {"publish_at": "yesterday", "expire_at": "hour_ago"},
    ],
    ids=["draft", "review", "archived", "scheduled", "taken-down"],
)
def test_unpublished_stories_are_not_found(client, clock, state):
    times = {"publish_at", "expire_at"}
    state = {k: getattr(clock, v) if k in times and v else v for k, v in state.items()}
    story = ArticleFactory(title="Belum Untuk Publik", **state)

    response = get(client, story)

    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert "Belum Untuk Publik" not in html


def test_english_version_lives_under_en_prefix_without_a_language_cookie(client):
    ArticleFactory(slug="patroli")

    indonesian = client.get("/berita/patroli/")
    english = client.get("/en/berita/patroli/")

    assert indonesian.status_code == english.status_code == 200
    assert '<html lang="id">' in indonesian.content.decode()
    assert '<html lang="en">' in english.content.decode()
    assert 'href="/en/berita/patroli/"' in indonesian.content.decode()
    assert 'href="/berita/patroli/"' in english.content.decode()
    for page in (indonesian, english):  # each language's address, on both pages
        html = page.content.decode()
        assert f'hreflang="id" href="{settings.SITE_URL}/berita/patroli/"' in html
        assert f'hreflang="en" href="{settings.SITE_URL}/en/berita/patroli/"' in html
    assert not english.cookies and not indonesian.cookies
    # A browser asking for English still gets Indonesian at "/": one page per URL, cacheable.
    asked = client.get("/berita/patroli/", headers={"accept-language": "en"})
    assert '<html lang="id">' in asked.content.decode()
