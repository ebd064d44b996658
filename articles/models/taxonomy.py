"""Partner institutions and categories."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext_lazy


class Partner(models.Model):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Kementerian/Lembaga")
        REGIONAL_AGENCY = "regional_agency", _("Dinas/Badan Daerah")
        MILITARY = "military", _("TNI")
        LAW_ENFORCEMENT = "law_enforcement", _("Penegak Hukum")
        CORRECTIONS = "corrections", _("Pemasyarakatan")
        NGO = "ngo", _("Organisasi Masyarakat/LSM")
        PRIVATE = "private", _("Perusahaan Swasta")
        EDUCATION = "education", _("Sekolah/Perguruan Tinggi")
        MEDIA = "media", _("Media")
        OTHER = "other", _("Lainnya")

    name = models.CharField(_("nama"), max_length=200)
    acronym = models.CharField(_("singkatan"), max_length=40, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    website = models.URLField(_("situs web"), blank=True)

    class Meta:
        verbose_name = _("mitra")
        verbose_name_plural = pgettext_lazy("plural", "mitra")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("articles:partner", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        return self.acronym or self.name


class Category(models.Model):
    name = models.CharField(_("nama"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("deskripsi"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("urutan"), default=0, help_text=_("Urutan blok kategori di beranda.")
    )

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = pgettext_lazy("plural", "kategori")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})
