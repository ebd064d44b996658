"""The language switch and the hreflang links lead to the same page in the other language."""

import re

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def switch_link(html):
    return re.search(r'<a class="lang-switch" href="([^"]*)"', html).group(1)


def test_a_search_keeps_its_words_in_the_other_language(client):
    html = client.get("/cari/", {"q": "narkoba", "page": "2"}).content.decode()

    assert switch_link(html) == "/en/cari/?q=narkoba&amp;page=2"
    assert 'hreflang="en" href="http://' in html and "/en/cari/?q=narkoba&amp;page=2" in html


def test_a_missing_page_links_to_the_other_languages_home(client):
    response = client.get("/en/tidak-ada-halaman-ini/")

    assert response.status_code == 404
    assert switch_link(response.content.decode()) == "/"


def test_a_comment_sent_back_with_an_error_links_to_a_page_that_exists(client):
    story = ArticleFactory()
    response = client.post(f"/en/komentar/{story.pk}/kirim/", {})

    link = switch_link(response.content.decode())
    assert "/kirim/" not in link
    assert client.get(link).status_code == 200


def test_on_the_english_page_only_the_story_is_marked_indonesian(client):
    """A screen reader reads the English interface in English and the story in Indonesian."""
    ArticleFactory(slug="patroli", title="Patroli Malam", lead="Petugas berjaga.", byline="(LS)")

    html = client.get("/en/berita/patroli/").content.decode()

    assert '<article class="story">' in html
    assert '<h1 class="story-title" lang="id">Patroli Malam</h1>' in html
    assert '<p class="story-lead" lang="id">Petugas berjaga.</p>' in html
    assert '<div class="story-body" lang="id">' in html
    assert '<p class="byline" lang="id">(LS)</p>' in html
    assert "min read" in html  # the interface around it is English


@pytest.mark.parametrize("template", ["500.html", "403_csrf.html", "503.html"])
def test_error_pages_say_which_language_they_are_in(template):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("en"):
        assert '<html lang="en">' in render_to_string(template)
    with translation.override("id"):
        assert '<html lang="id">' in render_to_string(template)
