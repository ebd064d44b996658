"""Helpers for posting comments through HTTP the way a reader's browser does."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory


@pytest.fixture(autouse=True)
def _comment_settings(settings):
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 0
    settings.NEWSROOM_NOTIFY_EMAILS = ["desk@humas.test"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.fixture
def reader():
    """A browser that enforces CSRF, like a real one."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Tes/1.0")


def fetch_token(client):
    response = client.get(reverse("articles:comment_token"))
    assert response.status_code == 200
    return response.json()


def comment_data(**overrides):
    data = {
        "name": "Budi Santoso",
        "email": "budi@contoh.test",
        "body": "Terima kasih, informasinya sangat membantu warga.",
        "consent": "on",
        "parent": "",
        "situs": "",
    }
    data.update(overrides)
    return data


def post_comment(client, article, token=None, **overrides):
    """Post as the script does: fetch a token and stamp first, then send the form."""
    token = token or fetch_token(client)
    data = comment_data(**overrides)
    data.setdefault("csrfmiddlewaretoken", token["csrfToken"])
    data.setdefault("stamp", token["stamp"])
    return client.post(reverse("articles:comment_post", args=[article.pk]), data)
