"""Keep the search index current whenever a story, its tags or its partners change.

Renaming or deleting a partner or a tag re-indexes its stories too: their names are indexed
into each story's keywords. (Category and unit names are not indexed.)

Every save is re-indexed after commit (drafts too: the admin searches them), so the index
follows admin edits, imports and publishing actions alike; ``.update()`` and raw bulk writes
bypass signals and are caught up by ``manage.py rebuild_search_index``.
"""

import logging

from django.db import transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver
from taggit.models import Tag

from ..models import Article, Partner
from ..signals import article_changed
from . import index_articles

logger = logging.getLogger(__name__)


def _reindex(pk):
    """Re-index one story; a failure is logged, never raised into the editor's action."""
    try:
        index_articles([pk])
    except Exception:
        logger.exception("Search index refresh failed for article %s", pk)


@receiver(article_changed, dispatch_uid="search_index_article")
def reindex_article(sender, article, **kwargs):
    _reindex(article.pk)


@receiver(post_save, sender=Article, dispatch_uid="search_index_saved_article")
def reindex_saved_article(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures load rows, not edits
        transaction.on_commit(lambda: _reindex(instance.pk))


def reindex_tagged_article(sender, instance, action, reverse, model, pk_set=None, **kwargs):
    """Re-index after tags or partners were added to, removed from or cleared on a story."""
    if reverse and model is Article and action == "pre_clear":
        # post_clear carries no pk_set: note the stories while the links still exist.
        instance._cleared_stories = _story_ids(instance)
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Article):  # taggit's through model may tag other models too
        transaction.on_commit(lambda: _reindex(instance.pk))
        return
    # A partner gained or lost stories: re-index those stories.
    if not (reverse and model is Article):
        return
    if action == "post_clear":
        _reindex_later(getattr(instance, "_cleared_stories", []))
    else:
        _reindex_later(list(pk_set or []))


m2m_changed.connect(
    reindex_tagged_article, sender=Article.partners.through, dispatch_uid="search_partners"
)
m2m_changed.connect(reindex_tagged_article, sender=Article.tags.through, dispatch_uid="search_tags")


# -- names indexed into every story's keywords -------------------------------------------------
# A partner's name and acronym and a tag's name are part of each of its stories' documents, so
# renaming or deleting one re-indexes those stories (in bulk, after commit).
INDEXED_NAMES = {Partner: ("name", "acronym"), Tag: ("name",)}


def _story_ids(instance):
    """Return the ids of the stories ``instance`` (a partner or a tag) is attached to."""
    if isinstance(instance, Partner):
        return list(
            Article.partners.through.objects.filter(partner=instance).values_list(
                "article_id", flat=True
            )
        )
    return list(
        Article.tags.through.objects.filter(
            content_type__app_label="articles", content_type__model="article", tag=instance
        ).values_list("object_id", flat=True)
    )


def _reindex_later(ids):
    if not ids:
        return

    def reindex():
        try:
            index_articles(ids)
        except Exception:
            logger.exception("Search index refresh failed for %s stories", len(ids))

    transaction.on_commit(reindex)


def _indexed_values(instance):
    return tuple(getattr(instance, field) for field in INDEXED_NAMES[type(instance)])


def remember_indexed_names(sender, instance, raw=False, **kwargs):
    """Note the stored name (and acronym) before a save, to tell a rename from other edits."""
    if raw or instance.pk is None:
        return
    fields = INDEXED_NAMES[sender]
    stored = sender.objects.filter(pk=instance.pk).values_list(*fields).first()
    instance._indexed_names = tuple(stored) if stored else None


def reindex_renamed(sender, instance, created, raw=False, **kwargs):
    """Re-index the stories of a renamed partner or tag."""
    if raw or created:
        return
    if getattr(instance, "_indexed_names", None) == _indexed_values(instance):
        return
    _reindex_later(_story_ids(instance))


def remember_deleted_stories(sender, instance, **kwargs):
    """Collect a partner's or tag's stories before the delete cascades its links away."""
    instance._indexed_stories = _story_ids(instance)


def reindex_deleted(sender, instance, **kwargs):
    _reindex_later(getattr(instance, "_indexed_stories", []))


for _model in INDEXED_NAMES:
    _name = _model._meta.label_lower
    pre_save.connect(remember_indexed_names, sender=_model, dispatch_uid=f"search_pre_{_name}")
    post_save.connect(reindex_renamed, sender=_model, dispatch_uid=f"search_saved_{_name}")
    pre_delete.connect(
        remember_deleted_stories, sender=_model, dispatch_uid=f"search_pre_delete_{_name}"
    )
    post_delete.connect(reindex_deleted, sender=_model, dispatch_uid=f"search_deleted_{_name}")
