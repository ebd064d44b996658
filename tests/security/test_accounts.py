"""Staff accounts: brute-force lockout, unlock by the head of desk, idle expiry, two-factor."""

import datetime
import time

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import AuditEntry
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/"
PASSWORD = "rahasia-sekali-123"
LOCKOUT_TEXT = "Login dikunci sementara"


def attempt(client, username, password="salah-sekali-999", ip="10.0.0.1"):
    return client.post(
        LOGIN_URL, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip
    )


def current_token(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_five_failures_lock_the_account_from_any_address(client):
    """After five wrong passwords from five addresses, even the right password is refused."""
    user = UserFactory(role="penulis")
    statuses = [attempt(client, user.username, ip=f"10.0.0.{n + 1}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    response = attempt(client, user.username, password=PASSWORD, ip="10.9.9.9")
    assert response.status_code == 429
    assert LOCKOUT_TEXT in response.content.decode()
    assert SESSION_KEY not in client.session


def test_five_failures_lock_the_address_for_every_account(client):
    """Guessing across many accounts from one address locks that address."""
    victim = UserFactory(role="penulis")
    for n in range(5):
        attempt(client, f"tebakan{n}", ip="10.1.1.1")
    response = attempt(client, victim.username, password=PASSWORD, ip="10.1.1.1")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    # The same account from another address is not affected.
    response = attempt(client, victim.username, password=PASSWORD, ip="10.2.2.2")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(victim.pk)


def test_lockout_ends_after_the_cool_off(client):
    user = UserFactory(role="penulis")
    for n in range(5):
        attempt(client, user.username, ip=f"10.0.0.{n + 1}")
    assert attempt(client, user.username, password=PASSWORD).status_code == 429
    with time_machine.travel(datetime.timedelta(minutes=31)):
        response = attempt(client, user.username, password=PASSWORD)
    assert response.status_code == 302


def lock_out(client, username):
    for n in range(5):
        attempt(client, username, ip=f"10.0.0.{n + 1}")


def test_head_of_desk_unlocks_an_account_in_the_unit_tree_with_an_audit_entry(client):
    polda = UnitFactory(name="Polda Contoh")
    polres = UnitFactory(name="Polres Bawahan", parent=polda)
    head = UserFactory(role="kepala", unit=polda)
    writer = UserFactory(role="penulis", unit=polres)
    lock_out(Client(), writer.username)

    client.force_login(head)
    page = client.get("/admin/keamanan/buka-kunci/")
    assert page.status_code == 200
    assert writer.username in page.content.decode()
    response = client.post("/admin/keamanan/buka-kunci/", {"username": writer.username})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=writer.username).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UNLOCK)
    assert (entry.actor, entry.unit, entry.target) == (head, polres, writer.username)
    assert attempt(Client(), writer.username, password=PASSWORD).status_code == 302


def test_head_of_another_unit_cannot_unlock_or_see_the_account(client):
    writer = UserFactory(role="penulis", unit=UnitFactory(name="Polres Satu"))
    outsider = UserFactory(role="kepala", unit=UnitFactory(name="Polres Dua"))
    lock_out(Client(), writer.username)
    client.force_login(outsider)
    assert writer.username not in client.get("/admin/keamanan/buka-kunci/").content.decode()
    response = client.post("/admin/keamanan/buka-kunci/", {"username": writer.username})
    # The answer a typo gets: nothing says whether the account exists elsewhere.
    assert response.status_code == 200
    assert "Tidak ada akun dengan nama itu di satuan Anda." in response.content.decode()
    assert AccessAttempt.objects.filter(username=writer.username).exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.UNLOCK).exists()


def test_unlocking_an_account_that_the_office_address_locked_says_where_the_lock_is(client):
    """Five failures under a mistyped name lock the address, not the account."""
    unit = UnitFactory(name="Polres Empat")
    writer = UserFactory(role="penulis", unit=unit)
    for _ in range(5):
        attempt(Client(), writer.username.upper(), ip="10.5.5.5")
    client.force_login(UserFactory(role="kepala", unit=unit))

    response = client.post(
        "/admin/keamanan/buka-kunci/", {"username": writer.username}, follow=True
    )

    page = response.content.decode()
    assert "dibuka" not in page
    assert "Tidak ada kunci login tercatat untuk" in page
    assert "hanya administrator sistem (superuser)" in page
    typo = client.post("/admin/keamanan/buka-kunci/", {"username": writer.username + "x"})
    assert typo.status_code == 200
    assert f'value="{writer.username}x"' in typo.content.decode()  # the input is kept


@pytest.mark.parametrize("role", ["penulis", "redaktur"])
def test_writers_and_editors_cannot_unlock(client, role):
    unit = UnitFactory(name="Polres Tiga")
    writer = UserFactory(role="penulis", unit=unit)
    lock_out(Client(), writer.username)
    client.force_login(UserFactory(role=role, unit=unit))
    assert client.get("/admin/keamanan/buka-kunci/").status_code == 403
    assert (
        client.post("/admin/keamanan/buka-kunci/", {"username": writer.username}).status_code == 403
    )
    assert AccessAttempt.objects.filter(username=writer.username).exists()


def test_only_a_superuser_unlocks_an_address(client):
    for n in range(5):
        attempt(Client(), f"tebakan{n}", ip="10.3.3.3")
    client.force_login(UserFactory(role="kepala"))
    assert client.post("/admin/keamanan/buka-kunci/", {"ip_address": "10.3.3.3"}).status_code == 403
    assert AccessAttempt.objects.filter(ip_address="10.3.3.3").count() == 5
    root = UserFactory(is_superuser=True, unit=None)
    client.force_login(root)
    assert client.post("/admin/keamanan/buka-kunci/", {"ip_address": "10.3.3.3"}).status_code == 302
    assert not AccessAttempt.objects.filter(ip_address="10.3.3.3").exists()


def test_idle_staff_session_expires(client):
    """Thirty idle minutes end a staff session; activity keeps it alive."""
    client.force_login(UserFactory(role="redaktur"))
    with time_machine.travel(datetime.datetime.now(datetime.UTC), tick=False) as traveller:
        assert client.get("/admin/").status_code == 200
        traveller.shift(datetime.timedelta(minutes=20))
        assert client.get("/admin/").status_code == 200
        traveller.shift(datetime.timedelta(minutes=20))
        assert client.get("/admin/").status_code == 200
        traveller.shift(datetime.timedelta(minutes=31))
        response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"
    assert SESSION_KEY not in client.session


def test_password_validation_refuses_weak_passwords():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = UserFactory(username="budi.santoso")
    for weak in ["pendek123", "123456789012", "password1234", "budi.santoso1"]:
        with pytest.raises(ValidationError):
            validate_password(weak, user)
    validate_password("Kopi-tubruk-di-Mapolres-2026", user)


@pytest.fixture
def require_2fa(settings):
    settings.NEWSROOM_REQUIRE_2FA = True


def test_head_of_desk_must_enrol_before_any_staff_page(client, require_2fa):
    head = UserFactory(role="kepala")
    client.force_login(head)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/keamanan/2fa/daftar/?next=/admin/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=head, confirmed=False)
    wrong = client.post("/admin/keamanan/2fa/daftar/", {"token": "000000", "next": "/admin/"})
    assert wrong.status_code == 200
    assert "Kode salah" in wrong.content.decode()
    # A wrong code throttles the device for a moment; the next code after that is accepted.
    with time_machine.travel(datetime.timedelta(seconds=10)):
        ok = client.post(
            "/admin/keamanan/2fa/daftar/", {"token": current_token(device), "next": "/admin/"}
        )
    assert ok.status_code == 302
    assert ok["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_superuser_must_verify_after_password_login(client, require_2fa):
    root = UserFactory(is_superuser=True, unit=None)
    device = TOTPDevice.objects.create(user=root, name="hp", confirmed=True)
    login = client.post(LOGIN_URL, {"username": root.username, "password": PASSWORD})
    assert login.status_code == 302
    response = client.get("/admin/")
    assert response["Location"] == "/admin/keamanan/2fa/verifikasi/?next=/admin/"
    # A password alone cannot add a second device.
    assert (
        client.get("/admin/keamanan/2fa/daftar/")["Location"] == "/admin/keamanan/2fa/verifikasi/"
    )
    assert TOTPDevice.objects.filter(user=root).count() == 1
    response = client.post(
        "/admin/keamanan/2fa/verifikasi/",
        {"token": current_token(device), "next": "https://evil.example/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_writer_without_device_is_not_asked_for_a_second_factor(client, require_2fa):
    client.force_login(UserFactory(role="penulis"))
    assert client.get("/admin/").status_code == 200


def test_enrolled_writer_must_verify_even_when_not_required(client):
    writer = UserFactory(role="penulis")
    TOTPDevice.objects.create(user=writer, name="hp", confirmed=True)
    client.force_login(writer)
    assert client.get("/admin/")["Location"] == "/admin/keamanan/2fa/verifikasi/?next=/admin/"
    wrong = client.post("/admin/keamanan/2fa/verifikasi/", {"token": "123456"})
    assert wrong.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_head_of_desk_resets_a_lost_second_factor_with_an_audit_entry(client):
    unit = UnitFactory(name="Polres Empat")
    head = UserFactory(role="kepala", unit=unit)
    writer = UserFactory(role="penulis", unit=unit)
    TOTPDevice.objects.create(user=writer, name="hp hilang", confirmed=True)
    client.force_login(head)
    response = client.post(
        "/admin/keamanan/buka-kunci/", {"username": writer.username, "reset_2fa": "on"}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=writer).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UNLOCK, target=writer.username)
    assert "wajib daftar ulang" in entry.detail


def test_head_of_desk_cannot_reset_their_own_second_factor(client):
    head = UserFactory(role="kepala")
    TOTPDevice.objects.create(user=head, name="hp", confirmed=True)
    client.force_login(head)
    # Verified session, so the middleware lets the request through to the view.
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=head).persistent_id
    session.save()
    response = client.post(
        "/admin/keamanan/buka-kunci/", {"username": head.username, "reset_2fa": "on"}
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=head).exists()
    assert not AuditEntry.objects.exists()
