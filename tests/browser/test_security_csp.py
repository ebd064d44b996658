"""The real browser enforces our Content-Security-Policy and nothing on our pages breaks it."""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import ArticleFactory, CommentFactory, UserFactory
from tests.views.utils import make_photo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def csp_page(chromium):
    """A page that keeps the site's CSP (the shared fixture bypasses it for axe-core)."""
    context = chromium.new_context(locale="id-ID")
    page = context.new_page()
    page.violations = []

    def record(message):
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            page.violations.append(message.text)

    page.on("console", record)
    yield page
    context.close()


def logged_in(page, live_url, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_url}])


def test_public_story_page_runs_under_the_strict_policy(csp_page, live_url):
    story = ArticleFactory(
        title="Patroli Dialogis", featured_photo=make_photo(caption="Patroli"), tags=["patroli"]
    )
    CommentFactory(article=story)
    for path in ["/", story.get_absolute_url(), "/tag/patroli/"]:
        response = csp_page.goto(live_url + path)
        assert response.status == 200
        assert "script-src 'self'" in response.headers["content-security-policy"]
    csp_page.wait_for_load_state("networkidle")
    assert csp_page.violations == []


def test_admin_pages_run_under_their_policy(csp_page, live_url):
    csp_page.goto(live_url + "/admin/login/")
    logged_in(csp_page, live_url, UserFactory(is_superuser=True, unit=None))
    for path in ["/admin/", "/admin/keamanan/buka-kunci/", "/admin/keamanan/2fa/daftar/"]:
        response = csp_page.goto(live_url + path)
        assert response.status == 200, path
        csp_page.wait_for_load_state("networkidle")
    assert csp_page.violations == []
