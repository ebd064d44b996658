"""Keep the search index current when a story changes (the signal is sent on commit)."""

import logging

from django.dispatch import receiver

from ..signals import article_changed
from . import index_articles

logger = logging.getLogger(__name__)


@receiver(article_changed, dispatch_uid="search_index_article")
def reindex_article(sender, article, **kwargs):
    """Re-index the story; a failure is logged, never raised into the editor's action."""
    try:
        index_articles([article.pk])
    except Exception:
        logger.exception("Search index refresh failed for article %s", article.pk)
