"""RSS 2.0 and Atom feeds: the whole site, and per category, tag, unit and partner."""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from .models import Article, Category, Partner, Unit
from .sanitize import strip_control_characters
from .templatetags.newsroom import absolute

FEED_SIZE = 20


def _xml_safe(value):
    """``value`` without the control characters XML 1.0 refuses (strings and lists of them)."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(item) for item in value)
    return value


class StoryFeed(Feed):
    """The newest public stories; subclasses narrow them to one subject."""

    feed_type = Rss201rev2Feed

    def title(self, obj=None):
        return f"{settings.SITE_NAME} · {obj}" if obj else settings.SITE_NAME

    def description(self, obj=None):
        return _("Siaran pers terbaru dari satuan kerja Polri dan mitranya.")

    subtitle = description

    def link(self, obj=None):
        return absolute(obj.get_absolute_url() if obj else reverse("articles:home"))

    def narrow(self, stories, obj):
        return stories

    def get_feed(self, obj, request):
        # Django's feed writer refuses control characters (a 500). The desk strips them on
        # the way in; a story stored before that, or imported, still reaches readers cleanly.
        feed = super().get_feed(obj, request)
        feed.feed = {key: _xml_safe(value) for key, value in feed.feed.items()}
        feed.items = [{key: _xml_safe(value) for key, value in item.items()} for item in feed.items]
        return feed

    def items(self, obj=None):
        stories = Article.objects.published().for_listing(separate_units=True).newest_first()
        return self.narrow(stories, obj)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers render descriptions as HTML; the lead is plain text, so escape it.
        return escape(item.lead)

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.publish_at, item.updated_at)

    def item_author_name(self, item):
        return (item.writer and item.writer.get_full_name()) or item.unit.name

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item):
        """Attach the featured photo with its real length and type, read from the stored file."""
        photo = item.featured_photo
        if not photo or not photo.file:
            return []
        try:
            length = photo.file.size
        except OSError:  # the file went missing: better no enclosure than a wrong one
            return []
        mime_type = mimetypes.guess_type(photo.file.name)[0] or "image/jpeg"
        return [Enclosure(absolute(photo.file.url), str(length), mime_type)]


class AtomMixin:
    feed_type = Atom1Feed


class SubjectFeed(StoryFeed):
    model = None
    lookup = "slug"

    def get_object(self, request, slug):
        return get_object_or_404(self.model, **{self.lookup: slug})


class CategoryFeed(SubjectFeed):
    model = Category

    def narrow(self, stories, obj):
        return stories.filter(category=obj)


class TagFeed(SubjectFeed):
    model = Tag

    def get_object(self, request, slug):
        used = Article.objects.published().filter(tags=OuterRef("pk"))
        return get_object_or_404(Tag.objects.filter(Exists(used)), slug=slug)

    def link(self, obj=None):
        return absolute(reverse("articles:tag", args=[obj.slug]))

    def narrow(self, stories, obj):
        return stories.filter(tags=obj)


class UnitFeed(SubjectFeed):
    model = Unit

    def narrow(self, stories, obj):
        return stories.in_units(obj)


class PartnerFeed(SubjectFeed):
    model = Partner

    def narrow(self, stories, obj):
        return stories.filter(partners=obj)


class StoryAtomFeed(AtomMixin, StoryFeed):
    pass


class CategoryAtomFeed(AtomMixin, CategoryFeed):
    pass


class TagAtomFeed(AtomMixin, TagFeed):
    pass


class UnitAtomFeed(AtomMixin, UnitFeed):
    pass


class PartnerAtomFeed(AtomMixin, PartnerFeed):
    pass
