"""Partner and tag names are indexed into their stories: renames and deletes reach the index."""

import pytest
from taggit.models import Tag

from articles.search import index_articles, search_articles
from tests.factories import ArticleFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_with_partner():
    partner = PartnerFactory(name="Dinas Kesehatan Kota", acronym="DKK")
    story = ArticleFactory(title="Vaksinasi massal di alun-alun", lead="", partners=[partner])
    other = ArticleFactory(title="Vaksinasi pelajar", lead="", partners=[partner])
    index_articles([story.pk, other.pk])
    assert set(search_articles("DKK")) == {story, other}
    return partner, story, other


def test_renaming_a_partner_reindexes_its_stories(
    story_with_partner, django_capture_on_commit_callbacks
):
    """A story is found by the partner's new acronym, no longer by the old one."""
    partner, story, other = story_with_partner
    with django_capture_on_commit_callbacks(execute=True):
        partner.acronym = "Dinkes"
        partner.save()
    assert set(search_articles("Dinkes")) == {story, other}
    assert list(search_articles("DKK")) == []


def test_deleting_a_partner_reindexes_its_stories(
    story_with_partner, django_capture_on_commit_callbacks
):
    """A deleted partner's acronym no longer finds its former stories."""
    partner, _story, _other = story_with_partner
    with django_capture_on_commit_callbacks(execute=True):
        partner.delete()
    assert list(search_articles("DKK")) == []
    assert len(search_articles("vaksinasi")) == 2


def test_clearing_a_partners_stories_reindexes_them(
    story_with_partner, django_capture_on_commit_callbacks
):
    """``partner.articles.clear()`` takes the acronym out of every story it was linked to."""
    partner, _story, _other = story_with_partner
    with django_capture_on_commit_callbacks(execute=True):
        partner.articles.clear()
    assert list(search_articles("DKK")) == []


def test_saving_a_partner_without_renaming_it_reindexes_nothing(
    story_with_partner, django_capture_on_commit_callbacks
):
    """Editing a partner's website leaves its stories' documents alone (nothing re-indexed)."""
    partner, _story, _other = story_with_partner
    with django_capture_on_commit_callbacks() as callbacks:
        partner.website = "https://dinkes.contoh.go.id"
        partner.save()
    assert [c for c in callbacks if c.__module__ == "articles.search.receivers"] == []


def test_renaming_or_deleting_a_tag_reindexes_its_stories(django_capture_on_commit_callbacks):
    """A tag's new name finds its stories; its old name and a deleted tag's name do not."""
    story = ArticleFactory(title="Patroli malam", lead="", tags=["karhutla"])
    index_articles([story.pk])
    tag = Tag.objects.get(name="karhutla")
    with django_capture_on_commit_callbacks(execute=True):
        tag.name = "kebakaran hutan"
        tag.save()
    assert list(search_articles("kebakaran hutan")) == [story]
    assert list(search_articles("karhutla")) == []
    with django_capture_on_commit_callbacks(execute=True):
        tag.delete()
    assert list(search_articles("kebakaran hutan")) == []
    assert list(search_articles("patroli")) == [story]
