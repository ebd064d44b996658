"""Import a WordPress export (WXR): posts, comments, featured images and old URLs.

The whole file is read and checked before anything is saved: a hostile, truncated or
foreign file stops the command with nothing imported. Each post is then its own
transaction, and running the import again changes nothing (WordPress post ID and GUID).
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from articles.importers.common import ImportFailure
from articles.importers.runner import ConsoleProgress, run_wxr_import, write_report
from articles.management.base import TranslatedCommand

from ._import_options import resolve_unit


class Command(TranslatedCommand):
    help = _("Impor ekspor WordPress (WXR): pos, komentar, foto utama, dan alamat lama.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("Berkas ekspor WordPress (.xml)."))
        parser.add_argument("--unit", help=_("Slug satuan penerbit."))
        parser.add_argument(
            "--media-dir", help=_("Folder wp-content/uploads untuk mengambil foto utama.")
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Hanya laporan; tidak ada yang disimpan.")
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        unit = resolve_unit(options["unit"])
        path = Path(options["file"])
        media_dir = options["media_dir"]
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(_("Folder media tidak ditemukan: %(path)s") % {"path": media_dir})
        try:
            data = path.read_bytes()
        except OSError as err:
            raise CommandError(
                _("Berkas tidak dapat dibaca: %(path)s (%(error)s)")
                % {"path": path, "error": err.strerror}
            ) from err
        try:
            report = run_wxr_import(
                data,
                unit=unit,
                media_dir=media_dir,
                dry_run=options["dry_run"],
                progress=ConsoleProgress(self.stdout, verbosity=verbosity),
            )
        except ImportFailure as err:
            raise CommandError(
                _("Impor dibatalkan, tidak ada yang disimpan. %(error)s") % {"error": err}
            ) from err
        except KeyboardInterrupt as err:
            raise CommandError(
                _("Dihentikan. Pos yang selesai sudah tersimpan; jalankan lagi untuk melanjutkan.")
            ) from err
        write_report(self.stdout, self.style, report, verbosity)
