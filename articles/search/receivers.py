"""Keep the search index current whenever a story, its tags or its partners change.

Every save is re-indexed after commit (drafts too: the admin searches them), so the index
follows admin edits, imports and publishing actions alike; ``.update()`` and raw bulk writes
bypass signals and are caught up by ``manage.py rebuild_search_index``.
"""

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from ..models import Article
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
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Article):  # taggit's through model may tag other models too
        transaction.on_commit(lambda: _reindex(instance.pk))
        return
    # A partner gained or lost stories: re-index those stories.
    ids = list(pk_set or []) if reverse and model is Article else []
    if ids:
        transaction.on_commit(lambda: index_articles(ids))


m2m_changed.connect(
    reindex_tagged_article, sender=Article.partners.through, dispatch_uid="search_partners"
)
m2m_changed.connect(reindex_tagged_article, sender=Article.tags.through, dispatch_uid="search_tags")
