"""The public search page at /cari/."""

import pytest
from django.urls import reverse

from articles.search import index_articles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query", ['"', "*", "NEAR(", "a:b", "^x", "-", "AND OR NOT", "!!!", "x" * 5000, "", "'; DROP"]
)
def test_hostile_and_empty_queries_answer_a_page(client, query):
    """Junk never errors: the reader gets a page, with the query kept in the box."""
    response = client.get(reverse("articles:search"), {"q": query, "tahun": "abcd", "satuan": "?"})
    assert response.status_code == 200


def test_results_keep_the_query_and_list_matches(client):
    """A word form finds the story and the box keeps what was typed."""
    article = ArticleFactory(title="Polres tangkap pengedar")
    index_articles([article.pk])
    response = client.get(reverse("articles:search"), {"q": "penangkapan"})
    assert list(response.context["articles"]) == [article]
    assert 'value="penangkapan"' in response.content.decode()


def test_search_page_runs_constant_queries(client, django_assert_max_num_queries):
    """More matching stories do not mean more queries."""
    for n in range(5):
        index_articles([ArticleFactory(title=f"Patroli malam {n}", tags=["patroli"]).pk])
    with django_assert_max_num_queries(4):  # count, page, tags (filters absent)
        client.get(reverse("articles:search"), {"q": "patroli"})


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
