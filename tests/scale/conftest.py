"""The page cache is on for these tests (the rest of the suite runs with it off)."""

import pytest


@pytest.fixture(autouse=True)
def page_cache_on(_isolated_cache_and_media, settings):
    """Turn the page cache on, after the shared fixture turned it off and emptied the cache."""
    settings.NEWSROOM_PAGE_CACHE = True
    settings.NEWSROOM_PAGE_CACHE_STAMP = ""
