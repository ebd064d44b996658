"""The browser fixtures of tests/browser/, for the search page's own browser test."""

from tests.browser.conftest import (  # noqa: F401
    _chromium_holder,
    browser_page,
    chromium,
    live_url,
)
