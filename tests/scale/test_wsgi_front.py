"""The page cache's WSGI front: plain anonymous GETs of fresh pages never reach Django.

These requests go through ``newsroom.wsgi.application`` as gunicorn calls it (a WSGI environ),
not through the test client, which starts inside Django.
"""

import io

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse

from articles import cache as page_cache
from articles.cache import PageCacheApplication
from articles.models import Article
from tests.factories import ArticleFactory

from .test_page_cache import publicly

pytestmark = pytest.mark.django_db


class CountingDjango:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


class Response:
    def __init__(self, status, headers, body):
        self.status = int(status.split()[0])
        self.headers = dict(headers)
        self.body = body


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does: a request must not close the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def django_app():
    return CountingDjango()


@pytest.fixture
def front(django_app):
    return PageCacheApplication(django_app)


def call(application, path, method="GET", host="testserver", **headers):
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=status, headers=response_headers)

    result = application(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        getattr(result, "close", lambda: None)()
    return Response(started["status"], started["headers"], body)


@pytest.fixture
def story():
    return ArticleFactory(title="Polres Garut Gelar Operasi Zebra", tags=["zebra"])


def urls(story):
    return [
        reverse("articles:home"),
        story.get_absolute_url(),
        story.category.get_absolute_url(),
        reverse("articles:feed_rss"),
        "/sitemap.xml",
    ]


def test_a_fresh_page_is_sent_without_django_and_without_a_query(
    front, django_app, story, django_assert_num_queries
):
    for url in urls(story):
        miss = call(front, url)
        assert miss.status == 200 and miss.headers["X-Page-Cache"] == "miss", url
        calls = django_app.calls
        with django_assert_num_queries(0):
            hit = call(front, url)
        assert django_app.calls == calls, url
        assert hit.status == 200
        assert hit.body == miss.body
        assert hit.headers["X-Page-Cache"] == "hit"
        assert hit.headers["Content-Length"] == str(len(hit.body))
        assert "Set-Cookie" not in hit.headers
        # The security headers the render carried, CSP included, go out with every hit.
        for name, value in miss.headers.items():
            if name not in ("X-Page-Cache", "Content-Length"):
                assert hit.headers[name] == value, (url, name)


@pytest.mark.parametrize(
    "headers",
    [
        {"cookie": "sessionid=abc"},
        {"cookie": "messages=xyz"},
        {"cookie": "komentar_menunggu=1"},
        {"authorization": "Basic YTpi"},
        {"if_none_match": '"whatever"'},
        {"if_modified_since": "Sat, 28 Nov 2026 00:00:00 GMT"},
    ],
)
def test_personal_and_conditional_requests_go_on_to_django(
    front, django_app, story, settings, headers
):
    settings.NEWSROOM_PENDING_COMMENT_COOKIE = "komentar_menunggu"
    url = story.get_absolute_url()
    call(front, url)
    before = django_app.calls
    call(front, url, **headers)
    assert django_app.calls == before + 1


def test_a_conditional_request_still_gets_its_304(front, story):
    url = story.get_absolute_url()
    etag = call(front, url).headers["ETag"]
    assert call(front, url, if_none_match=etag).status == 304


def test_head_goes_on_to_django_and_carries_no_body(front, django_app, story):
    url = story.get_absolute_url()
    body = call(front, url).body
    before = django_app.calls
    response = call(front, url, method="HEAD")
    assert django_app.calls == before + 1
    assert response.status == 200 and response.body == b""
    assert response.headers["Content-Length"] == str(len(body))


def test_a_change_is_shown_on_the_next_request(
    front, django_app, story, django_capture_on_commit_callbacks
):
    url = story.get_absolute_url()
    call(front, url)
    assert call(front, url).headers["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        publicly(story, title="Polres Garut Tutup Operasi Zebra")

    before = django_app.calls
    response = call(front, url)
    assert django_app.calls == before + 1
    assert "Tutup Operasi Zebra" in response.body.decode()

    with django_capture_on_commit_callbacks(execute=True):
        publicly(story, status=Article.Status.ARCHIVED)
    assert call(front, url).status == 404
    assert call(front, reverse("articles:home")).body.count(b"Operasi Zebra") == 0


def test_a_page_is_kept_per_host_and_a_refused_host_reaches_django(front, django_app, story):
    url = story.get_absolute_url()
    call(front, url)
    assert call(front, url).headers["X-Page-Cache"] == "hit"

    before = django_app.calls
    assert call(front, url, host="localhost").headers["X-Page-Cache"] == "miss"
    assert django_app.calls == before + 1
    assert call(front, url, host="evil.example").status == 400


def test_excluded_paths_and_posts_go_on_to_django(front, django_app):
    for method, path in [("GET", "/admin/login/"), ("POST", "/"), ("GET", "/en/admin/")]:
        before = django_app.calls
        call(front, path, method=method)
        call(front, path, method=method)
        assert django_app.calls == before + 2, (method, path)


def test_the_cache_off_switch_and_an_unreachable_cache_leave_it_to_django(
    front, django_app, story, settings, monkeypatch
):
    from redis.exceptions import ConnectionError as RedisConnectionError

    url = story.get_absolute_url()
    call(front, url)
    settings.NEWSROOM_PAGE_CACHE = False
    before = django_app.calls
    assert "X-Page-Cache" not in call(front, url).headers
    assert django_app.calls == before + 1

    settings.NEWSROOM_PAGE_CACHE = True

    def unreachable(*args, **kwargs):
        raise RedisConnectionError("Redis is down")

    monkeypatch.setattr(page_cache, "lookup", unreachable)
    response = call(front, url)
    assert response.status == 200 and "Operasi Zebra" in response.body.decode()
    assert django_app.calls == before + 2


def test_production_serves_through_the_front():
    from newsroom.wsgi import application

    assert isinstance(application, PageCacheApplication)
    assert isinstance(application.application, WSGIHandler)


@pytest.fixture
def redis_cache(settings):
    """The page cache on Redis, on either leg (the SQLite leg runs it against the same server)."""
    import os

    import redis

    url = settings.REDIS_URL or os.environ.get(
        "NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15"
    )
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("NEWSROOM_STRICT_TESTS") == "1" or os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {url} (strict mode)")
        pytest.skip(f"Redis is not reachable at {url}")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "test-wsgi-front",
        }
    }
    settings.NEWSROOM_PAGE_CACHE_STAMP = ""
    from django.core.cache import cache

    cache.clear()
    yield redis.Redis.from_url(url)
    cache.clear()


def test_a_broken_redis_connection_costs_one_uncached_page_then_hits_again(
    front, django_app, story, redis_cache
):
    from django.core.cache import caches

    url = story.get_absolute_url()
    call(front, url)
    assert call(front, url).headers["X-Page-Cache"] == "hit"
    connection = caches["default"].__dict__["_page_cache_connection"]
    connection.send_command("CLIENT", "ID")
    redis_cache.client_kill_filter(_id=connection.read_response())

    before = django_app.calls
    response = call(front, url)  # the read fails: the request goes on to Django
    assert response.status == 200 and "Operasi Zebra" in response.body.decode()
    assert django_app.calls == before + 1
    assert call(front, url).headers["X-Page-Cache"] == "hit"  # a new connection, a hit again
    assert django_app.calls == before + 1
