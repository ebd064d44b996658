"""Which stories are related: computed "Baca juga" rows, stored when a story changes.

Score: 3 per shared tag, 2 per shared partner, up to 3 for shared words (the search index's
relevance of the story's title, lead, tag and partner stems, the best match scoring 3) and 1
for the same unit. Live and scheduled stories qualify, and ``STORED_LIMIT`` rows are kept where
the page shows ``RELATED_LIMIT``: the page reads the stored rows through the public rule, so a
scheduled story takes its place when its time comes and an expired one gives way to the next
stored one, with nothing run on the clock. Manual picks are never touched and sort first
(``RelatedArticle.Meta.ordering``).

Neighbours (the story's closest stories and the stories listing it) are recomputed only when
something the score or the candidacy reads changed (``relatedness()``): a typo fixed in a live
story's body recomputes that story's own rows, nothing more.
"""

import logging
from collections import Counter

from django.db import transaction
from django.db.models import Count, Q
from django.dispatch import receiver
from django.utils import timezone

from .models import Article, RelatedArticle
from .search import similar_articles
from .signals import article_changed

logger = logging.getLogger(__name__)

RELATED_LIMIT = 5
# Computed rows stored per story: the spares replace targets that expire or are taken down.
STORED_LIMIT = 10
TAG_WEIGHT, PARTNER_WEIGHT, TEXT_WEIGHT, UNIT_WEIGHT = 3, 2, 3, 1
# Candidates read per signal (shared tags, shared partners) before scoring.
CANDIDATES = 200
# When a story goes live or leaves, this many of its closest stories are recomputed too.
AFFECTED_LIMIT = 10


def _candidates(now=None):
    """Return the stories that may be stored as related: live now or scheduled, not expired.

    The story page applies the public rule to the stored rows when it reads them.
    """
    now = now or timezone.now()
    return Article.objects.filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=now),
        status=Article.Status.PUBLISHED,
        publish_at__isnull=False,
    )


def relatedness(article):
    """Return what decides where ``article`` is related: text, unit, tags, partners, state.

    Compared before and after a change (``publishing`` passes the stored state along as
    ``before``): when it is equal, no other story's list can have changed.
    """
    tags = Article.tags.through.objects.filter(
        content_type__app_label="articles", content_type__model="article", object_id=article.pk
    ).values_list("tag_id", flat=True)
    partners = Article.partners.through.objects.filter(article_id=article.pk).values_list(
        "partner_id", flat=True
    )
    return {
        "title": article.title,
        "lead": article.lead,
        "unit": article.unit_id,
        "status": article.status,
        "publish_at": article.publish_at,
        "expire_at": article.expire_at,
        "tags": sorted(tags),
        "partners": sorted(partners),
    }


def _is_candidate(state, now=None):
    now = now or timezone.now()
    return (
        state["status"] == Article.Status.PUBLISHED
        and state["publish_at"] is not None
        and (state["expire_at"] is None or state["expire_at"] > now)
    )


def _scores(article):
    """Return a Counter of candidate story id → score for ``article``.

    Counted in the database and bounded (``CANDIDATES`` per signal, newest first among equals),
    so a tag shared by thousands of stories costs one aggregate, not thousands of rows.
    """
    scores = Counter()
    tagged = (
        Article.tags.through.objects.filter(
            content_type__app_label="articles",
            content_type__model="article",
            tag__in=article.tags.through.objects.filter(
                content_type__app_label="articles",
                content_type__model="article",
                object_id=article.pk,
            ).values("tag"),
        )
        .exclude(object_id=article.pk)
        .values("object_id")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "-object_id")
        .values_list("object_id", "shared")[:CANDIDATES]
    )
    for pk, shared in tagged:
        scores[pk] += TAG_WEIGHT * shared
    links = Article.partners.through.objects
    partnered = (
        links.filter(partner__in=links.filter(article=article).values("partner"))
        .exclude(article=article)
        .values("article")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "-article")
        .values_list("article", "shared")[:CANDIDATES]
    )
    for pk, shared in partnered:
        scores[pk] += PARTNER_WEIGHT * shared
    for pk, similarity in similar_articles(article, stories=_candidates()).items():
        scores[pk] += round(TEXT_WEIGHT * similarity, 3)
    same_unit = Article.objects.filter(pk__in=list(scores), unit_id=article.unit_id)
    for pk in same_unit.values_list("pk", flat=True):
        scores[pk] += UNIT_WEIGHT
    scores.pop(article.pk, None)
    return scores


def compute_related(article):
    """Replace the computed "Baca juga" rows of ``article``; return the stored target ids.

    Up to ``STORED_LIMIT``, best first; scheduled targets included (shown once they are live).
    """
    scores = _scores(article)
    manual = set(
        RelatedArticle.objects.filter(article=article, is_manual=True).values_list(
            "target_id", flat=True
        )
    )
    allowed = set(_candidates().filter(pk__in=list(scores)).values_list("pk", flat=True))
    chosen = [
        pk
        for pk, _ in sorted(scores.items(), key=lambda item: (-item[1], -item[0]))
        if pk in allowed and pk not in manual
    ][:STORED_LIMIT]
    with transaction.atomic():
        RelatedArticle.objects.filter(article=article, is_manual=False).delete()
        RelatedArticle.objects.bulk_create(
            RelatedArticle(
                article=article, target_id=pk, is_manual=False, position=i, score=scores[pk]
            )
            for i, pk in enumerate(chosen)
        )
    return chosen


def refresh_related(article, *, public_changed=False, before=None):
    """Recompute ``article`` and, when that can change other lists, the stories that may list it.

    ``before``: ``relatedness()`` of the story as stored before the change. Without it (a
    sender that does not tell) the neighbours are recomputed when the story was or is public.
    """
    compute_related(article)
    if before is None:
        if not public_changed:
            return
    else:
        after = relatedness(article)
        if after == before or not (_is_candidate(before) or _is_candidate(after)):
            return
    affected = set(
        RelatedArticle.objects.filter(target=article, is_manual=False).values_list(
            "article_id", flat=True
        )
    )
    closest = sorted(_scores(article).items(), key=lambda item: (-item[1], -item[0]))
    affected |= {pk for pk, _score in closest[:AFFECTED_LIMIT]}
    for story in Article.objects.filter(pk__in=affected):
        compute_related(story)


@receiver(article_changed, dispatch_uid="related_articles")
def _on_article_changed(sender, article, public_changed=False, before=None, **kwargs):
    try:
        refresh_related(article, public_changed=public_changed, before=before)
    except Exception:
        logger.exception("Related stories refresh failed for article %s", article.pk)
