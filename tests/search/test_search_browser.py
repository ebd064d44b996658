"""The search page on a 360 px phone: the header box leads to results, axe-core finds nothing."""

import pytest

from articles.models import Article
from articles.search import index_articles
from tests.browser.conftest import axe_violations, horizontal_overflow
from tests.factories import ArticleFactory, PartnerFactory, UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive():
    polda = UnitFactory(name="Polda Sumatera Selatan")
    polres = UnitFactory(name="Polres Palembang", parent=polda)
    dinkes = PartnerFactory(name="Dinas Kesehatan", acronym="Dinkes")
    for n in range(3):
        ArticleFactory(
            title=f"Polres Palembang ungkap peredaran narkoba jaringan {n}",
            body="<p>Petugas menangkap tersangka &amp; menyita sabu di Sukarami.</p>",
            unit=polres,
            partners=[dinkes],
        )
    index_articles(Article.objects.all())


def test_a_reader_searches_from_the_header_and_sees_marked_results(browser_page, live_url, archive):
    """Typing in the header box lands on results with the word forms marked, accessibly."""
    page = browser_page
    page.goto(live_url + "/")
    page.fill("#cari-situs", "penangkapan narkoba")
    page.press("#cari-situs", "Enter")
    page.wait_for_url("**/cari/?q=*")
    assert page.locator(".list-count").inner_text() == "3 berita ditemukan"
    assert page.locator(".search-snippet mark").first.inner_text() == "menangkap"
    assert page.input_value("#id_q") == "penangkapan narkoba"
    assert horizontal_overflow(page) == 0
    assert axe_violations(page) == []


def test_a_misspelt_query_offers_the_corrected_words(browser_page, live_url, archive):
    """ "Did you mean" is a link that runs the corrected search."""
    page = browser_page
    page.goto(live_url + "/cari/?q=narkoba+palembng")
    page.click(".search-suggestion a")
    page.wait_for_url("**q=narkoba+palembang*")
    assert page.locator(".list-count").inner_text() == "3 berita ditemukan"
    assert axe_violations(page) == []
