"""Public pages. Views are thin: every query starts from Article.objects.published()."""

import datetime

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import dateformat
from django.utils.decorators import decorator_from_middleware, method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from ..models import Article, Category, Partner, RelatedArticle, Unit, User
from ..querysets import published_condition

# An ETag from the rendered page: a repeat request for an unchanged page answers 304.
conditional_page = decorator_from_middleware(ConditionalGetMiddleware)

HOME_LATEST = 10
HOME_PER_CATEGORY = 4
HOME_RECENT = 1000
RELATED_LIMIT = 5


def attach_comment_counts(stories):
    """Set ``approved_comment_count`` on stories already read, in one query; return them."""
    counts = dict(
        Article.objects.filter(pk__in=[story.pk for story in stories])
        .with_comment_counts()
        .values_list("pk", "approved_comment_count")
    )
    for story in stories:
        story.approved_comment_count = counts.get(story.pk, 0)
    return stories


class PublishedMixin:
    """Start every public query from the one definition of what readers may see."""

    def get_queryset(self):
        return Article.objects.published().for_listing(separate_units=True).newest_first()


@method_decorator(conditional_page, name="dispatch")
class HomeView(PublishedMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Cards on the home page show no tags: skip that prefetch (keep the units').
        stories = self.get_queryset().prefetch_related(None).prefetch_related("unit")
        counted = stories.with_comment_counts()
        featured = counted.filter(is_featured=True).first() or counted.first()
        latest = counted.exclude(pk=getattr(featured, "pk", None))[:HOME_LATEST]
        context["featured"] = featured
        context["latest"] = latest
        context["category_blocks"] = self.category_blocks(stories)
        return context

    def category_blocks(self, stories):
        """Return [(category, [stories…])] with the newest few per category, in two queries.

        The ranking looks at the newest HOME_RECENT stories only: a window over the whole
        archive would sort every story on every uncached visit. A category silent for that
        long has no block on the home page (its own page still lists everything).
        """
        recent = Article.objects.published().newest_first().values("pk")[:HOME_RECENT]
        # Rank ids only: ranking whole rows would carry a thousand bodies through the window.
        ranked = (
            Article.objects.filter(category__isnull=False, pk__in=recent)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("category_id"),
                    order_by=[F("publish_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=HOME_PER_CATEGORY)
            .values("pk")
        )
        by_category = {}
        newest = list(stories.filter(pk__in=ranked))
        attach_comment_counts(newest)  # not inside the ranking: it would count for all
        for story in newest:
            by_category.setdefault(story.category_id, []).append(story)
        return [
            (category, by_category[category.pk])
            for category in Category.objects.filter(pk__in=by_category)
        ]


@method_decorator(conditional_page, name="dispatch")
class ArticleDetailView(PublishedMixin, DetailView):
    """One story; anything not published is simply not found."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("unit", "editor")
            .prefetch_related("partners", "corrections")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The target's own columns decide, on the joined row: no list of every public story.
        links = (
            RelatedArticle.objects.filter(published_condition("target__"), article=self.object)
            .select_related("target__unit")
            # What the block prints (title, link, date in the unit's zone): not five bodies.
            .only("target__title", "target__slug", "target__publish_at", "target__unit__time_zone")
            .order_by("-is_manual", "position", "-score", "pk")[:RELATED_LIMIT]
        )
        context["related"] = [link.target for link in links]
        return context


@method_decorator(conditional_page, name="dispatch")
class ArticleListView(PublishedMixin, ListView):
    """A paginated list of stories narrowed by one thing (category, tag, unit, partner…)."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_PAGE_SIZE
    kind = ""
    heading = ""
    description = ""
    subject = None
    feed_urls = None

    def paginate_queryset(self, queryset, page_size):
        """Paginate, then count the approved comments of the page's stories only.

        Annotated before the slice, PostgreSQL would count comments for every story the
        OFFSET skips (page 400 of a category: 8,000 counts, most of a second).
        """
        paginator, page, stories, is_paginated = super().paginate_queryset(queryset, page_size)
        stories = attach_comment_counts(list(stories))
        page.object_list = stories
        return paginator, page, stories, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            kind=self.kind,
            heading=self.heading,
            description=self.description,
            subject=self.subject,
            feed_urls=self.feed_urls,
        )
        return context

    def subject_feeds(self, name):
        slug = self.kwargs["slug"]
        return {
            "rss": reverse(f"articles:{name}_rss", args=[slug]),
            "atom": reverse(f"articles:{name}_atom", args=[slug]),
        }


class CategoryView(ArticleListView):
    kind = _("Kategori")

    def get_queryset(self):
        self.subject = get_object_or_404(Category, slug=self.kwargs["slug"])
        self.heading = self.subject.name
        self.description = self.subject.description
        self.feed_urls = self.subject_feeds("category")
        return super().get_queryset().filter(category=self.subject)


class TagView(ArticleListView):
    kind = _("Tagar")

    def get_queryset(self):
        # A tag used only on unpublished stories does not exist for readers.
        used = Article.objects.published().filter(tags=OuterRef("pk"))
        self.subject = get_object_or_404(Tag.objects.filter(Exists(used)), slug=self.kwargs["slug"])
        self.heading = f"#{self.subject.name}"
        self.feed_urls = self.subject_feeds("tag")
        return super().get_queryset().filter(tags=self.subject)


class UnitView(ArticleListView):
    kind = _("Satuan kerja")
    template_name = "articles/unit_list.html"

    def get_queryset(self):
        self.subject = get_object_or_404(Unit, slug=self.kwargs["slug"])
        self.heading = self.subject.name
        self.feed_urls = self.subject_feeds("unit")
        return super().get_queryset().in_units(self.subject)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sub_units"] = self.subject.children.order_by("name")
        return context


class PartnerView(ArticleListView):
    kind = _("Mitra")

    def get_queryset(self):
        self.subject = get_object_or_404(Partner, slug=self.kwargs["slug"])
        self.heading = str(self.subject)
        self.feed_urls = self.subject_feeds("partner")
        return super().get_queryset().filter(partners=self.subject)


class WriterView(ArticleListView):
    kind = _("Penulis")

    def get_queryset(self):
        # Only staff with at least one public story have a public page.
        wrote = Article.objects.published().filter(writer=OuterRef("pk"))
        self.subject = get_object_or_404(User.objects.filter(Exists(wrote)), pk=self.kwargs["pk"])
        self.heading = self.subject.get_full_name() or _("Penulis")
        return super().get_queryset().filter(writer=self.subject)


class ArchiveYearView(ArticleListView):
    kind = _("Arsip")
    template_name = "articles/archive_list.html"

    def get_queryset(self):
        year = self.kwargs["year"]
        if not 1900 <= year <= 9999:
            raise Http404
        self.heading = str(year)
        return super().get_queryset().filter(publish_at__year=year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.kwargs["year"]
        context["year"] = year
        context["months"] = (
            Article.objects.published().filter(publish_at__year=year).dates("publish_at", "month")
        )
        context["years"] = Article.objects.published().years()
        return context


class ArchiveMonthView(ArticleListView):
    kind = _("Arsip")
    template_name = "articles/archive_list.html"

    def get_queryset(self):
        year, month = self.kwargs["year"], self.kwargs["month"]
        if not (1900 <= year <= 9999 and 1 <= month <= 12):
            raise Http404
        self.heading = dateformat.format(datetime.date(year, month, 1), "F Y")
        return super().get_queryset().filter(publish_at__year=year, publish_at__month=month)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["year"] = self.kwargs["year"]
        context["years"] = Article.objects.published().years()
        return context
