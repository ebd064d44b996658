"""Forget commenters' IP hashes and user agents once the retention period has passed.

Run daily from cron: ``python manage.py purge_comment_data`` (default: older than
NEWSROOM_COMMENT_DATA_RETENTION_DAYS, 90 days).
"""

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _, gettext_lazy, ngettext

from articles.comments import purge_visitor_data
from articles.management.base import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy("Hapus hash IP dan user agent komentar yang lebih tua dari masa retensi.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.NEWSROOM_COMMENT_DATA_RETENTION_DAYS,
            help=gettext_lazy(
                "Masa retensi dalam hari (bawaan: NEWSROOM_COMMENT_DATA_RETENTION_DAYS)."
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("Hitung saja, jangan ubah.")
        )

    def handle(self, *args, days, dry_run, verbosity, **options):
        if days < 0:
            raise CommandError(_("--days tidak boleh negatif."))
        count = purge_visitor_data(days=days, dry_run=dry_run)
        if verbosity:
            # Two numbers, one sentence each way: the age in days, then how many comments.
            age = ngettext("lebih dari %(count)d hari", "lebih dari %(count)d hari", days) % {
                "count": days
            }
            message = (
                ngettext(
                    "%(count)d komentar %(age)s akan dibersihkan (uji coba).",
                    "%(count)d komentar %(age)s akan dibersihkan (uji coba).",
                    count,
                )
                if dry_run
                else ngettext(
                    "%(count)d komentar %(age)s dibersihkan.",
                    "%(count)d komentar %(age)s dibersihkan.",
                    count,
                )
            )
            self.stdout.write(self.style.SUCCESS(message % {"count": count, "age": age}))
