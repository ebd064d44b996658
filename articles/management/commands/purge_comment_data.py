"""Forget commenters' IP hashes and user agents once the retention period has passed.

Run daily from cron: ``python manage.py purge_comment_data`` (default: older than
NEWSROOM_COMMENT_DATA_RETENTION_DAYS, 90 days).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.comments import purge_visitor_data


class Command(BaseCommand):
    help = "Hapus hash IP dan user agent komentar yang lebih tua dari masa retensi."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.NEWSROOM_COMMENT_DATA_RETENTION_DAYS,
            help="Masa retensi dalam hari (bawaan: NEWSROOM_COMMENT_DATA_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Hitung saja, jangan ubah.")

    def handle(self, *args, days, dry_run, verbosity, **options):
        if days < 0:
            raise CommandError(_("--days tidak boleh negatif."))
        count = purge_visitor_data(days=days, dry_run=dry_run)
        if verbosity:
            message = (
                _("%(count)s komentar lebih dari %(days)s hari akan dibersihkan (uji coba).")
                if dry_run
                else _("%(count)s komentar lebih dari %(days)s hari dibersihkan.")
            )
            self.stdout.write(self.style.SUCCESS(message % {"count": count, "days": days}))
