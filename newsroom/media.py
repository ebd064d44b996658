"""Serve uploaded media safely: stored images only, never HTML or scripts."""

import posixpath
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.views.decorators.http import require_safe


@require_safe
def serve_media(request, path):
    """Return the stored image at ``path`` with a type chosen by us, not by the file."""
    normalized = posixpath.normpath(path).lstrip("/")
    extension = posixpath.splitext(normalized)[1].lower().lstrip(".")
    content_type = settings.NEWSROOM_MEDIA_TYPES.get(extension)
    if content_type is None or normalized.startswith("..") or "\x00" in normalized:
        raise Http404
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, normalized))
    except (ValueError, OSError) as err:  # SuspiciousFileOperation is a ValueError subclass
        raise Http404 from err
    if not full_path.is_file():
        raise Http404
    response = FileResponse(full_path.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="{full_path.name}"'
    # An image needs nothing; a file smuggled in as an image may run nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
