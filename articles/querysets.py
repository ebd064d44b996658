"""What the public may see: the one definition, used by every public page, feed and count."""

import datetime

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

PUBLISHED = "published"


def published_condition(prefix="", now=None):
    """Return the condition "the public may see this story at ``now``" as a Q.

    ``prefix`` applies it to a related story (``"target__"``, ``"article__"``): a filter on the
    joined row's own columns, which the database answers from the join, where
    ``target__in=published()`` made it list every public story first.
    """
    now = now or timezone.now()
    return Q(**{f"{prefix}status": PUBLISHED, f"{prefix}publish_at__lte": now}) & (
        Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": now})
    )


def _new_year(year):
    """Midnight of 1 January of ``year``, local time."""
    return timezone.make_aware(datetime.datetime(year, 1, 1))


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Return the stories the public may see at ``now``: published, due and not expired."""
        return self.filter(published_condition(now=now))

    def scheduled(self, now=None):
        """Return stories approved for publication whose publish time is still ahead."""
        now = now or timezone.now()
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__gt=now)

    def expired(self, now=None):
        now = now or timezone.now()
        return self.filter(status=self.model.Status.PUBLISHED, expire_at__lte=now)

    def expiring_within(self, delta, now=None):
        """Return live stories that leave the public site within ``delta``."""
        now = now or timezone.now()
        return self.published(now).filter(expire_at__lte=now + delta)

    def next_change(self, now=None):
        """Return the next instant a story goes live or expires on its own (None: no such)."""
        now = now or timezone.now()
        due = self.filter(status=self.model.Status.PUBLISHED)
        instants = [
            due.filter(**{f"{field}__gt": now}).values_list(field, flat=True).order_by(field)[:1]
            for field in ("publish_at", "expire_at")
        ]
        return min((found[0] for found in instants if found), default=None)

    def drafts(self):
        return self.filter(status=self.model.Status.DRAFT)

    def in_review(self):
        return self.filter(status=self.model.Status.REVIEW)

    def in_units(self, unit):
        """Return stories issued by ``unit`` or any unit below it."""
        return self.filter(unit__path__startswith=unit.path)

    def for_listing(self, separate_units=False):
        """Return stories with what a list or card shows, in a constant number of queries.

        ``separate_units``: read the units in a query of their own. Newest-first lists want
        it: with an inner join to the (small) unit table, SQLite starts from the units and
        sorts every story instead of walking the publish index for one page.
        """
        related = ["category", "writer", "featured_photo"]
        if not separate_units:
            return self.select_related("unit", *related).prefetch_related("tags")
        return self.select_related(*related).prefetch_related("unit", "tags")

    def with_comment_counts(self):
        """Annotate ``approved_comment_count`` (in the same query, no query per story).

        A correlated count, not a join with GROUP BY: the database counts for the rows a page
        shows (an index range on the comment thread index each), not for every story matched
        before the LIMIT.
        """
        from .models import Comment

        approved = (
            Comment.objects.filter(article=OuterRef("pk"), status=Comment.Status.APPROVED)
            .order_by()
            .values("article")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(approved_comment_count=Coalesce(Subquery(approved), 0))

    def newest_first(self):
        return self.order_by("-publish_at", "-pk")

    def years(self):
        """Return the years (local time) in which any of these stories was published, newest
        first, in three queries.

        The first and last dates, then one index probe per year in between, in one query:
        grouping every story by its year would truncate each date (slow on a large archive).
        """
        stories = self.order_by()
        ends = [
            stories.order_by(order).values_list("publish_at", flat=True).first()
            for order in ("publish_at", "-publish_at")
        ]
        if None in ends:
            return []
        first, last = (timezone.localtime(end).year for end in ends)
        candidates = list(range(last, first - 1, -1))
        probes = {
            f"y{year}": Exists(
                stories.filter(publish_at__gte=_new_year(year), publish_at__lt=_new_year(year + 1))
            )
            for year in candidates
        }
        found = stories.annotate(**probes).values_list(*probes)[:1][0]
        return [year for year, present in zip(candidates, found, strict=True) if present]


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=self.model.Status.APPROVED)

    def pending(self):
        return self.filter(status=self.model.Status.PENDING)

    def public(self):
        """Return the comments readers may see, on stories readers may see."""
        return self.approved().filter(published_condition("article__"))
