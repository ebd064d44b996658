"""The editorial workflow in the admin: buttons, forms, revisions, preview links, bulk actions.

``WorkflowAdminMixin`` adds views under a story's admin URL (``<id>/terbitkan/`` …). Every
view finds the story through the admin's scoped queryset (outside the user's unit tree: 404),
changes state only on POST (CSRF-checked by the admin), and calls the matching
``publishing`` action, which checks ``permissions.can``: a refusal is a 403 page with the
Indonesian reason, bad input a form error, and nothing is ever half-applied.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy, ngettext_lazy

from .. import permissions as perms, publishing
from ..diffs import diff_contents
from ..models import Article
from ..views.preview import preview_expires_at, preview_token

PANEL_TEMPLATE = "admin/articles/article/includes/workflow_panel.html"
PANEL_REVISIONS = 5
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
Status = Article.Status


# ---------------------------------------------------------------------------
# Forms (their messages are the ones an editor reads; times are the desk's, Asia/Jakarta)
# ---------------------------------------------------------------------------
def _datetime_field(label, *, required):
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        help_text=gettext_lazy("Waktu Jakarta (WIB)."),
        error_messages={
            "required": gettext_lazy("Isi waktu terbit."),
            "invalid": gettext_lazy("Waktu tidak dikenali; gunakan format 31/12/2025 14:30."),
        },
    )


def _text_field(label, required_message, rows=3):
    return forms.CharField(
        label=label,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message},
    )


class NoteForm(forms.Form):
    prefix = "catatan"
    body = _text_field(gettext_lazy("Catatan"), gettext_lazy("Catatan tidak boleh kosong."))


class ReturnForm(forms.Form):
    prefix = "kembalikan"
    note = _text_field(
        gettext_lazy("Catatan untuk penulis"),
        gettext_lazy("Tuliskan catatan untuk penulis: apa yang perlu diperbaiki."),
    )


class UnpublishForm(forms.Form):
    prefix = "turunkan"
    reason = _text_field(
        gettext_lazy("Alasan penurunan"), gettext_lazy("Tuliskan alasan penurunan berita.")
    )


class CorrectionForm(forms.Form):
    prefix = "ralat"
    text = _text_field(
        gettext_lazy("Isi ralat (tampil di situs publik beserta tanggalnya)"),
        gettext_lazy("Isi ralat tidak boleh kosong."),
    )


def _version_field():
    # The version the editor saw: publishing refuses if the story moved on since.
    return forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class PublishForm(forms.Form):
    """Publish now, optionally with an expiry (a time-boxed notice)."""

    prefix = "terbitkan"
    version = _version_field()
    expire_at = _datetime_field(gettext_lazy("Kedaluwarsa pada (opsional)"), required=False)

    def clean_expire_at(self):
        expire_at = self.cleaned_data["expire_at"]
        if expire_at is not None and expire_at <= timezone.now():
            raise ValidationError(_("Waktu kedaluwarsa harus di masa depan."))
        return expire_at


class ScheduleForm(forms.Form):
    prefix = "jadwalkan"
    version = _version_field()
    publish_at = _datetime_field(gettext_lazy("Terbit pada"), required=True)
    expire_at = _datetime_field(gettext_lazy("Kedaluwarsa pada (opsional)"), required=False)

    def clean_publish_at(self):
        publish_at = self.cleaned_data["publish_at"]
        if publish_at <= timezone.now():
            raise ValidationError(
                _("Waktu jadwal sudah lewat; pilih waktu di masa depan atau Terbitkan sekarang.")
            )
        return publish_at

    def clean(self):
        cleaned = super().clean()
        publish_at, expire_at = cleaned.get("publish_at"), cleaned.get("expire_at")
        if publish_at and expire_at and expire_at <= publish_at:
            self.add_error("expire_at", _("Waktu kedaluwarsa harus sesudah waktu terbit."))
        return cleaned


class BulkReasonForm(forms.Form):
    """The note or reason a bulk return or take-down needs (one text for all stories)."""

    text = _text_field(gettext_lazy("Catatan"), gettext_lazy("Isi kolom ini."))


def restore_changes(story, revision):
    """Return what restoring ``revision`` changes: its content, never status, timing or editor."""
    target = publishing.restorable(revision.content)
    current = publishing.snapshot(story)
    return diff_contents({key: current.get(key) for key in target}, target)


# ---------------------------------------------------------------------------
# The mixin
# ---------------------------------------------------------------------------
class WorkflowAdminMixin:
    """Workflow views, the change form's workflow panel and role-aware bulk actions."""

    workflow_panel_template = PANEL_TEMPLATE
    # Bulk actions, and the role that may see them (None: anyone who may edit stories).
    workflow_actions = {
        "submit_selected": None,
        "publish_selected": "editor",
        "return_selected": "editor",
        "unpublish_selected": "editor",
    }

    # -- URLs -----------------------------------------------------------------
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name

        def route(suffix, view, name):
            return path(
                f"<path:object_id>/{suffix}",
                self.admin_site.admin_view(view),
                name="{}_{}_{}".format(*info, name),
            )

        return [
            route("ajukan/", self.submit_view, "submit"),
            route("kembalikan/", self.return_view, "return"),
            route("terbitkan/", self.publish_view, "publish"),
            route("jadwalkan/", self.schedule_view, "schedule"),
            route("turunkan/", self.unpublish_view, "unpublish"),
            route("ralat/", self.correct_view, "correct"),
            route("catatan/", self.note_view, "note"),
            route("revisi/", self.revisions_view, "revisions"),
            route("revisi/banding/", self.revision_diff_view, "revision_diff"),
            route("revisi/<int:version>/pulihkan/", self.restore_view, "restore"),
            route("pratinjau/", self.preview_link_view, "preview_link"),
            route("pratinjau/cabut/", self.preview_revoke_view, "preview_revoke"),
            *super().get_urls(),
        ]

    def workflow_url(self, name, story, *args):
        info = self.opts.app_label, self.opts.model_name
        return reverse(
            "admin:{}_{}_{}".format(*info, name),
            args=[story.pk, *args],
            current_app=self.admin_site.name,
        )

    def change_url(self, story):
        info = self.opts.app_label, self.opts.model_name
        return reverse(
            "admin:{}_{}_change".format(*info), args=[story.pk], current_app=self.admin_site.name
        )

    # -- Shared plumbing --------------------------------------------------------
    def workflow_story(self, request, object_id):
        """Return the story if it lies in the user's tree, else 404 (no hint it exists)."""
        try:
            pk = int(unquote(object_id))
        except (TypeError, ValueError):
            raise Http404(_("Berita tidak ditemukan.")) from None
        story = self.get_queryset(request).select_related("unit").filter(pk=pk).first()
        if story is None or not self.has_view_or_change_permission(request, story):
            raise Http404(_("Berita tidak ditemukan atau berada di luar satuan Anda."))
        return story

    def workflow_page(self, request, story, template, title, context=None, status=200):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": story,
            "article": story,
            "title": title,
            "subtitle": str(story),
            "status_label": self.workflow_status_label(story),
            "change_url": self.change_url(story),
            "has_view_permission": True,
            **(context or {}),
        }
        return TemplateResponse(
            request, f"admin/articles/article/{template}", context, status=status
        )

    def workflow_denied(self, request, story, error):
        """A 403 inside the admin that says, in Indonesian, why."""
        message = error.args[0] if error.args else perms.denied_message(perms.WRITE)
        return self.workflow_page(
            request,
            story,
            "workflow_denied.html",
            _("Tindakan ditolak"),
            {"message": message},
            status=403,
        )

    def workflow_form_view(self, request, object_id, *, form_class, title, run, done, action):
        """GET shows the form, POST runs ``run(story, cleaned_data)`` and goes back to the story."""
        story = self.workflow_story(request, object_id)
        if not perms.can(request.user, action, story):
            return self.workflow_denied(
                request, story, PermissionDenied(perms.denied_message(action))
            )
        initial = {"version": story.version} if "version" in form_class.base_fields else None
        form = form_class(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                run(story, form.cleaned_data)
            except PermissionDenied as error:
                return self.workflow_denied(request, story, error)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, done)
                return HttpResponseRedirect(self.change_url(story))
        elif request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        return self.workflow_page(
            request,
            story,
            "workflow_form.html",
            title,
            {"form": form, "action_url": request.path},
        )

    def workflow_button_view(self, request, object_id, *, run, done, form_class=None):
        """A button with nothing (or only options) to fill in: POST only, back to the story."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        story = self.workflow_story(request, object_id)
        form = form_class(request.POST) if form_class else None
        if form is not None and not form.is_valid():
            messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
            return HttpResponseRedirect(self.change_url(story))
        try:
            run(story, form.cleaned_data if form is not None else {})
        except PermissionDenied as error:
            return self.workflow_denied(request, story, error)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return HttpResponseRedirect(self.change_url(story))

    # -- The actions on one story ------------------------------------------------
    def submit_view(self, request, object_id):
        return self.workflow_button_view(
            request,
            object_id,
            run=lambda story, data: publishing.submit_for_review(story, request.user),
            done=_("Berita diajukan untuk ditinjau redaktur."),
        )

    def publish_view(self, request, object_id):
        return self.workflow_button_view(
            request,
            object_id,
            form_class=PublishForm,
            run=lambda story, data: publishing.publish(
                story,
                request.user,
                expire_at=data.get("expire_at"),
                expected_version=data.get("version"),
                clear_past_expiry=True,
            ),
            done=_("Berita diterbitkan dan tampil di situs publik."),
        )

    def return_view(self, request, object_id):
        return self.workflow_form_view(
            request,
            object_id,
            form_class=ReturnForm,
            title=_("Kembalikan ke penulis"),
            action=perms.RETURN,
            run=lambda story, data: publishing.return_to_writer(story, request.user, data["note"]),
            done=_("Berita dikembalikan ke penulis beserta catatan."),
        )

    def schedule_view(self, request, object_id):
        def run(story, data):
            publishing.publish(
                story,
                request.user,
                data["publish_at"],
                expire_at=data["expire_at"],
                expected_version=data.get("version"),
                clear_past_expiry=True,
            )

        return self.workflow_form_view(
            request,
            object_id,
            form_class=ScheduleForm,
            title=_("Jadwalkan terbit"),
            action=perms.PUBLISH,
            run=run,
            done=_("Berita dijadwalkan; tampil sendiri di situs publik pada waktunya."),
        )

    def unpublish_view(self, request, object_id):
        return self.workflow_form_view(
            request,
            object_id,
            form_class=UnpublishForm,
            title=_("Turunkan berita"),
            action=perms.UNPUBLISH,
            run=lambda story, data: publishing.unpublish(story, request.user, data["reason"]),
            done=_("Berita diturunkan dari situs publik."),
        )

    def correct_view(self, request, object_id):
        return self.workflow_form_view(
            request,
            object_id,
            form_class=CorrectionForm,
            title=_("Tambah ralat"),
            action=perms.CORRECT,
            run=lambda story, data: publishing.add_correction(story, request.user, data["text"]),
            done=_("Ralat ditambahkan dan tampil di situs publik."),
        )

    def note_view(self, request, object_id):
        return self.workflow_form_view(
            request,
            object_id,
            form_class=NoteForm,
            title=_("Tulis catatan redaksi"),
            action=perms.NOTE,
            run=lambda story, data: publishing.add_note(story, request.user, data["body"]),
            done=_("Catatan ditambahkan."),
        )

    # -- Revisions ----------------------------------------------------------------
    def revisions_view(self, request, object_id):
        story = self.workflow_story(request, object_id)
        revisions = list(
            story.revisions.select_related("author").defer("content").order_by("-version")
        )
        return self.workflow_page(
            request,
            story,
            "revision_list.html",
            _("Riwayat revisi"),
            {
                "revisions": revisions,
                "can_restore": perms.can(request.user, perms.RESTORE, story),
                "diff_url": self.workflow_url("revision_diff", story),
                "current_version": story.version,
            },
        )

    def revision_diff_view(self, request, object_id):
        story = self.workflow_story(request, object_id)
        revisions = story.revisions.select_related("author")
        newest = revisions.order_by("-version").first()
        if newest is None:
            raise Http404(_("Berita ini belum memiliki revisi."))
        try:
            new_version = int(request.GET.get("ke") or newest.version)
            old_version = int(request.GET.get("dari") or new_version - 1)
        except ValueError:
            raise Http404(_("Versi tidak dikenal.")) from None
        old_version, new_version = sorted((old_version, new_version))
        if old_version < 1 or new_version > newest.version:
            # Also keeps numbers too big for the column away from the database.
            raise Http404(_("Revisi tidak ditemukan."))
        found = {
            rev.version: rev for rev in revisions.filter(version__in=[old_version, new_version])
        }
        if old_version not in found or new_version not in found:
            raise Http404(_("Revisi tidak ditemukan."))
        old, new = found[old_version], found[new_version]
        return self.workflow_page(
            request,
            story,
            "revision_diff.html",
            _("Perbandingan versi %(old)s dan %(new)s") % {"old": old.version, "new": new.version},
            {
                "old": old,
                "new": new,
                "changes": diff_contents(old.content, new.content),
                "revisions_url": self.workflow_url("revisions", story),
                "can_restore": perms.can(request.user, perms.RESTORE, story),
            },
        )

    def restore_view(self, request, object_id, version):
        story = self.workflow_story(request, object_id)
        revision = story.revisions.select_related("author").filter(version=version).first()
        if revision is None:
            raise Http404(_("Revisi tidak ditemukan."))
        if not perms.can(request.user, perms.RESTORE, story):
            return self.workflow_denied(
                request, story, PermissionDenied(perms.denied_message(perms.RESTORE))
            )
        if request.method == "POST":
            try:
                publishing.restore_revision(story, revision, request.user)
            except PermissionDenied as error:
                return self.workflow_denied(request, story, error)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("Versi %(version)s dipulihkan sebagai revisi baru.")
                    % {"version": revision.version},
                )
                return HttpResponseRedirect(self.change_url(story))
        return self.workflow_page(
            request,
            story,
            "revision_restore.html",
            _("Pulihkan versi %(version)s") % {"version": revision.version},
            {
                "revision": revision,
                "changes": restore_changes(story, revision),
                "revisions_url": self.workflow_url("revisions", story),
            },
        )

    # -- Preview ------------------------------------------------------------------
    def preview_link_view(self, request, object_id):
        story = self.workflow_story(request, object_id)
        if not perms.can(request.user, perms.PREVIEW, story):
            return self.workflow_denied(
                request, story, PermissionDenied(perms.denied_message(perms.PREVIEW))
            )
        token = preview_token(story)
        url = request.build_absolute_uri(reverse("articles:preview", args=[token]))
        return self.workflow_page(
            request,
            story,
            "preview_link.html",
            _("Tautan pratinjau"),
            {
                "preview_url": url,
                "expires_at": preview_expires_at(),
                "revoke_url": perms.can(request.user, perms.REVOKE_PREVIEW, story)
                and self.workflow_url("preview_revoke", story),
            },
        )

    def preview_revoke_view(self, request, object_id):
        """POST only: revoke every preview link of the story, then show a fresh one."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        story = self.workflow_story(request, object_id)
        try:
            publishing.revoke_preview_links(story, request.user)
        except PermissionDenied as error:
            return self.workflow_denied(request, story, error)
        messages.success(
            request,
            _(
                "Semua tautan pratinjau lama berita ini sudah dicabut dan tidak dapat dibuka "
                "lagi. Tautan di bawah ini yang baru."
            ),
        )
        return HttpResponseRedirect(self.workflow_url("preview_link", story))

    # -- The panel on the change form -----------------------------------------------
    def workflow_panel_context(self, request, obj):
        """Return ``{"workflow": …}`` for the panel template (constant number of queries)."""
        if obj is None or obj.pk is None:
            return {"workflow": None}
        user = request.user
        status = obj.Status
        is_published = obj.status == status.PUBLISHED
        allowed = {
            "submit": obj.status == status.DRAFT and perms.can(user, perms.SUBMIT, obj),
            "return": obj.status in (status.DRAFT, status.REVIEW)
            and perms.can(user, perms.RETURN, obj),
            "publish": not obj.is_public() and perms.can(user, perms.PUBLISH, obj),
            "unpublish": is_published and perms.can(user, perms.UNPUBLISH, obj),
            # A correction is for what readers have seen; a scheduled story is simply edited.
            "correct": is_published
            and obj.publish_at is not None
            and obj.publish_at <= timezone.now()
            and perms.can(user, perms.CORRECT, obj),
            "note": perms.can(user, perms.NOTE, obj),
            "restore": perms.can(user, perms.RESTORE, obj),
            "preview": perms.can(user, perms.PREVIEW, obj),
        }
        allowed["schedule"] = allowed["publish"] or (
            obj.status == status.PUBLISHED
            and obj.publish_at is not None
            and obj.publish_at > timezone.now()
            and perms.can(user, perms.PUBLISH, obj)
        )
        urls = {
            name: self.workflow_url(name, obj)
            for name in (
                "submit",
                "return",
                "publish",
                "schedule",
                "unpublish",
                "correct",
                "note",
                "revisions",
                "revision_diff",
                "preview_link",
            )
        }
        revisions = list(
            obj.revisions.select_related("author")
            .defer("content")
            .order_by("-version")[: PANEL_REVISIONS + 1]
        )
        reviewing = perms.reviewing_unit(obj.unit)
        return {
            "workflow": {
                "article": obj,
                "status_label": self.workflow_status_label(obj),
                "status_key": self.workflow_status_key(obj),
                "allowed": allowed,
                "any_action": any(
                    allowed[key]
                    for key in ("submit", "return", "publish", "schedule", "unpublish", "correct")
                ),
                "urls": urls,
                "notes": list(obj.notes.select_related("author").order_by("created_at", "pk")),
                "corrections": list(obj.corrections.order_by("created_at", "pk")),
                "revisions": [
                    (rev, self.workflow_url("restore", obj, rev.version))
                    for rev in revisions[:PANEL_REVISIONS]
                ],
                "more_revisions": len(revisions) > PANEL_REVISIONS,
                "reviewing_unit": reviewing,
                "note_form": NoteForm(),
                "return_form": ReturnForm(),
                "schedule_form": ScheduleForm(initial={"version": obj.version}),
                "publish_form": PublishForm(initial={"version": obj.version}),
                "unpublish_form": UnpublishForm(),
                "correction_form": CorrectionForm(),
            }
        }

    @staticmethod
    def workflow_status_key(obj):
        """Return draft, review, scheduled, published, expired or archived."""
        now = timezone.now()
        if obj.status == obj.Status.PUBLISHED:
            if obj.publish_at and obj.publish_at > now:
                return "scheduled"
            if obj.expire_at and obj.expire_at <= now:
                return "expired"
        return obj.status

    @classmethod
    def workflow_status_label(cls, obj):
        labels = {
            "scheduled": _("Terjadwal"),
            "expired": _("Kedaluwarsa"),
        }
        key = cls.workflow_status_key(obj)
        return labels.get(key) or obj.get_status_display()

    # -- Bulk actions ---------------------------------------------------------------
    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.actions is None or IS_POPUP_VAR in request.GET:
            return actions
        editor = perms.is_editor(request.user)
        for name, needs in self.workflow_actions.items():
            if needs == "editor" and not editor:
                actions.pop(name, None)
                continue
            actions[name] = self.get_action(name)
        return actions

    def workflow_bulk(self, request, queryset, action, run, done):
        """Run ``run(story)`` on every selected story in one transaction: all or nothing."""
        stories = list(queryset.select_related("unit").order_by("pk"))
        selected = set(request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))
        if request.POST.get("select_across") != "1" and len(selected) != len(stories):
            # Some ids are not in the user's tree (or no longer exist): refuse the lot.
            messages.error(
                request,
                _(
                    "Tidak ada yang diubah: sebagian berita yang dipilih tidak ditemukan "
                    "atau berada di luar satuan Anda."
                ),
            )
            return False
        refused = [story for story in stories if not perms.can(request.user, action, story)]
        if refused:
            messages.error(
                request,
                _("Tidak ada yang diubah. %(reason)s Berita: %(titles)s.")
                % {
                    "reason": perms.denied_message(action),
                    "titles": "; ".join(f"«{story}»" for story in refused),
                },
            )
            return False
        current = None
        try:
            with transaction.atomic():
                for current in stories:
                    run(current)
        except (PermissionDenied, ValidationError) as error:
            reason = " ".join(getattr(error, "messages", None) or [str(error)])
            messages.error(
                request,
                _("Tidak ada yang diubah. «%(title)s»: %(reason)s")
                % {"title": current, "reason": reason},
            )
            return False
        messages.success(request, done % {"count": len(stories)})
        return True

    def workflow_bulk_with_text(self, request, queryset, *, action, title, label, run, done):
        """A bulk action that needs one note or reason: an intermediate page, then the change."""
        form = BulkReasonForm(request.POST if "konfirmasi" in request.POST else None)
        form.fields["text"].label = label
        form.fields["text"].error_messages["required"] = _("Isi %(label)s.") % {
            "label": str(label).lower()
        }
        if form.is_bound and form.is_valid():
            text = form.cleaned_data["text"]
            self.workflow_bulk(request, queryset, action, lambda story: run(story, text), done)
            return None
        stories = list(queryset.select_related("unit").order_by("pk"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "title": title,
            "stories": stories,
            "form": form,
            "action_name": request.POST.get("action", ""),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/article/bulk_text.html", context)

    def submit_selected(self, request, queryset):
        self.workflow_bulk(
            request,
            queryset,
            perms.SUBMIT,
            lambda story: publishing.submit_for_review(story, request.user),
            ngettext_lazy(
                "%(count)d berita diajukan untuk ditinjau.",
                "%(count)d berita diajukan untuk ditinjau.",
                "count",
            ),
        )

    submit_selected.short_description = gettext_lazy("Ajukan yang dipilih untuk ditinjau")

    def publish_selected(self, request, queryset):
        self.workflow_bulk(
            request,
            queryset,
            perms.PUBLISH,
            # Never a story taken down: that is undone deliberately, from its own page.
            lambda story: publishing.publish(
                story,
                request.user,
                expected_status=[Status.DRAFT, Status.REVIEW, Status.PUBLISHED],
            ),
            ngettext_lazy(
                "%(count)d berita diterbitkan.", "%(count)d berita diterbitkan.", "count"
            ),
        )

    publish_selected.short_description = gettext_lazy("Terbitkan yang dipilih sekarang")

    def return_selected(self, request, queryset):
        return self.workflow_bulk_with_text(
            request,
            queryset,
            action=perms.RETURN,
            title=_("Kembalikan ke penulis"),
            label=_("Catatan untuk penulis"),
            run=lambda story, text: publishing.return_to_writer(story, request.user, text),
            done=ngettext_lazy(
                "%(count)d berita dikembalikan ke penulis.",
                "%(count)d berita dikembalikan ke penulis.",
                "count",
            ),
        )

    return_selected.short_description = gettext_lazy("Kembalikan yang dipilih ke penulis")

    def unpublish_selected(self, request, queryset):
        return self.workflow_bulk_with_text(
            request,
            queryset,
            action=perms.UNPUBLISH,
            title=_("Turunkan berita"),
            label=_("Alasan penurunan"),
            run=lambda story, text: publishing.unpublish(story, request.user, text),
            done=ngettext_lazy(
                "%(count)d berita diturunkan.", "%(count)d berita diturunkan.", "count"
            ),
        )

    unpublish_selected.short_description = gettext_lazy("Turunkan yang dipilih")
