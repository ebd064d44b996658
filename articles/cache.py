"""The public page cache: anonymous GET/HEAD pages from Django's cache, invalidated exactly.

How a cached page stays true (the only module that knows these keys):

- Every entry records the *generation* of public content it was rendered at, and is served only
  while that is still the current one. Any change a reader could see (``article_changed``,
  ``comment_changed``, saves of stories, comments, corrections, units, categories, partners,
  tags, photos) bumps it, so the next request to any page renders afresh. The counter lives in
  the shared cache (Redis), so a bump on one app server reaches all of them, and a hit reads the
  counter and the page in one round trip.
  With the process-local LocMem cache the counter is a stamp file beside the SQLite database
  (its size grows by one byte per bump), so the workers of one machine agree.
- Every entry remembers the next instant a scheduled story goes live or a story expires; past
  it the entry is ignored. "Published" stays a query on the clock, with no cron.
- A cold page is rendered once: the first request takes a short lock with ``cache.add``, the
  others poll for its result for a moment, then render themselves.
- Only what cannot differ between readers is stored: no Set-Cookie, no CSRF token, no CSP nonce,
  no response to a request that carried a session, a pending-comment or a messages cookie.
"""

import hashlib
import logging
import os
import tempfile
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from redis.exceptions import RedisError
from taggit.models import Tag

from .comments import next_closing
from .models import (
    Article,
    Category,
    Comment,
    Correction,
    Partner,
    Photo,
    RelatedArticle,
    Unit,
    User,
)
from .signals import article_changed, comment_changed

GENERATION_KEY = "pagecache:generation"
NEXT_CHANGE_KEY = "pagecache:next:{generation}"
PAGE_KEY = "pagecache:page:{digest}"
LOCK_KEY = "pagecache:lock:{generation}:{digest}"

# Headers that describe the page itself, security policy included (the middleware runs first,
# so a hit carries what the others gave the stored page); anything else is dropped.
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "ETag",
    "Last-Modified",
    "Link",
    "X-Robots-Tag",
    "Vary",
    "Cache-Control",
    "Content-Security-Policy",
    "Content-Security-Policy-Report-Only",
    "Permissions-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Cross-Origin-Embedder-Policy",
    "Strict-Transport-Security",
)
MESSAGES_COOKIE = "messages"
POLL_SECONDS = 0.01
# A cache outage must cost speed, never pages: readers are then served uncached.
CACHE_ERRORS = (RedisError, OSError)

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------------------
# Generation: one number that changes whenever anything public may have changed
# ---------------------------------------------------------------------------
def _stamp_path():
    """Return the stamp file that holds the generation, or None when the cache is shared."""
    if not isinstance(caches["default"], LocMemCache):  # `cache` is only a proxy
        return None
    if settings.NEWSROOM_PAGE_CACHE_STAMP:
        return settings.NEWSROOM_PAGE_CACHE_STAMP
    connection = connections["default"]
    if connection.vendor == "sqlite":
        if connection.is_in_memory_db():
            return None  # one process holds both the data and the cache
        return f"{connection.settings_dict['NAME']}.pagecache"
    db = connection.settings_dict
    name = f"{db.get('HOST')}-{db.get('PORT')}-{db.get('NAME')}-{settings.CACHE_KEY_PREFIX}"
    safe = "".join(ch if ch.isalnum() else "_" for ch in name)
    return os.path.join(tempfile.gettempdir(), f"newsroom-pagecache-{safe}")


def _fresh_start():
    # Microseconds: a counter lost with its cache restarts above every number it ever held.
    return time.time_ns() // 1000


def _stamp_generation(stamp):
    try:
        status = os.stat(stamp)
    except FileNotFoundError:
        return "0"
    return f"{status.st_ino}.{status.st_size}"


def current_generation(value=None):
    """Return the generation of public content (``value``: the counter already read, if any)."""
    stamp = _stamp_path()
    if stamp:
        return _stamp_generation(stamp)
    if value is None:
        value = cache.get(GENERATION_KEY)
    if value is None:
        value = _fresh_start()
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY, value)
    return str(value)


def bump_generation():
    """Make every cached page stale, on every app server."""
    try:
        _bump()
    except CACHE_ERRORS:
        logger.exception("Could not invalidate the page cache")


def _bump():
    stamp = _stamp_path()
    if stamp:
        # O_APPEND writes are atomic between processes: the size counts the bumps.
        fd = os.open(stamp, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, b".")
        finally:
            os.close(fd)
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        if not cache.add(GENERATION_KEY, _fresh_start(), timeout=None):
            cache.incr(GENERATION_KEY)


def invalidate():
    """Bump now (pages read inside this transaction) and again on commit (everyone else)."""
    bump_generation()
    transaction.on_commit(bump_generation)


# ---------------------------------------------------------------------------
# The clock: when does "published" change by itself?
# ---------------------------------------------------------------------------
def next_change(generation, now):
    """Return the next instant (epoch seconds) at which the public site changes, or None."""
    key = NEXT_CHANGE_KEY.format(generation=generation)
    stored = cache.get(key)
    if stored is not None and (stored["at"] is None or stored["at"] > now.timestamp()):
        return stored["at"]
    instants = [Article.objects.next_change(now), next_closing(now)]
    instant = min((found for found in instants if found), default=None)
    at = instant.timestamp() if instant else None
    cache.set(key, {"at": at}, settings.NEWSROOM_PAGE_CACHE_SECONDS)
    return at


# ---------------------------------------------------------------------------
# Counts of long staff lists (a million comments): once a minute, not on every view
# ---------------------------------------------------------------------------
COUNT_KEY = "pagecache:count:{generation}:{digest}"
COUNT_SECONDS = 60


def cached_count(queryset, seconds=COUNT_SECONDS):
    """Return ``queryset.count()``, counted again after ``seconds`` or any public change.

    A moderation decision bumps the generation, so a queue's count follows it at once; a new
    comment waiting for moderation shows in the count within ``seconds``. Off with the page
    cache (NEWSROOM_PAGE_CACHE).
    """
    if not settings.NEWSROOM_PAGE_CACHE:
        return queryset.count()
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return 0
    digest = hashlib.sha256(f"{queryset.db}:{sql}:{params!r}".encode()).hexdigest()[:40]
    try:
        key = COUNT_KEY.format(generation=current_generation(), digest=digest)
        found = cache.get(key)
    except CACHE_ERRORS:
        return queryset.count()
    if found is None:
        found = queryset.count()
        try:
            cache.set(key, found, seconds)
        except CACHE_ERRORS:
            logger.warning("Page cache unreachable: count not stored")
    return found


# ---------------------------------------------------------------------------
# The middleware
# ---------------------------------------------------------------------------
def _language_free_path(path):
    prefix, _, rest = path.lstrip("/").partition("/")
    if prefix in {code for code, _name in settings.LANGUAGES}:
        return "/" + rest
    return path


def _is_personal(cookies, meta):
    """Return True when the request carries something that makes its pages its own."""
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or settings.NEWSROOM_PENDING_COMMENT_COOKIE in cookies
        or MESSAGES_COOKIE in cookies
        or "HTTP_AUTHORIZATION" in meta
    )


def _is_cacheable_path(path_info):
    path = _language_free_path(path_info)
    return not any(path.startswith(prefix) for prefix in settings.NEWSROOM_PAGE_CACHE_EXCLUDE)


def is_cacheable_request(request):
    """Return True when this request may be answered from, or stored in, the page cache."""
    if not settings.NEWSROOM_PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if _is_personal(request.COOKIES, request.META):
        return False
    return _is_cacheable_path(request.path_info)


def is_cacheable_response(request, response):
    """Return True when nothing in this response belongs to one visitor."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if "CSRF_COOKIE_NEEDS_UPDATE" in request.META or "CSRF_COOKIE_USED" in request.META:
        return False  # the page holds a CSRF token
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False  # the page holds this visitor's CSP nonce
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def page_digest(request):
    return environ_digest(request.META)


def environ_digest(environ):
    """Return the page's key: scheme, host, path and query (sorted), read off the WSGI environ.

    Read the same way whether Django has built a request or not, so the WSGI front
    (``PageCacheApplication``) and the middleware find the same entries; an entry exists only
    for an address Django itself answered 200 (host validated, no redirect).
    """
    scheme = environ.get("wsgi.url_scheme", "http")
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy and proxy[0] in environ:
        scheme = "https" if environ[proxy[0]].split(",")[0].strip() == proxy[1] else "http"
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        host = environ["HTTP_X_FORWARDED_HOST"]
    query = "&".join(sorted(environ.get("QUERY_STRING", "").split("&")))
    path = f"{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '')}"
    address = f"{scheme}://{host}{path}?{query}"
    return hashlib.sha256(address.encode("utf-8", "backslashreplace")).hexdigest()[:40]


def lookup(digest):
    """Return (current generation, stored entry or None) in one round trip to the cache."""
    key = PAGE_KEY.format(digest=digest)
    stamp = _stamp_path()
    if stamp:
        return _stamp_generation(stamp), cache.get(key)
    counter, entry = _read_both(GENERATION_KEY, key)
    return current_generation(counter), entry


def _read_both(first, second):
    """Return the values of two keys with one MGET."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        found = backend.get_many([first, second])
        return found.get(first), found.get(second)
    # Django's RedisCache builds a new client object on every call, and redis-py's pool takes a
    # lock to lend a connection each time (together more Python than the rest of a hit): each
    # thread keeps one connection of its own for this read (caches[] are per thread already).
    connection = backend.__dict__.get("_page_cache_connection")
    if connection is None:
        pool = backend._cache.get_client().connection_pool
        connection = pool.connection_class(**pool.connection_kwargs)
        backend.__dict__["_page_cache_connection"] = connection
    keys = [backend.make_and_validate_key(first), backend.make_and_validate_key(second)]
    try:
        connection.send_command("MGET", *keys)
        raw = connection.read_response()
    except BaseException:
        # A half-read reply must not be read by the next request: reconnect next time.
        connection.disconnect()
        raise
    loads = backend._cache._serializer.loads
    return [None if value is None else loads(value) for value in raw]


def _entry_from(response, generation, until):
    headers = [(name, response[name]) for name in STORED_HEADERS if response.has_header(name)]
    return {
        "generation": generation,
        "status": response.status_code,
        "content": response.content,
        "headers": headers,
        "until": until,
    }


def _is_fresh(entry, generation):
    return (
        entry is not None
        and entry["generation"] == generation
        and (entry["until"] is None or time.time() < entry["until"])
    )


def _response_from(request, entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    conditional = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )
    if conditional.status_code == 200:
        # Outside CommonMiddleware, which would set it: without it the server falls back to
        # chunked encoding (an extra write per response).
        conditional["Content-Length"] = str(len(conditional.content))
        if request.method == "HEAD":
            conditional.content = b""
    return conditional


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD of public pages from the cache; render each cold page once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        digest = page_digest(request)
        try:
            generation, entry = lookup(digest)
        except CACHE_ERRORS:
            logger.warning("Page cache unreachable: serving %s uncached", request.path)
            return self.get_response(request)
        if _is_fresh(entry, generation):
            return _response_from(request, entry)

        lock = LOCK_KEY.format(generation=generation, digest=digest)
        if cache.add(lock, 1, settings.NEWSROOM_PAGE_CACHE_LOCK_SECONDS):
            try:
                # The previous holder may have stored the page between our read and our lock.
                generation, entry = lookup(digest)
                if _is_fresh(entry, generation):
                    return _response_from(request, entry)
                return self.render(request, digest, generation)
            finally:
                cache.delete(lock)

        # Someone else is rendering this page: wait for their copy rather than hit the database.
        deadline = time.monotonic() + settings.NEWSROOM_PAGE_CACHE_WAIT_MS / 1000
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            lock_held = cache.get(lock) is not None
            # The renderer stores before it unlocks: read the page after the lock, not before.
            generation, entry = lookup(digest)
            if _is_fresh(entry, generation):
                return _response_from(request, entry)
            if not lock_held:
                break  # the render finished without storing (not cacheable) or failed
        return self.render(request, digest, generation)

    def render(self, request, digest, generation):
        """Render the page and store it, valid until the next scheduled change."""
        # Read the clock before rendering, so a change during the render is never missed.
        until = next_change(generation, timezone.now())
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            entry = _entry_from(response, generation, until)
            cache.set(PAGE_KEY.format(digest=digest), entry, settings.NEWSROOM_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response


class PageCacheApplication:
    """WSGI front of the page cache: a fresh page is sent before Django builds a request.

    Most public traffic is the same few pages fetched by anonymous readers; answering them
    here skips the request object, the middleware chain and the signals (half the cost of a
    hit). Only a plain GET qualifies: conditional requests, HEAD, personal cookies, an
    excluded path, a host Django would refuse, a stale entry or a cache error all go on to
    Django, whose ``PageCacheMiddleware`` applies the same rules in full (and stores pages).
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        entry = self.fresh_entry(environ)
        if entry is None:
            return self.application(environ, start_response)
        body = entry["content"]
        headers = [*entry["headers"], ("X-Page-Cache", "hit"), ("Content-Length", str(len(body)))]
        start_response("200 OK", headers)
        return [body]

    def fresh_entry(self, environ):
        if not settings.NEWSROOM_PAGE_CACHE or environ.get("REQUEST_METHOD") != "GET":
            return None
        if "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
            return None
        cookies = parse_cookie(environ["HTTP_COOKIE"]) if environ.get("HTTP_COOKIE") else {}
        if _is_personal(cookies, environ) or not _is_cacheable_path(environ.get("PATH_INFO", "")):
            return None
        domain, _port = split_domain_port(environ.get("HTTP_HOST", ""))
        allowed = settings.ALLOWED_HOSTS or (
            [".localhost", "127.0.0.1", "[::1]"] if settings.DEBUG else []
        )
        if not domain or not validate_host(domain, allowed):
            return None
        try:
            generation, entry = lookup(environ_digest(environ))
        except CACHE_ERRORS:
            return None  # Django serves it, uncached, and logs why
        if not _is_fresh(entry, generation) or entry["status"] != 200:
            return None
        return entry


# ---------------------------------------------------------------------------
# Invalidation: everything a public page shows
# ---------------------------------------------------------------------------
@receiver(article_changed, dispatch_uid="pagecache_article_changed")
@receiver(comment_changed, dispatch_uid="pagecache_comment_changed")
def _content_changed(sender, **kwargs):
    # Sent on commit already; a draft edit (never public, not scheduled) changes no page.
    article = kwargs.get("article")
    if (
        article is not None
        and kwargs.get("public_changed") is False
        and article.status != Article.Status.PUBLISHED
    ):
        return
    bump_generation()


@receiver(post_save, dispatch_uid="pagecache_saved")
@receiver(post_delete, dispatch_uid="pagecache_deleted")
def _model_changed(sender, instance=None, created=False, raw=False, **kwargs):
    if raw or sender not in WATCHED_MODELS:
        return
    if sender is Comment and created and instance.status != Comment.Status.APPROVED:
        return  # a comment waiting for moderation shows nowhere
    invalidate()


# What a login or a password change saves; public pages show neither.
_PRIVATE_STAFF_FIELDS = frozenset({"last_login", "password"})


@receiver(post_save, sender=User, dispatch_uid="pagecache_staff_saved")
@receiver(post_delete, sender=User, dispatch_uid="pagecache_staff_deleted")
def _staff_changed(sender, raw=False, update_fields=None, **kwargs):
    """Public pages print staff names (credits, writer pages, feeds): an edit refreshes them."""
    if raw or (update_fields and set(update_fields) <= _PRIVATE_STAFF_FIELDS):
        return
    invalidate()


@receiver(m2m_changed, dispatch_uid="pagecache_m2m_changed")
def _relation_changed(sender, action, **kwargs):
    if action.startswith("post_") and sender in (
        Article.tags.through,
        Article.partners.through,
    ):
        invalidate()


WATCHED_MODELS = frozenset(
    {Article, Comment, Correction, RelatedArticle, Category, Partner, Unit, Photo, Tag}
)
