"""Stories off the public site leak nowhere, including one just taken down through the admin.

A draft, a story in review, a scheduled one and a published one that an editor then takes down
share a unit, category, tag, partner, writer and words with one public story. With the page
cache on and every public page warmed first, none of the four is findable afterwards: lists,
feeds, sitemaps, search results and counts, snippets, "did you mean", the related block and the
public story's JSON-LD.
"""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, SearchTerm
from articles.related import compute_related
from tests.admin.workflow_support import build_desk, client_for, csrf_post, story, url
from tests.factories import CategoryFactory, PartnerFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
# One unusual word per hidden story: in its title, slug, lead and body.
SECRETS = {
    "draft": "Kalajengking",
    "review": "Trenggiling",
    "scheduled": "Cendrawasih",
    "archived": "Kasuari",
}
# A typo of each, one edit away: "did you mean" must not offer the hidden word.
TYPOS = {
    "Kalajengking": "kalajengkimg",
    "Trenggiling": "trenggilimg",
    "Cendrawasih": "cendrawasuh",
    "Kasuari": "kasuary",
}


@pytest.fixture
def newsroom(settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_PAGE_CACHE = True
    settings.NEWSROOM_PAGE_CACHE_STAMP = ""
    desk = build_desk()
    now = timezone.now()
    common = {
        "category": CategoryFactory(name="Kamtibmas Lodaya", slug="kamtibmas-lodaya"),
        "tags": ["operasi-lodaya"],
        "partners": [PartnerFactory(name="Dishub Lodaya", acronym="DL", slug="dishub-lodaya")],
    }

    def lodaya(word, status, **fields):
        return story(
            desk.polres,
            desk.penulis,
            status=status,
            title=f"Operasi Lodaya {word} Digelar",
            slug=f"operasi-lodaya-{word.lower()}",
            lead=f"Operasi Lodaya {word} menjaga jalur mudik.",
            body=f"<p>Operasi Lodaya {word} digelar bersama Dishub Lodaya.</p>",
            **common,
            **fields,
        )

    with django_capture_on_commit_callbacks(execute=True):  # the search index follows saves
        desk.public = lodaya("Siliwangi", Status.PUBLISHED)
        desk.hidden = {
            "draft": lodaya(SECRETS["draft"], Status.DRAFT),
            "review": lodaya(SECRETS["review"], Status.REVIEW),
            "scheduled": lodaya(
                SECRETS["scheduled"], Status.PUBLISHED, publish_at=now + datetime.timedelta(hours=6)
            ),
            "archived": lodaya(
                SECRETS["archived"], Status.PUBLISHED, publish_at=now - datetime.timedelta(hours=2)
            ),
        }
    for article in Article.objects.all():
        compute_related(article)
    return desk


def public_pages(desk):
    public = desk.public
    now = timezone.now()
    return [
        reverse("articles:home"),
        public.unit.get_absolute_url(),
        public.category.get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": "operasi-lodaya"}),
        reverse("articles:partner", kwargs={"slug": "dishub-lodaya"}),
        reverse("articles:writer", kwargs={"pk": desk.penulis.pk}),
        reverse("articles:archive_year", kwargs={"year": now.year}),
        reverse("articles:archive_month", kwargs={"year": now.year, "month": now.month}),
        reverse("articles:feed_rss"),
        reverse("articles:feed_atom"),
        reverse("articles:category_rss", kwargs={"slug": "kamtibmas-lodaya"}),
        reverse("articles:tag_rss", kwargs={"slug": "operasi-lodaya"}),
        reverse("articles:unit_atom", kwargs={"slug": public.unit.slug}),
        reverse("articles:partner_rss", kwargs={"slug": "dishub-lodaya"}),
        reverse("articles:partner_atom", kwargs={"slug": "dishub-lodaya"}),
        reverse("articles:search") + "?q=lodaya",
        public.get_absolute_url(),
    ]


def sitemap_pages(client):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = re.findall(r"<loc>https?://[^/]+(/[^<]+)</loc>", index.content.decode())
    assert sections
    return [*sections, "/news-sitemap.xml"]


def leaked(text, words):
    lowered = text.lower()
    return [word for word in words if word.lower() in lowered]


def take_down(desk, article, capture):
    with capture(execute=True):
        response = csrf_post(
            client_for(desk.redaktur), url("unpublish", article), {"turunkan-reason": "Ditarik."}
        )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).status == Status.ARCHIVED


def test_hidden_and_taken_down_stories_leak_from_no_public_page(
    client, newsroom, django_capture_on_commit_callbacks
):
    desk = newsroom
    archived = desk.hidden["archived"]
    # Before: the soon-archived story is public, related to the public one, and every page is
    # warm in the page cache (so a stale copy would show it).
    pages, sitemaps = public_pages(desk), sitemap_pages(client)
    shown = []
    for page in pages + sitemaps:
        response = client.get(page)
        assert response.status_code == 200, page
        if leaked(response.content.decode(), ["Kasuari"]):
            shown.append(page)
    assert set(pages) <= set(shown)
    assert set(sitemaps) & set(shown)
    take_down(desk, archived, django_capture_on_commit_callbacks)

    for page in pages + sitemaps:
        response = client.get(page)
        assert response.status_code == 200, page
        text = response.content.decode()
        assert leaked(text, SECRETS.values()) == [], page
        if page in pages:
            assert "Siliwangi" in text, page


def test_the_public_storys_json_ld_and_related_block_name_only_public_stories(
    client, newsroom, django_capture_on_commit_callbacks
):
    desk = newsroom
    take_down(desk, desk.hidden["archived"], django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        story(
            desk.polres,
            desk.penulis,
            status=Status.PUBLISHED,
            title="Operasi Lodaya Hari Kedua",
            tags=["operasi-lodaya"],
        )
    compute_related(desk.public)
    page = client.get(desk.public.get_absolute_url()).content.decode()
    related = re.search(r'<section class="related".*?</section>', page, re.DOTALL)
    assert related, "the related block is shown"
    assert "Operasi Lodaya Hari Kedua" in related.group(0)
    assert leaked(related.group(0), SECRETS.values()) == []
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    assert len(blocks) == 2
    data = json.dumps([json.loads(block) for block in blocks])
    assert "Siliwangi" in data
    assert leaked(data, SECRETS.values()) == []


def count_line(response):
    found = re.search(r'<p class="list-count" role="status">(\d+) berita ditemukan', response.text)
    assert found, "the search page states its count"
    return int(found.group(1))


def test_search_finds_counts_and_suggests_no_hidden_story(
    client, newsroom, django_capture_on_commit_callbacks
):
    desk = newsroom
    take_down(desk, desk.hidden["archived"], django_capture_on_commit_callbacks)
    search = reverse("articles:search")

    everything = client.get(search, {"q": "operasi lodaya"})
    assert count_line(everything) == 1
    assert leaked(everything.text, SECRETS.values()) == []

    for word in SECRETS.values():
        response = client.get(search, {"q": word})
        assert count_line(response) == 0, word
        assert f"Operasi Lodaya {word} Digelar" not in response.text
        assert 'class="search-snippet"' not in response.text
        # The vocabulary knows the word (the index holds drafts for the admin) …
        assert SearchTerm.objects.filter(word=word.lower()).exists(), word
        # … yet a typo of it is never corrected into it.
        typo = client.get(search, {"q": TYPOS[word]})
        assert count_line(typo) == 0
        assert "Mungkin maksud Anda" not in typo.text, word
        assert leaked(typo.text, [word]) == [], word

    # A typo of a public word is corrected: the check above is not vacuous.
    control = client.get(search, {"q": "siliwamgi"})
    assert "Mungkin maksud Anda:" in control.text
    assert ">siliwangi</a>" in control.text


def test_the_english_site_and_both_story_addresses_follow_a_take_down(
    client, newsroom, django_capture_on_commit_callbacks
):
    """The /en/ copy of every page, warm in the cache, drops a taken-down story too."""
    desk = newsroom
    archived = desk.hidden["archived"]
    addresses = [archived.get_absolute_url(), f"/en{archived.get_absolute_url()}"]
    english = [
        "/en/",
        "/en/feed/rss/",
        "/en/cari/?q=lodaya",
        f"/en{desk.public.get_absolute_url()}",
    ]
    for address in addresses:
        assert client.get(address).status_code == 200, address
    for page in english:
        assert leaked(client.get(page).content.decode(), ["Kasuari"]), page
    take_down(desk, archived, django_capture_on_commit_callbacks)

    for address in addresses:
        assert client.get(address).status_code == 404, address
    for hidden in desk.hidden.values():
        for address in [hidden.get_absolute_url(), f"/en{hidden.get_absolute_url()}"]:
            response = client.get(address)
            assert response.status_code == 404, address
            # The 404 page may echo the address typed, never the story behind it.
            assert hidden.title not in response.content.decode(), address
    for page in english:
        response = client.get(page)
        assert response.status_code == 200, page
        assert leaked(response.content.decode(), SECRETS.values()) == [], page
