"""Rules the database itself enforces, whatever code path writes the row."""

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, Comment, Unit
from tests.factories import ArticleFactory, CommentFactory, UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_slugs_are_unique():
    ArticleFactory(slug="sama")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="sama")


def test_status_must_be_a_known_value():
    story = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=story.pk).update(status="bocor")


def test_published_story_needs_a_publish_time():
    story = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=story.pk).update(publish_at=None)


def test_comment_parent_must_belong_to_the_same_article():
    parent = CommentFactory()
    other_story = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(
            article=other_story, parent=parent, name="A", email="a@contoh.test", body="x"
        )
    reply = Comment.objects.create(
        article=parent.article, parent=parent, name="A", email="a@contoh.test", body="x"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=reply.pk).update(article=other_story)


def test_unit_cannot_be_its_own_ancestor_even_through_update():
    polda = UnitFactory(name="Polda Contoh", kind=Unit.Kind.POLDA)
    polres = UnitFactory(name="Polres Bawah", parent=polda)
    polsek = UnitFactory(name="Polsek Paling Bawah", kind=Unit.Kind.POLSEK, parent=polres)
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=polda.pk).update(parent=polsek)
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=polda.pk).update(parent=polda)
