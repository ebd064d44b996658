"""Indonesian full-text search over published stories, on PostgreSQL and SQLite alike."""

import pytest

from articles.models import Article
from articles.search import admin_search, index_articles, search_articles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _indexed(**kwargs):
    article = ArticleFactory(**kwargs)
    index_articles([article.pk])
    return article


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Polres menggelar kolaborasi dengan warga", "berkolaborasi"),
        ("Petugas menangkap dua pelaku", "penangkapan"),
        ("Penandatanganan kerjasama dengan Dinkes", "kerja sama"),
        ("Polsek menjalin kerja sama dengan sekolah", "kerjasama"),
    ],
)
def test_indonesian_word_forms_match(text, query):
    """Affixed forms and split compounds find their root forms."""
    article = _indexed(title=text)
    assert list(search_articles(query)) == [article]


def test_unpublished_stories_are_never_found(clock):
    """Drafts, scheduled and expired stories stay out of public results."""
    _indexed(title="Patroli narkoba draf", status=Article.Status.DRAFT, publish_at=None)
    _indexed(title="Patroli narkoba terjadwal", publish_at=clock.tomorrow)
    _indexed(
        title="Patroli narkoba kedaluwarsa", publish_at=clock.yesterday, expire_at=clock.hour_ago
    )
    live = _indexed(title="Patroli narkoba terbit")
    assert list(search_articles("narkoba")) == [live]


@pytest.mark.parametrize(
    "query", ['"', "*", "NEAR(", "a:b", "^x", "-polres", "AND OR NOT", "!!!", "x" * 5000, ""]
)
def test_hostile_queries_do_not_raise(query):
    """Metacharacters and junk are plain words or nothing, never an SQL error."""
    _indexed(title="Polres gelar patroli")
    assert len(list(search_articles(query))) <= 1


def test_title_outranks_body():
    """A word in the title weighs more than the same word in the body."""
    body_hit = _indexed(title="Kegiatan pagi", body="<p>Ada patroli malam.</p>")
    title_hit = _indexed(title="Patroli malam hari")
    assert list(search_articles("patroli")) == [title_hit, body_hit]


def test_admin_search_uses_the_index_and_sees_drafts():
    """Editors find drafts by word prefix through the same index."""
    draft = _indexed(title="Sosialisasi keselamatan", status=Article.Status.DRAFT, publish_at=None)
    assert list(admin_search(Article.objects.all(), "sosialis")) == [draft]
    assert list(admin_search(Article.objects.all(), "")) == [draft]


def test_reindexing_an_unchanged_story_writes_nothing(django_assert_num_queries):
    """The fingerprint makes refreshing a queryset cheap."""
    article = _indexed(title="Operasi zebra")
    with django_assert_num_queries(5):  # ids, fingerprints, stories, tags, partners
        index_articles(Article.objects.filter(pk=article.pk))


def test_article_changed_signal_refreshes_the_index():
    """Publishing actions keep the index current through ``article_changed``."""
    from articles.signals import article_changed

    article = ArticleFactory(title="Vaksinasi massal")
    assert list(search_articles("vaksinasi")) == []
    article_changed.send(sender=Article, article=article, old_urls=[], public_changed=True)
    assert list(search_articles("vaksinasi")) == [article]


def test_rebuild_command_indexes_bulk_created_stories():
    """Stories saved without the signal are found after ``rebuild_search_index``."""
    from django.core.management import call_command

    article = ArticleFactory(title="Bakti sosial")
    call_command("rebuild_search_index", verbosity=0)
    assert list(search_articles("bakti")) == [article]


def test_bench_command_prints_percentiles():
    """``bench_search`` reports p50 and p95 for ``make bench``."""
    from io import StringIO

    from django.core.management import call_command

    index_articles([ArticleFactory(title="Patroli narkoba").pk])
    out = StringIO()
    call_command("bench_search", queries=5, stdout=out)
    assert "p50" in out.getvalue() and "p95" in out.getvalue()
