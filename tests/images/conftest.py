"""Helpers for the photo tests: what the media folder holds, and every stored file read back."""

import re
from pathlib import Path

import pytest

# photos/2026/11/<32 hex>.jpg and its renditions <same>_w480.webp, _social.jpg, _card240.jpg …
GENERATED_NAME = re.compile(
    r"^photos/\d{4}/\d{2}/[0-9a-f]{32}(_(w\d+|card\d+|social|thumb)(_[A-Za-z0-9]{7})?)?\.(jpg|png|webp)$"
)


@pytest.fixture
def media_root(settings):
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def stored_files(media_root):
    """Return a callable listing every stored file (relative POSIX paths), sorted."""

    def listing():
        if not media_root.exists():
            return []
        return sorted(
            p.relative_to(media_root).as_posix() for p in media_root.rglob("*") if p.is_file()
        )

    return listing
