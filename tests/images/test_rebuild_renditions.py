"""``manage.py rebuild_renditions``: renditions made again from the stored original."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from articles.images import store_photo
from articles.models import Photo
from tests.images import samples

pytestmark = pytest.mark.django_db


def stored_photo(size=(1000, 750)):
    upload = SimpleUploadedFile("foto.jpg", samples.plain_jpeg(size), content_type="image/jpeg")
    return store_photo(upload, alt_text="Foto uji")


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_renditions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_new_widths_take_effect_and_old_renditions_are_deleted(
    settings, stored_files, django_capture_on_commit_callbacks
):
    photo = stored_photo()
    old = set(photo.renditions.values())
    settings.NEWSROOM_IMAGE_WIDTHS = [320, 640]

    with django_capture_on_commit_callbacks(execute=True):
        out, _err = run()

    assert "1 foto dibuat ulang rendisinya." in out
    photo.refresh_from_db()
    widths = sorted({key.split(".")[0] for key in photo.renditions if key.startswith("w")})
    assert widths == ["w320", "w640"]
    assert stored_files() == sorted([photo.file.name, *photo.renditions.values()])
    assert not old & set(stored_files())


def test_missing_only_builds_photos_without_renditions(stored_files):
    done = stored_photo()
    before = dict(done.renditions)
    bare = stored_photo()
    Photo.objects.filter(pk=bare.pk).update(renditions={})

    out, _err = run("--missing")

    assert "1 foto dibuat ulang rendisinya." in out
    done.refresh_from_db()
    bare.refresh_from_db()
    assert done.renditions == before
    assert "w480.webp" in bare.renditions and "social.jpg" in bare.renditions


def test_dry_run_changes_nothing(stored_files):
    photo = stored_photo()
    Photo.objects.filter(pk=photo.pk).update(renditions={})
    files = stored_files()

    out, _err = run("--dry-run")

    assert "1 foto akan dibuat ulang rendisinya (uji coba)." in out
    photo.refresh_from_db()
    assert photo.renditions == {}
    assert stored_files() == files


def test_a_photo_whose_original_is_gone_is_reported_and_the_others_are_still_rebuilt(
    media_root,
):
    lost = stored_photo()
    (media_root / lost.file.name).unlink()
    kept = stored_photo()
    Photo.objects.filter(pk=kept.pk).update(renditions={})

    with pytest.raises(CommandError, match=f"1 foto gagal: {lost.pk}"):
        run()

    kept.refresh_from_db()
    assert "w480.jpg" in kept.renditions


def test_unknown_photo_ids_are_refused():
    with pytest.raises(CommandError, match="Foto tidak ditemukan: 999"):
        run("--photo", "999")


def test_renditions_of_an_original_stored_outside_the_pipeline_carry_no_metadata(media_root):
    """An original saved before the pipeline existed (or restored) still yields clean renditions."""
    legacy = Photo(alt_text="Foto lama", file=ContentFile(samples.phone_jpeg(), name="lama.jpg"))
    legacy.save()

    run("--photo", str(legacy.pk))

    legacy.refresh_from_db()
    assert legacy.renditions
    for name in legacy.renditions.values():
        data = (media_root / name).read_bytes()
        assert samples.metadata_found(data) == [], name
    # Turned upright from its EXIF orientation, like an upload.
    widest = Image.open(media_root / legacy.renditions["w1200.jpg"])
    assert widest.size == (1200, 1800)


def test_everything_goes_through_the_storage_api(settings, stored_files):
    """Any Django storage works (S3-compatible included): nothing touches MEDIA_ROOT directly."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    from django.core.files.storage import default_storage

    photo = stored_photo()
    Photo.objects.filter(pk=photo.pk).update(renditions={})
    run("--photo", str(photo.pk))

    photo.refresh_from_db()
    assert stored_files() == []
    names = [photo.file.name, *photo.renditions.values()]
    # original, 3 widths × 2 formats, social, 2 thumbnails, 2 card widths × 2 formats
    assert len(names) == 1 + 6 + 3 + 4
    for name in names:
        assert default_storage.exists(name)
        with default_storage.open(name) as handle:
            assert samples.metadata_found(handle.read()) == []
