"""The 4:3 card crops: cut around the editor's focal point, never upscaled."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.images import store_photo
from tests.images import samples

pytestmark = pytest.mark.django_db


def portrait_with_red_top():
    """900 × 1800: the top quarter red (the heads), the rest blue."""
    image = Image.new("RGB", (900, 1800), samples.BLUE)
    image.paste(samples.RED, (0, 0, 900, 450))
    return samples.encoded(image, "JPEG", quality=95)


def red(pixel):
    return pixel[0] > 180 and pixel[2] < 80


def blue(pixel):
    return pixel[2] > 180 and pixel[0] < 80


def test_a_portrait_card_crop_keeps_the_top_when_the_focal_point_is_there(media_root):
    photo = store_photo(
        SimpleUploadedFile("potret.jpg", portrait_with_red_top(), content_type="image/jpeg"),
        alt_text="Kapolres berpidato",
        focal=(0.5, 0.1),
    )
    for extension in ("jpg", "webp"):
        large = Image.open(media_root / photo.renditions[f"card480.{extension}"]).convert("RGB")
        assert large.size == (480, 360)
        # The crop starts at the very top (a centred crop would show only blue).
        assert red(large.getpixel((240, 10))) and red(large.getpixel((240, 200)))
        assert blue(large.getpixel((240, 350)))
        small = Image.open(media_root / photo.renditions[f"card240.{extension}"]).convert("RGB")
        assert small.size == (240, 180)
        assert red(small.getpixel((120, 5)))


def test_a_centred_focal_point_crops_the_middle(media_root):
    photo = store_photo(
        SimpleUploadedFile("potret.jpg", portrait_with_red_top(), content_type="image/jpeg"),
        alt_text="Kapolres berpidato",
    )
    card = Image.open(media_root / photo.renditions["card480.jpg"]).convert("RGB")
    assert blue(card.getpixel((240, 10))) and blue(card.getpixel((240, 350)))


def test_a_small_photo_gets_one_card_crop_at_its_own_size(media_root):
    photo = store_photo(
        SimpleUploadedFile("kecil.jpg", samples.plain_jpeg((200, 150)), content_type="image/jpeg"),
        alt_text="Foto kecil",
    )
    cards = sorted(key for key in photo.renditions if key.startswith("card"))
    assert cards == ["card200.jpg", "card200.webp"]
    assert Image.open(media_root / photo.renditions["card200.jpg"]).size == (200, 150)
