"""Answer a data-subject request (UU 27/2022 PDP) for one commenter's email address.

``commenter_data export EMAIL`` prints everything stored as JSON;
``commenter_data erase EMAIL`` clears it, keeping "komentar dihapus" placeholders in threads.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _, gettext_lazy, ngettext

from articles.comments import commenter_comments, erase_commenter, export_commenter_json
from articles.management.base import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy("Ekspor atau hapus data komentator berdasarkan alamat email.")

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("erase: hitung saja.")
        )

    def handle(self, *args, operation, email, dry_run, verbosity, **options):
        try:
            validate_email(email)
        except ValidationError as err:
            raise CommandError(_("Bukan alamat email: %(email)r") % {"email": email}) from err
        if operation == "export":
            self.stdout.write(export_commenter_json(email))
            return
        if dry_run:
            count = commenter_comments(email).count()
            self.stdout.write(
                ngettext(
                    "%(count)d komentar akan dihapus (uji coba).",
                    "%(count)d komentar akan dihapus (uji coba).",
                    count,
                )
                % {"count": count}
            )
            return
        count = erase_commenter(email)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    ngettext("%(count)d komentar dihapus.", "%(count)d komentar dihapus.", count)
                    % {"count": count}
                )
            )
