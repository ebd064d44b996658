"""Template helpers for photos: srcsets for ``<picture>`` and the social crop for OpenGraph."""

from django import template
from django.conf import settings

from ..images import CARD_RATIO, rendition_widths, social_size

register = template.Library()

# The plain <img src> for browsers that ignore srcset: small enough for a phone.
FALLBACK_WIDTH = 800


def _url(photo, name):
    return photo.file.storage.url(name)


def _absolute(url):
    return url if url.startswith(("http://", "https://")) else f"{settings.SITE_URL}{url}"


def srcset(photo, extension, prefix="w"):
    """Return ``"url 480w, url 800w, …"`` for a photo's renditions in ``extension``."""
    if not photo or not photo.file:
        return ""
    return ", ".join(
        f"{_url(photo, name)} {width}w"
        for width, name in rendition_widths(photo, extension, prefix)
    )


@register.simple_tag
def photo_srcset(photo, extension="jpg"):
    """Return the ``srcset`` of a photo's ``"jpg"`` or ``"webp"`` renditions."""
    return srcset(photo, extension)


@register.simple_tag
def photo_src(photo):
    """Return the URL of a photo's fallback rendition (≤ 800 px wide), or of the original."""
    if not photo or not photo.file:
        return ""
    jpegs = rendition_widths(photo, "jpg")
    small = [name for width, name in jpegs if width <= FALLBACK_WIDTH]
    if small:
        return _url(photo, small[-1])
    if jpegs:
        return _url(photo, jpegs[0][1])
    return photo.file.url


@register.simple_tag
def photo_sources(photo, crop=""):
    """Return ``{"webp": srcset, "jpg": srcset, "src": url, "width": …, "height": …}``.

    For ``photo.html``. ``crop="card"`` gives the 4:3 card crops around the focal point when
    the photo has them (photos stored before they existed get the full frame, as before).

    The WebP source is offered only when it has every width the JPEG one has: a browser takes
    the first source it supports, so a WebP set missing a width too tall for WebP (a long
    screenshot) would cap it below the detail there is. Then the JPEG set serves alone.
    """
    if not photo or not photo.file:
        return {"webp": "", "jpg": "", "src": "", "width": None, "height": None}
    if crop == "card":
        cards = rendition_widths(photo, "jpg", "card")
        if cards:
            width, name = cards[-1]
            return {
                "webp": srcset(photo, "webp", "card"),
                "jpg": srcset(photo, "jpg", "card"),
                "src": _url(photo, name),
                "width": width,
                "height": round(width / CARD_RATIO),
            }
    webp_widths = [width for width, _name in rendition_widths(photo, "webp")]
    jpeg_widths = [width for width, _name in rendition_widths(photo, "jpg")]
    return {
        "webp": srcset(photo, "webp") if webp_widths == jpeg_widths else "",
        "jpg": srcset(photo, "jpg"),
        "src": photo_src(photo),
        "width": photo.width,
        "height": photo.height,
    }


@register.simple_tag
def photo_social_url(photo):
    """Return the absolute URL of the 1200×630 social crop (OpenGraph), or of the original."""
    if not photo or not photo.file:
        return ""
    name = (photo.renditions or {}).get("social.jpg")
    return _absolute(_url(photo, name) if name else photo.file.url)


@register.simple_tag
def photo_social_size(photo):
    """Return ``(width, height)`` of the social crop, or ``None`` when there is none."""
    if not photo or not photo.width or not (photo.renditions or {}).get("social.jpg"):
        return None
    return social_size(photo.width, photo.height)


@register.simple_tag
def photo_thumb_url(photo, extension="jpg"):
    """Return the URL of the square thumbnail (``"jpg"`` or ``"webp"``), or of the original."""
    if not photo or not photo.file:
        return ""
    name = (photo.renditions or {}).get(f"thumb.{extension}")
    return _url(photo, name) if name else photo.file.url


@register.simple_tag
def gallery_photos(article):
    """Return a story's gallery in order, without the featured photo (shown above it)."""
    return [photo for photo in article.photos.all() if photo.pk != article.featured_photo_id]
