"""Scheduling through the admin: the clock alone publishes and expires stories (no cron).

Time is moved with time-machine (no sleeping); every check is an HTTP request a reader makes.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

from .workflow_support import build_desk, client_for, csrf_post, jakarta, story, url

pytestmark = pytest.mark.django_db

TITLE = "Operasi Zebra Lodaya Dimulai Serentak"
# A fixed instant on a minute boundary (the schedule form takes minutes): 09:00 WIB.
START = datetime.datetime(2031, 3, 3, 2, 0, tzinfo=datetime.UTC)
ONE_SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def desk():
    return build_desk()


@pytest.fixture(params=[False, True], ids=["uncached", "page-cache"])
def page_cache(request, settings):
    """Run each test with the public page cache off and on: a cached page must not lag."""
    settings.NEWSROOM_PAGE_CACHE = request.param
    settings.NEWSROOM_PAGE_CACHE_STAMP = ""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 7 * 24 * 3600  # only the clock may expire entries
    return request.param


def public_pages(article):
    return {
        "home": reverse("articles:home"),
        "story": article.get_absolute_url(),
        "feed": reverse("articles:feed_rss"),
        "unit": reverse("articles:unit", args=[article.unit.slug]),
    }


def shows(client, article):
    """Return {page: whether the reader sees the story there}."""
    seen = {}
    for name, address in public_pages(article).items():
        response = client.get(address)
        if name == "story":
            seen[name] = response.status_code == 200
        else:
            assert response.status_code == 200, address
            seen[name] = TITLE in response.content.decode()
    return seen


ALL = {"home": True, "story": True, "feed": True, "unit": True}
NONE = dict.fromkeys(ALL, False)


def test_scheduled_story_appears_exactly_when_its_time_passes(desk, client, page_cache):
    publish_at = START + datetime.timedelta(hours=2)
    with time_machine.travel(START, tick=False) as traveller:
        waiting = story(desk.polres, desk.penulis, status=Article.Status.REVIEW, title=TITLE)
        response = csrf_post(
            client_for(desk.redaktur),
            url("schedule", waiting),
            {"jadwalkan-publish_at": jakarta(publish_at)},
        )
        assert response.status_code == 302
        waiting.refresh_from_db()
        assert waiting.publish_at == publish_at

        assert shows(client, waiting) == NONE
        traveller.move_to(publish_at - ONE_SECOND)
        assert shows(client, waiting) == NONE
        traveller.move_to(publish_at)
        assert shows(client, waiting) == ALL


def test_expiring_notice_leaves_by_itself(desk, client, page_cache):
    publish_at = START + datetime.timedelta(hours=1)
    expire_at = START + datetime.timedelta(days=2)
    with time_machine.travel(START, tick=False) as traveller:
        notice = story(desk.polres, desk.penulis, status=Article.Status.REVIEW, title=TITLE)
        csrf_post(
            client_for(desk.redaktur),
            url("schedule", notice),
            {
                "jadwalkan-publish_at": jakarta(publish_at),
                "jadwalkan-expire_at": jakarta(expire_at),
            },
        )
        notice.refresh_from_db()
        assert notice.expire_at == expire_at

        traveller.move_to(publish_at)
        assert shows(client, notice) == ALL
        traveller.move_to(expire_at - ONE_SECOND)
        assert shows(client, notice) == ALL
        traveller.move_to(expire_at)
        assert shows(client, notice) == NONE
        # Nobody touched it: it is still "published", just past its time.
        notice.refresh_from_db()
        assert notice.status == Article.Status.PUBLISHED


def test_the_desk_sees_what_is_about_to_expire(desk):
    soon = story(
        desk.polres,
        desk.penulis,
        status=Article.Status.PUBLISHED,
        title="Pengumuman Penutupan Jalan Sementara",
        expire_at=timezone.now() + datetime.timedelta(hours=5),
    )
    later = story(
        desk.polres,
        desk.penulis,
        status=Article.Status.PUBLISHED,
        title="Berita Tanpa Batas Waktu",
    )
    page = client_for(desk.redaktur).get(
        reverse("admin:articles_article_changelist"), {"status": "expiring"}
    )
    text = page.content.decode()
    assert soon.title in text
    assert later.title not in text
    # The story's own form says when it leaves.
    form = client_for(desk.redaktur).get(url("change", soon)).content.decode()
    assert "kedaluwarsa " + timezone.localtime(soon.expire_at).strftime("%d/%m/%Y %H:%M") in form
