"""List (and with ``--delete``, delete) photo files that no photo row names any more.

Deleting a photo removes its files once the delete commits; this finds what was left before
that, by a crash, by a storage error while deleting, or by an upload whose transaction rolled
back. ``python manage.py prune_media`` is a dry run that lists the files; ``--delete`` deletes
them. Files changed in the last ``--older-than-hours`` (default 24) are skipped: an upload in
flight is stored before its row commits.
"""

import datetime

from django.core.management.base import CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _, gettext_lazy, ngettext

from articles.management.base import TranslatedCommand
from articles.models import Photo
from articles.photo_files import delete_files, find_orphans

DEFAULT_GRACE_HOURS = 24


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Cari berkas foto yang tidak dipakai foto mana pun (asli atau rendisi) dan, dengan "
        "--delete, hapus. Tanpa --delete hanya uji coba."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete",
            action="store_true",
            help=gettext_lazy("Hapus berkasnya (tanpa ini: hanya tampilkan yang akan dihapus)."),
        )
        parser.add_argument(
            "--older-than-hours",
            type=int,
            default=DEFAULT_GRACE_HOURS,
            metavar="N",
            help=gettext_lazy(
                "Lewati berkas yang diubah dalam sekian jam terakhir, mungkin unggahan yang "
                "sedang berjalan (bawaan: 24)."
            ),
        )

    def handle(self, *args, delete, older_than_hours, verbosity, **options):
        if older_than_hours < 0:
            raise CommandError(_("--older-than-hours tidak boleh negatif."))
        storage = Photo._meta.get_field("file").storage
        try:
            report = find_orphans(
                storage, Photo.objects.all(), older_than=datetime.timedelta(hours=older_than_hours)
            )
        except OSError as err:
            raise CommandError(
                _("Penyimpanan media tidak dapat dibaca: %(error)s") % {"error": err}
            ) from err

        errors = delete_files(storage, [s.name for s in report.orphans]) if delete else {}
        failed = [stored for stored in report.orphans if stored.name in errors]
        for stored in report.orphans:
            if stored.name in errors:
                self.stderr.write(
                    _("Gagal menghapus %(name)s: %(error)s")
                    % {"name": stored.name, "error": errors[stored.name]}
                )
            elif verbosity:
                self.stdout.write(f"  {stored.name} ({filesizeformat(stored.size)})")
        if verbosity > 1:
            for stored in report.recent:
                self.stdout.write(_("  dilewati, masih baru: %(name)s") % {"name": stored.name})

        if verbosity:
            self.summarise(report, failed, delete, older_than_hours)
        if failed:
            raise CommandError(
                ngettext(
                    "%(count)d berkas gagal dihapus.",
                    "%(count)d berkas gagal dihapus.",
                    len(failed),
                )
                % {"count": len(failed)}
            )

    def summarise(self, report, failed, delete, hours):
        done = [stored for stored in report.orphans if stored not in failed]
        size = filesizeformat(sum(stored.size for stored in done))
        if delete:
            message = ngettext(
                "%(count)d berkas tak terpakai dihapus (%(size)s).",
                "%(count)d berkas tak terpakai dihapus (%(size)s).",
                len(done),
            )
        else:
            message = ngettext(
                "%(count)d berkas tak terpakai akan dihapus (%(size)s; uji coba, tambahkan "
                "--delete untuk menghapus).",
                "%(count)d berkas tak terpakai akan dihapus (%(size)s; uji coba, tambahkan "
                "--delete untuk menghapus).",
                len(done),
            )
        self.stdout.write(self.style.SUCCESS(message % {"count": len(done), "size": size}))
        if report.recent:
            age = ngettext("%(count)d jam terakhir", "%(count)d jam terakhir", hours) % {
                "count": hours
            }
            self.stdout.write(
                ngettext(
                    "%(count)d berkas tak terpakai dari %(age)s dilewati (%(size)s).",
                    "%(count)d berkas tak terpakai dari %(age)s dilewati (%(size)s).",
                    len(report.recent),
                )
                % {
                    "count": len(report.recent),
                    "age": age,
                    "size": filesizeformat(sum(stored.size for stored in report.recent)),
                }
            )
        self.stdout.write(
            ngettext(
                "%(count)d berkas dipakai foto dibiarkan.",
                "%(count)d berkas dipakai foto dibiarkan.",
                report.referenced,
            )
            % {"count": report.referenced}
        )
