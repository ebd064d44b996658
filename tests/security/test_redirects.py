"""Every redirect stays on this site, whatever ``?next=`` says."""

from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOSTILE_NEXT = [
    "https://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "http://testserver@evil.example/",
    "https:evil.example",
    "javascript:alert(document.cookie)",
    " //evil.example",
]


def assert_stays_here(response):
    assert response.status_code == 302
    location = response["Location"]
    # Resolve it as a browser would (backslashes count as slashes there).
    resolved = urlsplit(urljoin("http://testserver/admin/", location.replace("\\", "/")))
    assert (resolved.scheme, resolved.netloc) == ("http", "testserver")
    assert "evil.example" not in location


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_admin_login_never_redirects_off_site(target):
    user = UserFactory(role="redaktur")
    client = Client()
    response = client.post(
        f"/admin/login/?next={target}",
        {"username": user.username, "password": "rahasia-sekali-123", "next": target},
    )
    assert_stays_here(response)


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_language_switch_never_redirects_off_site(client, target):
    response = client.post("/i18n/setlang/", {"language": "en", "next": target})
    assert_stays_here(response)


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_two_factor_verify_never_redirects_off_site(client, target):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = UserFactory(role="penulis")
    TOTPDevice.objects.create(user=user, name="hp", confirmed=True)
    client.force_login(user)
    # Already verified sessions are sent straight to ``next``: make this one verified.
    session = client.session
    device = TOTPDevice.objects.get(user=user)
    session["otp_device_id"] = device.persistent_id
    session.save()
    response = client.get("/admin/keamanan/2fa/verifikasi/", {"next": target})
    assert_stays_here(response)
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_admin_logout_never_redirects_off_site(client, target):
    client.force_login(UserFactory(role="penulis"))
    response = client.post("/admin/logout/", {"next": target})
    # An unsafe ``next`` is ignored: the logged-out page, on this site.
    assert response.status_code == 200
    assert "evil.example" not in response.content.decode()
    assert "_auth_user_id" not in client.session
