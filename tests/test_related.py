"""Computed "Baca juga" rows: shared tags and partners, manual picks first, only public stories."""

import pytest

from articles.models import Article, RelatedArticle
from articles.related import compute_related, refresh_related
from articles.search import index_articles
from articles.signals import article_changed
from tests.factories import ArticleFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def _targets(article):
    return list(
        RelatedArticle.objects.filter(article=article).values_list("target_id", "is_manual")
    )


def test_shared_tags_and_partners_rank_candidates():
    """More shared tags and partners mean a higher place."""
    partner = PartnerFactory()
    story = ArticleFactory(tags=["narkoba", "razia"], partners=[partner])
    close = ArticleFactory(tags=["narkoba", "razia"], partners=[partner])
    far = ArticleFactory(tags=["narkoba"])
    ArticleFactory(tags=["lalu lintas"])
    assert compute_related(story) == [close.pk, far.pk]


def test_manual_picks_stay_first_and_are_not_duplicated():
    """An editor's pick keeps first place; computed rows fill in after it."""
    story = ArticleFactory(tags=["narkoba"])
    picked = ArticleFactory(tags=["narkoba"])
    other = ArticleFactory(tags=["narkoba"])
    RelatedArticle.objects.create(article=story, target=picked, is_manual=True)
    compute_related(story)
    assert _targets(story) == [(picked.pk, True), (other.pk, False)]


def test_unpublished_stories_are_never_related(clock):
    """Drafts and scheduled stories are not offered as "Baca juga"."""
    story = ArticleFactory(tags=["narkoba"])
    ArticleFactory(tags=["narkoba"], status=Article.Status.DRAFT, publish_at=None)
    ArticleFactory(tags=["narkoba"], publish_at=clock.tomorrow)
    assert compute_related(story) == []


def test_taking_a_story_down_recomputes_the_stories_that_listed_it():
    """When a story leaves the site, the stories linking to it drop it."""
    story = ArticleFactory(tags=["narkoba"])
    gone = ArticleFactory(tags=["narkoba"])
    compute_related(story)
    assert _targets(story) == [(gone.pk, False)]
    gone.status = Article.Status.ARCHIVED
    gone.save()
    article_changed.send(sender=Article, article=gone, old_urls=[], public_changed=True)
    assert _targets(story) == []


def test_publishing_a_story_adds_it_to_related_stories():
    """A newly published story appears in the lists of stories sharing its tags."""
    story = ArticleFactory(tags=["narkoba"])
    compute_related(story)
    new = ArticleFactory(tags=["narkoba"])
    refresh_related(new, public_changed=True)
    assert _targets(story) == [(new.pk, False)]


def test_stories_sharing_words_are_related_without_shared_tags():
    """Text similarity finds "Baca juga" for stories nobody tagged alike."""
    story = ArticleFactory(title="Polres Palembang ungkap peredaran sabu di Sukarami", lead="")
    close = ArticleFactory(title="Peredaran sabu di Sukarami kembali terungkap", lead="")
    ArticleFactory(title="Vaksinasi massal di alun-alun", lead="")
    index_articles(Article.objects.all())
    assert compute_related(story) == [close.pk]
    assert RelatedArticle.objects.get(article=story).score > 0


def test_shared_tags_outweigh_a_few_shared_words():
    """Tags chosen by editors count for more than one word in common."""
    story = ArticleFactory(title="Razia balap liar", lead="", tags=["balap liar", "knalpot"])
    tagged = ArticleFactory(title="Penertiban kendaraan", lead="", tags=["balap liar", "knalpot"])
    worded = ArticleFactory(title="Razia pasar tertib", lead="")
    index_articles(Article.objects.all())
    assert compute_related(story) == [tagged.pk, worded.pk]


def test_publishing_a_similar_story_updates_the_stored_list():
    """The story page reads a stored list, refreshed when a close story goes live."""
    story = ArticleFactory(title="Bakti kesehatan di Pelabuhan Boom Baru", lead="")
    index_articles([story.pk])
    assert compute_related(story) == []
    new = ArticleFactory(title="Bakti kesehatan untuk buruh Pelabuhan Boom Baru", lead="")
    index_articles([new.pk])
    article_changed.send(sender=Article, article=new, old_urls=[], public_changed=True)
    assert _targets(story) == [(new.pk, False)]


@pytest.mark.parametrize("stories", [10, 200])
def test_computing_related_runs_constant_queries(stories, django_assert_num_queries):
    """A tag shared by many stories costs one aggregate, not a query or a row per story."""
    story = ArticleFactory(title="Razia narkoba", tags=["narkoba"], partners=[PartnerFactory()])
    for n in range(stories):
        ArticleFactory(title=f"Razia narkoba {n}", tags=["narkoba"])
    index_articles(Article.objects.all())
    # tags, partners, the story's tag and partner names, similar words, same unit; manual
    # picks, public candidates, savepoint, delete, insert, release
    with django_assert_num_queries(12):
        assert len(compute_related(story)) == 5
