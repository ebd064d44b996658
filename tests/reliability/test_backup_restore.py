"""Backups restore: every story, revision, comment and photo comes back exactly."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from articles.backups import sha256
from articles.models import Article, AuditEntry, Comment, Photo, Revision
from tests.factories import ArticleFactory, CommentFactory, UserFactory

# pg_dump and the SQLite backup API read committed data from another connection.
pytestmark = pytest.mark.django_db(transaction=True)


def snapshot():
    """Return every row the desk must never lose, in a comparable form."""
    from taggit.models import TaggedItem

    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in [Article, Revision, Comment, Photo, AuditEntry, TaggedItem]
    }


@pytest.fixture
def newsroom(settings):
    writer = UserFactory(role="penulis")
    stories = [ArticleFactory(tags=["patroli", "lalu lintas"]) for _ in range(3)]
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, title="Draf rahasia")
    for story in [*stories, draft]:
        for version in (1, 2):
            Revision.objects.create(
                article=story,
                version=version,
                author=writer,
                summary=f"versi {version}",
                content={"title": story.title, "body": story.body, "versi": version},
            )
        AuditEntry.objects.create(
            action=AuditEntry.Action.EDIT, actor=writer, article=story, target=story.title
        )
    parent = CommentFactory(article=stories[0], body="Komentar pertama <b>tebal</b>")
    CommentFactory(article=stories[0], parent=parent, body="Balasan ✓ ünïcode")
    CommentFactory(article=stories[1], status=Comment.Status.PENDING)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "JPEG")
    photo_path = Path(settings.MEDIA_ROOT) / "photos" / "2026" / "11" / "foto.jpg"
    photo_path.parent.mkdir(parents=True)
    photo_path.write_bytes(buffer.getvalue())
    Photo.objects.create(
        article=stories[0], file="photos/2026/11/foto.jpg", alt_text="Patroli", width=8, height=8
    )
    return photo_path


def test_backup_wipe_restore_brings_every_story_revision_and_comment_back(
    newsroom, tmp_path, capsys
):
    before = snapshot()
    photo_bytes = newsroom.read_bytes()
    call_command("backup", output=str(tmp_path / "cadangan"), verbosity=0)
    folder = Path(capsys.readouterr().out.strip())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["counts"] == {
        "articles.Article": 4,
        "articles.Revision": 8,
        "articles.Comment": 3,
        "articles.Photo": 1,
    }

    # Disaster: every story (and with it revisions, comments, photos) and the media are gone.
    Article.objects.all().delete()
    AuditEntry.objects.all().delete()
    # Deleting a story deletes its photos' files once the delete commits.
    assert not newsroom.exists()
    assert Revision.objects.count() == Comment.objects.count() == 0

    call_command("restore", str(folder), yes=True, verbosity=0)

    assert snapshot() == before
    assert newsroom.read_bytes() == photo_bytes
    # The restored database is a working one: the site reads it and accepts new rows.
    assert Article.objects.published().count() == 3
    CommentFactory(article=Article.objects.published().first())


def test_restore_requires_confirmation_and_changes_nothing_without_it(newsroom, tmp_path, capsys):
    call_command("backup", output=str(tmp_path), verbosity=0)
    folder = capsys.readouterr().out.strip()
    ArticleFactory(title="Ditulis setelah cadangan")
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", folder)
    assert Article.objects.filter(title="Ditulis setelah cadangan").exists()


def test_restore_refuses_a_tampered_backup(newsroom, tmp_path, capsys):
    call_command("backup", output=str(tmp_path), verbosity=0)
    folder = Path(capsys.readouterr().out.strip())
    database_file = next(p for p in folder.iterdir() if p.name.startswith("database."))
    with database_file.open("ab") as handle:
        handle.write(b"rusak")
    with pytest.raises(CommandError, match="rusak"):
        call_command("restore", str(folder), yes=True)
    assert Article.objects.count() == 4


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="bukan folder cadangan"):
        call_command("restore", str(tmp_path), yes=True)


def test_a_snapshot_that_fails_to_restore_leaves_the_database_as_it_was(newsroom, tmp_path, capsys):
    """A database file the engine cannot read (though its checksum is the manifest's) is
    refused part-way: the stories written since are all still there, nothing half-replaced."""
    call_command("backup", output=str(tmp_path), verbosity=0)
    folder = Path(capsys.readouterr().out.strip())
    database_file = next(p for p in folder.iterdir() if p.name.startswith("database."))
    database_file.write_bytes(b"bukan basis data " * 512)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"][database_file.name] = sha256(database_file)
    (folder / "manifest.json").write_text(json.dumps(manifest))
    ArticleFactory(title="Ditulis setelah cadangan")
    before = snapshot()

    with pytest.raises(CommandError, match="gagal|tidak dapat dipulihkan"):
        call_command("restore", str(folder), yes=True, verbosity=0)

    assert snapshot() == before
    assert Article.objects.filter(title="Ditulis setelah cadangan").exists()


def test_photos_on_object_storage_are_not_pretended_to_be_backed_up(newsroom, tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    target = tmp_path / "cadangan"
    with pytest.raises(CommandError, match="--no-media"):
        call_command("backup", output=str(target), verbosity=0)
    assert not target.exists()

    call_command("backup", output=str(target), no_media=True, verbosity=0)
    (folder,) = target.iterdir()
    assert not (folder / "media.tar.gz").exists()
