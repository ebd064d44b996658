"""The outage page itself: a database error anywhere answers 503, readable, no traceback."""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import path

from newsroom.urls import handler500, urlpatterns as site_urlpatterns


def broken_database(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def closed_connection(request):
    raise InterfaceError("connection already closed")


def other_bug(request):
    raise ValueError("a plain bug")


urlpatterns = [
    path("rusak/db/", broken_database),
    path("rusak/koneksi/", closed_connection),
    path("rusak/lain/", other_bug),
    *site_urlpatterns,
]
# Django looks these up on the module named by ROOT_URLCONF.
__all__ = ["handler500", "urlpatterns"]


@pytest.fixture
def client(settings):
    settings.ROOT_URLCONF = __name__
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("url", ["/rusak/db/", "/rusak/koneksi/"])
def test_database_errors_answer_a_readable_503(client, url):
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert "Layanan sedang terganggu" in body
    assert "5432" not in body and "Traceback" not in body and "OperationalError" not in body


@pytest.mark.django_db
def test_other_errors_stay_500(client):
    response = client.get("/rusak/lain/")
    assert response.status_code == 500
    assert "a plain bug" not in response.content.decode()
