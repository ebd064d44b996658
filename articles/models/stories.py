"""Press releases and what hangs off them: related picks, corrections, notes, old URLs."""

import math
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext_lazy
from taggit.managers import TaggableManager

from ..querysets import ArticleQuerySet
from ..sanitize import clean_body_html, html_to_text

WORDS_PER_MINUTE = 200


def new_preview_key():
    """Return a fresh random key for a story's preview links (see ``views.preview``)."""
    return secrets.token_urlsafe(16)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        REVIEW = "review", _("Menunggu tinjauan")
        PUBLISHED = "published", _("Terbit")
        ARCHIVED = "archived", _("Diarsipkan")

    title = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=220, unique=True, help_text=_("Bagian alamat web; dibuat dari judul.")
    )
    dateline = models.CharField(
        _("dateline"), max_length=80, blank=True, help_text=_("Kota asal berita, mis. TASIKMALAYA.")
    )
    lead = models.CharField(
        _("ringkasan"),
        max_length=300,
        blank=True,
        help_text=_(
            "Satu-dua kalimat; dipakai sebagai deskripsi di mesin pencari (±160 karakter)."
        ),
    )
    body = models.TextField(_("isi"), blank=True)
    unit = models.ForeignKey(
        "articles.Unit",
        verbose_name=_("satuan penerbit"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    category = models.ForeignKey(
        "articles.Category",
        verbose_name=_("kategori"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    tags = TaggableManager(_("tagar"), blank=True, help_text=_("Dipisahkan koma."))
    partners = models.ManyToManyField(
        "articles.Partner",
        verbose_name=pgettext_lazy("plural", "mitra"),
        blank=True,
        related_name="articles",
    )

    # Credits
    writer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penulis"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles_written",
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("redaktur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles_edited",
        help_text=_("Diisi otomatis saat redaktur menerbitkan."),
    )
    byline = models.CharField(
        _("kredit penulis"), max_length=120, blank=True, help_text=_('Mis. inisial "(LS)".')
    )
    photographer = models.CharField(_("fotografer"), max_length=120, blank=True)
    source_name = models.CharField(_("sumber"), max_length=160, blank=True)
    source_url = models.URLField(_("tautan sumber"), max_length=500, blank=True)

    event_date = models.DateField(_("tanggal kegiatan"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("waktu terbit"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Waktu di masa depan berarti terjadwal."),
    )
    expire_at = models.DateTimeField(
        _("waktu kedaluwarsa"),
        null=True,
        blank=True,
        help_text=_("Opsional: berita turun sendiri dari situs publik pada waktu ini."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    is_featured = models.BooleanField(_("berita utama"), default=False)
    allow_comments = models.BooleanField(_("izinkan komentar"), default=True)
    featured_photo = models.ForeignKey(
        "articles.Photo",
        verbose_name=_("foto utama"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Optimistic concurrency: a save must name the version it was edited from.
    version = models.PositiveIntegerField(_("versi"), default=1, editable=False)
    word_count = models.PositiveIntegerField(_("jumlah kata"), default=0, editable=False)

    # Import identity and change detection.
    import_key = models.CharField(
        _("kunci impor"), max_length=255, null=True, blank=True, unique=True, editable=False
    )
    import_fingerprint = models.CharField(
        _("sidik jari impor"), max_length=64, blank=True, editable=False
    )

    # Signed into every preview link; a new key revokes all links made so far.
    preview_key = models.CharField(
        _("kunci pratinjau"), max_length=32, default=new_preview_key, editable=False
    )

    related = models.ManyToManyField(
        "self",
        through="articles.RelatedArticle",
        through_fields=("article", "target"),
        symmetrical=False,
        blank=True,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("siaran pers")
        verbose_name_plural = pgettext_lazy("plural", "siaran pers")
        ordering = ["-publish_at", "-pk"]
        get_latest_by = "publish_at"
        permissions = [
            ("publish_article", _("Dapat menerbitkan, menjadwalkan dan menurunkan berita")),
            ("import_articles", _("Dapat mengimpor berita")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "review", "published", "archived"]),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="article_published_has_publish_time",
            ),
            models.CheckConstraint(
                condition=Q(expire_at__isnull=True)
                | Q(publish_at__isnull=True)
                | Q(expire_at__gt=F("publish_at")),
                name="article_expires_after_publishing",
            ),
        ]
        # Lists walk "published, newest first" (-publish_at, -pk) down one of these and stop
        # after a page; the id makes the index order the list's order, with no sort. With
        # expire_at in them, "published" is decided from the index alone: a list's count
        # reads no story rows.
        indexes = [
            models.Index(
                fields=["status", "publish_at", "id", "expire_at"],
                name="article_published_idx",
            ),
            models.Index(
                fields=["unit", "status", "publish_at", "expire_at"],
                name="article_unit_published_idx",
            ),
            models.Index(
                fields=["category", "status", "publish_at", "id", "expire_at"],
                name="article_category_published_idx",
            ),
            # The desk's changelist order (-updated_at, -pk): one page read from the index.
            models.Index(fields=["updated_at", "id"], name="article_updated_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_body_html(self.body)
        self.word_count = len(html_to_text(self.body).split())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "word_count"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    def is_public(self, now=None):
        """Return True when this story is visible to the public at ``now``."""
        now = now or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )

    @property
    def local_publish_at(self):
        """Return the publish time in the issuing unit's own time zone."""
        import zoneinfo

        if not self.publish_at:
            return None
        return timezone.localtime(self.publish_at, zoneinfo.ZoneInfo(self.unit.time_zone))


class RelatedArticle(models.Model):
    """A "Baca juga" link: manual picks (ordered) and computed ones (by score)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_links", verbose_name=_("berita")
    )
    target = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("berita terkait")
    )
    is_manual = models.BooleanField(_("dipilih redaksi"), default=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    score = models.FloatField(_("skor"), default=0)

    class Meta:
        verbose_name = _("berita terkait")
        verbose_name_plural = pgettext_lazy("plural", "berita terkait")
        ordering = ["-is_manual", "position", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["article", "target"], name="related_unique_pair"),
            models.CheckConstraint(condition=~Q(article=F("target")), name="related_not_self"),
        ]

    def __str__(self):
        return f"{self.article_id} → {self.target_id}"


class RelatedReference(models.Model):
    """A "BACA JUGA" title from imported text, linked once a story with that title exists."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_references"
    )
    title = models.CharField(_("judul"), max_length=300)
    normalized_title = models.CharField(max_length=300, db_index=True, editable=False)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    resolved = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("rujukan baca juga")
        verbose_name_plural = pgettext_lazy("plural", "rujukan baca juga")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "normalized_title"], name="related_reference_unique"
            )
        ]

    def __str__(self):
        return self.title


class Correction(models.Model):
    """A dated correction (Ralat) shown publicly on the story."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("berita")
    )
    text = models.TextField(_("isi ralat"))
    created_at = models.DateTimeField(_("tanggal"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ralat")
        verbose_name_plural = pgettext_lazy("plural", "ralat")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]


class EditorialNote(models.Model):
    """Internal discussion beside a story; never public."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Catatan")
        RETURNED = "returned", _("Dikembalikan ke penulis")
        TAKEDOWN = "takedown", _("Alasan penurunan")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="notes", verbose_name=_("berita")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices, default=Kind.NOTE)
    body = models.TextField(_("catatan"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("catatan redaksi")
        verbose_name_plural = pgettext_lazy("plural", "catatan redaksi")
        ordering = ["created_at"]

    def __str__(self):
        return self.body[:60]


class LegacyRedirect(models.Model):
    """An old URL (e.g. from WordPress) that answers with a 301 to a story."""

    old_path = models.CharField(
        _("alamat lama"),
        max_length=500,
        unique=True,
        help_text=_("Path beserta query bila ada, mis. /?p=123"),
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="legacy_redirects")

    class Meta:
        verbose_name = _("alamat lama")
        verbose_name_plural = pgettext_lazy("plural", "alamat lama")

    def __str__(self):
        return self.old_path
