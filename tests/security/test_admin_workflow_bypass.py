"""Permission bypass through the story desk: workflow URLs, bulk actions, pickers, revisions.

The intruders: a writer of the story's own Polres (inside the tree, without the role), an editor
of an unrelated Polda and an editor of the Polsek below the story's Polres. Whatever they try over
HTTP the answer is exact (a 403 with the Indonesian reason, or exactly what a story that does not
exist gets) and the stories, revisions, audit trail, notes and presence list stay as they were.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles import roles
from articles.models import (
    Article,
    AuditEntry,
    Correction,
    EditorialNote,
    RelatedArticle,
    Revision,
    User,
)
from articles.publishing import log, record_revision
from articles.search import index_articles
from tests.admin.story_forms import change_url, story_form_data
from tests.admin.workflow_support import (
    build_desk,
    client_for,
    csrf_post,
    messages_of,
    story,
    url,
)
from tests.factories import FAST_HASHERS, UserFactory
from tests.views.utils import make_photo

pytestmark = pytest.mark.django_db

Status = Article.Status
MISSING = 999999
FUTURE = "2099-08-17T10:00"
OUT_OF_SCOPE = (
    "Tidak ada yang diubah: sebagian berita yang dipilih tidak ditemukan atau berada di luar "
    "satuan Anda."
)
# A signed preview link (payload:stamp:signature), as the preview-link page shows it.
PREVIEW_LINK = re.compile(r"/pratinjau/[\w-]+:[\w-]+:[\w-]+/")
OUTSIDE_UNIT = "Satuan ini berada di luar lingkup satuan Anda."


@pytest.fixture
def desk():
    """build_desk() plus an editor in the Polsek below, one in Papua, and three Polres stories."""
    desk = build_desk()
    desk.polsek_editor = UserFactory(
        username="redaktur.cihideung", first_name="Sari", role="redaktur", unit=desk.polsek
    )
    desk.other_editor = UserFactory(
        username="redaktur.jayapura", first_name="Yohanes", role="redaktur", unit=desk.jayapura
    )
    desk.review = story(
        desk.polres, desk.penulis_lain, status=Status.REVIEW, title="Tinjauan Polres Tertutup"
    )
    desk.draft = story(desk.polres, desk.penulis_lain, title="Draf Polres Tertutup")
    # A second version, so that a restore has something to put back.
    Article.objects.filter(pk=desk.draft.pk).update(title="Draf Polres Tertutup Dua", version=2)
    desk.draft.refresh_from_db()
    record_revision(desk.draft, desk.penulis_lain, "Diubah")
    desk.published = story(
        desk.polres, desk.penulis, status=Status.PUBLISHED, title="Terbitan Polres Tertutup"
    )
    return desk


def snapshot(presence=False):
    """Everything an admin path could change, as plain data.

    ``presence``: also who has each story open (anyone who may read a story is listed there
    while its form is open, so only the out-of-tree checks include it).
    """
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    state = {
        "stories": list(Article.objects.order_by("pk").values()),
        "revisions": list(Revision.objects.order_by("pk").values_list("article_id", "version")),
        "tags": {pk: sorted(Article.objects.get(pk=pk).tags.names()) for pk in ids},
        "audit": list(AuditEntry.objects.order_by("pk").values_list("pk", "action", "detail")),
        "notes": EditorialNote.objects.count(),
        "corrections": Correction.objects.count(),
        "related": RelatedArticle.objects.count(),
    }
    if presence:
        state["presence"] = {pk: cache.get(f"admin-presence:article:{pk}") for pk in ids}
    return state


def send(client, method, address, data):
    if method == "GET":
        return client.get(address)
    return csrf_post(client, address, data)


def attempts(article):
    """Every admin path into one story, as (method, address, data)."""
    form_actions = [
        ("return", {"kembalikan-note": "Perbaiki judulnya."}),
        ("schedule", {"jadwalkan-publish_at": FUTURE}),
        ("unpublish", {"turunkan-reason": "Data keliru."}),
        ("correct", {"ralat-text": "Angka korban diperbaiki."}),
        ("note", {"catatan-body": "Cek foto."}),
    ]
    for name, data in form_actions:
        yield "GET", url(name, article), None
        yield "POST", url(name, article), data
    for name in ("submit", "publish"):
        yield "GET", url(name, article), None
        yield "POST", url(name, article), {}
    yield "GET", url("revisions", article), None
    yield "GET", url("revision_diff", article) + "?dari=1&ke=2", None
    yield "GET", url("restore", article, 1), None
    yield "POST", url("restore", article, 1), {}
    yield "GET", url("preview_link", article), None
    yield "POST", url("preview_link", article), {}
    yield "POST", url("presence", article), {}
    yield "GET", url("presence", article), None
    yield "GET", change_url(article), None
    yield "POST", change_url(article), story_form_data(article, title="Diambil Alih")
    yield "GET", url("history", article), None
    yield "GET", url("delete", article), None
    yield "POST", url("delete", article), {"post": "yes"}


# -- Stories outside the tree --------------------------------------------------------------
@pytest.mark.parametrize("intruder", ["other_editor", "polsek_editor"])
def test_a_story_outside_the_tree_answers_every_admin_path_like_a_missing_one(desk, intruder):
    """Guessing a story's ID gets exactly what a missing ID gets: no hint, nothing changed."""
    client = client_for(getattr(desk, intruder))
    before = snapshot(presence=True)
    titles = [desk.review.title, desk.draft.title, desk.published.title]
    for article in (desk.review, desk.draft, desk.published):
        for method, address, data in attempts(article):
            response = send(client, method, address, data)
            missing_address = address.replace(f"/{article.pk}/", f"/{MISSING}/")
            missing = send(client, method, missing_address, data)
            assert (response.status_code, response.get("Location")) == (
                missing.status_code,
                missing.get("Location"),
            ), (method, address)
            assert response.status_code in (302, 403, 404, 405), (method, address)
            text = response.content.decode()
            assert not [title for title in titles if title in text], (method, address)
            assert not PREVIEW_LINK.search(text), (method, address)
    assert snapshot(presence=True) == before
    # The story's own editor does get the link the intruder was denied.
    page = client_for(desk.redaktur).get(url("preview_link", desk.review))
    assert PREVIEW_LINK.search(page.content.decode())


WRITER_REFUSALS = [
    ("return", "GET", "review", None, "Hanya redaktur yang dapat mengembalikan berita ke penulis."),
    (
        "return",
        "POST",
        "review",
        {"kembalikan-note": "Perbaiki."},
        "Hanya redaktur yang dapat mengembalikan berita ke penulis.",
    ),
    ("publish", "POST", "review", {}, "Hanya redaktur yang dapat menerbitkan atau menjadwalkan"),
    ("schedule", "GET", "review", None, "Hanya redaktur yang dapat menerbitkan atau menjadwalkan"),
    (
        "schedule",
        "POST",
        "review",
        {"jadwalkan-publish_at": FUTURE},
        "Hanya redaktur yang dapat menerbitkan atau menjadwalkan berita.",
    ),
    ("unpublish", "GET", "published", None, "Hanya redaktur yang dapat menurunkan berita."),
    (
        "unpublish",
        "POST",
        "published",
        {"turunkan-reason": "Salah."},
        "Hanya redaktur yang dapat menurunkan berita.",
    ),
    ("correct", "GET", "published", None, "Hanya redaktur yang dapat menambahkan ralat."),
    (
        "correct",
        "POST",
        "published",
        {"ralat-text": "Ralat."},
        "Hanya redaktur yang dapat menambahkan ralat.",
    ),
    ("submit", "POST", "draft", {}, "Anda tidak berhak mengajukan berita ini untuk ditinjau."),
    ("restore", "GET", "draft", None, "Anda tidak berhak memulihkan revisi berita ini."),
    ("restore", "POST", "draft", {}, "Anda tidak berhak memulihkan revisi berita ini."),
]


@pytest.mark.parametrize(
    ("name", "method", "target", "data", "message"),
    WRITER_REFUSALS,
    ids=[f"{name}-{method}" for name, method, *_rest in WRITER_REFUSALS],
)
def test_a_writer_in_the_tree_is_refused_editor_actions_with_the_reason(
    desk, name, method, target, data, message
):
    article = getattr(desk, target)
    address = url(name, article, 1) if name == "restore" else url(name, article)
    before = snapshot()

    response = send(client_for(desk.penulis), method, address, data)

    assert response.status_code == 403
    assert message in response.content.decode()
    assert snapshot() == before


def test_a_writer_cannot_edit_or_delete_another_writers_draft(desk):
    client = client_for(desk.penulis)
    before = snapshot()
    edited = csrf_post(client, change_url(desk.draft), story_form_data(desk.draft, title="Dibajak"))
    deleted = csrf_post(client, url("delete", desk.draft), {"post": "yes"})
    assert (edited.status_code, deleted.status_code) == (403, 403)
    assert snapshot() == before


# -- Bulk actions ------------------------------------------------------------------------------
def changelist_action(client, action, stories, **extra):
    data = {"action": action, "_selected_action": [s.pk for s in stories], "index": "0", **extra}
    return csrf_post(client, reverse("admin:articles_article_changelist"), data)


@pytest.mark.parametrize(
    ("action", "status"),
    [("return_selected", Status.REVIEW), ("unpublish_selected", Status.PUBLISHED)],
)
def test_bulk_actions_with_a_note_refuse_a_foreign_id_at_both_steps(desk, action, status):
    mine = desk.review if status == Status.REVIEW else desk.published
    foreign = story(desk.jayapura, None, status=status, title="Berita Jayapura Terlarang")
    editor = client_for(desk.redaktur)
    before = snapshot()

    asked = changelist_action(editor, action, [mine, foreign])
    # The page asking for the note lists only what the editor may see.
    assert asked.status_code == 200
    assert mine.title in asked.content.decode()
    assert foreign.title not in asked.content.decode()

    done = changelist_action(
        editor, action, [mine, foreign], konfirmasi="ya", text="Alasan yang sah."
    )
    assert done.status_code == 302
    assert OUT_OF_SCOPE in messages_of(done)
    assert snapshot() == before


def test_an_editor_below_cannot_bulk_publish_a_story_of_the_unit_above(desk):
    below = story(desk.polsek, None, status=Status.REVIEW, title="Tinjauan Polsek Sendiri")
    before = snapshot()
    response = changelist_action(
        client_for(desk.polsek_editor), "publish_selected", [below, desk.review]
    )
    assert OUT_OF_SCOPE in messages_of(response)
    assert snapshot() == before


def test_select_across_acts_only_inside_the_tree(desk):
    """ "Select all" with a foreign ID posted alongside publishes the editor's own stories only."""
    own = story(desk.jayapura, None, status=Status.REVIEW, title="Tinjauan Jayapura")
    response = changelist_action(
        client_for(desk.other_editor),
        "publish_selected",
        [desk.review],
        select_across="1",
    )
    assert response.status_code == 302
    assert "1 berita diterbitkan." in messages_of(response)
    assert Article.objects.get(pk=own.pk).status == Status.PUBLISHED
    assert Article.objects.get(pk=desk.review.pk).status == Status.REVIEW
    assert Article.objects.get(pk=desk.review.pk).version == 1


@pytest.mark.parametrize("who", ["redaktur", "kepala", "penulis"])
def test_only_a_superuser_may_bulk_delete_stories(desk, who):
    before = snapshot()
    response = changelist_action(
        client_for(getattr(desk, who)), "delete_selected", [desk.draft], post="yes"
    )
    assert response.status_code in (200, 302)
    assert "Tidak ada aksi yang dipilih." in messages_of(response)
    assert snapshot() == before


# -- Pickers (autocomplete) -----------------------------------------------------------------------
def autocomplete(client, model_name, field_name, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": model_name, "field_name": field_name, "term": term},
    )
    return response


def found_ids(response):
    assert response.status_code == 200
    return {int(item["id"]) for item in response.json()["results"]}


@pytest.mark.parametrize("intruder", ["other_editor", "polsek_editor", "penulis"])
def test_the_related_story_picker_never_finds_a_story_outside_the_tree(desk, intruder):
    """Not by a title word, the story's ID or its slug (both pasted from an address)."""
    foreign = story(desk.jayapura, None, title="Operasi Cartenz Jayapura", status=Status.PUBLISHED)
    own = story(desk.polres, None, title="Operasi Cartenz Tasikmalaya", status=Status.PUBLISHED)
    index_articles(Article.objects.all())
    client = client_for(getattr(desk, intruder))
    hidden = {"other_editor": own, "polsek_editor": own, "penulis": foreign}[intruder]
    visible = foreign if hidden is own else own
    for term in ["cartenz", str(hidden.pk), hidden.slug]:
        ids = found_ids(autocomplete(client, "relatedarticle", "target", term))
        assert hidden.pk not in ids, term
    if intruder != "polsek_editor":
        # The same search finds the story the user may link to: the picker works.
        assert visible.pk in found_ids(autocomplete(client, "relatedarticle", "target", "cartenz"))


def test_the_featured_photo_picker_offers_only_photos_of_the_tree(desk):
    foreign_story = story(desk.jayapura, None, title="Berita Jayapura Berfoto")
    photos = {
        "own": make_photo(caption="Patroli gabungan Tasik", article=desk.draft),
        "own_loose": make_photo(caption="Patroli lepas Tasik", uploaded_by=desk.penulis),
        "foreign": make_photo(caption="Patroli gabungan Papua", article=foreign_story),
        "foreign_loose": make_photo(caption="Patroli lepas Papua", uploaded_by=desk.other_editor),
    }
    expected = {
        "penulis": {"own", "own_loose"},
        "polsek_editor": set(),
        "other_editor": {"foreign", "foreign_loose"},
    }
    for who, names in expected.items():
        client = client_for(getattr(desk, who))
        ids = found_ids(autocomplete(client, "article", "featured_photo", "patroli"))
        assert ids == {photos[name].pk for name in names}, who


def test_the_unit_and_writer_pickers_offer_only_the_tree(desk):
    root = UserFactory(username="akar.tasik", is_superuser=True, unit=desk.polres)
    editor = client_for(desk.polsek_editor)
    assert found_ids(autocomplete(editor, "article", "unit", "pol")) == {desk.polsek.pk}
    # Staff records are for heads of desk only, even through a picker.
    assert autocomplete(editor, "article", "writer", "a").status_code == 403
    head = client_for(desk.kepala)
    assert found_ids(autocomplete(head, "article", "unit", "pol")) == {
        desk.polres.pk,
        desk.polsek.pk,
    }
    staff = found_ids(autocomplete(head, "article", "writer", "r"))
    assert desk.penulis.pk in staff
    assert root.pk not in staff
    assert desk.other_editor.pk not in staff
    assert desk.polsek_editor.pk in staff


# -- The story form -------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["penulis", "polsek_editor"])
def test_a_story_cannot_be_moved_up_or_across_the_tree_through_the_form(desk, who):
    user = getattr(desk, who)
    article = story(user.unit, user, title="Berita Yang Mau Dipindah")
    before = snapshot()
    client = client_for(user)
    for unit in {desk.polda, desk.polres, desk.jayapura} - {user.unit}:
        response = csrf_post(client, change_url(article), story_form_data(article, unit=unit.pk))
        assert response.status_code == 200, unit
        assert OUTSIDE_UNIT in response.content.decode()
    assert snapshot() == before


def test_fields_outside_the_form_cannot_be_smuggled_into_a_save(desk):
    """Status, editor, version and (for a writer) credit and timing are not the form's to set."""
    draft = story(desk.polres, desk.penulis, title="Draf Rina Sendiri")
    data = story_form_data(
        draft,
        title="Draf Rina Disunting",
        writer=desk.penulis_lain.pk,
        publish_at=timezone.now() - datetime.timedelta(days=1),
    )
    data.update({"status": "published", "editor": desk.redaktur.pk, "version": "99"})
    response = csrf_post(client_for(desk.penulis), change_url(draft), data)
    assert response.status_code == 302
    saved = Article.objects.get(pk=draft.pk)
    assert saved.title == "Draf Rina Disunting"  # the legitimate edit is saved …
    assert (saved.status, saved.writer_id, saved.editor_id) == (
        Status.DRAFT,
        desk.penulis.pk,
        None,
    )  # … and nothing else
    assert (saved.publish_at, saved.version) == (None, 2)
    assert client_for(desk.penulis).get(saved.get_absolute_url()).status_code == 404


def test_a_foreign_photo_or_related_story_cannot_be_attached_through_the_form(desk):
    foreign_story = story(desk.jayapura, None, title="Berita Jayapura Untuk Ditautkan")
    foreign_photo = make_photo(caption="Foto Papua", article=foreign_story)
    client = client_for(desk.redaktur)
    before = snapshot()

    response = csrf_post(
        client,
        change_url(desk.review),
        story_form_data(desk.review, featured_photo=foreign_photo.pk),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["featured_photo"]

    data = story_form_data(desk.review)
    data.update(
        {
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-target": foreign_story.pk,
            "related_links-0-position": "0",
        }
    )
    response = csrf_post(client, change_url(desk.review), data)
    assert response.status_code == 200
    formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "related_links"
    )
    assert formset.errors[0]["target"]
    assert snapshot() == before


# -- Revisions ---------------------------------------------------------------------------------------
def test_restoring_a_version_filed_under_a_foreign_unit_is_refused(desk):
    """A story brought into the tree cannot be sent back out by restoring its old version."""
    moved = story(desk.jayapura, None, title="Berita Pindahan Dari Papua")
    Article.objects.filter(pk=moved.pk).update(unit=desk.polres, version=2)
    moved.refresh_from_db()
    record_revision(moved, None, "Dipindahkan ke Polres Tasikmalaya Kota")
    before = snapshot()

    response = csrf_post(client_for(desk.redaktur), url("restore", moved, 1))

    assert response.status_code == 403
    assert "Revisi ini memindahkan berita ke luar lingkup satuan Anda." in response.content.decode()
    assert snapshot() == before


# -- The audit trail ---------------------------------------------------------------------------------
def audit_url(view, *args):
    return reverse(f"admin:articles_auditentry_{view}", args=args)


def test_nobody_adds_changes_or_deletes_an_audit_entry(desk, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    entry = log(AuditEntry.Action.PUBLISH, desk.redaktur, article=desk.published)
    root = UserFactory(username="akar", is_superuser=True, unit=None)
    trail = list(AuditEntry.objects.order_by("pk").values())
    for user in (desk.redaktur, desk.kepala, root):
        client = client_for(user)
        assert client.get(audit_url("add")).status_code == 403
        assert csrf_post(client, audit_url("add"), {"action": "publish"}).status_code == 403
        page = client.get(audit_url("change", entry.pk))
        assert page.status_code == 200  # readable …
        assert 'name="_save"' not in page.content.decode()  # … with nothing to save
        forged = {"action": "create", "detail": "Jejak dihapus", "target": "Palsu"}
        assert csrf_post(client, audit_url("change", entry.pk), forged).status_code == 403
        assert client.get(audit_url("delete", entry.pk)).status_code == 403
        assert csrf_post(client, audit_url("delete", entry.pk), {"post": "yes"}).status_code == 403
        bulk = {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
        csrf_post(client, audit_url("changelist"), bulk)
    assert list(AuditEntry.objects.order_by("pk").values()) == trail


def test_the_audit_trail_is_closed_to_writers_and_to_other_trees(desk):
    entry = log(AuditEntry.Action.PUBLISH, desk.redaktur, article=desk.published)
    writer = client_for(desk.penulis)
    assert writer.get(audit_url("changelist")).status_code == 403
    assert writer.get(audit_url("change", entry.pk)).status_code == 403
    for who in ("other_editor", "polsek_editor"):
        client = client_for(getattr(desk, who))
        response = client.get(audit_url("change", entry.pk))
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        listing = client.get(audit_url("changelist")).content.decode()
        assert desk.published.title not in listing
        history = client.get(audit_url("history", entry.pk))
        assert history.status_code == 302


# -- Staff admin ---------------------------------------------------------------------------------------
def user_url(view, *args):
    return reverse(f"admin:articles_user_{view}", args=args)


def test_a_head_cannot_create_a_superuser_or_grant_raw_rights_on_the_add_form(desk, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    password = "Sandi-Baru-Panjang-2025"
    response = csrf_post(
        client_for(desk.kepala),
        user_url("add"),
        {
            "username": "staf.baru",
            "password1": password,
            "password2": password,
            "unit": desk.polsek.pk,
            "peran": "penulis",
            "is_superuser": "on",
            "user_permissions": [Permission.objects.get(codename="delete_article").pk],
            "groups": [Group.objects.get(name=roles.HEAD).pk],
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="staf.baru")
    assert created.is_superuser is False
    assert not created.user_permissions.exists()
    assert set(created.groups.values_list("name", flat=True)) == {roles.WRITER}
    assert created.unit == desk.polsek


def test_a_head_below_cannot_touch_staff_of_the_unit_above(desk):
    head_below = UserFactory(username="kepala.cihideung", role="kepala", unit=desk.polsek)
    client = client_for(head_below)
    response = client.get(user_url("change", desk.penulis.pk))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    csrf_post(
        client,
        user_url("change", desk.penulis.pk),
        {"username": desk.penulis.username, "peran": "kepala", "unit": desk.polsek.pk},
    )
    desk.penulis.refresh_from_db()
    assert desk.penulis.unit == desk.polres
    assert set(desk.penulis.groups.values_list("name", flat=True)) == {roles.WRITER}
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ROLE_CHANGE).exists()


def test_a_head_cannot_bulk_delete_staff(desk):
    before = User.objects.count()
    response = csrf_post(
        client_for(desk.kepala),
        user_url("changelist"),
        {"action": "delete_selected", "_selected_action": [desk.penulis.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert User.objects.count() == before


# -- Staff without a role or without a unit ---------------------------------------------------------
def test_staff_without_a_role_or_a_unit_reach_no_story(desk):
    """An account left without a role, or an editor without a unit, sees and does nothing."""
    no_role = UserFactory(username="tanpa.peran", unit=desk.polres)
    no_unit = UserFactory(username="tanpa.satuan", role="redaktur", unit=None)
    before = snapshot(presence=True)
    # No role: no story permission at all (403). No unit: an empty tree (an empty list, and the
    # story answers like a missing one).
    for user, listed, opened in [(no_role, 403, 403), (no_unit, 200, 302)]:
        client = client_for(user)
        listing = client.get(reverse("admin:articles_article_changelist"))
        assert listing.status_code == listed
        assert desk.review.title not in listing.content.decode()
        assert client.get(change_url(desk.review)).status_code == opened
        for name in ("revisions", "preview_link"):
            assert client.get(url(name, desk.review)).status_code == 404, name
        assert csrf_post(client, url("publish", desk.review)).status_code == 404
        picked = autocomplete(client, "relatedarticle", "target", str(desk.review.pk))
        assert picked.status_code == 403 if user is no_role else found_ids(picked) == set()
    assert snapshot(presence=True) == before
