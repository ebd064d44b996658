"""``manage.py create_staff``: a staff account with a role in a unit, or nothing and a reason."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles import roles
from articles.models import AuditEntry, User
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Sandi-Staf-Panjang-2025"


@pytest.fixture
def polres():
    return UnitFactory(name="Polres Tasikmalaya Kota", slug="polres-tasik")


def create_staff(*args):
    out = io.StringIO()
    call_command("create_staff", *args, "--no-input", stdout=out)
    return out.getvalue()


def test_creates_a_staff_account_in_the_unit_with_the_role(polres):
    output = create_staff(
        "--unit",
        "polres-tasik",
        "--role",
        "redaktur",
        "--username",
        "redaktur.baru",
        "--email",
        "redaktur@humas.test",
        "--first-name",
        "Sari",
        "--password",
        PASSWORD,
    )

    user = User.objects.get(username="redaktur.baru")
    assert (user.unit, user.is_staff, user.is_active, user.is_superuser) == (
        polres,
        True,
        True,
        False,
    )
    assert (user.email, user.first_name) == ("redaktur@humas.test", "Sari")
    assert set(user.groups.values_list("name", flat=True)) == {roles.EDITOR}
    assert user.check_password(PASSWORD)
    assert "Login: redaktur.baru" in output
    assert PASSWORD not in output
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ROLE_CHANGE, target="redaktur.baru")
    assert entry.unit == polres and "Redaktur" in entry.detail


def test_generates_and_prints_a_password_when_none_is_given(polres):
    output = create_staff("--unit", "polres-tasik", "--role", "kepala", "--username", "kepala.baru")

    password = re.search(r"tidak ditampilkan lagi\): (\S+)", output).group(1)
    user = User.objects.get(username="kepala.baru")
    assert user.check_password(password)
    assert set(user.groups.values_list("name", flat=True)) == {roles.HEAD}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--unit", "polres-entah", "--role", "penulis"],
            "Satuan kerja dengan slug “polres-entah”",
        ),
        (["--unit", "polres-tasik", "--role", "admin"], "Peran “admin” tidak dikenal"),
        (
            ["--unit", "polres-tasik", "--role", "penulis", "--password", "123"],
            "Kata sandi ditolak",
        ),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_creates_nothing(polres, args, message):
    with pytest.raises(CommandError, match=message):
        create_staff(*args, "--username", "staf.baru")
    assert not User.objects.filter(username="staf.baru").exists()
    assert not AuditEntry.objects.exists()


def test_an_existing_username_is_refused_and_left_untouched(polres):
    existing = UserFactory(username="penulis.lama", role="penulis", unit=polres)
    with pytest.raises(CommandError, match="sudah dipakai"):
        create_staff(
            "--unit",
            "polres-tasik",
            "--role",
            "kepala",
            "--username",
            "Penulis.Lama",
            "--password",
            PASSWORD,
        )
    existing.refresh_from_db()
    assert set(existing.groups.values_list("name", flat=True)) == {roles.WRITER}
    assert User.objects.filter(username__iexact="penulis.lama").count() == 1


def test_dry_run_checks_without_creating(polres):
    output = create_staff(
        "--unit",
        "polres-tasik",
        "--role",
        "penulis",
        "--username",
        "coba",
        "--password",
        PASSWORD,
        "--dry-run",
    )
    assert "Uji coba" in output
    assert not User.objects.filter(username="coba").exists()
    assert not AuditEntry.objects.exists()


def test_from_the_command_line_an_error_exits_non_zero(polres, monkeypatch):
    """Run as ``manage.py``: the reason on stderr and exit status 1."""
    from django.core.management import ManagementUtility, base

    # manage.py closes the database connections on its way out; the test still needs its own.
    monkeypatch.setattr(base.connections, "close_all", lambda: None)

    err = io.StringIO()
    utility = ManagementUtility(
        [
            "manage.py",
            "create_staff",
            "--unit",
            "tidak-ada",
            "--role",
            "penulis",
            "--username",
            "x.y",
            "--no-input",
        ]
    )
    monkeypatch.setattr("sys.stderr", err)
    with pytest.raises(SystemExit) as exit_info:
        utility.execute()
    assert exit_info.value.code == 1
    assert "tidak ditemukan" in err.getvalue()
    assert not User.objects.filter(username="x.y").exists()
