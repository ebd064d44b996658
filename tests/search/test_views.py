"""The public search page at /cari/."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.search import index_articles
from tests.factories import ArticleFactory, CategoryFactory, PartnerFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query", ['"', "*", "NEAR(", "a:b", "^x", "-", "AND OR NOT", "!!!", "x" * 5000, "", "'; DROP"]
)
def test_hostile_and_empty_queries_answer_a_page(client, query):
    """Junk never errors: the reader gets a page, with the query kept in the box."""
    response = client.get(
        reverse("articles:search"),
        {"q": query, "tahun": "abcd", "satuan": "?", "mitra": "x" * 300, "page": "-1"},
    )
    assert response.status_code == 200


@pytest.mark.parametrize(("query", "message"), [("", "Ketik kata"), ("?!*", "tidak berisi kata")])
def test_empty_and_wordless_queries_explain_what_to_type(client, query, message):
    """No words to look for: the page says what a useful query looks like."""
    html = client.get(reverse("articles:search"), {"q": query}).content.decode()
    assert message in html


def test_a_page_number_past_the_end_shows_the_last_page(client):
    """Pagination never 404s on a search."""
    index_articles([ArticleFactory(title="Patroli malam").pk])
    response = client.get(reverse("articles:search"), {"q": "patroli", "page": "99"})
    assert response.status_code == 200
    assert len(response.context["articles"]) == 1


def test_results_keep_the_query_and_list_matches(client):
    """A word form finds the story and the box keeps what was typed."""
    article = ArticleFactory(title="Polres tangkap pengedar")
    index_articles([article.pk])
    response = client.get(reverse("articles:search"), {"q": "penangkapan"})
    assert list(response.context["articles"]) == [article]
    assert 'value="penangkapan"' in response.content.decode()


@pytest.mark.parametrize("stories", [10, 200])
def test_search_page_runs_constant_queries(client, django_assert_num_queries, stories):
    """More matching stories do not mean more queries."""
    for n in range(stories):
        ArticleFactory(title=f"Patroli malam {n}", tags=["patroli"])
    index_articles(Article.objects.all())
    # first year, count, page ids, page stories (cards show no tags), site menu; unit,
    # category and partner choices
    with django_assert_num_queries(8):
        client.get(reverse("articles:search"), {"q": "patroli"})


def test_filters_narrow_results_and_stay_selected(client):
    """Unit (with its sub-units), category, partner and year narrow the results."""
    polda = UnitFactory(name="Polda Sumsel")
    polres = UnitFactory(name="Polres Palembang", parent=polda)
    other = UnitFactory(name="Polres Lain")
    bnn = PartnerFactory(name="Badan Narkotika Nasional", acronym="BNN")
    narkoba = CategoryFactory(name="Narkoba")
    this_year = timezone.localdate().year
    match = ArticleFactory(title="Razia narkoba", unit=polres, category=narkoba, partners=[bnn])
    ArticleFactory(title="Razia narkoba lain", unit=other, category=narkoba, partners=[bnn])
    ArticleFactory(title="Razia narkoba lama", unit=polres, category=narkoba, partners=[bnn],
                   publish_at=timezone.now() - datetime.timedelta(days=800))  # fmt: skip
    index_articles(Article.objects.all())
    params = {"q": "narkoba", "satuan": polda.slug, "kategori": narkoba.slug,
              "mitra": bnn.slug, "tahun": this_year}  # fmt: skip
    response = client.get(reverse("articles:search"), params)
    assert list(response.context["articles"]) == [match]
    html = response.content.decode()
    assert f'<option value="{polda.slug}" selected>' in html
    assert f'<option value="{bnn.slug}" selected>' in html
    assert f'<option value="{this_year}" selected>' in html
    assert 'value="narkoba"' in html


def test_did_you_mean_links_to_the_corrected_query(client):
    """A misspelt word gets a link to the words the archive knows."""
    index_articles([ArticleFactory(title="Peredaran narkoba di Palembang").pk])
    html = client.get(reverse("articles:search"), {"q": "narkoba palembng"}).content.decode()
    assert "Mungkin maksud Anda" in html and "?q=narkoba+palembang" in html


def test_every_page_has_a_search_box_in_the_header(client):
    """Readers can search from any page, without JavaScript."""
    html = client.get(reverse("articles:home")).content.decode()
    assert f'action="{reverse("articles:search")}" role="search"' in html
    assert '<label class="visually-hidden" for="cari-situs">' in html


def test_snippets_highlight_word_forms_and_escape_html(client):
    """The snippet marks the matched word form and never lets markup through."""
    article = ArticleFactory(
        title="Polres tangkap pengedar",
        body="<p>Petugas menangkap pelaku &lt;script&gt; di rumahnya.</p>",
    )
    index_articles([article.pk])
    html = client.get(reverse("articles:search"), {"q": "penangkapan"}).content.decode()
    assert "<mark>menangkap</mark>" in html
    assert "&lt;script&gt;" in html and "<script>" not in html


def test_a_very_common_word_says_more_than_the_cap(client, monkeypatch):
    """Counting stops at the ranked pool: the reader learns to narrow the search."""
    monkeypatch.setattr("articles.search.MAX_RESULTS", 2)
    for n in range(3):
        ArticleFactory(title=f"Patroli malam {n}")
    index_articles(Article.objects.all())
    response = client.get(reverse("articles:search"), {"q": "patroli"})
    assert "Lebih dari 2 berita ditemukan" in response.content.decode()
    assert response.context["paginator"].count == 2
