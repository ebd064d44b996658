"""Preview through a signed, expiring link; never-published stories stay off public URLs."""

import datetime
import json
import zoneinfo

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from articles.cache import is_cacheable_response
from articles.models import Article
from articles.views.preview import SALT
from tests.factories import UserFactory

from .workflow_support import build_desk, client_for, preview_link, story, url

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def desk():
    return build_desk()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_preview_link_shows_an_unpublished_story_in_the_public_template(desk, client, status):
    draft = story(desk.polres, desk.penulis, status=status, title="Kapolres Resmikan Pos Ronda")
    link = preview_link(desk.penulis, draft)

    response = client.get(link)  # anyone holding the link: no login
    page = response.content.decode()
    assert response.status_code == 200
    assert "Pratinjau — belum terbit" in page
    assert "Kapolres Resmikan Pos Ronda" in page
    assert 'class="story-body"' in page  # the public story template
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert not is_cacheable_response(response.wsgi_request, response)
    assert '<meta name="robots" content="noindex' in page
    # Readers cannot comment on a story that is not out.
    assert reverse("articles:comment_post", args=[draft.pk]) not in page


def test_scheduled_story_previews_while_its_public_url_is_404(desk, client):
    scheduled = story(
        desk.polres,
        desk.penulis,
        status=Status.PUBLISHED,
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    response = client.get(preview_link(desk.redaktur, scheduled))
    assert response.status_code == 200
    when = timezone.localtime(scheduled.publish_at).strftime("%d/%m/%Y %H:%M")
    assert f"Status: Terjadwal, terbit {when} WIB." in response.text  # a Jakarta-zone unit


def test_a_preview_offers_no_sharing_or_comments_and_gives_times_in_the_units_zone(desk, client):
    """Whoever gets the link sees the story, not buttons sharing an address that is 404."""
    at = timezone.now() + datetime.timedelta(days=1)
    desk.jayapura.time_zone = "Asia/Jayapura"
    desk.jayapura.save()
    scheduled = story(desk.jayapura, None, status=Status.PUBLISHED, publish_at=at)
    editor = UserFactory(username="redaktur.jayapura", role="redaktur", unit=desk.jayapura)
    response = client.get(preview_link(editor, scheduled))

    page = response.content.decode()
    assert 'class="share"' not in page
    assert 'class="comments"' not in page and "sudah ditutup" not in page
    local = timezone.localtime(at, zoneinfo.ZoneInfo("Asia/Jayapura"))
    assert f"Status: Terjadwal, terbit {local:%d/%m/%Y %H:%M} WIT." in page


def test_preview_shows_the_latest_content(desk, client):
    draft = story(desk.polres, desk.penulis, title="Judul Lama Sekali")
    link = preview_link(desk.penulis, draft)
    Article.objects.filter(pk=draft.pk).update(title="Judul Baru Sekali")
    assert "Judul Baru Sekali" in client.get(link).content.decode()


def test_preview_link_expires(desk, client, settings):
    settings.NEWSROOM_PREVIEW_SECONDS = 3600
    draft = story(desk.polres, desk.penulis)
    link = preview_link(desk.penulis, draft)

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=59)):
        assert client.get(link).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        response = client.get(link)
    assert response.status_code == 410
    assert "Tautan pratinjau sudah kedaluwarsa" in response.content.decode()
    assert response["Cache-Control"].startswith("private")


def test_default_lifetime_is_two_days(desk, client):
    draft = story(desk.polres, desk.penulis)
    link = preview_link(desk.penulis, draft)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, hours=23)):
        assert client.get(link).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2, minutes=1)):
        assert client.get(link).status_code == 410


@pytest.mark.parametrize(
    "token",
    [
        "bukan-token",
        signing.dumps({"pk": 1}, salt="salah"),  # signed for something else
        signing.dumps({"pk": 1}, salt=SALT, key="kunci-lain-yang-tidak-sah"),
    ],
)
def test_tampered_or_foreign_tokens_are_404(desk, client, token):
    story(desk.polres, desk.penulis)
    response = client.get(reverse("articles:preview", args=[token]))
    assert response.status_code == 404
    assert "Tautan pratinjau tidak sah" in response.content.decode()


def test_changing_the_id_inside_a_token_breaks_it(desk, client):
    mine = story(desk.polres, desk.penulis)
    other = story(desk.jayapura, None, title="Rahasia Satuan Lain")
    link = preview_link(desk.penulis, mine)
    payload, stamp, signature = link.split("/")[2].split(":")
    assert json.loads(signing.b64_decode(payload.encode())) == {
        "pk": mine.pk,
        "key": mine.preview_key,
    }
    # Even knowing the other story's key, the signature does not cover it.
    forged_json = json.dumps({"pk": other.pk, "key": other.preview_key}, separators=(",", ":"))
    forged_payload = signing.b64_encode(forged_json.encode()).decode()
    forged = f"{forged_payload}:{stamp}:{signature}"
    response = client.get(f"/pratinjau/{forged}/")
    assert response.status_code == 404
    assert "Rahasia Satuan Lain" not in response.content.decode()


def test_no_preview_link_for_a_story_outside_the_users_tree(desk):
    elsewhere = story(desk.jayapura, None)
    response = client_for(desk.penulis).get(url("preview_link", elsewhere))
    assert response.status_code == 404


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_unpublished_stories_are_404_at_public_urls(desk, client, status):
    hidden = story(desk.polres, desk.penulis, status=status, title="Belum Boleh Dibaca Publik")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    # Logged-in staff get no special treatment on the public site either.
    assert client_for(desk.kepala).get(hidden.get_absolute_url()).status_code == 404
    for listing in (reverse("articles:home"), reverse("articles:feed_rss")):
        assert "Belum Boleh Dibaca Publik" not in client.get(listing).content.decode()


def test_expired_notice_is_404_at_its_public_url(desk, client):
    gone = story(
        desk.polres,
        desk.penulis,
        status=Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(days=2),
        expire_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    assert client.get(gone.get_absolute_url()).status_code == 404
