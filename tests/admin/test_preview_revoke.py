"""Revoking a story's preview links: a new key, an audit entry, and the old links stop."""

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import publishing
from articles.cache import is_cacheable_response
from articles.models import Article, AuditEntry, Correction
from articles.views.preview import SALT
from tests.factories import PartnerFactory, UserFactory

from .workflow_support import (
    build_desk,
    client_for,
    csrf_post,
    link_on,
    messages_of,
    preview_link,
    story,
    url,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
TITLE = "Kapolres Tinjau Gudang Barang Bukti"
REVOKED = "Tautan pratinjau sudah dicabut"


@pytest.fixture
def desk():
    return build_desk()


@pytest.fixture
def draft(desk):
    return story(desk.polres, desk.penulis, title=TITLE)


def key_of(article):
    return Article.objects.values_list("preview_key", flat=True).get(pk=article.pk)


def assert_revoked(response):
    """Answered like an invalid link: 404, private, never cached, nothing of the story."""
    assert response.status_code == 404
    page = response.content.decode()
    assert REVOKED in page
    assert TITLE not in page
    assert response["Cache-Control"] == "private, no-store, max-age=0"
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert response["Referrer-Policy"] == "no-referrer"
    assert not is_cacheable_response(response.wsgi_request, response)


def test_revoking_stops_old_links_and_the_next_link_works(desk, draft, client):
    old_link = preview_link(desk.penulis, draft)
    assert client.get(old_link).status_code == 200
    writer = client_for(desk.penulis)
    form = writer.get(url("preview_link", draft))
    assert "Cabut tautan pratinjau" in form.content.decode()
    assert url("preview_revoke", draft) in form.content.decode()

    response = csrf_post(writer, url("preview_revoke", draft))

    assert response.status_code == 302
    assert response["Location"] == url("preview_link", draft)
    assert any("sudah dicabut" in message for message in messages_of(response))
    assert_revoked(client.get(old_link))
    new_link = link_on(writer.get(response["Location"]))
    assert new_link != old_link
    fresh = client.get(new_link)
    assert fresh.status_code == 200
    assert TITLE in fresh.content.decode()


def test_revoking_again_revokes_the_link_made_in_between(desk, draft, client):
    csrf_post(client_for(desk.redaktur), url("preview_revoke", draft))
    between = preview_link(desk.redaktur, draft)
    assert client.get(between).status_code == 200
    csrf_post(client_for(desk.redaktur), url("preview_revoke", draft))
    assert_revoked(client.get(between))


def test_revoking_writes_an_audit_entry(desk, draft):
    before = key_of(draft)
    csrf_post(client_for(desk.redaktur), url("preview_revoke", draft))

    entry = AuditEntry.objects.get(action=AuditEntry.Action.PREVIEW_REVOKE)
    assert entry.actor == desk.redaktur
    assert entry.article_id == draft.pk
    assert entry.unit == desk.polres
    assert entry.target == TITLE
    assert entry.created_at is not None
    assert key_of(draft) != before


def test_revoking_is_not_a_new_version(desk, draft):
    """The words are untouched: no revision, and a form opened before stays valid."""
    version = Article.objects.get(pk=draft.pk).version
    csrf_post(client_for(desk.redaktur), url("preview_revoke", draft))
    stored = Article.objects.get(pk=draft.pk)
    assert stored.version == version
    assert stored.revisions.count() == 1


def test_saving_a_form_opened_before_the_revocation_keeps_the_new_key(desk, draft):
    opened = Article.objects.get(pk=draft.pk)  # the editor's form, loaded before
    publishing.revoke_preview_links(Article.objects.get(pk=draft.pk), desk.redaktur)
    revoked_key = key_of(draft)

    opened.title = "Judul Disunting Sesudah Pencabutan"
    publishing.save_story(opened, desk.penulis, expected_version=opened.version)

    assert key_of(draft) == revoked_key


@pytest.mark.parametrize("method", ["get", "head", "put", "delete"])
def test_revoke_is_post_only(desk, draft, client, method):
    link = preview_link(desk.redaktur, draft)
    before = key_of(draft)
    browser = client_for(desk.redaktur)
    browser.cookies["csrftoken"] = token = "a" * 32
    # With the CSRF token, as a script would send it: refused for the method itself.
    response = getattr(browser, method)(url("preview_revoke", draft), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 405
    assert key_of(draft) == before
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PREVIEW_REVOKE).exists()
    assert client.get(link).status_code == 200


def test_revoke_needs_the_csrf_token(desk, draft, client):
    link = preview_link(desk.redaktur, draft)
    before = key_of(draft)
    response = client_for(desk.redaktur).post(url("preview_revoke", draft))
    assert response.status_code == 403
    assert key_of(draft) == before
    assert client.get(link).status_code == 200


def test_revoke_needs_a_login(desk, draft, client):
    before = key_of(draft)
    response = csrf_post(client, url("preview_revoke", draft))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert key_of(draft) == before


@pytest.mark.parametrize("role", ["penulis", "redaktur"])
def test_staff_outside_the_tree_get_the_answer_for_a_missing_story(desk, draft, client, role):
    outsider = UserFactory(username=f"{role}.papua", role=role, unit=desk.jayapura)
    link = preview_link(desk.penulis, draft)
    before = key_of(draft)
    browser = client_for(outsider)

    outside_url = url("preview_revoke", draft)
    missing_url = url("preview_revoke", Article(pk=draft.pk + 1000))
    outside = csrf_post(browser, outside_url)
    missing = csrf_post(browser, missing_url)

    assert outside.status_code == missing.status_code == 404
    assert TITLE not in outside.content.decode()
    # The same page, but for the address it names (the language switch links back to it).
    assert outside.content.decode() == missing.content.decode().replace(missing_url, outside_url)
    assert key_of(draft) == before
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PREVIEW_REVOKE).exists()
    assert client.get(link).status_code == 200


@pytest.mark.parametrize(
    "payload",
    [
        {},  # made before preview keys existed: only the id
        {"key": None},
        {"key": 12345},
        {"key": ["a"]},
        {"key": ""},
    ],
    ids=["no key", "null key", "number key", "list key", "empty key"],
)
def test_a_token_without_a_valid_key_is_refused_as_revoked(desk, draft, client, payload):
    token = signing.dumps({"pk": draft.pk, **payload}, salt=SALT)
    assert_revoked(client.get(reverse("articles:preview", args=[token])))


def test_taking_a_story_down_revokes_its_links(desk, client):
    out = story(desk.polres, desk.penulis, status=Status.PUBLISHED, title=TITLE)
    link = preview_link(desk.penulis, out)
    publishing.unpublish(out, desk.redaktur, "Data keliru.")
    assert_revoked(client.get(link))
    # One audit entry, the take-down's: revoking is part of it.
    assert list(out.audit_entries.values_list("action", flat=True)) == ["unpublish"]


def test_publishing_keeps_the_links(desk, draft, client):
    link = preview_link(desk.penulis, draft)
    publishing.publish(draft, desk.redaktur)
    assert client.get(link).status_code == 200


def test_the_preview_page_reads_the_same_queries_however_much_hangs_off_the_story(
    desk, client, django_assert_num_queries
):
    bare = story(desk.polres, desk.penulis, title="Berita Tanpa Lampiran")
    rich = story(desk.polres, desk.penulis, title="Berita Dengan Banyak Lampiran")
    rich.partners.set(PartnerFactory.create_batch(3))
    rich.tags.set(["lalu lintas", "operasi", "ketupat"])
    for text in ("Ralat satu.", "Ralat dua.", "Ralat tiga."):
        Correction.objects.create(article=rich, text=text, author=desk.redaktur)
    bare_link, rich_link = preview_link(desk.penulis, bare), preview_link(desk.penulis, rich)
    client.get(bare_link)
    with CaptureQueriesContext(connection) as small:
        assert client.get(bare_link).status_code == 200

    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(rich_link).status_code == 200
    # A revoked link loads nothing of what hangs off the story.
    csrf_post(client_for(desk.penulis), url("preview_revoke", rich))
    with CaptureQueriesContext(connection) as refused:
        response = client.get(rich_link)
    assert response.status_code == 404
    assert REVOKED in response.content.decode()
    read = " ".join(query["sql"] for query in refused.captured_queries)
    assert "articles_partner" not in read and "articles_correction" not in read
