"""Every POST without a CSRF token is refused and changes nothing."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse

from articles.models import AuditEntry, Comment
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

CSRF_TEXT = "Formulir kedaluwarsa atau tidak sah"


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def snapshot():
    """Count every row of every model the admin manages: a refused POST changes none."""
    return {model._meta.label: model._default_manager.count() for model in admin.site._registry} | {
        "audit": AuditEntry.objects.count()
    }


def test_admin_login_without_token_is_refused(csrf_client):
    user = UserFactory(role="redaktur")
    response = csrf_client.post(
        "/admin/login/", {"username": user.username, "password": "rahasia-sekali-123"}
    )
    assert response.status_code == 403
    assert CSRF_TEXT in response.content.decode()
    assert "_auth_user_id" not in csrf_client.session


def admin_post_urls():
    for model, _model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        for name in ("add", "changelist"):
            try:
                yield reverse(f"admin:{info[0]}_{info[1]}_{name}")
            except NoReverseMatch:
                continue


def test_every_admin_add_form_and_bulk_action_refuses_a_post_without_token(csrf_client):
    root = UserFactory(is_superuser=True, unit=None)
    csrf_client.force_login(root)
    ArticleFactory()
    before = snapshot()
    urls = list(admin_post_urls())
    assert len(urls) >= 8
    for url in urls:
        response = csrf_client.post(
            url,
            {"action": "delete_selected", "_selected_action": ["1"], "post": "yes", "name": "x"},
        )
        assert response.status_code == 403, url
    assert snapshot() == before


def test_security_pages_refuse_a_post_without_token(csrf_client):
    head = UserFactory(role="kepala")
    csrf_client.force_login(head)
    for url in [
        "/admin/keamanan/buka-kunci/",
        "/admin/keamanan/2fa/daftar/",
        "/admin/keamanan/2fa/verifikasi/",
        "/admin/logout/",
        "/admin/password_change/",
    ]:
        response = csrf_client.post(url, {"username": head.username, "token": "123456"})
        assert response.status_code == 403, url
    assert not AuditEntry.objects.exists()
    assert "_auth_user_id" in csrf_client.session


def test_language_switch_refuses_a_post_without_token(csrf_client):
    assert csrf_client.post("/i18n/setlang/", {"language": "en"}).status_code == 403


def test_comment_without_token_is_not_stored_and_the_text_is_kept(csrf_client):
    """The cached story page has no token: the reader gets the form back, nothing is saved."""
    story = ArticleFactory()
    response = csrf_client.post(
        f"/komentar/{story.pk}/kirim/",
        {
            "name": "Penyusup",
            "email": "penyusup@contoh.test",
            "body": "Komentar lewat situs lain",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Demi keamanan, periksa komentar Anda lalu tekan Kirim sekali lagi." in body
    assert "Komentar lewat situs lain" in body
    assert Comment.objects.count() == 0
