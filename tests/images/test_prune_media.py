"""``manage.py prune_media``: photo files no row names are listed, and deleted with --delete.

Files newer than the grace period are never touched (an upload in flight is stored before its
row commits), and a file some photo names is kept however old it is.
"""

import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from articles.photo_files import stored_names
from tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("prune_media", *args, stdout=out, stderr=err)
    # Sizes come from filesizeformat, which joins number and unit with a no-break space.
    return out.getvalue().replace("\xa0", " "), err.getvalue()


@pytest.fixture
def age(media_root):
    """Set a stored file's modification time ``hours`` back (time as data, no sleeping)."""

    def set_age(name, hours):
        moment = (timezone.now() - timezone.timedelta(hours=hours)).timestamp()
        os.utime(media_root / name, (moment, moment))

    return set_age


@pytest.fixture
def media(age):
    """A photo whose files are all two days old, an old orphan and a fresh orphan."""
    photo = PhotoFactory()
    for name in stored_names(photo):
        age(name, 48)
    old = default_storage.save("photos/2025/01/" + "a" * 32 + ".jpg", ContentFile(b"x" * 1500))
    age(old, 48)
    # A rendition left by a rebuild that crashed: beside the photo's files, but named by none.
    stale = default_storage.save(
        photo.file.name[:-4] + "_w480_Zz9Yy8X.webp", ContentFile(b"y" * 500)
    )
    age(stale, 30)
    fresh = default_storage.save("photos/2026/11/" + "b" * 32 + ".jpg", ContentFile(b"z" * 700))
    age(fresh, 2)
    return photo, [old, stale], fresh


def test_a_dry_run_lists_old_orphans_with_counts_and_bytes_and_deletes_nothing(media, stored_files):
    photo, orphans, fresh = media
    before = stored_files()

    out, err = run()

    assert err == ""
    for name in orphans:
        assert name in out
    assert fresh not in out
    for name in stored_names(photo):
        assert name not in out
    assert "2 berkas tak terpakai akan dihapus (2,0 KB; uji coba" in out
    assert "1 berkas tak terpakai dari 24 jam terakhir dilewati (700 bita)." in out
    assert f"{len(stored_names(photo))} berkas dipakai foto dibiarkan." in out
    assert stored_files() == before


def test_delete_removes_only_old_orphans_and_keeps_every_referenced_file(media, stored_files):
    photo, orphans, fresh = media

    out, _err = run("--delete")

    assert "2 berkas tak terpakai dihapus (2,0 KB)." in out
    assert stored_files() == sorted([*stored_names(photo), fresh])
    for name in orphans:
        assert not default_storage.exists(name)


def test_the_grace_period_is_an_option(media, stored_files):
    photo, _orphans, fresh = media

    out, _err = run("--older-than-hours", "1", "--delete")

    assert fresh in out
    assert "3 berkas tak terpakai dihapus" in out
    assert stored_files() == sorted(stored_names(photo))

    out, _err = run("--older-than-hours", "0", "--delete")
    assert "0 berkas tak terpakai dihapus" in out
    assert stored_files() == sorted(stored_names(photo))


def test_a_longer_grace_period_spares_younger_orphans(media):
    _photo, (old, stale), _fresh = media

    out, _err = run("--older-than-hours", "36")

    assert old in out and stale not in out
    assert "1 berkas tak terpakai akan dihapus" in out
    assert "2 berkas tak terpakai dari 36 jam terakhir dilewati" in out


def test_skipped_files_are_named_at_higher_verbosity(media):
    _photo, _orphans, fresh = media
    out, _err = run("-v", "2")
    assert f"dilewati, masih baru: {fresh}" in out


def test_the_output_is_translated(media):
    with translation.override("en"):
        out, _err = run()
    assert "2 unused files would be deleted (2.0 KB; dry run, add --delete to delete them)." in out
    assert "1 unused file from the last 24 hours skipped (700 bytes)." in out
    assert "files used by photos kept." in out


def test_an_empty_media_folder_is_not_an_error(stored_files):
    assert stored_files() == []
    out, err = run("--delete")
    assert "0 berkas tak terpakai dihapus (0 bita)." in out and err == ""


def test_a_negative_grace_period_is_refused_in_indonesian():
    with pytest.raises(CommandError, match="--older-than-hours tidak boleh negatif"):
        run("--older-than-hours", "-1")


def test_a_file_that_cannot_be_deleted_is_reported_and_the_others_still_go(
    media, monkeypatch, stored_files
):
    photo, (old, stale), fresh = media
    real_delete = FileSystemStorage.delete

    def delete(storage, name):
        if name == old:
            raise PermissionError("read-only")
        real_delete(storage, name)

    monkeypatch.setattr(FileSystemStorage, "delete", delete)
    with pytest.raises(CommandError, match="1 berkas gagal dihapus"):
        call_command("prune_media", "--delete", stdout=io.StringIO(), stderr=(err := io.StringIO()))

    assert f"Gagal menghapus {old}: read-only" in err.getvalue()
    assert stored_files() == sorted([*stored_names(photo), old, fresh])
