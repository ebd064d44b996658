"""Preview links under attack: forged, stretched, stale, replayed, cached or poisoned.

What the code documents (articles/views/preview.py): a link shows the story *as it is now*,
whatever its status, until the link expires or is revoked; it is never cached, indexed or sent
on in a Referer. So a link made for a draft keeps working after the story is published (with a
banner saying so), and stops at once when the story is taken down, its links are revoked or
it is deleted.
"""

import datetime

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, RelatedArticle
from articles.views.preview import SALT
from tests.admin.workflow_support import (
    build_desk,
    client_for,
    csrf_post,
    preview_link,
    story,
    url,
)
from tests.factories import FAST_HASHERS, UserFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
TITLE = "Kapolres Tinjau Pos Pengamanan Rahasia"
INVALID = "Tautan pratinjau tidak sah"
EXPIRED = "Tautan pratinjau sudah kedaluwarsa"
REVOKED = "Tautan pratinjau sudah dicabut"


@pytest.fixture
def desk():
    return build_desk()


@pytest.fixture
def draft(desk):
    return story(desk.polres, desk.penulis, title=TITLE, slug="pos-pengamanan-rahasia")


def token_of(link):
    return link.split("/")[2]


def assert_private(response):
    """Never stored by a cache, never indexed, never handed on in a Referer."""
    assert response["Cache-Control"] == "private, no-store, max-age=0"
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "X-Page-Cache" not in response
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def assert_refused(response, status=404, text=INVALID):
    assert response.status_code == status
    page = response.content.decode()
    assert text in page
    assert TITLE not in page
    assert_private(response)


def forged_tokens(good_token, other_pk):
    payload, stamp, signature = good_token.split(":")
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    other_payload = signing.b64_encode(f'{{"pk":{other_pk}}}'.encode()).decode()
    return {
        "truncated signature": f"{payload}:{stamp}:{signature[:-4]}",
        "flipped signature": f"{payload}:{stamp}:{flipped}",
        "no signature": f"{payload}:{stamp}",
        "no timestamp": f"{payload}:{signature}",
        "other story, same signature": f"{other_payload}:{stamp}:{signature}",
        "trailing junk": f"{good_token}:extra",
        "unsigned payload": payload,
        "doubled": f"{good_token}{good_token}",
        "empty parts": "::",
        "huge": "A" * 5000,
        "unicode": "ﾟпревью",
        # Signed with the right salt and key, but naming no sensible story.
        "no pk": signing.dumps({"id": 1}, salt=SALT),
        "text pk": signing.dumps({"pk": "1 OR 1=1"}, salt=SALT),
        "list pk": signing.dumps({"pk": [1]}, salt=SALT),
        "null pk": signing.dumps({"pk": None}, salt=SALT),
        "huge pk": signing.dumps({"pk": 10**20}, salt=SALT),
        "not a dict": signing.dumps([1], salt=SALT),
    }


def test_forged_and_malformed_tokens_show_nothing(desk, draft, client):
    other = story(desk.jayapura, None, title="Berita Satuan Lain Tertutup")
    good = token_of(preview_link(desk.penulis, draft))
    for label, token in forged_tokens(good, other.pk).items():
        response = client.get(f"/pratinjau/{token}/")
        assert_refused(response)
        assert other.title not in response.content.decode(), label
    # A NUL byte never reaches the view (newsroom.middleware answers 400 first).
    nul = client.get(f"/pratinjau/{good}%00/")
    assert nul.status_code == 400
    assert TITLE not in nul.content.decode()
    # The genuine token still works: the refusals above are about the forgeries.
    assert client.get(f"/pratinjau/{good}/").status_code == 200


def test_a_newer_timestamp_cannot_stretch_an_expired_link(desk, draft, client, settings):
    settings.NEWSROOM_PREVIEW_SECONDS = 3600
    link = preview_link(desk.penulis, draft)
    payload, _stamp, signature = token_of(link).split(":")
    later = timezone.now() + datetime.timedelta(hours=2)
    with time_machine.travel(later):
        assert_refused(client.get(link), status=410, text=EXPIRED)
        fresh_stamp = signing.b62_encode(int(later.timestamp()))
        assert_refused(client.get(f"/pratinjau/{payload}:{fresh_stamp}:{signature}/"))


def test_an_expired_link_says_so_for_any_story_and_leaks_none(desk, draft, client, settings):
    settings.NEWSROOM_PREVIEW_SECONDS = 60
    link = preview_link(desk.penulis, draft)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        assert_refused(client.get(link), status=410, text=EXPIRED)
        # Expiry is judged before the story is looked up: an expired link to a deleted story
        # reads the same, so a link cannot probe which stories exist.
        Article.objects.filter(pk=draft.pk).delete()
        assert_refused(client.get(link), status=410, text=EXPIRED)


def test_a_link_to_a_deleted_story_stops_at_once(desk, draft, client, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    link = preview_link(desk.penulis, draft)
    assert client.get(link).status_code == 200
    root = UserFactory(username="akar", is_superuser=True, unit=None)
    deleted = csrf_post(client_for(root), url("delete", draft), {"post": "yes"})
    assert deleted.status_code == 302
    assert not Article.objects.filter(pk=draft.pk).exists()
    assert_refused(client.get(link))


def test_a_link_survives_publishing_but_not_a_take_down(desk, draft, client):
    """Documented: the story as it is now while it is out; taken down, it shows nowhere."""
    link = preview_link(desk.penulis, draft)
    editor = client_for(desk.redaktur)
    assert csrf_post(editor, url("publish", draft)).status_code == 302
    response = client.get(link)
    assert response.status_code == 200
    assert "Berita ini sudah tampil di situs publik" in response.content.decode()
    assert_private(response)

    taken_down = csrf_post(editor, url("unpublish", draft), {"turunkan-reason": "Data keliru."})
    assert taken_down.status_code == 302
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert_refused(client.get(link), text=REVOKED)
    # The desk can still share the archived story on purpose, with a link made afterwards.
    response = client.get(preview_link(desk.redaktur, draft))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Status: Diarsipkan." in page
    assert "tidak tampil di situs publik" in page
    assert_private(response)


def test_preview_pages_are_never_served_from_the_page_cache(desk, draft, client, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    settings.NEWSROOM_PAGE_CACHE_STAMP = ""
    link = preview_link(desk.penulis, draft)
    for _ in range(2):
        response = client.get(link)
        assert response.status_code == 200
        assert_private(response)
    Article.objects.filter(pk=draft.pk).update(title="Judul Terbaru Draf")
    assert "Judul Terbaru Draf" in client.get(link).content.decode()
    Article.objects.filter(pk=draft.pk).delete()
    assert client.get(link).status_code == 404
    # Nor is the draft's public address, warm or cold.
    for _ in range(2):
        assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_preview_shows_no_other_hidden_story_and_no_public_metadata(desk, draft, client):
    other_draft = story(desk.polres, desk.penulis, title="Draf Lain Yang Tertutup")
    RelatedArticle.objects.create(article=draft, target=other_draft, is_manual=True, position=0)
    response = client.get(preview_link(desk.penulis, draft))
    page = response.content.decode()
    assert response.status_code == 200
    assert TITLE in page
    assert "Draf Lain Yang Tertutup" not in page
    # Nothing a crawler or a share preview could pick up.
    assert "application/ld+json" not in page
    assert 'rel="canonical"' not in page
    assert 'property="og:' not in page
    assert not response.cookies


def test_the_link_is_built_for_this_site_whatever_host_the_request_claims(desk, draft):
    # A forwarded host is not trusted: the link points here.
    link = preview_link(desk.redaktur, draft, HTTP_X_FORWARDED_HOST="evil.example")
    assert link.startswith("/pratinjau/")
    # A Host header outside ALLOWED_HOSTS gets no page and no link at all.
    response = client_for(desk.redaktur).get(url("preview_link", draft), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "/pratinjau/" not in response.content.decode()


def test_preview_link_pages_need_a_login_and_a_story_in_the_tree(desk, draft, client):
    response = client.get(url("preview_link", draft))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    outsider = UserFactory(username="penulis.papua", role="penulis", unit=desk.jayapura)
    assert client_for(outsider).get(url("preview_link", draft)).status_code == 404
    inactive = UserFactory(username="penulis.nonaktif", role="penulis", unit=desk.polres)
    inactive.is_active = False
    inactive.save()
    refused = client_for(inactive).get(url("preview_link", draft))
    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("admin:login"))


def test_the_english_preview_address_is_just_as_private(desk, draft, client):
    link = preview_link(desk.penulis, draft)
    response = client.get(f"/en{link}")
    assert response.status_code == 200
    assert TITLE in response.content.decode()
    assert_private(response)
    payload, stamp, signature = token_of(link).split(":")
    forged = client.get(f"/en/pratinjau/{payload}:{stamp}:{signature[:-2]}/")
    assert_refused(forged, text="Invalid preview link")
