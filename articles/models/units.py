"""Police units (satuan kerja) as a tree, and the staff who belong to them."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext_lazy

TIME_ZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


class UnitQuerySet(models.QuerySet):
    def subtree(self, unit):
        """Return the unit and every unit below it (one indexed prefix query)."""
        return self.filter(path__startswith=unit.path)

    def ancestors_of(self, unit):
        """Return the units above ``unit``, nearest last."""
        ids = [int(part) for part in unit.path.strip("/").split("/")[:-1] if part]
        return self.filter(pk__in=ids).order_by("depth")


class Unit(models.Model):
    class Kind(models.TextChoices):
        MABES = "mabes", _("Mabes Polri")
        POLDA = "polda", _("Polda")
        POLRES = "polres", _("Polres")
        POLRESTA = "polresta", _("Polresta")
        POLRESTABES = "polrestabes", _("Polrestabes")
        POLRES_METRO = "polres_metro", _("Polres Metro")
        POLSEK = "polsek", _("Polsek")

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
        WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
        WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")

    name = models.CharField(
        _("nama"), max_length=150, help_text=_("Contoh: Polres Tasikmalaya Kota")
    )
    short_name = models.CharField(_("nama singkat"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("satuan induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    city = models.CharField(_("kota"), max_length=100, blank=True)
    time_zone = models.CharField(
        _("zona waktu"), max_length=32, choices=TimeZone.choices, default=TimeZone.WIB
    )
    # Materialised path of primary keys ("/1/4/17/"): subtree queries are one prefix match.
    path = models.CharField(_("jalur"), max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(_("kedalaman"), editable=False, default=0)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("satuan kerja")
        verbose_name_plural = pgettext_lazy("plural", "satuan kerja")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="unit_not_own_parent"),
            models.CheckConstraint(
                condition=Q(time_zone__in=["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]),
                name="unit_time_zone_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        with transaction.atomic():
            self.clean()
            old_path = self.path
            super().save(*args, **kwargs)
            parent_path = (
                Unit.objects.only("path").get(pk=self.parent_id).path if self.parent_id else "/"
            )
            new_path = f"{parent_path}{self.pk}/"
            if new_path != old_path:
                self.path = new_path
                self.depth = new_path.count("/") - 2
                Unit.objects.filter(pk=self.pk).update(path=new_path, depth=self.depth)
                if old_path:
                    # Moving a unit moves its whole subtree.
                    Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
                        depth=F("depth") + (self.depth - (old_path.count("/") - 2)),
                    )

    def get_absolute_url(self):
        return reverse("articles:unit", kwargs={"slug": self.slug})

    def clean(self):
        if self.parent_id and self.pk:
            parent = Unit.objects.only("path").get(pk=self.parent_id)
            if self.pk == self.parent_id or (self.path and parent.path.startswith(self.path)):
                raise ValidationError(
                    {"parent": _("Satuan induk tidak boleh satuan ini sendiri atau bawahannya.")}
                )

    @property
    def tz_abbreviation(self):
        """Return WIB, WITA or WIT."""
        return TIME_ZONE_ABBREVIATIONS.get(self.time_zone, "WIB")

    def is_within(self, other):
        """Return True when this unit is ``other`` or lies below it."""
        return bool(other) and self.path.startswith(other.path)


class User(AbstractUser):
    """A Humas staff member (or superuser); staff belong to exactly one unit."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("satuan kerja"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("staf")
        verbose_name_plural = pgettext_lazy("plural", "staf")
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username
