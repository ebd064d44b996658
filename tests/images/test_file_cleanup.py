"""A deleted photo takes its original and every rendition out of storage, once the delete commits.

However the row goes: the photo library (one or a bulk action), the story form's gallery, code
(a queryset), or its story's cascade. A rollback keeps every file; a storage error is logged and
never undoes or fails the editor's delete.
"""

import logging

import pytest
from django.contrib.admin import helpers
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import transaction
from django.urls import reverse

from articles.images import build_renditions
from articles.models import Article, Photo
from articles.photo_files import stored_names
from tests.factories import ArticleFactory, PhotoFactory, UserFactory
from tests.images.test_article_inline import change_form_data

pytestmark = pytest.mark.django_db


def files_of(*photos):
    return sorted(name for photo in photos for name in stored_names(photo))


def assert_gone(photo):
    assert not Photo.objects.filter(pk=photo.pk).exists()
    for name in stored_names(photo):
        assert not default_storage.exists(name), name


@pytest.fixture
def editor(client):
    editor = UserFactory(role="redaktur")
    client.force_login(editor)
    return editor


@pytest.fixture
def superuser(client):
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    return admin


def test_a_photo_has_an_original_and_renditions_to_lose():
    photo = PhotoFactory()
    assert len(stored_names(photo)) > 5
    assert all(default_storage.exists(name) for name in stored_names(photo))


def test_deleting_a_photo_in_the_library_removes_its_original_and_every_rendition(
    client, editor, stored_files, django_capture_on_commit_callbacks
):
    photo, kept = PhotoFactory(uploaded_by=editor), PhotoFactory(uploaded_by=editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_photo_delete", args=[photo.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert_gone(photo)
    assert stored_files() == files_of(kept)


def test_a_bulk_delete_in_the_library_removes_the_selected_photos_files_only(
    client, editor, stored_files, django_capture_on_commit_callbacks
):
    first, second, kept = (PhotoFactory(uploaded_by=editor) for _ in range(3))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_photo_changelist"),
            {
                "action": "delete_selected",
                helpers.ACTION_CHECKBOX_NAME: [first.pk, second.pk],
                "post": "yes",
            },
        )

    assert response.status_code == 302
    assert_gone(first)
    assert_gone(second)
    assert stored_files() == files_of(kept)


def test_a_photo_removed_from_the_story_gallery_loses_its_files(
    client, editor, stored_files, django_capture_on_commit_callbacks
):
    story = ArticleFactory(unit=editor.unit, status=Article.Status.DRAFT, publish_at=None)
    removed = PhotoFactory(article=story, position=0)
    kept = PhotoFactory(article=story, position=1)
    url, data = change_form_data(client, story)
    assert data["photos-0-id"] == [str(removed.pk)]
    data["photos-0-DELETE"] = "on"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    assert response.status_code == 302, response.context and [
        f.errors for f in response.context["inline_admin_formsets"][0].formset
    ]
    assert_gone(removed)
    assert list(story.photos.all()) == [kept]
    assert stored_files() == files_of(kept)


def test_deleting_a_story_in_the_admin_removes_its_photos_files(
    client, superuser, stored_files, django_capture_on_commit_callbacks
):
    """Photo.article cascades: a gallery photo is part of its story and goes with it."""
    story = ArticleFactory()
    gallery = [PhotoFactory(article=story, position=i) for i in range(2)]
    story.featured_photo = gallery[0]
    story.save(update_fields=["featured_photo"])
    other = PhotoFactory(article=ArticleFactory())
    loose = PhotoFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Article.objects.filter(pk=story.pk).exists()
    for photo in gallery:
        assert_gone(photo)
    assert stored_files() == files_of(other, loose)


@pytest.mark.parametrize(
    "delete",
    [
        pytest.param(lambda photo: photo.delete(), id="model"),
        pytest.param(lambda photo: Photo.objects.filter(pk=photo.pk).delete(), id="queryset"),
        pytest.param(lambda photo: photo.article.delete(), id="story-cascade"),
        pytest.param(
            lambda photo: Article.objects.filter(pk=photo.article_id).delete(),
            id="story-queryset-cascade",
        ),
    ],
)
def test_every_way_of_deleting_a_row_removes_its_files(
    delete, stored_files, django_capture_on_commit_callbacks
):
    photo, kept = PhotoFactory(article=ArticleFactory()), PhotoFactory()

    with django_capture_on_commit_callbacks(execute=True):
        delete(photo)

    assert_gone(photo)
    assert stored_files() == files_of(kept)


def test_a_delete_that_rolls_back_keeps_every_file(
    stored_files, django_capture_on_commit_callbacks
):
    story = ArticleFactory()
    photos = [PhotoFactory(article=story), PhotoFactory()]
    before = stored_files()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        story.delete()
        photos[1].delete()
        raise RuntimeError("batal")

    assert callbacks == []
    assert Photo.objects.count() == 2
    assert stored_files() == before


@pytest.mark.django_db(transaction=True)
def test_files_go_only_when_the_delete_commits_and_stay_when_it_rolls_back(stored_files):
    """Real transactions, no captured callbacks."""
    rolled_back, committed = PhotoFactory(), PhotoFactory()

    with pytest.raises(RuntimeError), transaction.atomic():
        Photo.objects.filter(pk=rolled_back.pk).delete()
        raise RuntimeError("batal")
    with transaction.atomic():
        committed.delete()
        assert stored_files() == files_of(rolled_back, committed)  # not yet committed

    assert stored_files() == files_of(rolled_back)
    assert Photo.objects.filter(pk=rolled_back.pk).exists()


def test_a_storage_error_is_logged_and_the_delete_still_succeeds(
    client, editor, monkeypatch, caplog, stored_files, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(uploaded_by=editor)
    names = stored_names(photo)

    def unreachable(storage, name):
        raise ConnectionError(f"storage unreachable: {name}")

    # On the class: the test settings give the default storage a new instance on teardown.
    monkeypatch.setattr(FileSystemStorage, "delete", unreachable)
    with (
        caplog.at_level(logging.ERROR, logger="articles.photo_files"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("admin:articles_photo_delete", args=[photo.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Photo.objects.filter(pk=photo.pk).exists()
    logged = [r for r in caplog.records if r.name == "articles.photo_files"]
    # Each file is tried and logged on its own: one failure does not stop the rest.
    assert sorted(r.args[0] for r in logged) == sorted(names)
    assert all(r.exc_info and r.exc_info[0] is ConnectionError for r in logged)
    assert stored_files() == sorted(names)  # left for prune_media


def test_a_storage_error_in_a_story_cascade_does_not_fail_the_delete(
    client, superuser, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    story = ArticleFactory()
    PhotoFactory(article=story)
    monkeypatch.setattr(FileSystemStorage, "delete", lambda storage, name: 1 / 0)

    with (
        caplog.at_level(logging.ERROR, logger="articles.photo_files"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Photo.objects.exists()
    assert any(r.exc_info[0] is ZeroDivisionError for r in caplog.records if r.exc_info)


def test_files_whose_original_another_row_still_names_are_kept(
    stored_files, django_capture_on_commit_callbacks
):
    """A copied row may name the renditions too; whatever it does not is prune_media's."""
    photo = PhotoFactory()
    Photo.objects.create(file=photo.file.name, alt_text="Salinan", renditions=photo.renditions)
    before = stored_files()

    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()

    assert stored_files() == before


def test_rebuilding_renditions_leaves_no_unreferenced_file(
    settings, stored_files, django_capture_on_commit_callbacks
):
    photo = PhotoFactory()
    settings.NEWSROOM_IMAGE_WIDTHS = [300]

    with django_capture_on_commit_callbacks(execute=True):
        build_renditions(photo, force=True)

    photo.refresh_from_db()
    assert stored_files() == files_of(photo)


def test_a_rebuild_whose_save_fails_deletes_the_new_renditions_and_keeps_the_old(
    monkeypatch, stored_files, django_capture_on_commit_callbacks
):
    photo = PhotoFactory()
    before = stored_files()

    def broken_save(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(photo, "save", broken_save)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        build_renditions(photo, force=True)

    assert stored_files() == before
    photo.refresh_from_db()
    assert files_of(photo) == before
