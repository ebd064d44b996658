"""The page cache: every public change shows on the next request; nobody gets another's page."""

import datetime
import threading

import pytest
import time_machine
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from articles import cache as page_cache, comments
from articles.models import Article, Comment, Correction
from articles.signals import article_changed
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def page(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def warm(client, *urls):
    """Render each page once, so the next request for it is a hit."""
    for url in urls:
        client.get(url)
        assert client.get(url).headers.get("X-Page-Cache") == "hit", url


def publicly(article, **changes):
    """Change a story the way an editorial action does: save, then signal on commit."""
    was_public = article.is_public()
    with transaction.atomic():
        for field, value in changes.items():
            setattr(article, field, value)
        article.save()
        transaction.on_commit(
            lambda: article_changed.send(
                sender=Article,
                article=article,
                old_urls=[],
                public_changed=was_public or article.is_public(),
            )
        )


@pytest.fixture
def story():
    return ArticleFactory(title="Polres Tasikmalaya Amankan Pawai Budaya", tags=["pawai"])


def public_urls(article):
    return [
        reverse("articles:home"),
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        reverse("articles:tag", args=["pawai"]),
        reverse("articles:feed_rss"),
    ]


# ---------------------------------------------------------------------------
# Hits
# ---------------------------------------------------------------------------
def test_an_anonymous_repeat_request_is_answered_from_memory_without_a_query(
    client, story, django_assert_num_queries
):
    """A warm public page costs no database query at all."""
    for url in [*public_urls(story), "/sitemap.xml"]:
        first = client.get(url)
        assert first.status_code == 200
        assert first.headers["X-Page-Cache"] == "miss"
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.headers["X-Page-Cache"] == "hit"
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]


def test_a_hit_carries_the_same_headers_as_the_render_it_came_from(client, story):
    """Security headers (CSP, frame, referrer…) are on every hit, even with the cache first."""
    for url in public_urls(story):
        miss = client.get(url)
        hit = client.get(url)
        assert hit.headers["X-Page-Cache"] == "hit"
        # Content-Length too: a hit is sent whole, never chunked.
        assert {k: v for k, v in hit.headers.items() if k != "X-Page-Cache"} == {
            k: v for k, v in miss.headers.items() if k != "X-Page-Cache"
        }, url
        assert hit["Content-Length"] == str(len(hit.content)), url
        assert "Content-Security-Policy" in hit.headers


def test_head_is_answered_from_the_cached_get(client, story):
    """HEAD shares the GET's entry and carries no body."""
    url = story.get_absolute_url()
    body = client.get(url).content
    response = client.head(url)
    assert response.headers["X-Page-Cache"] == "hit"
    assert response.content == b""
    assert response["Content-Length"] == str(len(body))


def test_the_cache_off_switch_renders_every_time(client, settings, story):
    """NEWSROOM_PAGE_CACHE=off (the uncached bench leg) never stores a page."""
    settings.NEWSROOM_PAGE_CACHE = False
    client.get(story.get_absolute_url())
    assert "X-Page-Cache" not in client.get(story.get_absolute_url()).headers


# ---------------------------------------------------------------------------
# Invalidation: every event shows on the very next request to every affected page
# ---------------------------------------------------------------------------
def test_publishing_shows_everywhere_on_the_next_request(
    client, story, django_capture_on_commit_callbacks
):
    """A newly published story appears on home, its lists, its feed and at its own address."""
    draft = ArticleFactory(
        title="Kapolda Resmikan Pos Pelayanan Mudik",
        status=Article.Status.DRAFT,
        category=story.category,
        tags=["pawai"],
    )
    urls = public_urls(story)
    warm(client, *urls)
    assert client.get(draft.get_absolute_url()).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        publicly(draft, status=Article.Status.PUBLISHED)

    for url in [*urls, draft.get_absolute_url()]:
        if url != story.get_absolute_url():
            assert "Pos Pelayanan Mudik" in page(client, url), url


def test_unpublishing_removes_the_story_from_every_page(
    client, story, django_capture_on_commit_callbacks
):
    """A story taken down is gone from its address, home, lists and feed at once."""
    urls = public_urls(story)
    warm(client, *urls)

    with django_capture_on_commit_callbacks(execute=True):
        publicly(story, status=Article.Status.DRAFT)

    assert client.get(story.get_absolute_url()).status_code == 404
    for url in [reverse("articles:home"), story.category.get_absolute_url(), "/feed/rss/"]:
        assert "Pawai Budaya" not in page(client, url), url


def test_an_edit_shows_on_the_next_request(client, story, django_capture_on_commit_callbacks):
    """A changed title shows on the story, home and the feed."""
    urls = public_urls(story)
    warm(client, *urls)

    with django_capture_on_commit_callbacks(execute=True):
        publicly(story, title="Polres Tasikmalaya Kawal Pawai Budaya Hingga Selesai")

    for url in urls:
        assert "Kawal Pawai Budaya Hingga Selesai" in page(client, url), url


def test_a_correction_shows_on_the_story(client, story, django_capture_on_commit_callbacks):
    """A Ralat added to a story appears on its page at once."""
    warm(client, story.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        Correction.objects.create(article=story, text="Jumlah peserta yang benar 1.200 orang.")
        publicly(story)

    assert "1.200 orang" in page(client, story.get_absolute_url())


def test_approving_and_removing_a_comment_shows_on_the_story(
    client, story, django_capture_on_commit_callbacks
):
    """Moderation shows on the story page on the next request, both ways."""
    moderator = UserFactory(role="redaktur", unit=story.unit)
    comment = CommentFactory(
        article=story, body="Semoga acaranya lancar dan aman.", status=Comment.Status.PENDING
    )
    url = story.get_absolute_url()
    warm(client, url)
    assert "acaranya lancar" not in page(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        comments.moderate([comment], Comment.Status.APPROVED, moderator)
    assert "acaranya lancar" in page(client, url)

    warm(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        comments.moderate([comment], Comment.Status.REMOVED, moderator)
    assert "acaranya lancar" not in page(client, url)


@pytest.fixture
def long_lived_entries(settings):
    """Keep entries far longer than the time travelled, so only the clock can expire them."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 7 * 24 * 3600


def test_a_scheduled_story_appears_when_its_time_passes(client, story, clock, long_lived_entries):
    """No cron and no editor: the clock alone makes a scheduled story public."""
    scheduled = ArticleFactory(
        title="Operasi Zebra Dimulai Serentak",
        publish_at=clock.in_an_hour,
        category=story.category,
        tags=["pawai"],
    )
    urls = public_urls(story)
    with time_machine.travel(clock.now, tick=False):
        warm(client, *urls)
        assert client.get(scheduled.get_absolute_url()).status_code == 404
        for url in urls:
            assert "Operasi Zebra" not in page(client, url), url

    with time_machine.travel(clock.in_an_hour + datetime.timedelta(seconds=1), tick=False):
        for url in [*urls, scheduled.get_absolute_url()]:
            if url != story.get_absolute_url():
                assert "Operasi Zebra" in page(client, url), url


def test_a_story_leaves_every_page_when_it_expires(client, story, clock, long_lived_entries):
    """An expiry time takes the story down by itself, cached pages included."""
    Article.objects.filter(pk=story.pk).update(expire_at=clock.in_an_hour)
    urls = public_urls(story)
    with time_machine.travel(clock.now, tick=False):
        warm(client, *urls)

    with time_machine.travel(clock.in_an_hour + datetime.timedelta(seconds=1), tick=False):
        assert client.get(story.get_absolute_url()).status_code == 404
        assert "Pawai Budaya" not in page(client, reverse("articles:home"))


def test_the_comment_form_leaves_the_cached_page_when_comments_close(
    client, clock, settings, long_lived_entries
):
    """Comments close a set time after publication: no cached form outlives that moment."""
    settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = 30
    closes = clock.now + datetime.timedelta(hours=1)
    story = ArticleFactory(publish_at=closes - datetime.timedelta(days=30))
    url = story.get_absolute_url()
    with time_machine.travel(clock.now, tick=False):
        warm(client, url)
        assert 'id="kf-body"' in page(client, url)

    with time_machine.travel(closes + datetime.timedelta(seconds=1), tick=False):
        html = page(client, url)
        assert 'id="kf-body"' not in html
        assert "sudah ditutup" in html


def test_a_staff_members_new_name_shows_on_the_pages_that_credit_them(client):
    """Writer credits are printed on cached pages; correcting a name refreshes them."""
    writer = UserFactory(first_name="Budi", last_name="Santosa")
    url = ArticleFactory(writer=writer).get_absolute_url()
    warm(client, url)
    assert "Budi Santosa" in page(client, url)

    writer.last_name = "Santoso"
    writer.save()

    assert "Budi Santoso" in page(client, url)


def test_a_staff_login_keeps_the_cached_pages(client, story):
    UserFactory(username="redaktur.masuk", password="kata-sandi-panjang-sekali")
    url = story.get_absolute_url()
    warm(client, url)
    assert Client().login(username="redaktur.masuk", password="kata-sandi-panjang-sekali")

    assert client.get(url).headers["X-Page-Cache"] == "hit"


def test_the_signal_alone_invalidates_a_change_made_without_a_model_save(
    client, story, django_capture_on_commit_callbacks
):
    """article_changed invalidates even when the change bypassed save() (a bulk update)."""
    url = story.get_absolute_url()
    warm(client, url)
    Article.objects.filter(pk=story.pk).update(title="Judul Diubah Lewat Update Massal")
    assert "Lewat Update Massal" not in page(client, url), "the page should still be cached"

    with django_capture_on_commit_callbacks(execute=True):
        transaction.on_commit(
            lambda: article_changed.send(
                sender=Article, article=story, old_urls=[], public_changed=True
            )
        )
    assert "Lewat Update Massal" in page(client, url)


def test_a_new_comment_waiting_for_moderation_keeps_pages_cached(client, story):
    """A reader's pending comment changes no public page, so it flushes nothing."""
    url = story.get_absolute_url()
    warm(client, url)
    CommentFactory(article=story, status=Comment.Status.PENDING)
    assert client.get(url).headers["X-Page-Cache"] == "hit"


# ---------------------------------------------------------------------------
# Who is never served a cached page, and what a cached page never carries
# ---------------------------------------------------------------------------
def test_logged_in_staff_are_never_served_a_cached_page(client, story):
    """Staff see the live page, even when an anonymous copy is in the cache."""
    url = story.get_absolute_url()
    warm(client, url)
    client.force_login(UserFactory(role="redaktur"))
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response.headers


def test_a_reader_with_a_pending_comment_is_never_served_a_cached_page(client, settings, story):
    """The pending-comment cookie bypasses the cache, so the reader can see their own comment."""
    url = story.get_absolute_url()
    warm(client, url)
    client.cookies[settings.NEWSROOM_PENDING_COMMENT_COOKIE] = "signed-value"
    for _ in range(2):
        assert "X-Page-Cache" not in client.get(url).headers


def test_a_post_is_never_answered_from_the_cache(client, story):
    """A POST to a cached address reaches the view."""
    url = reverse("articles:home")
    warm(client, url)
    response = client.post(url)
    assert "X-Page-Cache" not in response.headers
    assert response.status_code != 200


def test_admin_and_comment_endpoints_are_never_cached(client):
    """Excluded prefixes pass straight through, even anonymously."""
    for url in ["/admin/login/", reverse("articles:comment_token")]:
        client.get(url)
        assert "X-Page-Cache" not in client.get(url).headers, url


def test_a_cached_page_carries_no_cookie_and_no_csrf_token(client, story):
    """The cached story page holds no token: the comment form fetches one uncached."""
    url = story.get_absolute_url()
    client.get(url)
    hit = client.get(url)
    assert hit.headers["X-Page-Cache"] == "hit"
    assert not hit.cookies
    assert "csrfmiddlewaretoken" not in hit.content.decode()
    assert "Set-Cookie" not in hit.headers


def _middleware(view):
    return page_cache.PageCacheMiddleware(view)


def _get(path="/berita/contoh/"):
    return RequestFactory().get(path)


@pytest.mark.parametrize(
    "personal",
    ["cookie", "csrf_token", "csp_nonce", "private"],
)
def test_a_response_meant_for_one_visitor_is_never_stored(personal):
    """Set-Cookie, a CSRF token, a CSP nonce or Cache-Control: private keep a page uncached."""
    renders = []

    def view(request):
        renders.append(request)
        response = HttpResponse("halaman")
        if personal == "cookie":
            response.set_cookie("visitor", "satu")
        elif personal == "csrf_token":
            get_token(request)
        elif personal == "csp_nonce":
            request._csp_nonce = "nonce-untuk-satu-pengunjung"
        else:
            response["Cache-Control"] = "private"
        return response

    middleware = _middleware(view)
    middleware(_get())
    second = middleware(_get())
    assert len(renders) == 2
    assert "X-Page-Cache" not in second.headers


def test_stored_pages_keep_only_headers_that_describe_the_page():
    """Headers that belong to one request (cookies, tracing) never reach the next visitor."""

    def view(request):
        response = HttpResponse("halaman", content_type="text/html; charset=utf-8")
        response["X-Request-Id"] = "pengunjung-satu"
        response["Content-Language"] = "id"
        return response

    middleware = _middleware(view)
    middleware(_get())
    hit = middleware(_get())
    assert hit.headers["X-Page-Cache"] == "hit"
    assert hit["Content-Language"] == "id"
    assert "X-Request-Id" not in hit.headers


# ---------------------------------------------------------------------------
# Stampede: a cold page under load is rendered once
# ---------------------------------------------------------------------------
def test_concurrent_cold_requests_render_the_page_once(settings):
    """While one request renders a cold page, the others wait for its copy."""
    settings.NEWSROOM_PAGE_CACHE_WAIT_MS = 10_000
    # Read the generation and the clock once here, so the threads need no database.
    page_cache.next_change(page_cache.current_generation(), page_cache.timezone.now())
    rendering = threading.Event()
    release = threading.Event()
    renders = []

    def slow_view(request):
        renders.append(request)
        rendering.set()
        release.wait(timeout=10)
        return HttpResponse("halaman berat")

    middleware = _middleware(slow_view)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(middleware(_get()))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    assert rendering.wait(timeout=10)
    release.set()
    for thread in threads:
        thread.join(timeout=15)

    assert len(renders) == 1
    assert len(results) == 8
    assert all(result.content == b"halaman berat" for result in results)


def test_an_unreachable_cache_serves_readers_uncached(client, story, monkeypatch):
    """A Redis outage costs speed, never pages."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    def unreachable(*args, **kwargs):
        raise RedisConnectionError("Redis is down")

    monkeypatch.setattr(page_cache, "lookup", unreachable)
    monkeypatch.setattr(page_cache, "_bump", unreachable)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Pawai Budaya" in response.content.decode()
    page_cache.bump_generation()  # logged, not raised: the editor's action still succeeds
