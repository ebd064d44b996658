"""Photos: the cleaned original plus stored renditions (see images.py for the pipeline)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext_lazy

# The pipeline (articles/images.py) re-encodes every original to one of these.
STORED_EXTENSIONS = {"jpg", "png"}
# Every photo file lives under this folder of the media storage (prune_media looks only here).
PHOTO_DIR = "photos"


def photo_upload_to(instance, filename):
    """Generate the stored name; the uploaded file name never decides a path.

    Only the extension is taken, and only if it is one the pipeline writes.
    """
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in STORED_EXTENSIONS:
        extension = "jpg"
    return f"{PHOTO_DIR}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Photo(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("berita"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
        help_text=_("Galeri berita ini."),
    )
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    file = models.ImageField(
        _("berkas"), upload_to=photo_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("lebar"), default=0, editable=False)
    height = models.PositiveIntegerField(_("tinggi"), default=0, editable=False)
    alt_text = models.CharField(
        _("teks alternatif"), max_length=250, help_text=_("Uraian foto untuk pembaca tunanetra.")
    )
    caption = models.CharField(_("keterangan foto"), max_length=300, blank=True)
    credit = models.CharField(_("fotografer"), max_length=120, blank=True)
    focal_x = models.FloatField(_("titik fokus X"), default=0.5)
    focal_y = models.FloatField(_("titik fokus Y"), default=0.5)
    # {"w480.webp": "photos/…", "social.jpg": "photos/…", ...}
    renditions = models.JSONField(_("rendisi"), default=dict, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("foto")
        verbose_name_plural = pgettext_lazy("plural", "foto")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="photo_focal_point_in_frame",
            )
        ]

    def __str__(self):
        return self.alt_text
