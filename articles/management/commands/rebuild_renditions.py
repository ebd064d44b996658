"""Make every photo's renditions again from its stored original.

Run after changing NEWSROOM_IMAGE_WIDTHS or the thumbnail size, after moving media to other
storage, to give older photos the 4:3 card crops (``card240``/``card480``; until
then their cards show the full frame), or to repair photos whose renditions are missing:
``python manage.py rebuild_renditions`` (all), ``--missing`` (only photos without any),
``--photo 12 --photo 15`` (those), ``--dry-run`` (count only).
"""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _, gettext_lazy, ngettext

from articles.images import build_renditions
from articles.management.base import TranslatedCommand
from articles.models import Photo


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Buat ulang rendisi foto (lebar responsif, potongan media sosial, thumbnail)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help=gettext_lazy("Hanya foto yang belum punya rendisi."),
        )
        parser.add_argument(
            "--photo",
            type=int,
            action="append",
            dest="photo_ids",
            metavar="ID",
            help=gettext_lazy("Hanya foto dengan ID ini (boleh diulang)."),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("Hitung saja, jangan ubah.")
        )

    def handle(self, *args, missing, photo_ids, dry_run, verbosity, **options):
        photos = Photo.objects.exclude(file="").order_by("pk")
        if photo_ids:
            photos = photos.filter(pk__in=photo_ids)
            unknown = sorted(set(photo_ids) - set(photos.values_list("pk", flat=True)))
            if unknown:
                raise CommandError(
                    _("Foto tidak ditemukan: %(ids)s.") % {"ids": ", ".join(map(str, unknown))}
                )
        if missing:
            photos = photos.filter(renditions={})
        if dry_run:
            if verbosity:
                count = photos.count()
                self.stdout.write(
                    self.style.SUCCESS(
                        ngettext(
                            "%(count)d foto akan dibuat ulang rendisinya (uji coba).",
                            "%(count)d foto akan dibuat ulang rendisinya (uji coba).",
                            count,
                        )
                        % {"count": count}
                    )
                )
            return

        rebuilt, failed = 0, []
        # One photo at a time, each saved on its own: a broken original stops only itself.
        for photo in photos.iterator(chunk_size=100):
            try:
                made = build_renditions(photo, force=True)
            except (OSError, ValidationError) as err:
                failed.append(photo.pk)
                self.stderr.write(
                    _("Foto %(pk)s (%(name)s) gagal: %(error)s")
                    % {"pk": photo.pk, "name": photo.file.name, "error": _error_text(err)}
                )
                continue
            rebuilt += 1
            if verbosity > 1:
                self.stdout.write(
                    ngettext(
                        "Foto %(pk)s: %(count)d rendisi.",
                        "Foto %(pk)s: %(count)d rendisi.",
                        len(made),
                    )
                    % {"pk": photo.pk, "count": len(made)}
                )
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    ngettext(
                        "%(count)d foto dibuat ulang rendisinya.",
                        "%(count)d foto dibuat ulang rendisinya.",
                        rebuilt,
                    )
                    % {"count": rebuilt}
                )
            )
        if failed:
            raise CommandError(
                ngettext(
                    "%(count)d foto gagal: %(ids)s.", "%(count)d foto gagal: %(ids)s.", len(failed)
                )
                % {"count": len(failed), "ids": ", ".join(map(str, failed))}
            )


def _error_text(err):
    if isinstance(err, ValidationError):
        return " ".join(err.messages)
    return str(err)
