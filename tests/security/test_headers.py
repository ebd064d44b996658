"""Response headers: CSP, Permissions-Policy, framing, Host validation; no inline code in pages."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, CommentFactory, PartnerFactory, UserFactory

from .htmlscan import scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    writer = UserFactory(role="penulis")
    article = ArticleFactory(
        title="Polres Gelar Patroli Malam", tags=["patroli"], partners=[PartnerFactory()]
    )
    article.writer = writer
    article.save()
    CommentFactory(article=article)
    return article


def public_urls(story):
    unit, category = story.unit, story.category
    return [
        reverse("articles:home"),
        story.get_absolute_url(),
        category.get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": "patroli"}),
        unit.get_absolute_url(),
        story.partners.get().get_absolute_url(),
        reverse("articles:writer", kwargs={"pk": story.writer_id}),
        reverse("articles:archive_year", kwargs={"year": story.publish_at.year}),
    ]


def directives(response):
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_public_pages_have_a_strict_policy_and_no_inline_code(client, story):
    for url in public_urls(story):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = directives(response)
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"] == ["'self'"], url
        assert csp["style-src"] == ["'self'"], url
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["object-src"] == ["'none'"]
        problems, _tags = scan(response.content.decode())
        assert problems == [], (url, problems)


def test_public_pages_send_the_hardening_headers(client, story):
    response = client.get(story.get_absolute_url())
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_admin_allows_inline_styles_but_never_inline_scripts(client):
    client.force_login(UserFactory(role="redaktur"))
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = directives(response)
    assert "'unsafe-inline'" in csp["style-src"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]


@pytest.mark.parametrize("host", ["evil.example", "humas.example.go.id.evil.example", "[::1"])
def test_unknown_host_header_is_refused(client, host):
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 400


def test_forwarded_host_is_ignored_for_absolute_urls(client, story):
    """Links in feeds and canonical tags never follow a poisoned X-Forwarded-Host."""
    response = client.get(reverse("articles:feed_rss"), HTTP_X_FORWARDED_HOST="evil.example")
    assert response.status_code == 200
    assert b"evil.example" not in response.content
    page = client.get(story.get_absolute_url(), HTTP_X_FORWARDED_HOST="evil.example")
    assert b"evil.example" not in page.content


def test_cached_pages_keep_every_security_header(client, story, settings):
    """A page-cache hit carries the same protective headers as the first rendering."""
    settings.NEWSROOM_PAGE_CACHE = True
    names = [
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
    ]
    first = client.get(story.get_absolute_url())
    second = client.get(story.get_absolute_url())
    assert first.status_code == second.status_code == 200
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    for name in names:
        assert second.get(name) == first.get(name) and first.get(name), name
    assert "csrftoken" not in second.cookies and "sessionid" not in second.cookies


def test_page_cache_in_front_still_refuses_bad_hosts_and_urls(client, story, settings):
    """The cache answers first, yet a poisoned Host or a NUL byte never gets a cached page."""
    settings.NEWSROOM_PAGE_CACHE = True
    assert client.get("/").status_code == 200
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/?q=%00").status_code == 400
    assert client.get("/?q=%00").status_code == 400


def test_admin_policy_pins_the_rich_text_editor_import_map_by_hash(rf):
    """The editor's inline import map is the one inline script the admin allows, by hash."""
    import base64
    import hashlib
    import re

    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django_prose_editor.widgets import prose_editor_media

    from newsroom.middleware import SecurityHeadersMiddleware

    media_html = str(prose_editor_media())
    (import_map,) = re.findall(r'<script type="importmap"[^>]*>(.*?)</script>', media_html, re.S)
    digest = base64.b64encode(hashlib.sha256(import_map.encode()).digest()).decode()

    def page(request):
        return HttpResponse(f"<html><head>{media_html}</head><body></body></html>")

    stack = CSPMiddleware(SecurityHeadersMiddleware(page))
    admin_policy = stack(rf.get("/admin/articles/article/add/"))["Content-Security-Policy"]
    public_policy = stack(rf.get("/berita/contoh/"))["Content-Security-Policy"]
    admin_script_src = re.search(r"script-src ([^;]+)", admin_policy).group(1).split()
    assert admin_script_src == ["'self'", f"'sha256-{digest}'"]
    assert re.search(r"script-src ([^;]+)", public_policy).group(1) == "'self'"
    assert "'unsafe-inline'" not in public_policy
