"""Malformed input to the story desk: NUL bytes, oversized text, junk dates, IDs and bodies.

Each is answered with a message the editor can act on (a form error in Indonesian) or a plain
400/404, never a 500, and nothing is stored, least of all a NUL byte PostgreSQL would refuse.
"""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, AuditEntry, Correction, EditorialNote, Revision
from tests.admin.story_forms import change_url, story_form_data
from tests.admin.workflow_support import build_desk, client_for, csrf_post, messages_of, story, url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
NUL_TEXT = "Karakter null tidak diizinkan."
BAD_TIME = "Waktu tidak dikenali; gunakan format 31/12/2025 14:30."
INVALID_SELECTION = "Tidak ada yang diubah: pilihan memuat ID yang tidak sah."


@pytest.fixture
def desk():
    desk = build_desk()
    desk.review = story(desk.polres, desk.penulis, status=Status.REVIEW, title="Tinjauan Rina")
    desk.published = story(desk.polres, desk.penulis, status=Status.PUBLISHED, title="Terbit Rina")
    desk.editor = client_for(desk.redaktur)
    desk.editor.raise_request_exception = False
    return desk


def state():
    return {
        "stories": list(Article.objects.order_by("pk").values()),
        "revisions": Revision.objects.count(),
        "audit": AuditEntry.objects.count(),
        "notes": EditorialNote.objects.count(),
        "corrections": Correction.objects.count(),
    }


def form_errors(response):
    form = response.context["form"]
    return [message for messages in form.errors.values() for message in messages]


@pytest.mark.parametrize(
    ("name", "target", "field"),
    [
        ("note", "review", "catatan-body"),
        ("return", "review", "kembalikan-note"),
        ("unpublish", "published", "turunkan-reason"),
        ("correct", "published", "ralat-text"),
    ],
)
def test_workflow_text_with_a_nul_byte_or_too_long_is_refused(desk, name, target, field):
    article = getattr(desk, target)
    before = state()
    for text, message in [
        ("Catatan\x00tersembunyi", NUL_TEXT),
        ("x" * 5001, "Pastikan nilai ini mengandung paling banyak 5000 karakter"),
    ]:
        response = csrf_post(desk.editor, url(name, article), {field: text})
        assert response.status_code == 200
        assert [m for m in form_errors(response) if m.startswith(message)], form_errors(response)
    assert state() == before


@pytest.mark.parametrize(
    "field", ["title", "lead", "dateline", "byline", "photographer", "source_name", "tags", "body"]
)
def test_story_form_fields_with_a_nul_byte_are_refused(desk, field):
    value = "<p>Isi\x00</p>" if field == "body" else "Teks\x00Tersembunyi"
    before = state()
    response = csrf_post(
        desk.editor, change_url(desk.review), story_form_data(desk.review, **{field: value})
    )
    assert response.status_code == 200
    assert NUL_TEXT in response.content.decode()
    assert state() == before


def test_story_form_with_a_junk_version_or_oversized_title_is_refused(desk):
    before = state()
    response = csrf_post(
        desk.editor, change_url(desk.review), story_form_data(desk.review, opened_version="x")
    )
    assert response.status_code == 200
    assert "Formulir ini tidak lengkap; muat ulang halaman berita." in response.content.decode()
    response = csrf_post(
        desk.editor, change_url(desk.review), story_form_data(desk.review, title="J" * 201)
    )
    assert response.status_code == 200
    assert "paling banyak 200 karakter (sekarang 201 karakter)" in response.content.decode()
    assert state() == before


@pytest.mark.parametrize(
    "value", ["31/02/2025 25:61", "kemarin", "2099-13-45T10:00", "'; DROP TABLE x; --", "9" * 300]
)
def test_junk_times_are_refused_in_indonesian(desk, value):
    before = state()
    scheduled = csrf_post(
        desk.editor, url("schedule", desk.review), {"jadwalkan-publish_at": value}
    )
    assert scheduled.status_code == 200
    assert BAD_TIME in form_errors(scheduled)
    published = csrf_post(desk.editor, url("publish", desk.review), {"terbitkan-expire_at": value})
    assert published.status_code == 302
    assert BAD_TIME in messages_of(published)
    assert state() == before


@pytest.mark.parametrize(
    "object_id", ["abc", "0", "-1", "1.5", "%2e%2e", "1%2F..%2F2", "99999999999999999999"]
)
def test_junk_story_ids_in_workflow_urls_are_404(desk, object_id):
    before = state()
    for suffix in ["terbitkan/", "catatan/", "turunkan/", "revisi/", "pratinjau/", "ajukan/"]:
        address = f"/admin/articles/article/{object_id}/{suffix}"
        response = csrf_post(desk.editor, address, {"catatan-body": "x", "turunkan-reason": "x"})
        assert response.status_code == 404, address
    assert csrf_post(desk.editor, f"/admin/articles/article/{object_id}/presence/").status_code in (
        302,
        404,
    )
    assert state() == before


def test_junk_revision_numbers_are_404(desk):
    diff = url("revision_diff", desk.review)
    for query in ["?dari=abc", "?ke=-5", "?dari=1&ke=1.5", "?ke=", "?dari=0&ke=0"]:
        response = desk.editor.get(diff + query)
        assert response.status_code == 404, query
    before = state()
    for version in ["0", "999"]:
        response = csrf_post(
            desk.editor, f"/admin/articles/article/{desk.review.pk}/revisi/{version}/pulihkan/"
        )
        assert response.status_code == 404, version
    assert state() == before


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"--x\r\nnonsense"),
        ("multipart/form-data; boundary=", b"--\r\n"),
        ("multipart/form-data; boundary=abc", b"\xff\xfe\x00garbage"),
    ],
)
def test_broken_multipart_to_the_story_form_changes_nothing(desk, content_type, body):
    before = state()
    for address in [change_url(desk.review), url("note", desk.review)]:
        response = desk.editor.post(address, data=body, content_type=content_type)
        # A body that cannot be parsed has no CSRF token either: refused either way.
        assert response.status_code in (400, 403), address
    assert state() == before


def test_too_many_selected_stories_answer_400(desk):
    ids = "&".join(f"_selected_action={n}" for n in range(1, 2100))
    client = client_for(desk.redaktur)
    client.get(reverse("admin:index"))
    token = client.cookies["csrftoken"].value
    before = state()
    response = client.post(
        reverse("admin:articles_article_changelist"),
        data=f"csrfmiddlewaretoken={token}&action=publish_selected&index=0&{ids}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert state() == before


def test_a_declared_huge_body_to_the_desk_is_refused_before_reading(desk):
    client = Client()
    client.force_login(desk.redaktur)
    response = client.post(
        url("note", desk.review),
        data="catatan-body=x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(10**10),
    )
    assert response.status_code == 413
    assert "Permintaan terlalu besar." in response.content.decode()
    assert not EditorialNote.objects.exists()


def test_out_of_range_revision_numbers_are_404(desk):
    diff = url("revision_diff", desk.review)
    huge = "99999999999999999999"
    for query in [f"?ke={huge}", f"?dari={huge}", f"?dari=-{huge}&ke=1"]:
        response = desk.editor.get(diff + query)
        assert response.status_code == 404, query


@pytest.mark.parametrize("junk", ["abc", "1 OR 1=1", "99999999999999999999", ""])
@pytest.mark.parametrize("action", ["publish_selected", "return_selected", "delete_selected"])
def test_junk_ids_in_a_story_bulk_action_change_nothing_and_say_so(desk, action, junk):
    root = UserFactory(username="akar", is_superuser=True, unit=None)
    client = client_for(root)
    client.raise_request_exception = False
    before = state()
    response = csrf_post(
        client,
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [desk.review.pk, junk], "index": "0", "post": "yes"},
    )
    assert response.status_code == 302
    assert INVALID_SELECTION in messages_of(response)
    assert state() == before


@pytest.mark.parametrize(
    ("model", "action"),
    [
        ("comment", "approve"),
        ("user", "delete_selected"),
        ("photo", "delete_selected"),
        ("unit", "delete_selected"),
        ("category", "delete_selected"),
        ("partner", "delete_selected"),
        ("moderationword", "delete_selected"),
    ],
)
def test_junk_ids_in_any_changelist_bulk_action_are_refused(desk, model, action):
    client = client_for(UserFactory(username="akar", is_superuser=True, unit=None))
    client.raise_request_exception = False
    response = csrf_post(
        client,
        reverse(f"admin:articles_{model}_changelist"),
        {"action": action, "_selected_action": ["abc", "99999999999999999999"], "index": "0"},
    )
    assert response.status_code == 302
    assert INVALID_SELECTION in messages_of(response)


@pytest.mark.parametrize(
    "address",
    [
        reverse("admin:articles_article_changelist") + "?publish_at__year=99999999999",
        reverse("admin:articles_article_changelist") + "?publish_at__year=9999",
        reverse("admin:articles_article_changelist")
        + "?publish_at__year=2025&publish_at__month=99999999999",
        reverse("admin:articles_auditentry_changelist") + "?created_at__year=99999999999",
        reverse("admin:articles_photo_changelist") + "?created_at__year=99999999999",
    ],
)
def test_an_impossible_date_filter_is_answered_like_any_bad_filter(desk, address):
    client = client_for(UserFactory(username="akar", is_superuser=True, unit=None))
    client.raise_request_exception = False
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
