"""Every save is a revision; the desk lists them, compares any two and restores any one."""

import re

import pytest

from articles.models import Article, AuditEntry

from .story_forms import change_url, story_form_data
from .workflow_support import build_desk, client_for, csrf_post, messages_of, story, url

pytestmark = pytest.mark.django_db

FIRST_BODY = "<p>Polres menggelar patroli malam.</p><p>Warga menyambut baik.</p>"
SECOND_BODY = (
    "<p>Polres menggelar patroli malam di tiga kecamatan.</p><p>Warga menyambut baik.</p>"
    "<p>Kapolres berterima kasih.</p>"
)


@pytest.fixture
def desk():
    return build_desk()


@pytest.fixture
def edited(desk):
    """A draft saved twice through the change form: versions 1, 2 and 3."""
    draft = story(desk.polres, desk.penulis, title="Patroli Malam Polres", body=FIRST_BODY)
    writer = client_for(desk.penulis)
    for title, body, summary in (
        ("Patroli Malam Polres Tasikmalaya", FIRST_BODY, "Judul dilengkapi"),
        ("Patroli Malam Polres Tasikmalaya", SECOND_BODY, "Isi ditambah"),
    ):
        draft.refresh_from_db()
        data = story_form_data(draft, title=title, body=body, change_summary=summary)
        response = csrf_post(writer, change_url(draft), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.version == 3
    return draft


def test_revision_list_shows_who_when_and_why(desk, edited):
    page = client_for(desk.redaktur).get(url("revisions", edited))
    text = page.content.decode()

    assert page.status_code == 200
    for summary in ("Dibuat", "Judul dilengkapi", "Isi ditambah"):
        assert summary in text
    assert "Rina" in text  # the writer's name
    assert text.count('name="dari"') == 3


def test_diff_shows_what_changed_field_by_field(desk, edited):
    page = client_for(desk.redaktur).get(url("revision_diff", edited), {"dari": 1, "ke": 3})
    text = page.content.decode()

    assert page.status_code == 200
    assert "<ins>Tasikmalaya</ins>" in text
    assert "<del>malam.</del>" in text  # words changed inside a paragraph
    assert "<ins>malam di tiga kecamatan.</ins>" in text
    assert "<ins>Kapolres berterima kasih.</ins>" in text  # a new paragraph
    assert "Warga menyambut baik." in text  # unchanged paragraph shown for context
    assert "<p>Polres" not in text  # the body is compared as text, not markup


def test_diff_defaults_to_the_last_change(desk, edited):
    text = client_for(desk.redaktur).get(url("revision_diff", edited)).content.decode()
    assert "<ins>Kapolres berterima kasih.</ins>" in text
    assert "<ins>Tasikmalaya</ins>" not in text  # that was between versions 1 and 2


def test_diff_escapes_hostile_text(desk):
    draft = story(desk.polres, desk.penulis, title="Judul Biasa")
    Article.objects.filter(pk=draft.pk).update(title='<script>alert("x")</script>', version=2)
    draft.refresh_from_db()
    from articles.publishing import record_revision

    record_revision(draft, desk.penulis, "Diubah")
    text = client_for(desk.redaktur).get(url("revision_diff", draft)).content.decode()
    assert '<script>alert("x")</script>' not in text
    assert "&lt;script&gt;alert" in text


def test_unknown_versions_are_404(desk, edited):
    response = client_for(desk.redaktur).get(url("revision_diff", edited), {"dari": 1, "ke": 99})
    assert response.status_code == 404
    assert client_for(desk.redaktur).get(url("restore", edited, 99)).status_code == 404


def test_restore_asks_first_then_restores_as_a_new_revision(desk, edited):
    editor = client_for(desk.redaktur)
    confirm = editor.get(url("restore", edited, 1))
    assert confirm.status_code == 200
    assert "Ya, pulihkan versi 1" in confirm.content.decode()
    assert "<del>Kapolres berterima kasih.</del>" in confirm.content.decode()
    edited.refresh_from_db()
    assert edited.version == 3  # looking changes nothing

    response = csrf_post(editor, url("restore", edited, 1))
    assert response.status_code == 302
    assert "Versi 1 dipulihkan sebagai revisi baru." in messages_of(response)
    edited.refresh_from_db()
    assert edited.version == 4
    assert edited.title == "Patroli Malam Polres"
    assert edited.body == FIRST_BODY
    # Nothing is lost: versions 2 and 3 are still there, and the restore is version 4.
    assert list(edited.revisions.values_list("version", flat=True)) == [4, 3, 2, 1]
    assert edited.revisions.get(version=4).summary == "Memulihkan versi 1"
    assert edited.revisions.get(version=3).content["body"] == SECOND_BODY
    assert AuditEntry.objects.filter(article=edited, action="restore").count() == 1


def test_restoring_does_not_publish(desk, edited):
    csrf_post(client_for(desk.redaktur), url("publish", edited))
    edited.refresh_from_db()
    assert edited.status == Article.Status.PUBLISHED
    csrf_post(client_for(desk.redaktur), url("restore", edited, 1))
    edited.refresh_from_db()
    assert edited.status == Article.Status.PUBLISHED
    assert edited.title == "Patroli Malam Polres"


def diff_rows(page):
    """Return the field names in the rows of the page's comparison table."""
    return re.findall(r'<th scope="rowgroup"[^>]*>([^<]+)</th>', page.content.decode())


def test_restoring_a_live_story_shows_only_what_it_puts_back_and_keeps_the_editor(
    desk, edited, client
):
    """Status, publish time and the publishing editor are not restored, so not shown either."""
    editor = client_for(desk.redaktur)
    csrf_post(editor, url("publish", edited))
    edited.refresh_from_db()
    published_at = edited.publish_at
    assert edited.editor == desk.redaktur

    confirm = editor.get(url("restore", edited, 1))
    assert diff_rows(confirm) == ["Judul", "Isi"]

    csrf_post(editor, url("restore", edited, 1))
    edited.refresh_from_db()
    assert (edited.title, edited.status) == ("Patroli Malam Polres", Article.Status.PUBLISHED)
    assert (edited.editor, edited.publish_at) == (desk.redaktur, published_at)
    public = client.get(edited.get_absolute_url()).content.decode()
    assert f"<dt>Editor</dt><dd>{desk.redaktur.get_full_name()}</dd>" in public


def test_restoring_the_current_content_shows_no_difference(desk, edited):
    """A version that differs only in publishing state has nothing to restore."""
    editor = client_for(desk.redaktur)
    csrf_post(editor, url("publish", edited))  # version 4: version 3's words, now live

    confirm = editor.get(url("restore", edited, 3))
    assert diff_rows(confirm) == []
    assert "Tidak ada perbedaan isi." in confirm.content.decode()


def test_a_restore_can_itself_be_undone(desk, edited):
    editor = client_for(desk.redaktur)
    csrf_post(editor, url("restore", edited, 1))
    csrf_post(editor, url("restore", edited, 3))
    edited.refresh_from_db()
    assert edited.version == 5
    assert edited.body == SECOND_BODY


def test_writer_cannot_restore_a_published_story(desk, edited):
    csrf_post(client_for(desk.redaktur), url("publish", edited))
    edited.refresh_from_db()
    response = csrf_post(client_for(desk.penulis), url("restore", edited, 1))
    assert response.status_code == 403
    assert "Anda tidak berhak memulihkan revisi berita ini." in response.content.decode()
    edited.refresh_from_db()
    assert edited.body == SECOND_BODY


def test_restoring_a_version_whose_category_and_photo_are_gone(desk):
    """An old version may point at things deleted since: they are left empty, not a crash."""
    from articles.models import Category, Photo
    from tests.factories import CategoryFactory

    gone = CategoryFactory(name="Kategori Lama")
    draft = story(desk.polres, desk.penulis, title="Judul Versi Pertama", category=gone)
    draft.refresh_from_db()
    current = CategoryFactory(name="Kategori Baru")
    Article.objects.filter(pk=draft.pk).update(
        title="Judul Versi Kedua", category=current, version=2
    )
    draft.refresh_from_db()
    from articles.publishing import record_revision

    record_revision(draft, desk.penulis, "Diubah")
    gone.delete()
    assert not Photo.objects.exists()

    response = csrf_post(client_for(desk.redaktur), url("restore", draft, 1))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.category_id, draft.version) == ("Judul Versi Pertama", None, 3)
    assert Category.objects.filter(name="Kategori Baru").exists()
