"""Bring back a snapshot written by ``backup``: it replaces the database and media."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _, gettext_lazy

from articles.backups import BackupError, read_manifest, restore_backup
from articles.management.base import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Pulihkan basis data dan media dari folder cadangan. Isi basis data sekarang DIGANTI; "
        "wajib --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help=gettext_lazy("Folder cadangan (berisi manifest.json)."))
        parser.add_argument(
            "--yes",
            action="store_true",
            help=gettext_lazy("Konfirmasi: ganti isi basis data sekarang."),
        )
        parser.add_argument(
            "--no-media", action="store_true", help=gettext_lazy("Jangan pulihkan media.")
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("Periksa cadangan saja.")
        )
        parser.add_argument("--database", default="default", help=gettext_lazy("Alias basis data."))

    def handle(self, *args, **options):
        try:
            manifest = read_manifest(options["folder"])
            if options["dry_run"]:
                self.stdout.write(
                    self.style.SUCCESS(
                        _("Cadangan utuh: %(engine)s, %(created_at)s, %(counts)s")
                        % {
                            "engine": manifest["engine"],
                            "created_at": manifest["created_at"],
                            "counts": manifest["counts"],
                        }
                    )
                )
                return
            if not options["yes"]:
                raise CommandError(
                    _("Pemulihan mengganti seluruh isi basis data. Ulangi dengan --yes bila yakin.")
                )
            restore_backup(
                options["folder"],
                include_media=not options["no_media"],
                alias=options["database"],
            )
        except (BackupError, OSError) as err:
            raise CommandError(str(err)) from err
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Dipulihkan dari cadangan %(created_at)s: %(counts)s")
                    % {"created_at": manifest["created_at"], "counts": manifest["counts"]}
                )
            )
