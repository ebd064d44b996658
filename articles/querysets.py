"""What the public may see: the one definition, used by every public page, feed and count."""

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Return the stories the public may see at ``now``: published, due and not expired."""
        now = now or timezone.now()
        return self.filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=now),
            status=self.model.Status.PUBLISHED,
            publish_at__lte=now,
        )

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

    def for_listing(self):
        """Return stories with what a list or card shows, in a constant number of queries."""
        return self.select_related("unit", "category", "writer", "featured_photo").prefetch_related(
            "tags"
        )

    def with_comment_counts(self):
        """Annotate ``approved_comment_count`` (one aggregate, no query per story)."""
        return self.annotate(
            approved_comment_count=Count("comments", filter=Q(comments__status="approved"))
        )

    def newest_first(self):
        return self.order_by("-publish_at", "-pk")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=self.model.Status.APPROVED)

    def pending(self):
        return self.filter(status=self.model.Status.PENDING)

    def public(self):
        """Return the comments readers may see, on stories readers may see."""
        from .models import Article

        return self.approved().filter(article__in=Article.objects.published())
