"""Bring back a snapshot written by ``backup``: it replaces the database and media."""

from django.core.management.base import BaseCommand, CommandError

from articles.backups import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Pulihkan basis data dan media dari folder cadangan. Isi basis data sekarang DIGANTI; "
        "wajib --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Folder cadangan (berisi manifest.json).")
        parser.add_argument(
            "--yes", action="store_true", help="Konfirmasi: ganti isi basis data sekarang."
        )
        parser.add_argument("--no-media", action="store_true", help="Jangan pulihkan media.")
        parser.add_argument("--dry-run", action="store_true", help="Periksa cadangan saja.")
        parser.add_argument("--database", default="default", help="Alias basis data.")

    def handle(self, *args, **options):
        try:
            manifest = read_manifest(options["folder"])
            if options["dry_run"]:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Cadangan utuh: {manifest['engine']}, {manifest['created_at']}, "
                        f"{manifest['counts']}"
                    )
                )
                return
            if not options["yes"]:
                raise CommandError(
                    "Pemulihan mengganti seluruh isi basis data. Ulangi dengan --yes bila yakin."
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
                    f"Dipulihkan dari cadangan {manifest['created_at']}: {manifest['counts']}"
                )
            )
