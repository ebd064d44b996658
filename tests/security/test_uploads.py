"""Hostile uploads through the admin: only decoded, re-encoded images are stored, under our names."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Photo
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD_URL = "admin:articles_photo_add"


def jpeg_bytes(size=(32, 24)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "JPEG")
    return buffer.getvalue()


def upload(client, name, content, content_type="image/jpeg", **fields):
    data = {
        "file": SimpleUploadedFile(name, content, content_type=content_type),
        "alt_text": fields.pop("alt_text", "Foto uji"),
        "caption": "",
        "credit": "",
        "position": "0",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **fields,
    }
    return client.post(reverse(ADD_URL), data)


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def writer_client(client):
    client.force_login(UserFactory(role="penulis"))
    return client


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        (
            "serangan.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "image/svg+xml",
        ),
        ("halaman.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"),
        ("skrip.html", b"<script>alert(1)</script>", "text/html"),
        ("polyglot.jpg", b"GIF89a/*<script>alert(1)</script>*/", "image/gif"),
        ("terpotong.jpg", jpeg_bytes()[:200], "image/jpeg"),
        ("kosong.jpg", b"", "image/jpeg"),
    ],
)
def test_non_images_are_refused_and_nothing_is_stored(
    writer_client, settings, name, content, content_type
):
    response = upload(writer_client, name, content, content_type)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert not Photo.objects.exists()
    assert stored_files(settings) == []


def test_decompression_bomb_is_refused(writer_client, settings):
    buffer = io.BytesIO()
    # Tiny on disk, 400 megapixels once decoded.
    Image.new("1", (20000, 20000)).save(buffer, "PNG", optimize=True)
    response = upload(writer_client, "bom.png", buffer.getvalue(), "image/png")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert not Photo.objects.exists()


def test_a_real_photo_is_stored_under_a_generated_name_whatever_it_was_called(
    writer_client, settings
):
    response = upload(writer_client, "../../../newsroom/evil.html", jpeg_bytes())
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.file.name.startswith("photos/") and photo.file.name.endswith(".jpg")
    assert "evil" not in photo.file.name and ".." not in photo.file.name
    files = stored_files(settings)
    assert files and all(f.startswith("photos/") for f in files)
    assert all(f.rsplit(".", 1)[-1] in settings.NEWSROOM_MEDIA_TYPES for f in files)
    # The stored file is served back as an image, not as what the name claimed.
    served = writer_client.get(photo.file.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
