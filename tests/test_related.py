"""Computed "Baca juga" rows: shared tags and partners, manual picks first, only public stories."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from articles import publishing
from articles.models import Article, RelatedArticle
from articles.related import STORED_LIMIT, compute_related, refresh_related
from articles.search import index_articles
from articles.signals import article_changed
from tests.factories import ArticleFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def _targets(article):
    return list(
        RelatedArticle.objects.filter(article=article).values_list("target_id", "is_manual")
    )


def _shown(client, article):
    """Return the ids the story page lists under "Baca juga", in order."""
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return [story.pk for story in response.context["related"]]


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


def test_unpublished_stories_are_never_shown_as_related(clock, client):
    """Drafts, expired and scheduled stories are not offered as "Baca juga"."""
    story = ArticleFactory(tags=["narkoba"])
    ArticleFactory(tags=["narkoba"], status=Article.Status.DRAFT, publish_at=None)
    ArticleFactory(tags=["narkoba"], publish_at=clock.yesterday, expire_at=clock.hour_ago)
    scheduled = ArticleFactory(tags=["narkoba"], publish_at=clock.tomorrow)
    # A scheduled story is stored ahead, for when its time comes; the page does not show it yet.
    assert compute_related(story) == [scheduled.pk]
    assert _shown(client, story) == []


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
        assert len(compute_related(story)) == STORED_LIMIT


def _neighbourhood(similar=15):
    """A live story and ``similar`` stories sharing its tags, partner and words, all listed."""
    partner = PartnerFactory()
    story = ArticleFactory(
        title="Razia narkoba di Sukarami", tags=["narkoba", "razia"], partners=[partner]
    )
    others = [
        ArticleFactory(
            title=f"Razia narkoba di Sukarami ke-{n}", tags=["narkoba", "razia"], partners=[partner]
        )
        for n in range(similar)
    ]
    index_articles(Article.objects.all())
    for each in [story, *others]:
        compute_related(each)
    return story, others


def test_fixing_a_typo_in_a_live_story_runs_a_bounded_number_of_queries(
    client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    """A body edit changes nothing related stories use: the neighbours' lists are left alone.

    Before, every save of a live story recomputed it, its 10 closest stories and every story
    listing it: 242 queries here (43 now on SQLite).
    """
    story, others = _neighbourhood(15)
    shown = {other.pk: _shown(client, other) for other in others}
    with django_assert_max_num_queries(45), django_capture_on_commit_callbacks(execute=True):
        story.body = "<p>Paragraf pertama berita, tanpa salah ketik.</p>"
        publishing.save_story(story, None)
    assert len(_shown(client, story)) == 5
    assert {other.pk: _shown(client, other) for other in others} == shown


def test_retitling_a_live_story_recomputes_its_neighbours(
    client, django_capture_on_commit_callbacks
):
    """A change to what relatedness reads (here the title) still reaches the other lists."""
    story = ArticleFactory(title="Bakti kesehatan di Pelabuhan Boom Baru", lead="")
    other = ArticleFactory(title="Vaksinasi massal di alun-alun", lead="")
    index_articles(Article.objects.all())
    compute_related(other)
    assert _shown(client, other) == []
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Vaksinasi massal di Pelabuhan Boom Baru"
        publishing.save_story(story, None)
    assert _shown(client, other) == [story.pk]


def test_a_scheduled_story_joins_its_neighbours_lists_when_its_time_comes(
    client, django_capture_on_commit_callbacks
):
    """Scheduling stores the rows ahead; the page shows them once the story is live."""
    neighbour = ArticleFactory(tags=["narkoba"])
    compute_related(neighbour)
    draft = ArticleFactory(tags=["narkoba"], status=Article.Status.DRAFT, publish_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(draft, None, at=timezone.now() + datetime.timedelta(hours=1))
    assert _shown(client, neighbour) == []
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        assert _shown(client, neighbour) == [draft.pk]
        assert _shown(client, draft) == [neighbour.pk]


def test_an_expired_target_gives_way_to_the_next_stored_one(client, clock):
    """Spare rows refill the block when a shown story expires, with nothing run on the clock."""
    story = ArticleFactory(tags=["narkoba", "razia", "sabu"])
    leaving = ArticleFactory(tags=["narkoba", "razia", "sabu"], expire_at=clock.in_an_hour)
    shown = [ArticleFactory(tags=["narkoba", "razia"]) for _ in range(4)]
    spare = ArticleFactory(tags=["narkoba"])
    compute_related(story)
    assert _shown(client, story) == [leaving.pk, *[s.pk for s in reversed(shown)]]
    with time_machine.travel(clock.now + datetime.timedelta(hours=2)):
        assert _shown(client, story) == [*[s.pk for s in reversed(shown)], spare.pk]
