"""The editorial actions in ``articles.publishing``: rules, records and nothing half-applied."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import permissions, publishing
from articles.models import Article, AuditEntry, Correction, EditorialNote, Revision
from tests.factories import ArticleFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def polres():
    return UnitFactory(name="Polres Contoh")


@pytest.fixture
def polsek(polres):
    return UnitFactory(name="Polsek Contoh", parent=polres, kind="polsek")


@pytest.fixture
def writer(polsek):
    return UserFactory(role="penulis", unit=polsek)


@pytest.fixture
def editor(polres):
    return UserFactory(role="redaktur", unit=polres)


@pytest.fixture
def draft(writer, polsek):
    article = Article(
        title="Bhabinkamtibmas Sambangi Warga Desa",
        slug="bhabinkamtibmas-sambangi-warga-desa",
        unit=polsek,
        body="<p>Isi awal.</p>",
    )
    return publishing.save_story(article, writer, summary="Draf pertama")


def actions_of(article):
    return list(
        AuditEntry.objects.filter(article=article).order_by("pk").values_list("action", flat=True)
    )


def test_a_new_story_is_version_one_with_its_writer_a_revision_and_an_audit_entry(draft, writer):
    assert draft.version == 1
    assert draft.writer == writer
    revision = Revision.objects.get(article=draft)
    assert revision.version == 1 and revision.author == writer
    assert revision.content["title"] == "Bhabinkamtibmas Sambangi Warga Desa"
    assert actions_of(draft) == [AuditEntry.Action.CREATE]


def test_a_save_from_a_stale_version_is_refused_and_nothing_is_overwritten(draft, writer, editor):
    mine = Article.objects.get(pk=draft.pk)
    theirs = Article.objects.get(pk=draft.pk)
    theirs.title = "Judul dari redaktur"
    publishing.save_story(theirs, editor, expected_version=1)

    mine.title = "Judul dari penulis"
    with pytest.raises(publishing.EditConflict) as conflict:
        publishing.save_story(mine, writer, expected_version=1)

    assert conflict.value.current.title == "Judul dari redaktur"
    stored = Article.objects.get(pk=draft.pk)
    assert (stored.title, stored.version) == ("Judul dari redaktur", 2)
    assert Revision.objects.filter(article=draft).count() == 2


def test_a_writer_cannot_edit_a_story_once_submitted(draft, writer):
    publishing.submit_for_review(draft, writer)
    draft.title = "Diubah setelah diajukan"
    with pytest.raises(PermissionDenied):
        publishing.save_story(draft, writer)
    assert Article.objects.get(pk=draft.pk).title == "Bhabinkamtibmas Sambangi Warga Desa"


def test_a_writer_cannot_publish_and_nothing_changes(draft, writer):
    with pytest.raises(PermissionDenied, match="redaktur"):
        publishing.publish(draft, writer)
    stored = Article.objects.get(pk=draft.pk)
    assert stored.status == Article.Status.DRAFT and stored.publish_at is None
    assert AuditEntry.Action.PUBLISH not in actions_of(draft)


def test_return_to_writer_needs_a_note_and_leaves_it_in_the_thread(draft, writer, editor):
    publishing.submit_for_review(draft, writer)
    with pytest.raises(ValidationError):
        publishing.return_to_writer(draft, editor, "   ")
    assert Article.objects.get(pk=draft.pk).status == Article.Status.REVIEW

    publishing.return_to_writer(draft, editor, "Tambahkan kutipan Kapolsek.")

    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT
    note = EditorialNote.objects.get(article=draft)
    assert note.kind == EditorialNote.Kind.RETURNED and note.author == editor
    assert actions_of(draft)[-1] == AuditEntry.Action.RETURN
    # The returned draft is the writer's to edit again.
    assert permissions.can(writer, permissions.WRITE, Article.objects.get(pk=draft.pk))


def test_publishing_credits_the_editor_and_makes_the_story_public(draft, editor):
    publishing.publish(draft, editor)
    stored = Article.objects.get(pk=draft.pk)
    assert stored.editor == editor
    assert Article.objects.published().filter(pk=draft.pk).exists()
    assert actions_of(draft)[-1] == AuditEntry.Action.PUBLISH


def test_a_scheduled_story_goes_live_exactly_at_its_time_and_expires_by_itself(draft, editor):
    start = timezone.now()
    at = start + datetime.timedelta(hours=2)
    until = at + datetime.timedelta(days=1)
    publishing.publish(draft, editor, at=at, expire_at=until)
    assert actions_of(draft)[-1] == AuditEntry.Action.SCHEDULE

    with time_machine.travel(at - datetime.timedelta(seconds=1), tick=False):
        assert not Article.objects.published().filter(pk=draft.pk).exists()
    with time_machine.travel(at, tick=False):
        assert Article.objects.published().filter(pk=draft.pk).exists()
    with time_machine.travel(until, tick=False):
        assert not Article.objects.published().filter(pk=draft.pk).exists()


def test_an_expiry_before_the_publish_time_is_refused(draft, editor):
    at = timezone.now() + datetime.timedelta(hours=2)
    with pytest.raises(ValidationError):
        publishing.publish(draft, editor, at=at, expire_at=at - datetime.timedelta(hours=1))
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT


def test_taking_down_needs_a_reason_and_archives_the_story(draft, editor):
    publishing.publish(draft, editor)
    with pytest.raises(ValidationError):
        publishing.unpublish(draft, editor, "")
    publishing.unpublish(draft, editor, "Permintaan keluarga korban.")
    stored = Article.objects.get(pk=draft.pk)
    assert stored.status == Article.Status.ARCHIVED and not stored.is_public()
    assert EditorialNote.objects.get(article=draft).kind == EditorialNote.Kind.TAKEDOWN


def test_a_correction_only_on_a_published_story(draft, editor):
    with pytest.raises(ValidationError):
        publishing.add_correction(draft, editor, "Nama desa yang benar: Sukamaju.")
    publishing.publish(draft, editor)
    publishing.add_correction(draft, editor, "Nama desa yang benar: Sukamaju.")
    assert Correction.objects.get(article=draft).author == editor
    assert actions_of(draft)[-1] == AuditEntry.Action.CORRECT


def test_restoring_a_revision_brings_the_words_back_as_a_new_version(draft, writer):
    draft.title = "Judul kedua"
    draft.body = "<p>Isi kedua.</p>"
    publishing.save_story(draft, writer, expected_version=1)
    first = Revision.objects.get(article=draft, version=1)

    restored = publishing.restore_revision(draft, first, writer)

    assert (restored.title, restored.body, restored.version) == (
        "Bhabinkamtibmas Sambangi Warga Desa",
        "<p>Isi awal.</p>",
        3,
    )
    assert list(
        Revision.objects.filter(article=draft).order_by("version").values_list("version", flat=True)
    ) == [1, 2, 3]
    assert actions_of(draft)[-1] == AuditEntry.Action.RESTORE


def test_staff_cannot_touch_or_move_stories_outside_their_tree(draft, polres):
    elsewhere = UnitFactory(name="Polres Lain")
    stranger = UserFactory(role="redaktur", unit=elsewhere)
    with pytest.raises(PermissionDenied):
        publishing.publish(draft, stranger)

    editor_below = UserFactory(role="redaktur", unit=draft.unit)
    draft.unit = elsewhere
    with pytest.raises(PermissionDenied):
        publishing.save_story(draft, editor_below)
    assert Article.objects.get(pk=draft.pk).unit_id != elsewhere.pk


def test_review_goes_up_the_chain_of_command_to_the_nearest_unit_with_an_editor(
    polres, polsek, editor, draft
):
    assert permissions.reviewing_unit(polsek) == polres
    assert list(permissions.reviewers_for(draft)) == [editor]

    own_editor = UserFactory(role="redaktur", unit=polsek)
    assert permissions.reviewing_unit(polsek) == polsek
    assert list(permissions.reviewers_for(draft)) == [own_editor]
    # The Polres editor may still act on the Polsek's stories.
    assert permissions.can(editor, permissions.PUBLISH, draft)


def test_an_imported_story_may_keep_its_original_release_time(polres):
    article = publishing.save_story(
        Article(title="Rilis lama", slug="rilis-lama", unit=polres), None, summary="Impor"
    )
    released = timezone.now() - datetime.timedelta(days=400)
    publishing.publish(article, None, at=released)
    stored = Article.objects.get(pk=article.pk)
    assert stored.publish_at == released and stored.editor is None
    assert stored.is_public()


def test_a_story_made_outside_publishing_starts_its_history_at_its_next_save(polres):
    # ArticleFactory bypasses publishing: the first publishing save starts its history.
    story = ArticleFactory(unit=polres)
    story.title = "Judul baru"
    publishing.save_story(story, None)
    assert Revision.objects.get(article=story).version == 2


def test_publishing_now_a_story_already_live_is_refused_and_keeps_its_date(draft, editor):
    publishing.publish(draft, editor, at=timezone.now() - datetime.timedelta(days=30))
    published_at = Article.objects.get(pk=draft.pk).publish_at
    versions = Revision.objects.filter(article=draft).count()

    with pytest.raises(ValidationError, match="sudah tayang"):
        publishing.publish(draft, editor)

    stored = Article.objects.get(pk=draft.pk)
    assert stored.publish_at == published_at
    assert Revision.objects.filter(article=draft).count() == versions


def test_a_new_address_for_a_live_story_keeps_the_old_links_working(client, draft, editor):
    publishing.publish(draft, editor)
    story = Article.objects.get(pk=draft.pk)
    old_url, old_english = story.get_absolute_url(), f"/en{story.get_absolute_url()}"
    story.slug = "bhabinkamtibmas-sambangi-warga-desa-sukamaju"
    publishing.save_story(story, editor, expected_version=story.version)

    second_url = story.get_absolute_url()

    moved = client.get(old_url)
    assert moved.status_code == 301
    assert moved["Location"] == second_url
    assert client.get(old_english)["Location"] == f"/en{second_url}"
    assert client.get(second_url).status_code == 200

    # Back to the first address: it answers itself again, and the second one redirects.
    first = Revision.objects.get(article=draft, version=1)
    restored = publishing.restore_revision(story, first, editor)
    assert restored.get_absolute_url() == old_url
    assert client.get(old_url).status_code == 200
    assert client.get(second_url)["Location"] == old_url


def test_a_draft_that_changes_its_address_leaves_no_redirect(client, draft, writer):
    old_url = draft.get_absolute_url()
    draft.slug = "judul-baru-draf"
    publishing.save_story(draft, writer, expected_version=draft.version)
    assert not draft.legacy_redirects.exists()
    assert client.get(old_url).status_code == 404


def test_a_scheduled_time_in_the_history_carries_its_zone(draft, editor):
    at = datetime.datetime(2031, 1, 5, 2, 30, tzinfo=datetime.UTC)  # 09.30 in Jakarta
    publishing.publish(draft, editor, at=at)
    summary = Revision.objects.filter(article=draft).latest("version").summary
    assert summary == "Dijadwalkan terbit 05/01/2031 09:30 WIB"


def test_publishing_a_version_that_moved_on_is_refused_under_the_lock(draft, editor):
    """Without ``expected_version`` (imports, commands) there is no check; with it, a story
    changed since the editor saw it is left alone."""
    seen = draft.version
    publishing.return_to_writer(draft, editor, "Lengkapi foto.")

    with pytest.raises(ValidationError, match="sejak Anda membukanya: Dikembalikan ke penulis"):
        publishing.publish(draft, editor, expected_version=seen)
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT

    publishing.publish(draft, editor)
    assert Article.objects.get(pk=draft.pk).is_public()


def test_restoring_keeps_the_publishing_editor_even_from_a_revision_naming_another(
    draft, writer, editor, polres
):
    """Revisions made before editor_id left the restored fields still carry it: ignored."""
    publishing.publish(draft, editor)
    old = Revision.objects.get(article=draft, version=1)
    other = UserFactory(role="redaktur", unit=polres)
    old.content = {**old.content, "editor_id": other.pk, "title": "Judul Lama"}
    old.save()

    restored = publishing.restore_revision(draft, old, editor)

    assert (restored.title, restored.editor) == ("Judul Lama", editor)
    assert restored.is_public()
