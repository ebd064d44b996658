"""Options the import commands share: which unit, which category."""

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from articles.models import Category, Unit


def resolve_unit(slug):
    """Return the unit named by ``--unit``; with a single unit in the database it may be left out."""
    if slug:
        try:
            return Unit.objects.get(slug=slug)
        except Unit.DoesNotExist as err:
            raise CommandError(
                _("Satuan dengan slug %(slug)s tidak ada.") % {"slug": slug}
            ) from err
    units = list(Unit.objects.all()[:2])
    if len(units) == 1:
        return units[0]
    raise CommandError(_("Sebutkan satuan penerbit dengan --unit <slug>."))


def resolve_category(slug):
    if not slug:
        return None
    try:
        return Category.objects.get(slug=slug)
    except Category.DoesNotExist as err:
        raise CommandError(_("Kategori dengan slug %(slug)s tidak ada.") % {"slug": slug}) from err
