"""PNGs with one transparent colour (tRNS on a grey or RGB image) keep their transparency."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse_lazy
from PIL import Image

from articles.models import Photo
from tests.factories import UserFactory
from tests.images import samples

pytestmark = pytest.mark.django_db

ADD_URL = reverse_lazy("admin:articles_photo_add")
WHITE = (255, 255, 255)


def colour_keyed_png(mode, fill, key):
    """An 800 × 600 ``fill`` image whose top-left 200 × 150 is ``key``, the transparent colour."""
    image = Image.new(mode, (800, 600), fill)
    image.paste(Image.new(mode, (200, 150), key), (0, 0))
    return samples.encoded(image, "PNG", transparency=key)


KEYED = [
    ("RGB", samples.BLUE, (0, 0, 0), samples.BLUE),
    ("L", 128, 0, (128, 128, 128)),
    ("I;16", 0x8000, 0x1234, (128, 128, 128)),
]


@pytest.mark.parametrize("mode, fill, key, shown", KEYED)
def test_a_colour_keyed_png_is_flattened_on_white_like_any_transparent_photo(
    client, media_root, mode, fill, key, shown
):
    """The keyed-out corner shows white in the JPEGs (as an RGBA photo's does), never black."""
    client.force_login(UserFactory(role="penulis"))
    response = client.post(
        ADD_URL,
        {
            "file": SimpleUploadedFile(
                "logo.png", colour_keyed_png(mode, fill, key), content_type="image/png"
            ),
            "alt_text": "Logo Humas Polres",
            "position": "0",
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
    )
    assert response.status_code == 302

    photo = Photo.objects.get()
    original = Image.open(media_root / photo.file.name)
    assert (original.format, original.mode) == ("PNG", "RGBA")
    assert original.getpixel((10, 10))[3] == 0
    assert original.getpixel((700, 500))[3] == 255

    jpeg = Image.open(media_root / photo.renditions["w800.jpg"]).convert("RGB")
    assert all(abs(a - b) <= 8 for a, b in zip(jpeg.getpixel((20, 20)), WHITE, strict=True))
    assert all(abs(a - b) <= 12 for a, b in zip(jpeg.getpixel((600, 400)), shown, strict=True))
    webp = Image.open(media_root / photo.renditions["w800.webp"])
    assert webp.mode == "RGBA" and webp.getpixel((20, 20))[3] == 0
