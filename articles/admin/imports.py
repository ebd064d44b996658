"""The import page: upload a release, a zip of releases or a WordPress export, check, confirm.

Step one stores the upload out of public reach and shows the dry-run report; step two,
confirmed by the same user in the same session, runs the import for real. Only staff with
the ``articles.import_articles`` permission see the page, and only for their own unit tree.
"""

import io
import secrets
import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext_lazy as _

from ..importers.common import ImportFailure
from ..importers.runner import TextSource, run_text_import, run_wxr_import, zip_sources
from ..models import Article, ArticleImport, Category, Unit
from ..permissions import scope_queryset

IMPORT_PERMISSION = "articles.import_articles"
MAX_UPLOAD = getattr(settings, "NEWSROOM_IMPORT_MAX_UPLOAD", 20 * 1024 * 1024)
SESSION_KEY = "newsroom_import_staged"
KINDS = {".txt": "text", ".text": "text", ".zip": "zip", ".xml": "wxr"}


def staging_dir():
    """Return the folder uploads wait in between the report and the confirmation.

    Outside MEDIA_ROOT on purpose: nothing here may ever be served.
    """
    folder = Path(
        getattr(settings, "NEWSROOM_IMPORT_STAGING_DIR", "")
        or Path(tempfile.gettempdir()) / "newsroom-imports"
    )
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas"),
        help_text=_(
            "Siaran pers .txt, zip berisi berkas .txt, atau ekspor WordPress .xml (maks. %(mb)d MB)."
        )
        % {"mb": MAX_UPLOAD // (1024 * 1024)},
    )
    unit = forms.ModelChoiceField(label=_("Satuan penerbit"), queryset=Unit.objects.none())
    category = forms.ModelChoiceField(
        label=_("Kategori"), queryset=Category.objects.all(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status berita baru"),
        choices=[
            (Article.Status.DRAFT, _("Draf")),
            (Article.Status.REVIEW, _("Menunggu tinjauan")),
        ],
        initial=Article.Status.DRAFT,
        help_text=_("Untuk siaran pers teks; ekspor WordPress memakai status aslinya."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scope_queryset(Unit.objects.all(), user, "path")
        if user.has_perm("articles.publish_article"):
            self.fields["status"].choices = [
                *self.fields["status"].choices,
                (Article.Status.PUBLISHED, _("Terbit (memakai tanggal dari teks)")),
            ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("Berkas terlalu besar (maks. %(mb)d MB).") % {"mb": MAX_UPLOAD // (1024 * 1024)}
            )
        suffix = Path(upload.name).suffix.lower()
        if suffix not in KINDS:
            raise forms.ValidationError(_("Hanya berkas .txt, .zip atau .xml yang dapat diimpor."))
        return upload


def run_import(staged, *, user, dry_run):
    """Run the staged upload (a dict kept in the session); return the ``ImportReport``."""
    data = Path(staged["path"]).read_bytes()
    unit = scope_queryset(Unit.objects.all(), user, "path").get(pk=staged["unit"])
    if staged["kind"] == "wxr":
        return run_wxr_import(data, unit=unit, user=user, dry_run=dry_run)
    if staged["kind"] == "zip":
        sources = zip_sources(io.BytesIO(data))
    else:
        sources = [TextSource(name=staged["name"], data=data)]
    category = (
        Category.objects.filter(pk=staged["category"]).first() if staged["category"] else None
    )
    status = staged["status"]
    if status == Article.Status.PUBLISHED and not user.has_perm("articles.publish_article"):
        raise PermissionDenied
    return run_text_import(
        sources, unit=unit, category=category, status=status, user=user, dry_run=dry_run
    )


@admin.register(ArticleImport)
class ArticleImportAdmin(admin.ModelAdmin):
    """Not a list of rows: the changelist URL is the upload page."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.has_perm(IMPORT_PERMISSION)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "",
                self.admin_site.admin_view(self.upload_view),
                name="{}_{}_changelist".format(*info),
            ),
            path(
                "konfirmasi/",
                self.admin_site.admin_view(self.confirm_view),
                name="{}_{}_confirm".format(*info),
            ),
        ]

    def context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Impor berita"),
            **extra,
        }

    def upload_view(self, request):
        if not self.has_module_permission(request):
            raise PermissionDenied
        form = ImportUploadForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            staged = self.stage(request, form)
            try:
                report = run_import(staged, user=request.user, dry_run=True)
            except ImportFailure as err:
                self.discard(request, staged["token"])
                form.add_error("file", str(err))
            else:
                return TemplateResponse(
                    request,
                    "admin/articles/import_report.html",
                    self.context(request, report=report, staged=staged, confirmed=False),
                )
        return TemplateResponse(
            request, "admin/articles/import_upload.html", self.context(request, form=form)
        )

    def confirm_view(self, request):
        if not self.has_module_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return redirect("admin:articles_articleimport_changelist")
        token = request.POST.get("token", "")
        staged = request.session.get(SESSION_KEY, {}).get(token)
        if not staged or not Path(staged["path"]).is_file():
            messages.error(request, _("Unggahan tidak ditemukan atau sudah diimpor. Unggah lagi."))
            return redirect("admin:articles_articleimport_changelist")
        try:
            report = run_import(staged, user=request.user, dry_run=False)
        except (ImportFailure, Unit.DoesNotExist) as err:
            messages.error(request, str(err))
            return redirect("admin:articles_articleimport_changelist")
        finally:
            self.discard(request, token)
        messages.success(request, _("Impor selesai."))
        for item in report.items:
            item.admin_url = self.story_admin_url(item.article_id)
        return TemplateResponse(
            request,
            "admin/articles/import_report.html",
            self.context(request, report=report, staged=staged, confirmed=True),
        )

    @staticmethod
    def story_admin_url(article_id):
        if not article_id:
            return ""
        try:
            return reverse("admin:articles_article_change", args=[article_id])
        except NoReverseMatch:
            return ""

    def stage(self, request, form):
        """Keep the upload under a random name; remember it in this user's session only."""
        upload = form.cleaned_data["file"]
        token = secrets.token_urlsafe(24)
        target = staging_dir() / f"{token}.upload"
        with target.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        staged = {
            "token": token,
            "path": str(target),
            "name": Path(upload.name).name[:200],
            "kind": KINDS[Path(upload.name).suffix.lower()],
            "unit": form.cleaned_data["unit"].pk,
            "category": form.cleaned_data["category"].pk if form.cleaned_data["category"] else None,
            "status": form.cleaned_data["status"],
        }
        request.session[SESSION_KEY] = {**request.session.get(SESSION_KEY, {}), token: staged}
        return staged

    def discard(self, request, token):
        staged_all = request.session.get(SESSION_KEY, {})
        staged = staged_all.pop(token, None)
        request.session[SESSION_KEY] = staged_all
        if staged:
            Path(staged["path"]).unlink(missing_ok=True)
