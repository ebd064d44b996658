"""Create a staff account with a role in a unit.

``python manage.py create_staff --unit polres-tasik --role penulis --username budi``
asks for the password (twice) on a terminal, or generates one and prints it when run from a
script; ``--password`` sets it directly. One transaction: on any error nothing is created.
"""

import getpass
import secrets
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _, gettext_lazy

from articles import roles, staff
from articles.management.base import TranslatedCommand
from articles.models import Unit, User


class DryRun(Exception):
    """Raised inside the transaction to roll back a --dry-run."""


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Buat akun staf (Penulis, Redaktur atau Kepala Humas) pada satu satuan kerja."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--unit", required=True, help=gettext_lazy("Slug satuan kerja, mis. polres-tasik.")
        )
        parser.add_argument(
            "--role",
            required=True,
            help=gettext_lazy("Peran: penulis, redaktur atau kepala (Kepala Humas)."),
        )
        parser.add_argument(
            "--username", required=True, help=gettext_lazy("Nama pengguna untuk login.")
        )
        parser.add_argument("--email", default="", help=gettext_lazy("Alamat email (opsional)."))
        parser.add_argument("--first-name", default="", help=gettext_lazy("Nama depan (opsional)."))
        parser.add_argument(
            "--last-name", default="", help=gettext_lazy("Nama belakang (opsional).")
        )
        parser.add_argument(
            "--password",
            help=gettext_lazy(
                "Kata sandi. Tanpa ini: ditanyakan di terminal, atau dibuatkan dan dicetak."
            ),
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=gettext_lazy("Jangan bertanya; tanpa --password kata sandi dibuatkan."),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("Periksa saja, jangan buat.")
        )

    def handle(self, *args, **options):
        unit = self.find_unit(options["unit"])
        role = self.check_role(options["role"])
        username = options["username"].strip()
        if not username:
            raise CommandError(_("Nama pengguna tidak boleh kosong."))
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(
                _("Nama pengguna “%(username)s” sudah dipakai.") % {"username": username}
            )

        candidate = User(
            username=username,
            email=options["email"],
            first_name=options["first_name"],
            last_name=options["last_name"],
            unit=unit,
        )
        password, generated = self.get_password(options, candidate)
        try:
            with transaction.atomic():
                user = staff.create_account(
                    username=username,
                    unit=unit,
                    role=role,
                    password=password,
                    email=options["email"],
                    first_name=options["first_name"],
                    last_name=options["last_name"],
                )
                if options["dry_run"]:
                    raise DryRun
        except DryRun:
            self.stdout.write(
                _(
                    "Uji coba: akun %(username)s (%(role)s, %(unit)s) dapat dibuat; tidak ada yang disimpan."
                )
                % {"username": username, "role": staff.role_label(role), "unit": unit.name}
            )
            return
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Akun staf dibuat: %(username)s, %(role)s, %(unit)s.")
                    % {"username": user.username, "role": staff.role_label(role), "unit": unit.name}
                )
            )
            self.stdout.write(_("Login: %(username)s") % {"username": user.username})
        if generated:
            # Printed even at verbosity 0: it is the only copy of the password.
            self.stdout.write(
                _("Kata sandi (simpan sekarang, tidak ditampilkan lagi): %(password)s")
                % {"password": password}
            )

    def find_unit(self, slug):
        unit = Unit.objects.filter(slug=slug).first()
        if unit is None:
            raise CommandError(
                _("Satuan kerja dengan slug “%(slug)s” tidak ditemukan.") % {"slug": slug}
            )
        return unit

    def check_role(self, role):
        role = role.strip().lower()
        if role not in roles.ROLE_GROUPS:
            raise CommandError(
                _("Peran “%(role)s” tidak dikenal. Pilih salah satu: %(choices)s.")
                % {"role": role, "choices": ", ".join(roles.ROLE_GROUPS)}
            )
        return role

    def get_password(self, options, candidate):
        """Return ``(password, generated)``: given, asked for, or generated."""
        password, generated = options["password"], False
        if password is None and options["interactive"] and sys.stdin.isatty():
            password = getpass.getpass(_("Kata sandi: "))
            if password != getpass.getpass(_("Ulangi kata sandi: ")):
                raise CommandError(_("Kedua kata sandi tidak sama."))
        if password is None:
            password, generated = secrets.token_urlsafe(15), True
        try:
            validate_password(password, candidate)
        except ValidationError as err:
            raise CommandError(
                _("Kata sandi ditolak: %(reasons)s") % {"reasons": " ".join(err.messages)}
            ) from err
        return password, generated
