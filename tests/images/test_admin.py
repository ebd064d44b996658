"""Uploading through the photo admin over HTTP: real photos stored clean, everything else refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy
from PIL import Image

from articles.models import Article, Photo
from tests.factories import ArticleFactory, UserFactory
from tests.images import samples
from tests.images.conftest import GENERATED_NAME

pytestmark = pytest.mark.django_db

ADD_URL = reverse_lazy("admin:articles_photo_add")


def form_data(name, data, content_type="image/jpeg", **fields):
    return {
        "file": SimpleUploadedFile(name, data, content_type=content_type),
        "alt_text": "Kapolres menyerahkan bantuan kepada warga",
        "caption": "Penyerahan bantuan di Mapolres",
        "credit": "Bripda Sari",
        "article": "",
        "position": "0",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **fields,
    }


@pytest.fixture
def writer():
    return UserFactory(role="penulis")


@pytest.fixture
def staff_client(client, writer):
    client.force_login(writer)
    return client


def read(media_root, name):
    return (media_root / name).read_bytes()


ACCEPTED = [
    # name, sample, upright size, stored original format
    ("IMG_20250817_073000.jpg", samples.phone_jpeg, (1200, 1800), "JPEG"),
    ("cetak-cmyk.jpg", samples.cmyk_jpeg, (900, 600), "JPEG"),
    ("pindai-48bit.png", samples.sixteen_bit_rgb_png, (600, 400), "JPEG"),
    ("pindai-abu.png", samples.sixteen_bit_grey_png, (500, 300), "JPEG"),
    ("logo-transparan.png", samples.palette_png_with_transparency, (400, 300), "PNG"),
    ("animasi.gif", samples.animated_gif, (320, 240), "JPEG"),
    ("foto.webp", samples.webp_with_metadata, (1000, 700), "JPEG"),
]


@pytest.mark.parametrize("name, sample, size, original_format", ACCEPTED)
def test_an_accepted_photo_is_stored_clean_under_generated_names_with_all_renditions(
    staff_client, writer, media_root, stored_files, name, sample, size, original_format
):
    response = staff_client.post(ADD_URL, form_data(name, sample()))
    assert response.status_code == 302, response.context["adminform"].form.errors

    photo = Photo.objects.get()
    assert (photo.width, photo.height) == size
    assert photo.alt_text == "Kapolres menyerahkan bantuan kepada warga"
    assert (photo.caption, photo.credit) == ("Penyerahan bantuan di Mapolres", "Bripda Sari")
    assert photo.uploaded_by == writer

    # Exactly the original and its renditions are stored, all under generated names.
    files = stored_files()
    assert files == sorted([photo.file.name, *photo.renditions.values()])
    stem = photo.file.name.rsplit(".", 1)[0]
    for stored in files:
        assert GENERATED_NAME.match(stored), stored
        assert stored.startswith(stem)
    assert name.rsplit(".", 1)[0] not in "".join(files)

    # Every stored file, original included, is an image with no metadata left.
    for stored in files:
        data = read(media_root, stored)
        assert samples.metadata_found(data) == [], stored
    original = Image.open(io.BytesIO(read(media_root, photo.file.name)))
    assert original.format == original_format
    assert original.size == size
    assert original.mode in ("RGB", "RGBA")

    width, height = size
    for key, stored in photo.renditions.items():
        image = Image.open(io.BytesIO(read(media_root, stored)))
        assert image.format == {"webp": "WEBP", "jpg": "JPEG"}[key.rsplit(".", 1)[1]]
        if key.startswith("w"):
            target = int(key[1:].split(".")[0])
            assert image.size == (target, round(height * target / width))
        elif key == "social.jpg":
            assert abs(image.width / image.height - 1200 / 630) < 0.01
            assert image.width <= 1200
        elif key.startswith("card"):
            assert image.width == int(key[4:].split(".")[0]) <= 480
            assert abs(image.width / image.height - 4 / 3) < 0.02
        else:
            assert image.width == image.height <= 400
    cards = sorted(int(k[4:].split(".")[0]) for k in photo.renditions if k.startswith("card"))
    card_crop_width = min(width, round(height * 4 / 3))
    assert cards == sorted([w for w in (240, 480) if w <= card_crop_width] * 2)
    widths = sorted(int(k[1:].split(".")[0]) for k in photo.renditions if k.startswith("w"))
    expected = sorted({w for w in (480, 800, 1200, 1600) if w <= width} | {min(width, 1600)})
    assert widths == sorted(expected * 2)  # each width as WebP and JPEG


def test_a_large_phone_photo_gets_every_width_and_an_exact_social_crop(staff_client, media_root):
    response = staff_client.post(ADD_URL, form_data("besar.jpg", samples.plain_jpeg((2400, 1600))))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert sorted(photo.renditions) == sorted(
        [f"w{w}.{ext}" for w in (480, 800, 1200, 1600) for ext in ("webp", "jpg")]
        + ["social.jpg", "thumb.webp", "thumb.jpg"]
        + [f"card{w}.{ext}" for w in (240, 480) for ext in ("webp", "jpg")]
    )
    social = Image.open(media_root / photo.renditions["social.jpg"])
    assert social.size == (1200, 630)
    thumb = Image.open(media_root / photo.renditions["thumb.webp"])
    assert thumb.size == (400, 400)


REFUSED = [
    ("berita.jpg", lambda: samples.HTML, "Berkas ini bukan foto yang dikenali"),
    ("gambar.svg", lambda: samples.SVG, "Berkas ini bukan foto yang dikenali"),
    ("surat.jpg", lambda: samples.PDF, "Berkas ini bukan foto yang dikenali"),
    ("arsip.zip", lambda: samples.ZIP, "Berkas ini bukan foto yang dikenali"),
    ("terpotong.jpg", samples.truncated_jpeg, "Berkas foto rusak atau terpotong"),
    ("bom.png", samples.pillow_bomb, "Foto terlalu besar: lebih dari 50 megapiksel"),
    ("raksasa.png", samples.pixel_bomb, "Foto terlalu besar (8000 × 8000 piksel)"),
]


@pytest.mark.parametrize("name, sample, message", REFUSED)
def test_a_refused_upload_shows_why_and_stores_nothing(
    staff_client, stored_files, name, sample, message
):
    response = staff_client.post(ADD_URL, form_data(name, sample()))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert any(message in error for error in errors), errors
    assert message in response.content.decode()
    assert not Photo.objects.exists()
    assert stored_files() == []


def test_a_file_over_the_default_20_mb_is_refused_and_nothing_is_stored(
    staff_client, stored_files, settings
):
    assert settings.NEWSROOM_IMAGE_MAX_BYTES == 20 * 1024 * 1024
    too_big = samples.plain_jpeg() + b"\x00" * (20 * 1024 * 1024)
    response = staff_client.post(ADD_URL, form_data("besar-sekali.jpg", too_big))
    assert response.status_code == 200
    assert "Berkas terlalu besar" in response.content.decode()
    assert not Photo.objects.exists()
    assert stored_files() == []


def test_alt_text_is_required_and_nothing_is_stored_without_it(staff_client, stored_files):
    response = staff_client.post(ADD_URL, form_data("foto.jpg", samples.plain_jpeg(), alt_text=""))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["alt_text"]
    assert not Photo.objects.exists()
    assert stored_files() == []


def test_an_uploaded_name_never_decides_the_path(staff_client, stored_files):
    response = staff_client.post(
        ADD_URL, form_data("../../newsroom/settings.py.html", samples.plain_jpeg())
    )
    assert response.status_code == 302
    files = stored_files()
    assert files and all(GENERATED_NAME.match(f) for f in files)


def split_photo(client, media_root, focal_x):
    response = client.post(
        ADD_URL,
        form_data("pisah.jpg", samples.split_jpeg(), focal_x=str(focal_x), focal_y="0.5"),
    )
    assert response.status_code == 302
    return Photo.objects.latest("pk")


def thumb_colour(media_root, photo):
    return (
        Image.open(media_root / photo.renditions["thumb.jpg"]).convert("RGB").getpixel((200, 200))
    )


def test_the_thumbnail_is_cropped_around_the_focal_point(staff_client, media_root):
    left = split_photo(staff_client, media_root, 0.1)
    right = split_photo(staff_client, media_root, 0.9)
    assert thumb_colour(media_root, left)[0] > 180  # red half
    assert thumb_colour(media_root, right)[2] > 180  # blue half


def test_moving_the_focal_point_recrops_and_removes_the_old_renditions(
    staff_client, media_root, stored_files, django_capture_on_commit_callbacks
):
    photo = split_photo(staff_client, media_root, 0.1)
    old_renditions = set(photo.renditions.values())
    change_url = reverse("admin:articles_photo_change", args=[photo.pk])
    data = {
        "alt_text": photo.alt_text,
        "caption": photo.caption,
        "credit": photo.credit,
        "article": "",
        "position": "0",
        "focal_x": "0.9",
        "focal_y": "0.5",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(change_url, data)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.9, 0.5)
    assert thumb_colour(media_root, photo)[2] > 180
    assert stored_files() == sorted([photo.file.name, *photo.renditions.values()])
    assert not old_renditions & set(stored_files())


def test_replacing_the_file_removes_the_old_original_and_renditions(
    staff_client, media_root, stored_files, django_capture_on_commit_callbacks
):
    staff_client.post(ADD_URL, form_data("lama.jpg", samples.plain_jpeg()))
    photo = Photo.objects.get()
    old_files = {photo.file.name, *photo.renditions.values()}
    change_url = reverse("admin:articles_photo_change", args=[photo.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(change_url, form_data("baru.jpg", samples.phone_jpeg()))
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (1200, 1800)
    assert stored_files() == sorted([photo.file.name, *photo.renditions.values()])
    assert not old_files & set(stored_files())


def test_deleting_a_photo_removes_its_files(
    client, writer, stored_files, django_capture_on_commit_callbacks
):
    """Editors may delete photos (writers may not); the files go with the row."""
    client.force_login(UserFactory(role="redaktur", unit=writer.unit))
    client.post(ADD_URL, form_data("foto.jpg", samples.plain_jpeg()))
    photo = Photo.objects.get()
    assert stored_files()
    delete_url = reverse("admin:articles_photo_delete", args=[photo.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url, {"post": "yes"})
    assert response.status_code == 302
    assert not Photo.objects.exists()
    assert stored_files() == []


def test_a_photo_can_join_a_story_gallery_in_the_writers_unit(staff_client, writer):
    # A writer adds photos to a story they may edit: their own draft.
    story = ArticleFactory(
        unit=writer.unit, writer=writer, status=Article.Status.DRAFT, publish_at=None
    )
    response = staff_client.post(
        ADD_URL, form_data("foto.jpg", samples.plain_jpeg(), article=str(story.pk), position="3")
    )
    assert response.status_code == 302
    assert list(story.photos.values_list("position", flat=True)) == [3]


def test_the_photo_library_lists_in_a_constant_number_of_queries(client, django_assert_num_queries):
    """10 photos or 200: the changelist's query count does not grow."""
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    story = ArticleFactory()

    def add_photos(count):
        Photo.objects.bulk_create(
            Photo(
                article=story,
                file=f"photos/2025/01/{index:032x}.jpg",
                width=800,
                height=600,
                alt_text=f"Foto {index}",
                renditions={"thumb.jpg": f"photos/2025/01/{index:032x}_thumb.jpg"},
                uploaded_by=admin,
            )
            for index in range(Photo.objects.count(), Photo.objects.count() + count)
        )

    url = reverse("admin:articles_photo_changelist")
    add_photos(10)
    client.get(url)  # warm the session and content types
    with CaptureQueriesContext(connection) as ten:
        assert client.get(url).status_code == 200
    add_photos(190)
    with django_assert_num_queries(len(ten)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('width="64" height="64"') == 100


def test_staff_of_another_unit_do_not_see_a_storys_photos(staff_client, writer):
    story = ArticleFactory(
        unit=writer.unit, writer=writer, status=Article.Status.DRAFT, publish_at=None
    )
    staff_client.post(ADD_URL, form_data("foto.jpg", samples.plain_jpeg(), article=str(story.pk)))
    photo = Photo.objects.get()
    client = Client()
    client.force_login(UserFactory(role="penulis"))  # a unit of its own, elsewhere
    listing = client.get(reverse("admin:articles_photo_changelist"))
    assert listing.status_code == 200
    assert photo.alt_text not in listing.content.decode()
    change = client.get(reverse("admin:articles_photo_change", args=[photo.pk]))
    assert change.status_code in (302, 404)
