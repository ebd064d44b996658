"""Preview of any story, whatever its status, through a signed link that expires.

The link carries the story's id and its preview key, signed with the site's key and a salt of
its own and stamped with the time it was made; it shows the story as it is now, in the public
template, with a banner. A new key (``publishing.revoke_preview_links``, also part of a
take-down) revokes every link made before it. Nothing here is cached, indexed or shared
through a Referer header.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core import signing
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from ..models import Article

SALT = "articles.preview"


def preview_seconds():
    return settings.NEWSROOM_PREVIEW_SECONDS


def preview_token(article):
    """Return a signed, timestamped token for ``article``'s preview."""
    return signing.dumps({"pk": article.pk, "key": article.preview_key}, salt=SALT)


def preview_expires_at(now=None):
    return (now or timezone.now()) + datetime.timedelta(seconds=preview_seconds())


def _private(response):
    response["Cache-Control"] = "private, no-store, max-age=0"
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    # The token is the key: never hand it to another site in a Referer.
    response["Referrer-Policy"] = "no-referrer"
    return response


def status_label(article, now=None):
    """Return the story's state as the desk says it (scheduled and expired included)."""
    now = now or timezone.now()
    if article.status == Article.Status.PUBLISHED and article.publish_at > now:
        # In the unit's own zone, as the story's date line under the banner.
        local = timezone.localtime(article.publish_at, zoneinfo.ZoneInfo(article.unit.time_zone))
        when = f"{local:%d/%m/%Y %H:%M} {article.unit.tz_abbreviation}"
        return _("Terjadwal, terbit %(when)s") % {"when": when}
    if (
        article.status == Article.Status.PUBLISHED
        and article.expire_at
        and article.expire_at <= now
    ):
        return _("Kedaluwarsa")
    return article.get_status_display()


def _refused(request, status=404, **reason):
    context = {"expired": False, "revoked": False, **reason}
    return _private(render(request, "articles/preview_invalid.html", context, status=status))


def article_preview(request, token):
    """Render the story the token names, in the public template, with a preview banner."""
    try:
        data = signing.loads(token, salt=SALT, max_age=preview_seconds())
        pk = int(data["pk"])
        # Links made before preview keys existed carry none: they read as revoked.
        key = data.get("key")
    except signing.SignatureExpired:
        return _refused(request, status=410, expired=True)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return _refused(request)
    article = Article.objects.for_listing().select_related("editor").filter(pk=pk).first()
    if article is None:
        return _refused(request)
    if not isinstance(key, str) or not constant_time_compare(key, article.preview_key):
        return _refused(request, revoked=True)
    prefetch_related_objects([article], "partners", "corrections")
    # Readers cannot comment on a story that is not out yet; this instance is never saved.
    article.allow_comments = False
    context = {
        "article": article,
        "related": [],
        "preview": True,
        "is_public": article.is_public(),
        "status_label": status_label(article),
    }
    return _private(render(request, "articles/article_preview.html", context))
