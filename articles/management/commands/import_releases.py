"""Import plain-text press releases (files or folders of .txt) as stories.

Each file is its own transaction: a bad file is reported and skipped, the rest import.
Running the same import again changes nothing (content fingerprint); a changed file
updates its story as a new revision. Interrupt it at any time and run it again.
"""

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _, ngettext

from articles.importers.runner import (
    ConsoleProgress,
    collect_text_files,
    run_text_import,
    write_report,
)
from articles.management.base import TranslatedCommand
from articles.models import Article

from ._import_options import resolve_category, resolve_unit


class Command(TranslatedCommand):
    help = _(
        "Impor siaran pers berupa berkas teks (.txt) atau folder berisi berkas teks. "
        "Berita masuk sebagai draf kecuali --status published."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=_("Berkas .txt atau folder."))
        parser.add_argument("--unit", help=_("Slug satuan penerbit."))
        parser.add_argument("--category", help=_("Slug kategori."))
        parser.add_argument(
            "--status",
            choices=[Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.PUBLISHED],
            default=Article.Status.DRAFT,
            help=_("Status berita baru (bawaan: draft). published memakai tanggal dari teks."),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Hanya laporan; tidak ada yang disimpan.")
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        unit = resolve_unit(options["unit"])
        category = resolve_category(options["category"])
        sources, missing = collect_text_files(options["paths"])
        if missing:
            raise CommandError(
                _("Berkas atau folder tidak ditemukan: %(paths)s") % {"paths": ", ".join(missing)}
            )
        if not sources:
            raise CommandError(_("Tidak ada berkas .txt untuk diimpor."))
        if verbosity >= 1:
            self.stdout.write(
                ngettext(
                    "%(count)d berkas akan diimpor ke %(unit)s.",
                    "%(count)d berkas akan diimpor ke %(unit)s.",
                    len(sources),
                )
                % {"count": len(sources), "unit": unit}
            )
        try:
            report = run_text_import(
                sources,
                unit=unit,
                category=category,
                status=options["status"],
                dry_run=options["dry_run"],
                progress=ConsoleProgress(self.stdout, verbosity=verbosity),
            )
        except KeyboardInterrupt as err:
            raise CommandError(
                _(
                    "Dihentikan. Berkas yang selesai sudah tersimpan; jalankan lagi untuk melanjutkan."
                )
            ) from err
        write_report(self.stdout, self.style, report, verbosity)
