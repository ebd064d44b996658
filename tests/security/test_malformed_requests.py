"""Oversized and malformed requests answer 400/413, never 500, and store nothing."""

import pytest
from django.test import Client

from articles.models import Comment
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return ArticleFactory(title="Berita Untuk Uji Masukan")


def comment_url(story):
    return f"/komentar/{story.pk}/kirim/"


@pytest.mark.parametrize(
    "url",
    [
        "/?q=%00",
        "/?halaman=1%00",
        "/berita/abc%00def/",
        "/?q=%ff%fe",
        "/?q=%c3%28",
        "/feed/rss/?x=%00",
        "/sitemap.xml?p=%00",
        "/admin/login/?next=%00",
    ],
)
def test_nul_bytes_and_broken_utf8_in_the_url_answer_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Alamat mengandung karakter yang tidak valid." in response.content.decode()


def test_declared_huge_body_is_refused_before_reading(client, story):
    response = client.post(
        comment_url(story), data="x=1", content_type="text/plain", CONTENT_LENGTH=str(10**10)
    )
    assert response.status_code == 413
    assert Comment.objects.count() == 0


def test_nonsense_content_length_answers_400(client, story):
    response = client.post(
        comment_url(story), data="x=1", content_type="text/plain", CONTENT_LENGTH="banyak"
    )
    assert response.status_code == 400


def test_form_body_over_the_memory_limit_answers_400(story, settings):
    client = Client(raise_request_exception=False)
    body = "body=" + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client.post(
        comment_url(story), data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_too_many_fields_answer_400(story, settings):
    client = Client(raise_request_exception=False)
    body = "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 5))
    response = client.post(
        comment_url(story), data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("multipart/form-data", b"--x\r\nnonsense"),
        ("multipart/form-data; boundary=", b"--\r\n"),
        ("multipart/form-data; boundary=abc", b"--abc\r\nContent-Disposition: form-data\r\n"),
        ("multipart/form-data; boundary=abc", b"\xff\xfe\x00garbage"),
    ],
)
def test_bad_multipart_answers_400(story, content_type, body):
    client = Client(raise_request_exception=False)
    response = client.post(comment_url(story), data=body, content_type=content_type)
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_invalid_utf8_in_a_comment_body_stores_nothing_broken(story):
    client = Client(raise_request_exception=False)
    response = client.post(
        comment_url(story),
        data=b"name=%ff%fe&email=a%40b.test&body=%c3%28%00&consent=on",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_refusals_are_explained_in_indonesian(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()
    client.force_login(UserFactory(role="penulis"))
    response = client.get("/admin/keamanan/buka-kunci/")
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()
