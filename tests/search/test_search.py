"""Indonesian full-text search over published stories, on PostgreSQL and SQLite alike."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, SearchTerm
from articles.search import admin_search, index_articles, search_articles, suggest
from tests.factories import ArticleFactory, PartnerFactory

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


def test_police_terms_are_not_over_stemmed():
    """ "Pelaku" is not "laku" and "Bhabinkamtibmas" stays whole: each finds only its story."""
    suspect = _indexed(title="Polisi tangkap pelaku curanmor")
    market = _indexed(title="Dagangan warga laku keras di pasar")
    officer = _indexed(title="Bhabinkamtibmas sambangi warga")
    _indexed(title="Kamtibmas kondusif jelang pemilu")
    assert list(search_articles("pelaku")) == [suspect]
    assert list(search_articles("laku")) == [market]
    assert list(search_articles("bhabinkamtibmas")) == [officer]


def test_unpublished_stories_are_never_found(clock):
    """Drafts, scheduled and expired stories stay out of public results."""
    _indexed(title="Patroli narkoba draf", status=Article.Status.DRAFT, publish_at=None)
    _indexed(title="Patroli narkoba terjadwal", publish_at=clock.tomorrow)
    _indexed(
        title="Patroli narkoba kedaluwarsa", publish_at=clock.yesterday, expire_at=clock.hour_ago
    )
    live = _indexed(title="Patroli narkoba terbit")
    assert list(search_articles("narkoba")) == [live]


def test_a_story_taken_down_is_not_found_even_before_reindexing():
    """The index's copy of the status is a shortcut; the page still asks ``published()``."""
    story = _indexed(title="Patroli narkoba terbit")
    Article.objects.filter(pk=story.pk).update(status=Article.Status.ARCHIVED)  # no signals
    assert list(search_articles("narkoba")) == []
    index_articles([story.pk])
    assert not search_articles("narkoba").exists()


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


def _days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_equally_relevant_stories_come_newest_first():
    """Recency breaks ties: the same words, the fresher story first."""
    old = _indexed(title="Patroli malam di pasar", publish_at=_days_ago(400))
    new = _indexed(title="Patroli malam di terminal", publish_at=_days_ago(2))
    assert list(search_articles("patroli malam")) == [new, old]


def test_recency_is_mixed_into_relevance():
    """A recent title match beats today's passing mention; a decade-old one gives way."""
    _indexed(title="Kegiatan lain sama sekali")  # the words are not everywhere
    title_last_month = _indexed(title="Razia knalpot brong", publish_at=_days_ago(30))
    body_today = _indexed(
        title="Apel pagi", body="<p>Usai apel, razia knalpot digelar.</p>", publish_at=_days_ago(1)
    )
    assert list(search_articles("razia knalpot")) == [title_last_month, body_today]
    title_last_month.publish_at = _days_ago(3650)
    title_last_month.save()
    index_articles([title_last_month.pk])  # what the save's on-commit hook does
    assert list(search_articles("razia knalpot")) == [body_today, title_last_month]


def test_partners_and_tags_are_searchable():
    """Readers find stories by a partner's acronym and by a tag."""
    dinkes = PartnerFactory(name="Dinas Kesehatan", acronym="Dinkes")
    story = _indexed(title="Penandatanganan kerja sama", partners=[dinkes], tags=["stunting"])
    _indexed(title="Penandatanganan kerja sama dengan sekolah")
    assert list(search_articles("kerja sama Dinkes")) == [story]
    assert list(search_articles("stunting")) == [story]


def test_did_you_mean_corrects_a_misspelt_word():
    """An unknown word is replaced by the closest word of the published stories."""
    _indexed(title="Polres ungkap peredaran narkoba di Palembang")
    assert list(search_articles("narkoba palembng")) == []
    assert suggest("narkoba palembng") == "narkoba palembang"
    assert suggest("narkoba palembang") == ""


def test_did_you_mean_never_offers_words_only_drafts_contain():
    """A suggestion must find published stories, so drafts never leak through it."""
    _indexed(title="Operasi rahasia Kalajengking", status=Article.Status.DRAFT, publish_at=None)
    assert SearchTerm.objects.filter(word="kalajengking").exists()
    assert suggest("kalajengkin") == ""


def test_admin_search_uses_the_index_and_sees_drafts():
    """Editors find drafts by word prefix through the same index."""
    draft = _indexed(title="Sosialisasi keselamatan", status=Article.Status.DRAFT, publish_at=None)
    assert list(admin_search(Article.objects.all(), "sosialis")) == [draft]
    assert list(admin_search(Article.objects.all(), "")) == [draft]


def test_admin_search_matches_word_forms_and_compounds():
    """The changelist search understands "kerja sama" and affixed forms like the public one."""
    story = _indexed(title="Penangkapan bandar hasil kerjasama", status=Article.Status.REVIEW)
    _indexed(title="Patroli malam")
    assert list(admin_search(Article.objects.all(), "kerja sama")) == [story]
    assert list(admin_search(Article.objects.all(), "menangkap")) == [story]
    assert list(admin_search(Article.objects.all(), "!!!")) == []


@pytest.mark.parametrize("stories", [10, 200])
def test_reindexing_unchanged_stories_writes_nothing(stories, django_assert_num_queries):
    """The fingerprint makes refreshing a queryset cheap, whatever its size."""
    ArticleFactory.create_batch(stories, tags=["patroli"])
    index_articles(Article.objects.all())
    with django_assert_num_queries(5):  # ids, fingerprints, stories, tags, partners
        index_articles(Article.objects.all())


def test_saving_a_story_or_its_tags_reindexes_it(django_capture_on_commit_callbacks):
    """Admin edits and imports are found without waiting for a rebuild (drafts too)."""
    with django_capture_on_commit_callbacks(execute=True):
        draft = ArticleFactory(title="Sosialisasi tertib", status=Article.Status.DRAFT)
    assert list(admin_search(Article.objects.all(), "sosialisasi")) == [draft]
    with django_capture_on_commit_callbacks(execute=True):
        draft.tags.add("karhutla")
    assert list(admin_search(Article.objects.all(), "karhutla")) == [draft]
    with django_capture_on_commit_callbacks(execute=True):
        draft.title = "Penyuluhan tertib"
        draft.save()
    assert list(admin_search(Article.objects.all(), "sosialisasi")) == []


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


def test_full_rebuild_rewrites_every_story_and_keeps_them_searchable():
    """``--full`` rewrites documents in place: nothing disappears while it runs."""
    from io import StringIO

    from django.core.management import call_command

    _indexed(title="Bakti sosial")
    _indexed(title="Donor darah")
    out = StringIO()
    call_command("rebuild_search_index", full=True, stdout=out)
    assert "2 berita diperiksa, 2 ditulis ulang" in out.getvalue()
    call_command("rebuild_search_index", stdout=out)
    assert "2 berita diperiksa, 0 ditulis ulang" in out.getvalue()
    assert len(list(search_articles("donor darah"))) == 1


def test_bench_command_prints_percentiles():
    """``bench_search`` reports p50 and p95 for ``make bench``."""
    from io import StringIO

    from django.core.management import call_command

    index_articles([ArticleFactory(title="Patroli narkoba").pk])
    out = StringIO()
    call_command("bench_search", queries=5, stdout=out)
    assert "p50" in out.getvalue() and "p95" in out.getvalue()
