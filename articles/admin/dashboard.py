"""The desk's dashboard on the admin index: what waits for whom, in the user's unit tree.

Every panel costs two queries (a count and its first rows) however many stories there are;
for an editor the review panel's count also counts, and its rows mark, the stories whose chain
of command stops at the editor's own unit ("untuk Anda").
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import BooleanField, Count, ExpressionWrapper
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _, ngettext

from .. import permissions as perms
from ..models import Article, Comment
from .stories import EXPIRING_SOON

ROWS = 5
RECENT_DAYS = 7

# Query strings of the filtered changelists behind "lihat semua": the status filter of
# admin/stories.py (scheduled, live and expiring are states of time, not stored statuses).
CHANGELIST_FILTERS = {
    "drafts": {"status": "draft"},
    "review": {"status": "review"},
    "scheduled": {"status": "scheduled"},
    "expiring": {"status": "expiring"},
    "recent": {"status": "live"},
}
WRITER_FILTER = "writer__id__exact"


@dataclass
class Row:
    label: str
    url: str | None
    note: str = ""
    for_you: bool = False


@dataclass
class Panel:
    key: str
    title: str
    count: int
    more_url: str | None
    empty: str
    rows: list = field(default_factory=list)
    for_you_count: int | None = None


def local_time(instant, unit):
    """Format ``instant`` in the issuing unit's own time zone, with WIB/WITA/WIT."""
    if instant is None:
        return ""
    local = timezone.localtime(instant, zoneinfo.ZoneInfo(unit.time_zone))
    return f"{date_format(local, 'j M Y H:i')} {unit.tz_abbreviation}"


class Dashboard:
    """Build the panels for one request; ``site`` decides which change forms can be linked."""

    def __init__(self, request, site, now=None):
        self.request = request
        self.user = request.user
        self.site = site
        self.now = now or timezone.now()
        self.stories = perms.scope_queryset(
            Article.objects.select_related("unit", "writer"), self.user
        )
        self.can_open_stories = site.is_registered(Article)

    # -- links ----------------------------------------------------------------------------
    def story_url(self, article):
        if not self.can_open_stories:
            return None
        return reverse(f"{self.site.name}:articles_article_change", args=[article.pk])

    def changelist_url(self, key, **extra):
        if not self.can_open_stories:
            return None
        query = {**CHANGELIST_FILTERS[key], **extra}
        url = reverse(f"{self.site.name}:articles_article_changelist")
        return f"{url}?{urlencode(query)}" if query else url

    # -- panels ---------------------------------------------------------------------------
    def story_panel(self, key, title, empty, queryset, note, more_url=None, count=None):
        rows = [
            Row(
                label=article.title,
                url=self.story_url(article),
                note=note(article),
                for_you=getattr(article, "for_you", False),
            )
            for article in queryset[:ROWS]
        ]
        return Panel(
            key=key,
            title=title,
            count=queryset.count() if count is None else count,
            more_url=more_url or self.changelist_url(key),
            empty=empty,
            rows=rows,
        )

    def my_drafts(self):
        drafts = self.stories.drafts().filter(writer=self.user).order_by("-updated_at", "-pk")
        return self.story_panel(
            "drafts",
            _("Draf saya"),
            _("Tidak ada draf."),
            drafts,
            lambda a: (
                _("%(unit)s · diubah %(time)s")
                % {
                    "unit": a.unit.short_name or a.unit.name,
                    "time": local_time(a.updated_at, a.unit),
                }
            ),
            more_url=self.changelist_url("drafts", **{WRITER_FILTER: self.user.pk}),
        )

    def waiting_for_review(self):
        """Editors: the stories their unit (or one below it) reviews; writers: their own."""
        waiting = self.stories.in_review().order_by("updated_at", "pk")
        editor = perms.is_editor(self.user)
        count = for_you_count = None
        if not editor:
            waiting = waiting.filter(writer=self.user)
        elif self.user.unit_id and not self.user.is_superuser:
            # "untuk Anda": the chain of command stops at the user's own unit.
            mine = perms.first_in_line(self.user.unit)
            totals = waiting.aggregate(total=Count("pk"), mine=Count("pk", filter=mine))
            count, for_you_count = totals["total"], totals["mine"]
            waiting = waiting.annotate(for_you=ExpressionWrapper(mine, output_field=BooleanField()))
        panel = self.story_panel(
            "review",
            _("Menunggu tinjauan"),
            _("Tidak ada berita yang menunggu tinjauan."),
            waiting,
            lambda a: (
                _("%(unit)s · oleh %(writer)s · diajukan %(time)s")
                % {
                    "unit": a.unit.short_name or a.unit.name,
                    "writer": a.writer or "—",
                    "time": local_time(a.updated_at, a.unit),
                }
            ),
            more_url=None
            if editor
            else self.changelist_url("review", **{WRITER_FILTER: self.user.pk}),
            count=count,
        )
        panel.for_you_count = for_you_count
        return panel

    def scheduled(self):
        return self.story_panel(
            "scheduled",
            _("Terjadwal"),
            _("Tidak ada berita terjadwal."),
            self.stories.scheduled(self.now).order_by("publish_at", "pk"),
            lambda a: (
                _("%(unit)s · terbit %(time)s")
                % {
                    "unit": a.unit.short_name or a.unit.name,
                    "time": local_time(a.publish_at, a.unit),
                }
            ),
        )

    def expiring(self):
        hours = int(EXPIRING_SOON.total_seconds() // 3600)
        return self.story_panel(
            "expiring",
            ngettext(
                "Segera kedaluwarsa (%(count)d jam)", "Segera kedaluwarsa (%(count)d jam)", hours
            )
            % {"count": hours},
            ngettext(
                "Tidak ada berita yang akan kedaluwarsa dalam %(count)d jam.",
                "Tidak ada berita yang akan kedaluwarsa dalam %(count)d jam.",
                hours,
            )
            % {"count": hours},
            self.stories.expiring_within(EXPIRING_SOON, self.now).order_by("expire_at", "pk"),
            lambda a: (
                _("%(unit)s · turun %(time)s")
                % {
                    "unit": a.unit.short_name or a.unit.name,
                    "time": local_time(a.expire_at, a.unit),
                }
            ),
        )

    def recently_published(self):
        # Whole local days, as the changelist's "7 hari terakhir" date filter counts them.
        today = timezone.localtime(self.now).replace(hour=0, minute=0, second=0, microsecond=0)
        since = today - datetime.timedelta(days=RECENT_DAYS)
        until = today + datetime.timedelta(days=1)
        return self.story_panel(
            "recent",
            ngettext("Baru terbit (%(count)d hari)", "Baru terbit (%(count)d hari)", RECENT_DAYS)
            % {"count": RECENT_DAYS},
            _("Belum ada berita terbit minggu ini."),
            self.stories.published(self.now).filter(publish_at__gte=since).newest_first(),
            lambda a: (
                _("%(unit)s · terbit %(time)s")
                % {
                    "unit": a.unit.short_name or a.unit.name,
                    "time": local_time(a.publish_at, a.unit),
                }
            ),
            more_url=self.changelist_url(
                "recent", publish_at__gte=str(since), publish_at__lt=str(until)
            ),
        )

    def pending_comments(self):
        pending = perms.scope_queryset(
            Comment.objects.pending().select_related("article"), self.user, "article__unit__path"
        ).order_by("-created_at", "-pk")
        linked = self.site.is_registered(Comment)
        rows = [
            Row(
                label=f"{comment.name}: {truncatechars(comment.body, 80)}",
                url=reverse(f"{self.site.name}:articles_comment_change", args=[comment.pk])
                if linked
                else None,
                note=comment.article.title,
            )
            for comment in pending[:ROWS]
        ]
        return Panel(
            key="comments",
            title=_("Komentar menunggu moderasi"),
            count=pending.count(),
            more_url=reverse(f"{self.site.name}:articles_comment_changelist") if linked else None,
            empty=_("Tidak ada komentar yang menunggu."),
            rows=rows,
        )

    def panels(self):
        if not self.user.has_perm("articles.view_article"):
            return []
        panels = [self.my_drafts(), self.waiting_for_review(), self.scheduled()]
        panels += [self.expiring(), self.recently_published()]
        if perms.is_editor(self.user) and self.user.has_perm("articles.view_comment"):
            panels.append(self.pending_comments())
        return panels

    def links(self):
        """Account security and staff pages the user may open."""
        links = [(_("Verifikasi dua langkah"), reverse("security:otp_enrol"))]
        if perms.can(self.user, perms.MANAGE_STAFF):
            links.append((_("Buka kunci login"), reverse("security:unlock")))
            links.append((_("Kelola staf"), reverse(f"{self.site.name}:articles_user_changelist")))
        if self.user.has_perm("articles.view_auditentry"):
            links.append(
                (_("Jejak audit"), reverse(f"{self.site.name}:articles_auditentry_changelist"))
            )
        return links


def dashboard_for(request, site):
    dashboard = Dashboard(request, site)
    return {"panels": dashboard.panels(), "links": dashboard.links()}
