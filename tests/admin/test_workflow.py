"""Each workflow action, over HTTP through the admin: what changes, what is recorded, what is said."""

import datetime
import re

import pytest
from django.utils import timezone

from articles.models import Article, AuditEntry, Correction, EditorialNote

from .workflow_support import build_desk, client_for, csrf_post, jakarta, messages_of, story, url

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def desk():
    return build_desk()


def reload(article):
    return Article.objects.get(pk=article.pk)


def audit_actions(article):
    return list(AuditEntry.objects.filter(article=article).values_list("action", flat=True))


# -- Submit --------------------------------------------------------------------------------
def test_writer_submits_own_draft_for_review(desk):
    draft = story(desk.polres, desk.penulis)
    response = csrf_post(client_for(desk.penulis), url("submit", draft))

    assert response.status_code == 302
    draft = reload(draft)
    assert draft.status == Status.REVIEW
    assert draft.version == 2
    assert draft.revisions.get(version=2).summary == "Diajukan untuk ditinjau"
    assert AuditEntry.Action.SUBMIT in audit_actions(draft)
    assert "Berita diajukan untuk ditinjau redaktur." in messages_of(response)


def test_submit_is_post_only(desk):
    draft = story(desk.polres, desk.penulis)
    response = client_for(desk.penulis).get(url("submit", draft))
    assert response.status_code == 405
    assert reload(draft).status == Status.DRAFT


def test_submit_without_csrf_token_is_refused(desk):
    draft = story(desk.polres, desk.penulis)
    response = client_for(desk.penulis).post(url("submit", draft))
    assert response.status_code == 403
    assert reload(draft).status == Status.DRAFT


def test_writer_cannot_submit_someone_elses_draft(desk):
    draft = story(desk.polres, desk.penulis_lain)
    response = csrf_post(client_for(desk.penulis), url("submit", draft))

    assert response.status_code == 403
    assert "Anda tidak berhak mengajukan berita ini untuk ditinjau." in response.content.decode()
    assert reload(draft).status == Status.DRAFT
    assert audit_actions(draft) == []


def test_submitting_a_story_already_in_review_says_so(desk):
    waiting = story(desk.polres, desk.penulis, status=Status.REVIEW)
    response = csrf_post(client_for(desk.redaktur), url("submit", waiting))

    assert response.status_code == 302
    assert "Hanya draf yang dapat diajukan untuk ditinjau." in messages_of(response)
    assert reload(waiting).version == waiting.version


# -- Return to writer ----------------------------------------------------------------------
def test_editor_returns_a_story_with_a_note_the_writer_reads(desk):
    waiting = story(desk.polres, desk.penulis, status=Status.REVIEW)
    response = csrf_post(
        client_for(desk.redaktur),
        url("return", waiting),
        {"kembalikan-note": "Lengkapi nama Kapolsek dan jam kejadian."},
    )

    assert response.status_code == 302
    waiting = reload(waiting)
    assert waiting.status == Status.DRAFT
    note = EditorialNote.objects.get(article=waiting)
    assert note.kind == EditorialNote.Kind.RETURNED
    assert note.author == desk.redaktur
    assert AuditEntry.objects.get(article=waiting, action=AuditEntry.Action.RETURN).detail == (
        "Lengkapi nama Kapolsek dan jam kejadian."
    )
    # The writer now sees the note beside their draft and may edit and resubmit it.
    page = client_for(desk.penulis).get(url("change", waiting)).content.decode()
    assert "Lengkapi nama Kapolsek dan jam kejadian." in page
    assert csrf_post(client_for(desk.penulis), url("submit", waiting)).status_code == 302
    assert reload(waiting).status == Status.REVIEW


def test_return_without_a_note_changes_nothing(desk):
    waiting = story(desk.polres, desk.penulis, status=Status.REVIEW)
    response = csrf_post(
        client_for(desk.redaktur), url("return", waiting), {"kembalikan-note": " "}
    )

    assert response.status_code == 200
    assert "Tuliskan catatan untuk penulis: apa yang perlu diperbaiki." in response.content.decode()
    assert reload(waiting).status == Status.REVIEW
    assert not EditorialNote.objects.filter(article=waiting).exists()


def test_return_form_page_shows_the_form(desk):
    waiting = story(desk.polres, desk.penulis, status=Status.REVIEW)
    response = client_for(desk.redaktur).get(url("return", waiting))
    assert response.status_code == 200
    assert 'name="kembalikan-note"' in response.content.decode()


# -- Publish and schedule ------------------------------------------------------------------
def test_editor_publishes_now_and_is_credited(desk):
    waiting = story(desk.polres, desk.penulis, status=Status.REVIEW)
    response = csrf_post(client_for(desk.redaktur), url("publish", waiting))

    assert response.status_code == 302
    waiting = reload(waiting)
    assert waiting.status == Status.PUBLISHED
    assert waiting.is_public()
    assert waiting.editor == desk.redaktur
    assert AuditEntry.Action.PUBLISH in audit_actions(waiting)
    assert "Berita diterbitkan dan tampil di situs publik." in messages_of(response)
    assert client_for(desk.redaktur).get(waiting.get_absolute_url()).status_code == 200


def test_publish_now_with_an_expiry(desk):
    waiting = story(desk.polres, desk.penulis, status=Status.REVIEW)
    expiry = timezone.now() + datetime.timedelta(days=3)
    csrf_post(
        client_for(desk.redaktur), url("publish", waiting), {"terbitkan-expire_at": jakarta(expiry)}
    )

    waiting = reload(waiting)
    assert waiting.status == Status.PUBLISHED
    assert waiting.expire_at == expiry.replace(second=0, microsecond=0)


def test_editor_schedules_in_jakarta_time(desk):
    waiting = story(desk.polres, desk.penulis, status=Status.REVIEW)
    response = csrf_post(
        client_for(desk.redaktur),
        url("schedule", waiting),
        {"jadwalkan-publish_at": "2099-08-17T10:00", "jadwalkan-expire_at": "2099-08-18T10:00"},
    )

    assert response.status_code == 302
    waiting = reload(waiting)
    assert waiting.status == Status.PUBLISHED
    # 10:00 WIB is 03:00 UTC.
    assert waiting.publish_at == datetime.datetime(2099, 8, 17, 3, 0, tzinfo=datetime.UTC)
    assert waiting.expire_at == datetime.datetime(2099, 8, 18, 3, 0, tzinfo=datetime.UTC)
    assert not waiting.is_public()
    assert AuditEntry.Action.SCHEDULE in audit_actions(waiting)


@pytest.mark.parametrize(
    ("publish_at", "expire_at", "message"),
    [
        ("2001-01-01T10:00", "", "Waktu jadwal sudah lewat"),
        ("", "", "Isi waktu terbit."),
        ("besok pagi", "", "Waktu tidak dikenali"),
        ("2099-08-17T10:00", "2099-08-17T09:00", "Waktu kedaluwarsa harus sesudah waktu terbit."),
    ],
)
def test_bad_schedule_is_refused_in_indonesian(desk, publish_at, expire_at, message):
    waiting = story(desk.polres, desk.penulis, status=Status.REVIEW)
    response = csrf_post(
        client_for(desk.redaktur),
        url("schedule", waiting),
        {"jadwalkan-publish_at": publish_at, "jadwalkan-expire_at": expire_at},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    waiting = reload(waiting)
    assert (waiting.status, waiting.version, waiting.publish_at) == (Status.REVIEW, 1, None)


# -- Two editors at once: the panel carries the version the editor saw ----------------------
def seen_version(client, article, form):
    """Open the story's change form and return the version its publish/schedule form carries."""
    page = client.get(url("change", article)).content.decode()
    found = re.search(rf'name="{form}-version" value="(\d+)"', page)
    assert found, f"the panel's {form} form carries the version"
    return found.group(1)


def stale_message(who, what):
    return f"Berita ini sudah diubah oleh {who} sejak Anda membukanya: {what}; muat ulang halaman."


def test_schedule_from_a_stale_panel_does_not_pull_a_story_just_published(desk):
    waiting = story(desk.polres, desk.penulis, status=Status.REVIEW)
    editor = client_for(desk.redaktur)
    version = seen_version(editor, waiting, "jadwalkan")
    csrf_post(client_for(desk.kepala), url("publish", waiting))
    published = reload(waiting)

    response = csrf_post(
        editor,
        url("schedule", waiting),
        {"jadwalkan-version": version, "jadwalkan-publish_at": "2099-08-17T10:00"},
    )

    assert response.status_code == 200
    assert stale_message("Yusuf", "Diterbitkan") in response.content.decode()
    now = reload(waiting)
    assert (now.version, now.publish_at, now.editor) == (2, published.publish_at, desk.kepala)
    assert now.is_public()
    assert AuditEntry.Action.SCHEDULE not in audit_actions(waiting)


def test_publish_from_a_stale_panel_does_not_bring_back_a_story_taken_down(desk):
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    live = story(desk.polres, desk.penulis, status=Status.PUBLISHED, publish_at=tomorrow)
    editor = client_for(desk.redaktur)
    version = seen_version(editor, live, "terbitkan")
    csrf_post(client_for(desk.kepala), url("unpublish", live), {"turunkan-reason": "Gugatan."})

    response = csrf_post(editor, url("publish", live), {"terbitkan-version": version})

    assert response.status_code == 302
    assert stale_message("Yusuf", "Diturunkan") in messages_of(response)
    now = reload(live)
    assert (now.status, now.version) == (Status.ARCHIVED, 2)
    assert AuditEntry.Action.PUBLISH not in audit_actions(live)


def test_publish_from_a_stale_panel_does_not_publish_a_draft_just_returned(desk):
    waiting = story(desk.polres, desk.penulis, status=Status.REVIEW)
    editor = client_for(desk.redaktur)
    version = seen_version(editor, waiting, "terbitkan")
    csrf_post(
        client_for(desk.kepala), url("return", waiting), {"kembalikan-note": "Foto belum ada."}
    )

    response = csrf_post(editor, url("publish", waiting), {"terbitkan-version": version})

    assert response.status_code == 302
    assert stale_message("Yusuf", "Dikembalikan ke penulis") in messages_of(response)
    now = reload(waiting)
    assert (now.status, now.version, now.publish_at) == (Status.DRAFT, 2, None)
    assert "Berita diterbitkan dan tampil di situs publik." not in messages_of(response)


def test_publish_and_schedule_with_the_version_just_seen_work(desk):
    editor = client_for(desk.redaktur)
    first = story(desk.polres, desk.penulis, status=Status.REVIEW)
    response = csrf_post(
        editor,
        url("publish", first),
        {"terbitkan-version": seen_version(editor, first, "terbitkan")},
    )
    assert "Berita diterbitkan dan tampil di situs publik." in messages_of(response)
    assert reload(first).is_public()

    second = story(desk.polres, desk.penulis, status=Status.REVIEW)
    form_page = editor.get(url("schedule", second)).content.decode()
    assert 'name="jadwalkan-version" value="1"' in form_page
    response = csrf_post(
        editor,
        url("schedule", second),
        {"jadwalkan-version": "1", "jadwalkan-publish_at": "2099-08-17T10:00"},
    )
    assert response.status_code == 302
    assert "Berita dijadwalkan" in messages_of(response)[0]
    assert reload(second).publish_at == datetime.datetime(2099, 8, 17, 3, 0, tzinfo=datetime.UTC)


def test_scheduling_a_live_story_for_later_is_refused(desk):
    """Rescheduling a live story would take it off the site with no reason on record."""
    live = story(desk.polres, desk.penulis, status=Status.PUBLISHED)
    response = csrf_post(
        client_for(desk.redaktur),
        url("schedule", live),
        {"jadwalkan-version": str(live.version), "jadwalkan-publish_at": "2099-08-17T10:00"},
    )

    assert response.status_code == 200
    assert "Berita ini sedang tayang; untuk menariknya dari situs, turunkan dulu" in (
        response.content.decode()
    )
    now = reload(live)
    assert (now.version, now.publish_at) == (live.version, live.publish_at)
    assert now.is_public()


def test_rescheduling_a_story_not_yet_live_still_works(desk):
    later = timezone.now() + datetime.timedelta(days=2)
    scheduled = story(desk.polres, desk.penulis, status=Status.PUBLISHED, publish_at=later)
    response = csrf_post(
        client_for(desk.redaktur),
        url("schedule", scheduled),
        {"jadwalkan-version": "1", "jadwalkan-publish_at": "2099-08-17T10:00"},
    )

    assert response.status_code == 302
    assert reload(scheduled).publish_at == datetime.datetime(2099, 8, 17, 3, 0, tzinfo=datetime.UTC)


# -- An expired story published again ------------------------------------------------------
def expired_story(desk):
    return story(
        desk.polres,
        desk.penulis,
        status=Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(days=2),
        expire_at=timezone.now() - datetime.timedelta(days=1),
    )


def test_publishing_an_expired_story_now_drops_its_past_expiry_and_says_so(desk):
    notice = expired_story(desk)
    editor = client_for(desk.redaktur)
    assert url("publish", notice) in editor.get(url("change", notice)).content.decode()

    response = csrf_post(editor, url("publish", notice), {"terbitkan-version": "1"})

    assert messages_of(response) == ["Berita diterbitkan dan tampil di situs publik."]
    notice = reload(notice)
    assert notice.is_public()
    assert notice.expire_at is None
    summary = "Diterbitkan; kedaluwarsa lama dihapus"
    assert notice.revisions.get(version=2).summary == summary
    assert AuditEntry.objects.get(article=notice, action="publish").detail == summary


def test_scheduling_an_expired_story_drops_its_past_expiry(desk):
    notice = expired_story(desk)
    response = csrf_post(
        client_for(desk.redaktur),
        url("schedule", notice),
        {"jadwalkan-version": "1", "jadwalkan-publish_at": "2099-08-17T10:00"},
    )

    assert response.status_code == 302
    notice = reload(notice)
    assert (notice.publish_at.year, notice.expire_at) == (2099, None)
    assert "kedaluwarsa lama dihapus" in notice.revisions.get(version=2).summary


def test_publishing_an_expired_story_with_a_new_expiry_keeps_the_new_one(desk):
    notice = expired_story(desk)
    expiry = timezone.now() + datetime.timedelta(days=3)
    csrf_post(
        client_for(desk.redaktur),
        url("publish", notice),
        {"terbitkan-version": "1", "terbitkan-expire_at": jakarta(expiry)},
    )

    notice = reload(notice)
    assert notice.expire_at == expiry.replace(second=0, microsecond=0)
    assert notice.revisions.get(version=2).summary == "Diterbitkan"


def test_writer_cannot_publish_and_nothing_changes(desk):
    draft = story(desk.polres, desk.penulis)
    response = csrf_post(client_for(desk.penulis), url("publish", draft))

    assert response.status_code == 403
    assert "Hanya redaktur yang dapat menerbitkan atau menjadwalkan berita." in (
        response.content.decode()
    )
    assert reload(draft).status == Status.DRAFT
    assert audit_actions(draft) == []


# -- Take down and corrections -------------------------------------------------------------
def test_editor_takes_down_with_a_reason(desk):
    live = story(desk.polres, desk.penulis, status=Status.PUBLISHED)
    response = csrf_post(
        client_for(desk.redaktur),
        url("unpublish", live),
        {"turunkan-reason": "Data korban keliru."},
    )

    assert response.status_code == 302
    live = reload(live)
    assert live.status == Status.ARCHIVED
    assert EditorialNote.objects.get(article=live).kind == EditorialNote.Kind.TAKEDOWN
    assert AuditEntry.objects.get(article=live, action="unpublish").detail == "Data korban keliru."
    assert client_for(desk.redaktur).get(live.get_absolute_url()).status_code == 404


def test_take_down_without_a_reason_changes_nothing(desk):
    live = story(desk.polres, desk.penulis, status=Status.PUBLISHED)
    response = csrf_post(client_for(desk.redaktur), url("unpublish", live), {})

    assert response.status_code == 200
    assert "Tuliskan alasan penurunan berita." in response.content.decode()
    assert reload(live).status == Status.PUBLISHED


def test_correction_is_shown_publicly_with_its_date(desk, client):
    live = story(desk.polres, desk.penulis, status=Status.PUBLISHED)
    response = csrf_post(
        client_for(desk.redaktur),
        url("correct", live),
        {"ralat-text": "Sebelumnya tertulis 12 personel; yang benar 21 personel."},
    )

    assert response.status_code == 302
    correction = Correction.objects.get(article=live)
    assert AuditEntry.Action.CORRECT in audit_actions(live)
    page = client.get(live.get_absolute_url()).content.decode()
    assert "Ralat" in page
    assert "Sebelumnya tertulis 12 personel; yang benar 21 personel." in page
    # Dated: the public page carries the correction's own time, in Jakarta time.
    assert f'datetime="{timezone.localtime(correction.created_at).isoformat()}"' in page


def test_correction_on_a_draft_is_refused(desk):
    draft = story(desk.polres, desk.penulis)
    response = csrf_post(client_for(desk.redaktur), url("correct", draft), {"ralat-text": "Ralat."})

    assert response.status_code == 200
    assert "Ralat hanya untuk berita yang sudah terbit." in response.content.decode()
    assert not Correction.objects.exists()


# -- Notes ---------------------------------------------------------------------------------
def test_writer_and_editor_discuss_a_draft_in_notes_never_public(desk, client):
    draft = story(desk.polres, desk.penulis, status=Status.REVIEW)
    csrf_post(client_for(desk.penulis), url("note", draft), {"catatan-body": "Foto menyusul."})
    csrf_post(client_for(desk.redaktur), url("note", draft), {"catatan-body": "Baik, ditunggu."})

    assert list(draft.notes.values_list("author__username", "body")) == [
        ("penulis.tasik", "Foto menyusul."),
        ("redaktur.tasik", "Baik, ditunggu."),
    ]
    page = client_for(desk.penulis).get(url("change", draft)).content.decode()
    assert page.index("Foto menyusul.") < page.index("Baik, ditunggu.")
    # Published later, the public page shows none of it.
    csrf_post(client_for(desk.redaktur), url("publish", draft))
    public = client.get(reload(draft).get_absolute_url()).content.decode()
    assert "Foto menyusul." not in public


def test_empty_note_is_refused(desk):
    draft = story(desk.polres, desk.penulis)
    response = csrf_post(client_for(desk.penulis), url("note", draft), {"catatan-body": ""})
    assert response.status_code == 200
    assert "Catatan tidak boleh kosong." in response.content.decode()
    assert not draft.notes.exists()


# -- The panel -----------------------------------------------------------------------------
def test_panel_shows_writers_no_publish_button(desk):
    draft = story(desk.polres, desk.penulis)
    page = client_for(desk.penulis).get(url("change", draft)).content.decode()

    assert url("submit", draft) in page
    assert url("publish", draft) not in page
    assert url("schedule", draft) not in page
    assert url("preview_link", draft) in page


def test_panel_shows_editors_the_review_actions(desk):
    waiting = story(desk.polres, desk.penulis, status=Status.REVIEW)
    page = client_for(desk.redaktur).get(url("change", waiting)).content.decode()

    for name in ("publish", "schedule", "return", "note", "revisions", "preview_link"):
        assert url(name, waiting) in page
    assert url("unpublish", waiting) not in page  # not published yet


def test_polsek_story_goes_to_the_polres_editors(desk):
    """Chain of command: a Polsek without an editor is reviewed by its Polres."""
    draft = story(desk.polsek, desk.penulis)
    page = client_for(desk.penulis).get(url("change", draft)).content.decode()
    assert "Ditinjau oleh redaktur Polres Tasikmalaya Kota" in page


# -- Bulk actions --------------------------------------------------------------------------
def changelist_action(client, action, stories, **extra):
    from django.urls import reverse

    data = {"action": action, "_selected_action": [s.pk for s in stories], "index": "0", **extra}
    return csrf_post(client, reverse("admin:articles_article_changelist"), data)


def test_bulk_publish_publishes_all_selected(desk):
    stories = [story(desk.polres, desk.penulis, status=Status.REVIEW) for _ in range(3)]
    response = changelist_action(client_for(desk.redaktur), "publish_selected", stories)

    assert response.status_code == 302
    assert set(Article.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert "3 berita diterbitkan." in messages_of(response)
    assert AuditEntry.objects.filter(action="publish").count() == 3


def test_bulk_publish_is_all_or_nothing(desk):
    """A story that cannot be published (an expired notice) stops the whole batch."""
    good = story(desk.polres, desk.penulis, status=Status.REVIEW)
    bad = story(
        desk.polres,
        desk.penulis,
        status=Status.PUBLISHED,
        title="Pengumuman Yang Sudah Lewat",
        publish_at=timezone.now() - datetime.timedelta(days=2),
        expire_at=timezone.now() - datetime.timedelta(days=1),
    )
    response = changelist_action(client_for(desk.redaktur), "publish_selected", [good, bad])

    text = " ".join(messages_of(response))
    assert "Tidak ada yang diubah" in text
    assert "«Pengumuman Yang Sudah Lewat»: Berita ini sudah kedaluwarsa" in text
    assert reload(good).status == Status.REVIEW
    assert reload(good).version == 1
    assert not AuditEntry.objects.filter(action="publish").exists()


def test_bulk_publish_never_moves_the_date_of_a_story_already_live(desk):
    """Selecting a live story among drafts by mistake must not bring it to the top as new."""
    waiting = story(desk.polres, desk.penulis, status=Status.REVIEW)
    month_ago = timezone.now() - datetime.timedelta(days=30)
    live = story(
        desk.polres,
        desk.penulis,
        status=Status.PUBLISHED,
        title="Kapolres Resmikan Pos Pantau",
        publish_at=month_ago,
    )
    response = changelist_action(client_for(desk.redaktur), "publish_selected", [waiting, live])

    text = " ".join(messages_of(response))
    assert "Tidak ada yang diubah" in text
    assert "«Kapolres Resmikan Pos Pantau»: Berita ini sudah tayang" in text
    assert reload(live).publish_at == month_ago
    assert reload(waiting).status == Status.REVIEW


def test_bulk_publish_never_brings_back_a_story_taken_down(desk):
    """A take-down (a legal request, a wrong victim's name) is undone from the story's page."""
    waiting = story(desk.polres, desk.penulis, status=Status.REVIEW)
    down = story(desk.polres, desk.penulis, status=Status.ARCHIVED, title="Berita Yang Digugat")
    response = changelist_action(client_for(desk.redaktur), "publish_selected", [waiting, down])

    text = " ".join(messages_of(response))
    assert (
        "Tidak ada yang diubah. «Berita Yang Digugat»: Berita ini sudah diturunkan dari situs; "
        "terbitkan kembali hanya dari halaman berita itu sendiri."
    ) in text
    assert (reload(down).status, reload(down).version) == (Status.ARCHIVED, 1)
    assert (reload(waiting).status, reload(waiting).version) == (Status.REVIEW, 1)
    assert not AuditEntry.objects.filter(action="publish").exists()


def test_bulk_submit_refuses_when_one_story_is_not_the_writers(desk):
    mine = story(desk.polres, desk.penulis)
    theirs = story(desk.polres, desk.penulis_lain, title="Draf Milik Dedi")
    response = changelist_action(client_for(desk.penulis), "submit_selected", [mine, theirs])

    text = " ".join(messages_of(response))
    assert "Tidak ada yang diubah" in text
    assert "Draf Milik Dedi" in text
    assert set(Article.objects.values_list("status", flat=True)) == {Status.DRAFT}


def test_bulk_action_with_an_out_of_scope_id_changes_nothing(desk):
    mine = story(desk.polres, desk.penulis, status=Status.REVIEW)
    elsewhere = story(desk.jayapura, None, status=Status.REVIEW)
    response = changelist_action(client_for(desk.redaktur), "publish_selected", [mine, elsewhere])

    assert "di luar satuan Anda" in " ".join(messages_of(response))
    assert set(Article.objects.values_list("status", flat=True)) == {Status.REVIEW}


def test_writers_are_not_offered_editor_bulk_actions(desk):
    from django.urls import reverse

    story(desk.polres, desk.penulis)
    writer_page = client_for(desk.penulis).get(reverse("admin:articles_article_changelist"))
    editor_page = client_for(desk.redaktur).get(reverse("admin:articles_article_changelist"))

    assert 'value="submit_selected"' in writer_page.content.decode()
    for action in ("publish_selected", "return_selected", "unpublish_selected"):
        assert f'value="{action}"' not in writer_page.content.decode()
        assert f'value="{action}"' in editor_page.content.decode()


def test_writer_posting_an_editor_bulk_action_changes_nothing(desk):
    draft = story(desk.polres, desk.penulis)
    changelist_action(client_for(desk.penulis), "publish_selected", [draft])
    assert reload(draft).status == Status.DRAFT


def test_bulk_return_asks_for_a_note_then_returns_all(desk):
    stories = [story(desk.polres, desk.penulis, status=Status.REVIEW) for _ in range(2)]
    editor = client_for(desk.redaktur)
    asked = changelist_action(editor, "return_selected", stories)

    assert asked.status_code == 200
    assert "Catatan untuk penulis" in asked.content.decode()
    assert set(Article.objects.values_list("status", flat=True)) == {Status.REVIEW}

    empty = changelist_action(editor, "return_selected", stories, konfirmasi="ya", text="")
    assert empty.status_code == 200
    assert set(Article.objects.values_list("status", flat=True)) == {Status.REVIEW}

    done = changelist_action(
        editor, "return_selected", stories, konfirmasi="ya", text="Judul terlalu panjang."
    )
    assert done.status_code == 302
    assert set(Article.objects.values_list("status", flat=True)) == {Status.DRAFT}
    assert EditorialNote.objects.filter(kind="returned", body="Judul terlalu panjang.").count() == 2


def test_bulk_take_down_needs_a_reason(desk):
    stories = [story(desk.polres, desk.penulis, status=Status.PUBLISHED) for _ in range(2)]
    editor = client_for(desk.redaktur)
    changelist_action(editor, "unpublish_selected", stories, konfirmasi="ya", text="")
    assert set(Article.objects.values_list("status", flat=True)) == {Status.PUBLISHED}

    changelist_action(editor, "unpublish_selected", stories, konfirmasi="ya", text="Kedaluwarsa.")
    assert set(Article.objects.values_list("status", flat=True)) == {Status.ARCHIVED}
    assert EditorialNote.objects.filter(kind="takedown").count() == 2
