"""Signals sent (on commit) when what the public may see has changed.

Senders: the actions in ``publishing.py``, the importers and comment moderation.
Receivers: the page cache, the search index and related stories.
"""

from django.dispatch import Signal

# kwargs: article (Article), old_urls (list of paths the story answered at before the change,
# e.g. a changed slug), public_changed (bool: was or is the story public), before (optional:
# ``related.relatedness()`` of the story as stored before the change)
article_changed = Signal()

# kwargs: comment (Comment)
comment_changed = Signal()
