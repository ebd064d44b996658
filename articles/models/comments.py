"""Reader comments and the word lists editors keep for moderation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from ..querysets import CommentQuerySet


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu moderasi")
        APPROVED = "approved", _("Disetujui")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Dihapus")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("berita"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    # The parent must belong to the same article; a database trigger enforces it.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("membalas"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    name = models.CharField(_("nama"), max_length=80)
    email = models.EmailField(_("email"), max_length=254, db_index=True)
    body = models.TextField(_("komentar"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("dikirim"), auto_now_add=True, db_index=True)
    ip_hash = models.CharField(_("hash IP"), max_length=64, blank=True, db_index=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    is_staff_reply = models.BooleanField(_("balasan redaksi"), default=False)
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staf penulis"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dimoderasi oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("dimoderasi pada"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("komentar")
        verbose_name_plural = pgettext_lazy("plural", "komentar")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "approved", "spam", "removed"]),
                name="comment_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="comment_not_own_parent"
            ),
        ]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            # The moderation queue: one status, newest first, and its count.
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:40]}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#komentar-{self.pk}"


class ModerationWord(models.Model):
    """A word or phrase that holds a comment for moderation or marks it as spam."""

    class Action(models.TextChoices):
        HOLD = "hold", _("Tahan untuk moderasi")
        SPAM = "spam", _("Tandai spam")

    phrase = models.CharField(_("kata/frasa"), max_length=100)
    action = models.CharField(
        _("tindakan"), max_length=8, choices=Action.choices, default=Action.HOLD
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("kata moderasi")
        verbose_name_plural = pgettext_lazy("plural", "kata moderasi")
        ordering = ["phrase"]
        constraints = [
            models.UniqueConstraint(fields=["phrase", "action"], name="moderation_word_unique")
        ]

    def __str__(self):
        return self.phrase
