"""The pipeline itself (articles/images.py): what is refused, and what an accepted photo becomes."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.images import prepare_image, rendition_targets, store_photo
from articles.models import Photo
from tests.images import samples

pytestmark = pytest.mark.django_db


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def close_to(actual, expected, tolerance=12):
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def test_the_samples_really_carry_the_metadata_the_pipeline_must_remove():
    """Guard for every test below: a clean result means cleaning happened."""
    for sample in [
        samples.phone_jpeg(),
        samples.cmyk_jpeg(),
        samples.sixteen_bit_rgb_png(),
        samples.webp_with_metadata(),
        samples.profiled_jpeg(),
    ]:
        assert samples.metadata_found(sample)
    assert b"Tasikmalaya-GPS" in samples.phone_jpeg()
    assert Image.open(io.BytesIO(samples.phone_jpeg())).getexif()[274] == 6


def test_a_phone_photo_is_turned_upright_and_loses_gps_serial_time_xmp_iptc_and_comment():
    prepared = prepare_image(upload("IMG_2025.jpg", samples.phone_jpeg()))
    assert (prepared.width, prepared.height) == (1200, 1800)
    # The green corner block was top-left as stored; upright it is top-right.
    assert close_to(prepared.image.getpixel((1150, 50)), samples.GREEN)
    assert close_to(prepared.image.getpixel((50, 50)), samples.RED)
    assert prepared.extension == "jpg"
    assert samples.metadata_found(prepared.content) == []
    stored = Image.open(io.BytesIO(prepared.content))
    assert stored.size == (1200, 1800)
    assert dict(stored.getexif()) == {}


def test_a_colour_profile_is_converted_to_srgb_not_dropped():
    """Red under a profile whose red primary is sRGB blue must come out blue."""
    prepared = prepare_image(upload("profil.jpg", samples.profiled_jpeg()))
    red, green, blue = prepared.image.getpixel((10, 10))
    assert blue > 200 and red < 40 and green < 40
    assert "icc_profile" not in Image.open(io.BytesIO(prepared.content)).info


def test_a_cmyk_jpeg_becomes_rgb():
    prepared = prepare_image(upload("cetak.jpg", samples.cmyk_jpeg()))
    assert prepared.image.mode == "RGB"
    assert close_to(prepared.image.getpixel((5, 5)), (255, 0, 0), tolerance=3)
    stored = Image.open(io.BytesIO(prepared.content))
    assert stored.mode == "RGB"
    assert samples.metadata_found(prepared.content) == []


def test_a_48_bit_png_becomes_8_bit_rgb_without_its_exif_xmp_or_text():
    prepared = prepare_image(upload("scan.png", samples.sixteen_bit_rgb_png()))
    assert prepared.image.mode == "RGB"
    assert close_to(prepared.image.getpixel((0, 0)), (0xC0, 0x40, 0x20), tolerance=3)
    assert samples.metadata_found(prepared.content) == []


def test_a_16_bit_greyscale_png_keeps_its_brightness():
    """Pillow's own conversion would clip 0xA000 to white; scaled it stays mid-light grey."""
    prepared = prepare_image(upload("abu.png", samples.sixteen_bit_grey_png(level=0xA000)))
    assert prepared.image.mode == "RGB"
    assert close_to(prepared.image.getpixel((0, 0)), (0xA0, 0xA0, 0xA0), tolerance=3)


def test_a_palette_png_keeps_its_transparency_as_rgba_png():
    prepared = prepare_image(upload("logo.png", samples.palette_png_with_transparency()))
    assert prepared.image.mode == "RGBA"
    assert prepared.extension == "png"
    assert prepared.image.getpixel((10, 10))[3] == 0
    assert prepared.image.getpixel((390, 10)) == (*samples.BLUE, 255)
    stored = Image.open(io.BytesIO(prepared.content))
    assert stored.mode == "RGBA"
    assert samples.metadata_found(prepared.content) == []


def test_an_animated_gif_keeps_its_first_frame_only():
    prepared = prepare_image(upload("animasi.gif", samples.animated_gif()))
    assert close_to(prepared.image.getpixel((5, 5)), samples.RED)
    stored = Image.open(io.BytesIO(prepared.content))
    assert stored.format == "JPEG"
    assert getattr(stored, "n_frames", 1) == 1
    assert samples.metadata_found(prepared.content) == []


def test_a_webp_loses_its_exif_and_xmp():
    prepared = prepare_image(upload("foto.webp", samples.webp_with_metadata()))
    assert (prepared.width, prepared.height) == (1000, 700)
    assert samples.metadata_found(prepared.content) == []


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("berita.jpg", samples.HTML, "bukan foto yang dikenali"),
        ("gambar.svg", samples.SVG, "bukan foto yang dikenali"),
        ("surat.jpg", samples.PDF, "bukan foto yang dikenali"),
        ("arsip.jpg", samples.ZIP, "bukan foto yang dikenali"),
        ("terpotong.jpg", samples.truncated_jpeg(), "rusak atau terpotong"),
        ("bom.png", samples.pillow_bomb(), "lebih dari 50 megapiksel"),
        ("besar.png", samples.pixel_bomb(), "8000 × 8000 piksel"),
        ("kosong.jpg", b"", "Berkas kosong"),
    ],
)
def test_what_is_not_a_whole_real_photo_is_refused_with_an_indonesian_message(name, data, message):
    with pytest.raises(ValidationError) as refused:
        prepare_image(upload(name, data))
    assert message in " ".join(refused.value.messages)


def test_the_size_limit_is_a_setting(settings):
    data = samples.plain_jpeg()
    settings.NEWSROOM_IMAGE_MAX_BYTES = len(data) - 1
    with pytest.raises(ValidationError) as refused:
        prepare_image(upload("foto.jpg", data))
    assert refused.value.code == "too_large"
    settings.NEWSROOM_IMAGE_MAX_BYTES = len(data)
    assert prepare_image(upload("foto.jpg", data)).width == 1000


def test_the_size_limit_holds_even_when_the_upload_understates_its_size(settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 1000
    lying = upload("foto.jpg", samples.plain_jpeg())
    lying.size = 10
    with pytest.raises(ValidationError) as refused:
        prepare_image(lying)
    assert refused.value.code == "too_large"


def test_the_pixel_limit_is_a_setting(settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 999 * 750
    with pytest.raises(ValidationError) as refused:
        prepare_image(upload("foto.jpg", samples.plain_jpeg(size=(1000, 750))))
    assert "1000 × 750 piksel" in refused.value.messages[0]


@pytest.mark.parametrize(
    "width, expected",
    [
        (3000, [480, 800, 1200, 1600]),
        (1600, [480, 800, 1200, 1600]),
        (1000, [480, 800, 1000]),
        (300, [300]),
    ],
)
def test_renditions_are_never_wider_than_the_original(width, expected):
    assert rendition_targets(width) == expected


def test_store_photo_refuses_without_storing_anything(stored_files):
    with pytest.raises(ValidationError):
        store_photo(upload("bukan.jpg", samples.HTML), alt_text="Bukan foto")
    assert not Photo.objects.exists()
    assert stored_files() == []


def test_store_photo_refuses_a_missing_alt_text_without_storing_anything(stored_files):
    with pytest.raises(ValidationError) as refused:
        store_photo(upload("foto.jpg", samples.plain_jpeg()), alt_text="")
    assert "alt_text" in refused.value.message_dict
    assert not Photo.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize("size", [(8000, 1500), (3000, 4000)])
def test_big_photos_get_exact_rendition_sizes_whatever_their_shape(size, media_root):
    """Renditions of a big photo are made from a reduced working copy; their sizes stay exact."""
    photo = store_photo(upload("besar.jpg", samples.plain_jpeg(size)), alt_text="Foto besar")
    width, height = size
    for target in (480, 800, 1200, 1600):
        for extension in ("webp", "jpg"):
            image = Image.open(media_root / photo.renditions[f"w{target}.{extension}"])
            assert image.size == (target, round(height * target / width))
    assert Image.open(media_root / photo.renditions["social.jpg"]).size == (1200, 630)
    assert Image.open(media_root / photo.renditions["thumb.jpg"]).size == (400, 400)
    assert Image.open(media_root / photo.file.name).size == size
