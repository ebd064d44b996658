"""Uploaded media: images only, with our content type, never from a path a reader chose."""

import io

import pytest
from django.conf import settings
from PIL import Image

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings):
    root = settings.MEDIA_ROOT
    (root / "photos").mkdir(parents=True)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "JPEG")
    (root / "photos" / "foto.jpg").write_bytes(buffer.getvalue())
    (root / "photos" / "halaman.html").write_text("<script>alert(1)</script>")
    (root / "photos" / "gambar.svg").write_text('<svg onload="alert(1)"/>')
    (root / "photos" / "menyamar.jpg").write_text("<html><script>alert(1)</script></html>")
    # A secret beside the media folder that traversal would reach.
    (root.parent / "rahasia.jpg").write_bytes(buffer.getvalue())
    (root.parent / "settings.py").write_text("SECRET_KEY = 'x'")
    return root


def test_stored_image_is_served_as_an_image(client, media):
    response = client.get(f"{settings.MEDIA_URL}photos/foto.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'inline; filename="foto.jpg"'
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_html_disguised_as_jpeg_keeps_the_image_type_and_a_sandbox(client, media):
    response = client.get(f"{settings.MEDIA_URL}photos/menyamar.jpg")
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize("name", ["photos/halaman.html", "photos/gambar.svg", "photos/"])
def test_non_image_media_is_not_served(client, media, name):
    assert client.get(f"{settings.MEDIA_URL}{name}").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "../rahasia.jpg",
        "photos/../../rahasia.jpg",
        "..%2frahasia.jpg",
        "photos/%2e%2e/%2e%2e/rahasia.jpg",
        "%2e%2e%2f%2e%2e%2frahasia.jpg",
        "/etc/hostname.jpg",
        "photos/foto.jpg%00.html",
        "..\\rahasia.jpg",
    ],
)
def test_path_traversal_in_media_urls_is_refused(client, media, path):
    response = client.get(f"{settings.MEDIA_URL}{path}")
    assert response.status_code in (400, 404)
    assert b"\xff\xd8" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_media_refuses_writes(client, media):
    assert client.post(f"{settings.MEDIA_URL}photos/foto.jpg").status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "/static/../newsroom/settings.py",
        "/static/..%2f..%2fnewsroom%2fsettings.py",
        "/static/%2e%2e/%2e%2e/newsroom/settings.py",
        "/static/css/../../../manage.py",
        "/static/css/site.css%00.py",
    ],
)
def test_path_traversal_in_static_urls_is_refused(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    body = b"".join(getattr(response, "streaming_content", [response.content]))
    assert b"SECRET_KEY" not in body and b"DJANGO_SETTINGS_MODULE" not in body
