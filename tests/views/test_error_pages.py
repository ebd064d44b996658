"""Readable Indonesian error pages."""

import pytest
from django.test import RequestFactory
from django.views import defaults

pytestmark = pytest.mark.django_db


def test_missing_page_is_a_readable_indonesian_404(client):
    response = client.get("/tidak-ada-halaman-ini/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Halaman tidak ditemukan" in html
    assert 'href="/"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_server_error_page_is_readable_and_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = defaults.server_error(request)

    assert response.status_code == 500
    html = response.content.decode()
    assert "Terjadi gangguan" in html
    assert "Kembali ke beranda" in html
