"""The story desk: the change form, the changelist, the edit-conflict guard and presence.

Every rule comes from ``permissions`` and every save goes through ``publishing``; this module
only decides what the desk sees. Status never appears as a form field: it moves through the
workflow actions alone.
"""

import datetime
import time

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy as _, ngettext
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from .. import permissions as perms, publishing, search
from ..diffs import diff_contents
from ..models import Article, AuditEntry, Photo, RelatedArticle, Revision, User
from ..permissions import UnitScopedAdminMixin, scope_queryset, units_in_scope
from ..sanitize import clean_body_html, strip_control_characters
from .media import PhotoInline
from .workflow import WorkflowAdminMixin

# What search engines show of a description; the lead's counter warns past this.
LEAD_TARGET_LENGTH = 160
# Stories that leave the public site within this window are "expiring soon".
EXPIRING_SOON = datetime.timedelta(hours=48)

# The editor offers exactly what ``sanitize.clean_body_html`` keeps: paragraphs, h2–h4, bold,
# italic, links, bullet and numbered lists, block quotes. The server cleans again regardless.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
}


# ---------------------------------------------------------------------------
# Who has a story open (presence)
# ---------------------------------------------------------------------------
# The form pings every PRESENCE_PING_SECONDS; an editor who closed the tab drops out after
# PRESENCE_TTL_SECONDS. The cache (local memory or Redis) holds it: nothing to clean up.
PRESENCE_PING_SECONDS = 30
PRESENCE_TTL_SECONDS = 75


def _presence_key(article_pk):
    return f"admin-presence:article:{article_pk}"


def _display_name(user):
    return user.get_full_name() or user.get_username()


def mark_present(article_pk, user):
    """Record that ``user`` has the story open now and return who else has it open."""
    key = _presence_key(article_pk)
    now = time.time()
    present = {
        pk: entry
        for pk, entry in (cache.get(key) or {}).items()
        if entry["until"] > now and pk != user.pk
    }
    others = sorted(entry["name"] for entry in present.values())
    present[user.pk] = {"name": _display_name(user), "until": now + PRESENCE_TTL_SECONDS}
    cache.set(key, present, PRESENCE_TTL_SECONDS)
    return others


def mark_absent(article_pk, user):
    """Forget ``user`` on this story (the form was closed)."""
    key = _presence_key(article_pk)
    present = cache.get(key) or {}
    if present.pop(user.pk, None) is not None:
        cache.set(key, present, PRESENCE_TTL_SECONDS)


# ---------------------------------------------------------------------------
# The form
# ---------------------------------------------------------------------------
def keep_current_choice(form, name, current_pk):
    """Keep the stored value of picker ``name`` selectable, even outside the user's tree.

    An editor higher up may have picked a photo or story the staff member below cannot see;
    left out of the choices, the picker shows nothing and their next save drops it (or refuses
    a required field). Only that one stored value is added: nothing else out of scope.
    """
    field = form.fields.get(name)
    if current_pk is None or field is None:
        return
    field.queryset = field.queryset | field.queryset.model._default_manager.filter(pk=current_pk)


class ArticleForm(forms.ModelForm):
    """The story form; carries the version it was opened at so a stale save is refused."""

    body = ProseEditorFormField(
        label=_("Isi"),
        required=False,
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        sanitize=clean_body_html,
        widget=AdminProseEditorWidget,
    )
    source_url = forms.URLField(
        label=_("Tautan sumber"), max_length=500, required=False, assume_scheme="https"
    )
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    change_summary = forms.CharField(
        label=_("Keterangan perubahan"),
        max_length=200,
        required=False,
        help_text=_("Opsional: tercatat di riwayat revisi, mis. “Perbaiki kutipan Kapolres”."),
    )

    class Meta:
        model = Article
        # Never status (workflow actions move it) nor editor (credited on publishing).
        fields = [
            "title",
            "slug",
            "dateline",
            "lead",
            "body",
            "unit",
            "category",
            "tags",
            "partners",
            "featured_photo",
            "writer",
            "byline",
            "photographer",
            "source_name",
            "source_url",
            "publish_at",
            "expire_at",
            "event_date",
            "is_featured",
            "allow_comments",
        ]
        widgets = {
            "lead": forms.Textarea(
                attrs={
                    "rows": 3,
                    "data-counter-target": LEAD_TARGET_LENGTH,
                    "class": "vLargeTextField",
                }
            ),
        }

    # Set by the admin: what went wrong when the story moved on since it was opened.
    conflict = None
    # Set by the admin on the add form: the staff member starting the story.
    new_story_writer = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and self.new_story_writer is not None:
            self.instance.writer = self.instance.writer or self.new_story_writer
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version
            keep_current_choice(self, "featured_photo", self.instance.featured_photo_id)
        if "lead" in self.fields:
            # The counter picks the "one" text for a single character, the other for the rest.
            attrs = self.fields["lead"].widget.attrs
            for key, n in (("data-counter-template-one", 1), ("data-counter-template", 2)):
                attrs[key] = ngettext(
                    "{count} karakter; mesin pencari menampilkan ±{max}",
                    "{count} karakter; mesin pencari menampilkan ±{max}",
                    n,
                )
        if "unit" in self.fields:
            self.fields["unit"].error_messages["invalid_choice"] = _(
                "Satuan ini berada di luar lingkup satuan Anda."
            )

    def clean(self):
        cleaned = super().clean()
        self._strip_control_characters()
        self._check_version()
        publish_at = cleaned.get("publish_at", self.instance.publish_at)
        expire_at = cleaned.get("expire_at", self.instance.expire_at)
        if self.instance.status == Article.Status.PUBLISHED and not publish_at:
            self.add_error(
                "publish_at" if "publish_at" in self.fields else None,
                _("Berita terbit harus punya waktu terbit."),
            )
        if expire_at and publish_at and expire_at <= publish_at:
            self.add_error(
                "expire_at" if "expire_at" in self.fields else None,
                _("Waktu kedaluwarsa harus sesudah waktu terbit."),
            )
        return cleaned

    def _strip_control_characters(self):
        """Drop invisible control characters (a paste from a PDF or Word, say) from the text.

        Feeds and sitemaps are XML, which cannot carry them; the desk sees the clean text.
        """
        for name, value in list(self.cleaned_data.items()):
            field = self.fields.get(name)
            if isinstance(value, str):
                cleaned = strip_control_characters(value)
                if getattr(field, "strip", False):
                    cleaned = cleaned.strip()
            elif isinstance(value, list) and all(isinstance(item, str) for item in value):
                cleaned = [strip_control_characters(item).strip() for item in value]
                cleaned = [item for item in cleaned if item]
            else:
                continue
            if cleaned == value:
                continue
            self.cleaned_data[name] = cleaned
            if not cleaned and field is not None and field.required:
                self.add_error(name, field.error_messages["required"])

    def _check_version(self):
        """Refuse the save when someone saved the story after this form was opened.

        The row stays locked until the admin's transaction ends, so nobody can slip a save in
        between this check and ours (``save_story`` checks again under the same lock).
        """
        if not self.instance.pk:
            return
        opened = self.cleaned_data.get("opened_version")
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values("version", "updated_at")
            .first()
        )
        if current is None:
            raise ValidationError(_("Berita ini sudah tidak ada."))
        if opened is None:
            raise ValidationError(_("Formulir ini tidak lengkap; muat ulang halaman berita."))
        if current["version"] == opened:
            return
        revision = (
            Revision.objects.filter(article_id=self.instance.pk, version=current["version"])
            .select_related("author")
            .first()
        )
        author = revision.author if revision is not None else None
        saved_at = revision.created_at if revision is not None else current["updated_at"]
        before = (
            Revision.objects.filter(article_id=self.instance.pk, version=opened)
            .values_list("content", flat=True)
            .first()
        )
        if revision is not None:
            after = revision.content
        else:  # saved without a revision (a bulk fix, an old import): compare what is stored
            after = publishing.snapshot(Article.objects.get(pk=self.instance.pk))
        self.conflict = {
            "opened": opened,
            "current": current["version"],
            "author": _display_name(author) if author else gettext("sistem"),
            "saved_at": saved_at,
            "diff": diff_contents(before, after) if before and after else [],
        }
        # Re-shown, the form carries the current version: saving again is a deliberate choice
        # made after reading what the other editor changed.
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_version")] = current["version"]
        raise ValidationError(
            _(
                "Berita ini sudah disimpan oleh %(author)s pada %(when)s (versi %(current)s) "
                "setelah Anda membukanya (versi %(opened)s). Perubahan Anda BELUM disimpan dan "
                "tidak ada yang tertimpa. Periksa perbedaannya di bawah; bila Anda menyimpan "
                "lagi, isi formulir ini menggantikan versi %(current)s."
            ),
            code="edit_conflict",
            params={
                "author": self.conflict["author"],
                "when": date_format(timezone.localtime(saved_at), "j F Y H:i"),
                "current": current["version"],
                "opened": opened,
            },
        )


class RelatedPickForm(forms.ModelForm):
    class Meta:
        model = RelatedArticle
        fields = ["target", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            keep_current_choice(self, "target", self.instance.target_id)

    def _post_clean(self):
        # Picking a story the computed "Baca juga" already links takes that row over (one
        # row per pair), rather than tripping over the unique pair.
        target = self.cleaned_data.get("target")
        if self.instance._state.adding and target is not None and self.instance.article_id:
            computed = (
                RelatedArticle.objects.filter(
                    article_id=self.instance.article_id, target=target, is_manual=False
                )
                .values_list("pk", flat=True)
                .first()
            )
            if computed:
                self.instance.pk = computed
                self.instance._state.adding = False
        super()._post_clean()


class RelatedArticleInline(admin.TabularInline):
    """Manual "Baca juga" picks, in order; the picker finds only stories in the user's tree."""

    model = RelatedArticle
    form = RelatedPickForm
    fk_name = "article"
    fields = ["target", "position"]
    autocomplete_fields = ["target"]
    extra = 0
    verbose_name = _("baca juga (pilihan redaksi)")
    verbose_name_plural = _("baca juga (pilihan redaksi)")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(is_manual=True).select_related("target")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "target":
            kwargs["queryset"] = scope_queryset(Article.objects.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# ---------------------------------------------------------------------------
# Changelist filters
# ---------------------------------------------------------------------------
class StatusFilter(admin.SimpleListFilter):
    """Status as the desk thinks of it: scheduled and expired are not stored states."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draf")),
            ("review", _("Menunggu tinjauan")),
            ("scheduled", _("Terjadwal")),
            ("live", _("Tayang")),
            ("expiring", _("Segera kedaluwarsa")),
            ("expired", _("Kedaluwarsa")),
            ("archived", _("Diarsipkan")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        now = timezone.now()
        if value in ("draft", "review", "archived"):
            return queryset.filter(status=value)
        if value == "scheduled":
            return queryset.scheduled(now)
        if value == "live":
            return queryset.published(now)
        if value == "expiring":
            return queryset.expiring_within(EXPIRING_SOON, now)
        if value == "expired":
            return queryset.expired(now)
        return queryset


class ScopedUnitFilter(admin.RelatedFieldListFilter):
    """Offer only the units in the user's tree."""

    def field_choices(self, field, request, model_admin):
        return [(unit.pk, str(unit)) for unit in units_in_scope(request.user)]


class ScopedWriterFilter(admin.RelatedFieldListFilter):
    """Offer only the staff of the user's tree."""

    def field_choices(self, field, request, model_admin):
        staff = scope_queryset(User.objects.filter(is_staff=True), request.user)
        return [(user.pk, _display_name(user)) for user in staff.order_by("first_name", "username")]


# ---------------------------------------------------------------------------
# The admin
# ---------------------------------------------------------------------------
class ArticleChangeList(ChangeList):
    """The story changelist, with each page's units read in one query of their own."""

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).prefetch_related("unit")


@admin.register(Article)
class ArticleAdmin(WorkflowAdminMixin, UnitScopedAdminMixin, admin.ModelAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    list_display = [
        "title",
        "unit",
        "category",
        "writer_name",
        "status_badge",
        "publish_at",
        "updated_at",
    ]
    list_display_links = ["title"]
    # The unit is read apart (ArticleChangeList): joined, SQLite starts from the small unit
    # table and sorts the whole archive instead of walking the updated_at index for one page.
    list_select_related = ["category", "writer"]
    list_filter = [
        StatusFilter,
        ("unit", ScopedUnitFilter),
        "category",
        ("writer", ScopedWriterFilter),
        "partners",
        ("publish_at", admin.DateFieldListFilter),
        ("updated_at", admin.DateFieldListFilter),
    ]
    # Used by the related-story picker's check; the search itself is ``admin_search``.
    search_fields = ["title", "lead", "slug"]
    search_help_text = _("Cari judul, ringkasan, isi, tagar atau mitra.")
    # Rendered by desk_dates.story_date_hierarchy (see the changelist template): the same
    # links as Django's, found by range probes instead of truncating every story's date.
    date_hierarchy = "publish_at"
    # No count of the whole (100k-story) archive beside every filtered count.
    show_full_result_count = False
    # Facet counts are one aggregate per filter choice over the whole archive; the dashboard
    # shows the counts the desk needs.
    show_facets = admin.ShowFacets.NEVER
    ordering = ["-updated_at", "-pk"]
    list_per_page = 50
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["featured_photo", "partners"]
    inlines = [PhotoInline, RelatedArticleInline]
    readonly_fields = ["editor_credit", "writer_credit", "reading_time", "body_html"]
    fieldsets = [
        (
            _("Berita"),
            {
                "fields": [
                    "title",
                    "slug",
                    "dateline",
                    "lead",
                    "body",
                    "reading_time",
                    "unit",
                    "category",
                    "tags",
                    "partners",
                    "featured_photo",
                ]
            },
        ),
        (
            _("Kredit"),
            {
                "fields": [
                    "writer",
                    "editor",
                    "byline",
                    "photographer",
                    "source_name",
                    "source_url",
                ]
            },
        ),
        (
            _("Jadwal"),
            {
                "fields": [
                    "publish_at",
                    "expire_at",
                    "event_date",
                    "is_featured",
                    "allow_comments",
                ],
                "description": _(
                    "Menerbitkan dan menjadwalkan dilakukan lewat tombol alur kerja; "
                    "waktu kedaluwarsa menurunkan berita dari situs publik dengan sendirinya."
                ),
            },
        ),
        (_("Revisi"), {"fields": ["change_summary", "opened_version"]}),
    ]

    class Media:
        css = {"all": ["admin/css/article-admin.css"]}
        js = ["admin/js/article-form.js"]

    # -- columns ---------------------------------------------------------------------------
    @admin.display(description=_("penulis"), ordering="writer__first_name")
    def writer_name(self, obj):
        return _display_name(obj.writer) if obj.writer else "—"

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        key, label = self.workflow_status_key(obj), self.workflow_status_label(obj)
        return format_html('<span class="status-badge status-badge--{}">{}</span>', key, label)

    @admin.display(description=_("panjang"))
    def reading_time(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        words, minutes = obj.word_count, obj.reading_minutes
        return "{} · {}".format(
            ngettext("%(count)d kata", "%(count)d kata", words) % {"count": words},
            ngettext("±%(count)d menit baca", "±%(count)d menit baca", minutes)
            % {"count": minutes},
        )

    @admin.display(description=_("penulis"))
    def writer_credit(self, obj):
        return _display_name(obj.writer) if obj and obj.writer else "—"

    @admin.display(description=_("redaktur"))
    def editor_credit(self, obj):
        if obj and obj.editor:
            return _display_name(obj.editor)
        return gettext("— (diisi saat redaktur menerbitkan)")

    @admin.display(description=_("isi"))
    def body_html(self, obj):
        # Sanitized on every save; cleaned again here so a read-only view can never run script.
        return mark_safe(clean_body_html(obj.body)) if obj else ""

    # -- who may do what ---------------------------------------------------------------------
    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or perms.can(request.user, perms.VIEW, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or perms.can(request.user, perms.WRITE, obj))

    def has_add_permission(self, request):
        return super().has_add_permission(request) and perms.can(request.user, perms.WRITE)

    def has_delete_permission(self, request, obj=None):
        # Stories are taken down (archived), never deleted, except by a superuser.
        return perms.can(request.user, perms.DELETE, obj)

    # -- what the form offers ------------------------------------------------------------------
    def get_fieldsets(self, request, obj=None):
        editable = obj is None or self.has_change_permission(request, obj)
        # Credits shown read-only as names (a link to the staff admin would mostly be a 403).
        shown_as = {"editor": "editor_credit"}
        if not editable or not perms.is_editor(request.user):
            shown_as["writer"] = "writer_credit"
        if not editable:
            # Read only: the body as the reader sees it.
            shown_as["body"] = "body_html"
        return [
            (name, {**opts, "fields": [shown_as.get(f, f) for f in opts["fields"]]})
            for name, opts in super().get_fieldsets(request, obj)
            if editable or "opened_version" not in opts["fields"]
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not perms.is_editor(request.user):
            # Timing is scheduling, and crediting someone else is the editors' call.
            readonly += ["publish_at", "expire_at"]
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = units_in_scope(request.user)
        elif db_field.name == "writer":
            kwargs["queryset"] = scope_queryset(
                User.objects.filter(is_staff=True), request.user
            ).order_by("first_name", "username")
        elif db_field.name == "featured_photo":
            photo_admin = self.admin_site._registry.get(Photo)
            if photo_admin is not None:
                kwargs["queryset"] = photo_admin.get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        user = request.user
        if user.unit_id and "unit" not in initial:
            initial["unit"] = user.unit_id
        initial.setdefault("writer", user.pk)
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            # A new story is credited to whoever starts it; a writer sees their own name in
            # the read-only credit (an editor may pick someone else from the list).
            return type(form.__name__, (form,), {"new_story_writer": request.user})
        return form

    # -- search (changelist and every picker that lists stories) ------------------------------
    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        found = search.admin_search(queryset, search_term)
        # A slug or an ID pasted from an address finds its story too. Only ASCII digits make
        # an ID: "²" or "٣" count as digits to Python but int() refuses them.
        term = search_term.strip()
        direct = Q(slug=term)
        if term.isascii() and term.isdecimal():
            direct |= Q(pk=int(term))
        return found | queryset.filter(direct), False

    # -- saving ------------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        expected = form.cleaned_data.get("opened_version") if change else None
        publishing.save_story(obj, request.user, expected_version=expected, record=False)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        summary = form.cleaned_data.get("change_summary") or (
            gettext("Diubah") if change else gettext("Dibuat")
        )
        # Recorded after tags, partners and picks are saved, so the revision holds them.
        publishing.record_revision(article, request.user, summary)
        timing = {"publish_at", "expire_at"} & set(form.changed_data)
        if change and timing and article.status == Article.Status.PUBLISHED:
            publishing.log(
                AuditEntry.Action.SCHEDULE,
                request.user,
                article=article,
                detail=gettext("Waktu terbit/kedaluwarsa diubah di formulir"),
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is RelatedArticle:
            picks = formset.save(commit=False)
            for pick in picks:
                pick.is_manual = True
                pick.save()
            for gone in formset.deleted_objects:
                gone.delete()
            return
        super().save_formset(request, form, formset, change)

    def response_change(self, request, obj):
        # Saved and leaving the form (or coming straight back, which marks them again).
        mark_absent(obj.pk, request.user)
        return super().response_change(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        extra_context["lead_target_length"] = LEAD_TARGET_LENGTH
        if object_id is not None:
            article = self.get_object(request, object_id)
            if article is not None and self.has_view_or_change_permission(request, article):
                extra_context.update(self._change_context(request, article))
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except publishing.EditConflict:
            # Only a save racing past the form's own locked check lands here; the transaction
            # was rolled back, so nothing was written.
            messages.error(
                request,
                gettext("Berita ini baru saja diubah orang lain; buka lagi dan ulangi perubahan."),
            )
            return HttpResponseRedirect(request.get_full_path())

    def _change_context(self, request, article):
        context = {
            "presence_others": mark_present(article.pk, request.user),
            "presence_url": reverse("admin:articles_article_presence", args=[article.pk]),
            "presence_ping_seconds": PRESENCE_PING_SECONDS,
        }
        context.update(self.workflow_panel_context(request, article))
        return context

    # -- extra views -------------------------------------------------------------------------
    def get_urls(self):
        urls = super().get_urls()
        mine = [
            path(
                "<int:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name="articles_article_presence",
            ),
        ]
        return mine + urls

    def presence_view(self, request, object_id):
        """Heartbeat from an open change form: answer who else has the story open."""
        return _presence(self, request, object_id)


def _presence(model_admin, request, object_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = get_object_or_404(model_admin.get_queryset(request), pk=object_id)
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied
    if request.POST.get("leave"):
        mark_absent(article.pk, request.user)
        return JsonResponse({"others": []})
    return JsonResponse({"others": mark_present(article.pk, request.user)})
