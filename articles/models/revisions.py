"""Revisions (full snapshots of a story) and the audit trail nobody can edit."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy


class Revision(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("berita"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    version = models.PositiveIntegerField(_("versi"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    summary = models.CharField(_("keterangan"), max_length=200, blank=True)
    content = models.JSONField(_("isi lengkap"))

    class Meta:
        verbose_name = _("revisi")
        verbose_name_plural = pgettext_lazy("plural", "revisi")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["article", "version"], name="revision_unique_version")
        ]

    def __str__(self):
        return f"{self.article_id} v{self.version}"


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("Buat")
        EDIT = "edit", _("Ubah")
        SUBMIT = "submit", _("Ajukan tinjauan")
        RETURN = "return", _("Kembalikan ke penulis")
        PUBLISH = "publish", _("Terbitkan")
        SCHEDULE = "schedule", _("Jadwalkan")
        UNPUBLISH = "unpublish", _("Turunkan")
        ARCHIVE = "archive", _("Arsipkan")
        CORRECT = "correct", _("Ralat")
        RESTORE = "restore", _("Pulihkan revisi")
        ROLE_CHANGE = "role_change", _("Ubah peran")
        COMMENT_MODERATE = "comment_moderate", _("Moderasi komentar")
        IMPORT = "import", _("Impor")
        UNLOCK = "unlock", _("Buka kunci login")
        PREVIEW_REVOKE = "preview_revoke", _("Cabut tautan pratinjau")

    action = models.CharField(_("tindakan"), max_length=20, choices=Action.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    unit = models.ForeignKey(
        "articles.Unit",
        verbose_name=_("satuan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Satuan yang berhak membaca entri ini."),
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("berita"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    target = models.CharField(_("sasaran"), max_length=255, blank=True)
    detail = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = pgettext_lazy("plural", "jejak audit")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} · {self.target}"
