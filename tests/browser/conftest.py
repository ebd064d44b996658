"""Headless Chromium for browser tests: ``browser_page``, ``live_url`` and ``axe_violations``.

Reuse from any test module under tests/browser/::

    def test_something(browser_page, live_url):
        browser_page.goto(live_url + "/")
        assert axe_violations(browser_page) == []   # from tests.browser.conftest import …

Without Chromium, Playwright or axe-core the tests skip; in strict mode
(NEWSROOM_STRICT_TESTS=1 or CI=true) they fail instead.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside one unless told it is safe (it is: one thread drives both, one after the other).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
STRICT = os.environ.get("NEWSROOM_STRICT_TESTS") == "1" or os.environ.get("CI") == "true"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
MOBILE = {"width": 360, "height": 800}
# WCAG 2.2 A and AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def unavailable(reason):
    """Fail in strict mode, skip otherwise."""
    if STRICT:
        pytest.fail(f"{reason} (required in strict mode)", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


# One Playwright and one Chromium per test process, even when other folders re-export these
# fixtures (each re-export is a fixture of its own; a second Playwright in the same thread fails).
_SHARED_CHROMIUM = {}


@pytest.fixture(scope="session")
def _chromium_holder():
    """Hold one Chromium for the whole run; launched on first use, closed at the end."""
    yield _SHARED_CHROMIUM
    if "browser" in _SHARED_CHROMIUM:
        _SHARED_CHROMIUM.pop("browser").close()
        _SHARED_CHROMIUM.pop("playwright").stop()


@pytest.fixture
def chromium(_chromium_holder):
    """Debian's headless Chromium (never a downloaded build), shared by every test.

    Launched lazily: Playwright's event loop then starts only after the test's database
    fixtures have run.
    """
    if "browser" not in _chromium_holder:
        if not Path(CHROMIUM).exists():
            unavailable(f"Chromium not found at {CHROMIUM}")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            unavailable("the playwright package is not installed")
        playwright = sync_playwright().start()
        _chromium_holder["playwright"] = playwright
        _chromium_holder["browser"] = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
    return _chromium_holder["browser"]


@pytest.fixture
def browser_page(live_url, chromium):
    """A fresh page at 360 × 800, the size of a small Android phone, beside a live server."""
    # bypass_csp lets the test inject axe-core; the site's own CSP stays strict.
    context = chromium.new_context(viewport=MOBILE, bypass_csp=True, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def live_url(live_server):
    """The base URL of Django's live server (no trailing slash)."""
    return live_server.url


def axe_violations(page, tags=AXE_TAGS):
    """Run axe-core on the page and return its violations as a compact, readable list."""
    if not AXE_JS.exists():
        unavailable(f"axe-core not found at {AXE_JS}: run `npm install`")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations",
        tags,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [node["target"] for node in v["nodes"]][:5],
        }
        for v in violations
    ]


def horizontal_overflow(page):
    """Return how many CSS pixels the page is wider than the viewport (0 means none)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )
