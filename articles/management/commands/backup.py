"""Write a consistent snapshot of the database and media into a timestamped folder."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _, gettext_lazy

from articles.backups import BackupError, create_backup
from articles.management.base import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Cadangkan basis data (SQLite lewat online backup API, PostgreSQL lewat pg_dump) "
        "dan media ke folder bertanggal berisi manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help=gettext_lazy("Folder induk cadangan (bawaan: setelan NEWSROOM_BACKUP_DIR)."),
        )
        parser.add_argument(
            "--no-media", action="store_true", help=gettext_lazy("Lewati folder media.")
        )
        parser.add_argument("--database", default="default", help=gettext_lazy("Alias basis data."))

    def handle(self, *args, **options):
        try:
            folder = create_backup(
                options["output"], include_media=not options["no_media"], alias=options["database"]
            )
        except (BackupError, OSError) as err:
            raise CommandError(str(err)) from err
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(_("Cadangan tersimpan di %(folder)s") % {"folder": folder})
            )
        # The folder on its own line, for scripts (e.g. `restore "$(manage.py backup -v0)"`).
        if options["verbosity"] == 0:
            self.stdout.write(str(folder))
