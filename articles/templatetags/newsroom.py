"""Template helpers for the public site: local dates, absolute URLs, share links, JSON-LD."""

import json
import zoneinfo
from urllib.parse import quote

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext as _, override

from ..sanitize import strip_control_characters

register = template.Library()

# The same escapes as Django's json_script: nothing in the data can close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _unit_local(value, unit):
    zone = zoneinfo.ZoneInfo(unit.time_zone if unit else settings.TIME_ZONE)
    return timezone.localtime(value, zone)


@register.filter
def long_date(value, unit=None):
    """Format "Selasa, 15 Juli 2025 10.30 WIB" in the issuing unit's own time zone."""
    if not value:
        return ""
    local = _unit_local(value, unit)
    abbreviation = unit.tz_abbreviation if unit else "WIB"
    # Django's own catalogues translate the weekday and month names for the active language.
    return f"{dateformat.format(local, 'l, j F Y H.i')} {abbreviation}"


@register.filter
def short_date(value, unit=None):
    """Format "15 Juli 2025" in the issuing unit's own time zone."""
    if not value:
        return ""
    return dateformat.format(_unit_local(value, unit), "j F Y")


@register.filter
def xml_text(text):
    """Drop the control characters XML 1.0 cannot carry (one in a title spoils the document)."""
    return strip_control_characters(text)


@register.filter
def absolute(path):
    """Return the canonical absolute URL for a site path (SITE_URL, never the Host header)."""
    path = str(path)
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


@register.simple_tag(takes_context=True)
def other_language_url(context, language):
    """Return this page's address in ``language`` (URL-prefixed, no cookie).

    The query string goes along (a search, a page of a list). A page with no address of its
    own there (one answering a POST, such as a comment sent back with an error, or a 404)
    links to that language's home page instead.
    """
    request = context.get("request")
    if request is None:
        return _home_in(language)
    # The page asks for each language twice (alternate links, the switch): resolve once.
    found = request.__dict__.setdefault("_other_language_urls", {})
    if language not in found:
        found[language] = _same_page_in(request, language)
    return found[language]


def _home_in(language):
    with override(language):
        return reverse("articles:home")


def _same_page_in(request, language):
    if request.method not in ("GET", "HEAD"):
        return _home_in(language)
    try:
        resolve(request.path_info)
    except Resolver404:
        return _home_in(language)
    url = translate_url(request.path, language)
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url


@register.inclusion_tag("articles/includes/share_links.html")
def share_links(article):
    """Plain share links: no third-party script runs on the page."""
    url = absolute(article.get_absolute_url())
    text = f"{article.title} {url}"
    return {
        "url": url,
        "links": [
            ("whatsapp", "WhatsApp", f"https://wa.me/?text={quote(text)}"),
            ("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={quote(url)}"),
            (
                "x",
                "X",
                f"https://x.com/intent/post?text={quote(article.title)}&url={quote(url)}",
            ),
            (
                "telegram",
                "Telegram",
                f"https://t.me/share/url?url={quote(url)}&text={quote(article.title)}",
            ),
        ],
    }


# The category menu's markup by (language, the categories' rows): the rows are still read on
# every page (one small query), the links and the markup are built only when they change.
_SITE_NAV = {}
_SITE_NAV_ENTRIES = 8


@register.simple_tag
def site_nav():
    """The category menu in the header (one query)."""
    from ..models import Category

    rows = tuple(Category.objects.values_list("pk", "name", "slug"))
    key = (get_language(), rows)
    html = _SITE_NAV.get(key)
    if html is None:
        categories = [Category(pk=pk, name=name, slug=slug) for pk, name, slug in rows]
        html = render_to_string("articles/includes/site_nav.html", {"categories": categories})
        if len(_SITE_NAV) >= _SITE_NAV_ENTRIES:
            _SITE_NAV.clear()
        _SITE_NAV[key] = html
    return html


@register.filter
def display_name(user):
    """A staff member's public name; the login name never appears on the site."""
    return user.get_full_name() if user else ""


def json_ld(data):
    """Render ``data`` as a JSON-LD block that cannot break out of its <script> element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )


def _photo_url(photo):
    if not photo or not photo.file:
        return None
    social = (photo.renditions or {}).get("social.jpg")
    if social:
        from django.core.files.storage import default_storage

        return absolute(default_storage.url(social))
    return absolute(photo.file.url)


@register.filter
def photo_url(photo):
    """Return the absolute URL of a photo's social rendition (or its original)."""
    return _photo_url(photo) or ""


@register.simple_tag
def article_json_ld(article):
    """NewsArticle plus BreadcrumbList for one story."""
    url = absolute(article.get_absolute_url())
    publisher = {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": absolute("/"),
    }
    news = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": article.title[:110],
        "description": article.lead,
        "datePublished": article.publish_at,
        "dateModified": max(filter(None, [article.publish_at, article.updated_at])),
        # Stories are written in Indonesian whatever the interface language.
        "inLanguage": settings.LANGUAGE_CODE,
        "author": [
            {"@type": "Person", "name": article.writer.get_full_name()}
            if article.writer and article.writer.get_full_name()
            else {"@type": "Organization", "name": article.unit.name}
        ],
        "publisher": publisher,
        "sourceOrganization": {"@type": "Organization", "name": article.unit.name},
    }
    image = _photo_url(article.featured_photo)
    if image:
        news["image"] = [image]
    crumbs = [(_("Beranda"), absolute(reverse("articles:home")))]
    if article.category:
        crumbs.append((article.category.name, absolute(article.category.get_absolute_url())))
    crumbs.append((article.title, url))
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": str(name), "item": link}
            for i, (name, link) in enumerate(crumbs, start=1)
        ],
    }
    return json_ld(news) + json_ld(breadcrumbs)
