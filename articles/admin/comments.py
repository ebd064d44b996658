"""The moderation queue: editors see the comments on their unit tree's stories."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import truncatechars
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _, ngettext, ngettext_lazy

from .. import cache as page_cache, comments as rules
from ..models import Comment, ModerationWord
from ..permissions import UnitScopedAdminMixin


class ReplyForm(forms.Form):
    # Normalised first: text pasted with only invisible characters is empty, not a crash.
    body = rules.NormalizedCharField(
        label=_("Balasan redaksi"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=3000,
        help_text=_("Tampil langsung di bawah komentar ini dengan lencana Redaksi."),
    )


class QueueFilter(admin.SimpleListFilter):
    """Open on the queue (comments waiting for moderation); "Semua" shows everything."""

    title = _("antrean")
    parameter_name = "antrean"
    ALL = "semua"

    def lookups(self, request, model_admin):
        return [(self.ALL, _("Semua")), *Comment.Status.choices]

    def choices(self, changelist):
        options = [(None, Comment.Status.PENDING.label), (self.ALL, _("Semua"))]
        options += [
            (v, label) for v, label in Comment.Status.choices if v != Comment.Status.PENDING
        ]
        for value, label in options:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: value} if value else {}, [self.parameter_name]
                ),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.ALL:
            return queryset
        return queryset.filter(status=value or Comment.Status.PENDING)


class CountOncePaginator(Paginator):
    """Count a long list (a million comments under "Semua") once a minute, not every view."""

    @cached_property
    def count(self):
        return page_cache.cached_count(self.object_list)


@admin.register(Comment)
class CommentAdmin(UnitScopedAdminMixin, admin.ModelAdmin):
    scope_lookup = "article__unit__path"
    list_display = ["excerpt", "name", "article", "status", "staff_badge", "created_at", "reply"]
    # A date filter with fixed choices: a date hierarchy lists the years and months present,
    # a scan of every comment (a million on a large site) on each view of the queue.
    list_filter = [QueueFilter, ("created_at", admin.DateFieldListFilter), "is_staff_reply"]
    search_fields = ["name", "email", "body", "article__title"]
    list_select_related = ["article"]
    # "N komentar" counts the filtered queue only, never the whole table as well.
    show_full_result_count = False
    paginator = CountOncePaginator
    ordering = ["-created_at", "-pk"]
    actions = ["approve", "mark_spam", "remove", "export_commenter_data", "erase_commenter_data"]
    fields = [
        "article",
        "parent",
        "name",
        "email",
        "body",
        "status",
        "is_staff_reply",
        "author_user",
        "created_at",
        "ip_hash",
        "user_agent",
        "moderated_by",
        "moderated_at",
    ]
    readonly_fields = [f for f in fields if f != "status"]

    def has_add_permission(self, request):
        # Comments come from readers or from "Balas sebagai redaksi", never from a blank form.
        return False

    @admin.display(description=_("komentar"))
    def excerpt(self, obj):
        return truncatechars(obj.body, 80) or _("(kosong)")

    @admin.display(description=_("redaksi"), boolean=True)
    def staff_badge(self, obj):
        return obj.is_staff_reply

    @admin.display(description=_("balas"))
    def reply(self, obj):
        if obj.status != Comment.Status.APPROVED:
            return ""
        url = reverse("admin:articles_comment_reply", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Balas sebagai redaksi"))

    def save_model(self, request, obj, form, change):
        # Status changes go through the one moderation function (audit, cache signal).
        if change and "status" in form.changed_data:
            status = obj.status
            obj.status = form.initial["status"]
            rules.moderate([obj], status, request.user)
            obj.refresh_from_db()
        elif not change:
            super().save_model(request, obj, form, change)

    def _moderate(self, request, queryset, status, message):
        count = rules.moderate(list(queryset), status, request.user)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Setujui komentar terpilih"), permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.APPROVED,
            ngettext_lazy(
                "%(count)d komentar disetujui.", "%(count)d komentar disetujui.", "count"
            ),
        )

    @admin.action(description=_("Tandai spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.SPAM,
            ngettext_lazy(
                "%(count)d komentar ditandai spam.", "%(count)d komentar ditandai spam.", "count"
            ),
        )

    @admin.action(description=_("Hapus dari tampilan publik"), permissions=["change"])
    def remove(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Comment.Status.REMOVED,
            ngettext_lazy("%(count)d komentar dihapus.", "%(count)d komentar dihapus.", "count"),
        )

    def _commenter_emails(self, queryset):
        return sorted(
            {e.casefold() for e in queryset.exclude(email="").values_list("email", flat=True)}
        )

    @admin.action(description=_("Ekspor data komentator (PDP)"), permissions=["change"])
    def export_commenter_data(self, request, queryset):
        scoped = self.get_queryset(request)
        exports = [
            rules.export_commenter(email, rules.commenter_comments(email) & scoped)
            for email in self._commenter_emails(queryset)
        ]
        response = HttpResponse(
            json.dumps(exports, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="data-komentator.json"'
        return response

    @admin.action(description=_("Hapus data komentator (PDP)"), permissions=["change"])
    def erase_commenter_data(self, request, queryset):
        emails = self._commenter_emails(queryset)
        scoped = self.get_queryset(request)
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Hapus data komentator"),
                "emails": emails,
                "queryset": queryset,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return render(request, "articles/comments/admin_erase_confirm.html", context)
        erased = sum(
            rules.erase_commenter(email, request.user, rules.commenter_comments(email) & scoped)
            for email in emails
        )
        self.message_user(
            request,
            ngettext(
                "Data %(count)d komentar dihapus; kerangka utas dipertahankan.",
                "Data %(count)d komentar dihapus; kerangka utas dipertahankan.",
                erased,
            )
            % {"count": erased},
            messages.SUCCESS,
        )
        return None

    def get_urls(self):
        reply = self.admin_site.admin_view(self.reply_view)
        return [
            path("<int:pk>/balas/", reply, name="articles_comment_reply"),
            *super().get_urls(),
        ]

    def reply_view(self, request, pk):
        """Answer one comment as the desk."""
        comment = get_object_or_404(
            self.get_queryset(request).select_related("article"),
            pk=pk,
            status=Comment.Status.APPROVED,
        )
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            rules.reply_as_desk(comment, request.user, form.cleaned_data["body"])
            self.message_user(request, _("Balasan redaksi diterbitkan."), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:articles_comment_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Balas sebagai redaksi"),
            "comment": comment,
            "form": form,
            "opts": self.model._meta,
        }
        return render(request, "articles/comments/admin_reply.html", context)


@admin.register(ModerationWord)
class ModerationWordAdmin(admin.ModelAdmin):
    list_display = ["phrase", "action", "created_at"]
    list_filter = ["action"]
    search_fields = ["phrase"]
