"""WordPress exports (WXR) → stories, comments, featured photos and old-URL redirects.

``parse_wxr`` reads the whole file before anything is saved: a hostile, truncated or
foreign file fails with ``ImportFailure`` and nothing is imported. ``import_post`` then
saves one post (its own transaction) through ``publishing``.
"""

import datetime
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from defusedxml import DefusedXmlException, ElementTree as SafeET
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _, ngettext

from .common import (
    IMPORTED,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    ImportFailure,
    ItemResult,
    fingerprint,
    make_lead,
    truncate_words,
    unique_slug,
)

PARSER_VERSION = 1

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
EXCERPT_PREFIX = "http://wordpress.org/export/"

POST_STATUSES = {"publish", "draft", "pending", "future", "private"}
SKIPPED_TYPES = {
    "page": _("halaman"),
    "nav_menu_item": _("item menu"),
    "attachment": _("lampiran"),
}


@dataclass
class WxrComment:
    comment_id: str
    parent_id: str
    author: str
    email: str
    url: str
    date: datetime.datetime | None
    content: str
    approved: str
    comment_type: str


@dataclass
class WxrItem:
    post_id: str
    post_type: str
    status: str
    title: str
    link: str
    guid: str
    slug: str
    date: datetime.datetime | None
    local_date: datetime.datetime | None
    creator: str
    content: str
    excerpt: str
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)
    attachment_url: str = ""


@dataclass
class WxrSite:
    title: str
    link: str
    host: str
    authors: dict
    items: list


def _text(element, tag):
    found = element.find(tag)
    return (found.text or "").strip() if found is not None and found.text else ""


def _raw(element, tag):
    found = element.find(tag)
    return found.text or "" if found is not None else ""


def _gmt(value):
    """Return the aware UTC datetime WordPress wrote as ``YYYY-MM-DD HH:MM:SS`` (GMT)."""
    if not value or value.startswith("0000"):
        return None
    try:
        naive = datetime.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return naive.replace(tzinfo=datetime.UTC)


def _local(value):
    """Return a naive site-local datetime (what permalinks are built from)."""
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def parse_wxr(data):
    """Return the ``WxrSite`` in ``data`` (bytes); raise ``ImportFailure`` for a bad file."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        raise ImportFailure(
            _("Berkas XML ditolak karena memuat DTD atau entitas (berbahaya): %(error)s")
            % {"error": type(err).__name__}
        ) from err
    except SafeET.ParseError as err:
        raise ImportFailure(
            _("Berkas bukan XML yang utuh (terpotong atau rusak): %(error)s") % {"error": err}
        ) from err
    except (LookupError, ValueError) as err:  # an unknown declared encoding, for one
        raise ImportFailure(_("Berkas XML tidak sah: %(error)s") % {"error": err}) from err
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise ImportFailure(_("Berkas ini bukan ekspor WordPress (WXR): tidak ada <rss><channel>."))
    wp_ns = next(
        (
            child.tag[1:].split("}")[0]
            for child in channel
            if child.tag.startswith("{" + EXCERPT_PREFIX)
        ),
        None,
    )
    if wp_ns is None:
        raise ImportFailure(
            _("Berkas ini bukan ekspor WordPress (WXR): tidak ada unsur wp: (wxr_version).")
        )
    wp = "{" + wp_ns + "}"
    excerpt_tag = "{" + wp_ns + "excerpt/}encoded"
    link = _text(channel, "link")
    authors = {}
    for author in channel.findall(f"{wp}author"):
        login = _text(author, f"{wp}author_login")
        authors[login] = _text(author, f"{wp}author_display_name") or login

    items = []
    for element in channel.findall("item"):
        meta = {
            _text(entry, f"{wp}meta_key"): _raw(entry, f"{wp}meta_value")
            for entry in element.findall(f"{wp}postmeta")
        }
        comments = [
            WxrComment(
                comment_id=_text(c, f"{wp}comment_id"),
                parent_id=_text(c, f"{wp}comment_parent") or "0",
                author=_text(c, f"{wp}comment_author"),
                email=_text(c, f"{wp}comment_author_email"),
                url=_text(c, f"{wp}comment_author_url"),
                date=_gmt(_text(c, f"{wp}comment_date_gmt"))
                or _aware_local(_text(c, f"{wp}comment_date")),
                content=_raw(c, f"{wp}comment_content"),
                approved=_text(c, f"{wp}comment_approved"),
                comment_type=_text(c, f"{wp}comment_type"),
            )
            for c in element.findall(f"{wp}comment")
        ]
        categories, tags = [], []
        for category in element.findall("category"):
            name = (category.text or "").strip()
            nicename = category.get("nicename") or slugify(name)
            if category.get("domain") == "category":
                categories.append((nicename, name))
            elif category.get("domain") == "post_tag" and name:
                tags.append(name)
        local = _local(_text(element, f"{wp}post_date"))
        items.append(
            WxrItem(
                post_id=_text(element, f"{wp}post_id"),
                post_type=_text(element, f"{wp}post_type") or "post",
                status=_text(element, f"{wp}status"),
                title=unescape(_text(element, "title")),
                link=_text(element, "link"),
                guid=_text(element, "guid"),
                slug=unquote(_text(element, f"{wp}post_name")),
                date=_gmt(_text(element, f"{wp}post_date_gmt")) or _aware_local_dt(local),
                local_date=local,
                creator=_text(element, f"{{{DC_NS}}}creator"),
                content=_raw(element, f"{{{CONTENT_NS}}}encoded"),
                excerpt=_raw(element, excerpt_tag).strip(),
                categories=categories,
                tags=tags,
                meta=meta,
                comments=comments,
                attachment_url=_text(element, f"{wp}attachment_url"),
            )
        )
    try:
        host = (urlsplit(link).hostname or "wordpress").lower()
    except ValueError as err:
        raise ImportFailure(
            _("Berkas XML tidak sah: alamat situs <link> tidak sah (%(link)s).") % {"link": link}
        ) from err
    return WxrSite(
        title=_text(channel, "title"),
        link=link,
        host=host,
        authors=authors,
        items=items,
    )


def _aware_local_dt(naive):
    return timezone.make_aware(naive) if naive else None


def _aware_local(value):
    return _aware_local_dt(_local(value))


# ---------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------
_BLOCK_TAG = re.compile(r"<(p|div|h[1-6]|ul|ol|blockquote|table|figure|pre)\b", re.IGNORECASE)
_SHORTCODE = re.compile(r"\[/?[a-zA-Z_][\w-]*(?:\s[^\]]*)?\]")


def wpautop(content):
    """Return WordPress content as HTML paragraphs, the way WordPress shows it.

    Content written in the classic editor is plain text with blank lines between paragraphs
    and single newlines for line breaks; block-editor content already carries its tags.
    """
    content = _SHORTCODE.sub("", content.replace("\r\n", "\n")).strip()
    if not content:
        return ""
    if _BLOCK_TAG.search(content):
        return content
    paragraphs = [chunk.strip() for chunk in re.split(r"\n\s*\n", content) if chunk.strip()]
    return "\n".join("<p>" + chunk.replace("\n", "<br>\n") + "</p>" for chunk in paragraphs)


def old_paths(item):
    """Return the paths an old WordPress site served ``item`` at."""
    paths = [f"/?p={item.post_id}"] if item.post_id else []
    for url in (item.link, item.guid):
        try:
            parts = urlsplit(url)
        except ValueError:
            continue  # "http://[bad": no path the old site can have served
        if parts.scheme in ("http", "https") and (parts.path not in ("", "/") or parts.query):
            path = unquote(parts.path or "/")
            paths.append(f"{path}?{parts.query}" if parts.query else path)
    if item.slug and item.local_date:
        day = item.local_date
        paths += [
            f"/{day:%Y/%m/%d}/{item.slug}/",
            f"/{day:%Y/%m}/{item.slug}/",
            f"/{item.slug}/",
        ]
    return list(dict.fromkeys(path[:500] for path in paths))


COMMENT_STATUS = {"1": "approved", "0": "pending", "spam": "spam", "trash": "removed"}


def _comment_fields(comments):
    return [
        (c.comment_id, c.parent_id, c.author, c.email, c.date, c.content, c.approved)
        for c in comments
        if c.comment_type not in ("pingback", "trackback")
    ]


# ---------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------
class WxrImporter:
    """Import the posts of one parsed site into ``unit``; one transaction per post."""

    def __init__(self, site, *, unit, media_dir=None, user=None, dry_run=False):
        self.site = site
        self.unit = unit
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.user = user
        self.dry_run = dry_run
        self.attachments = {
            item.post_id: item for item in site.items if item.post_type == "attachment"
        }

    def key(self, item):
        return f"wxr:{self.site.host}:{item.post_id}"[:255]

    def skip_reason(self, item):
        """Return why ``item`` is not a story (counted, not imported), or ``None``."""
        if item.post_type in SKIPPED_TYPES:
            return str(SKIPPED_TYPES[item.post_type])
        if item.post_type != "post":
            return item.post_type
        if item.status not in POST_STATUSES:
            return _("status %(status)s") % {"status": item.status or "?"}
        return None

    def find_existing(self, item):
        """Return the story imported earlier from this post (by post ID, then by GUID).

        A GUID match is accepted only for a story imported from the same WordPress site
        (the export's host or the GUID's own, for a renamed site) and lying in the importing
        unit's tree: "/?p=12" of another site is another story.
        """
        from ..models import Article, LegacyRedirect

        article = Article.objects.select_for_update().filter(import_key=self.key(item)).first()
        if article is not None or not item.guid:
            return article
        try:
            parts = urlsplit(item.guid)
            guid_host = (parts.hostname or "").lower()
        except ValueError:
            return None
        guid_path = unquote(parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        hosts = {self.site.host, guid_host} - {""}
        same_site = Q()
        for host in hosts:
            same_site |= Q(article__import_key__startswith=f"wxr:{host}:")
        redirect = (
            LegacyRedirect.objects.filter(
                same_site,
                old_path=guid_path,
                article__unit__path__startswith=self.unit.path,
            )
            .select_related("article")
            .first()
        )
        if redirect is None:
            return None
        return Article.objects.select_for_update().get(pk=redirect.article_id)

    def import_post(self, item):
        """Create or update the story for one post; return an ``ItemResult``."""
        from .. import publishing
        from ..models import Article, AuditEntry

        name = f"#{item.post_id} {item.title}".strip()
        title = truncate_words(item.title or _("(tanpa judul)"), 200)
        body = wpautop(item.content)
        lead = truncate_words(strip_tags(unescape(item.excerpt)), 300) if item.excerpt else ""
        if not lead and body:
            from ..sanitize import html_to_text

            lead = make_lead(html_to_text(body))
        byline = self.site.authors.get(item.creator, item.creator)[:120]
        content = {
            "title": title,
            "body": body,
            "lead": lead,
            "byline": byline,
            "status": item.status,
            "date": item.date.isoformat() if item.date else None,
            "categories": item.categories,
            "tags": item.tags,
            "thumbnail": item.meta.get("_thumbnail_id", ""),
            "comments": _comment_fields(item.comments),
        }
        digest = fingerprint(PARSER_VERSION, content)
        result = ItemResult(name=name, outcome=IMPORTED, title=title)
        for comment in item.comments:
            if comment.comment_id and not (
                comment.comment_id.isascii() and comment.comment_id.isdigit()
            ):
                raise ImportFailure(
                    _("Nomor komentar tidak sah (%(value)s): pos ini tidak diimpor.")
                    % {"value": comment.comment_id[:40]}
                )

        with transaction.atomic():
            article = self.find_existing(item)
            if article is not None and article.import_fingerprint == digest:
                result.outcome, result.article_id = UNCHANGED, article.pk
                return result
            if article is None:
                article = Article(
                    unit=self.unit,
                    import_key=self.key(item),
                    slug=unique_slug(item.slug or title),
                    status=Article.Status.DRAFT,
                )
                summary = _("Impor WordPress %(site)s pos #%(id)s") % {
                    "site": self.site.host,
                    "id": item.post_id,
                }
            else:
                result.outcome = UPDATED
                summary = _("Impor ulang WordPress: pos #%(id)s berubah") % {"id": item.post_id}
            article.title, article.body, article.lead, article.byline = title, body, lead, byline
            article.category = self.category(item)
            article.import_fingerprint = digest
            if result.outcome == IMPORTED and item.status == "pending":
                article.status = Article.Status.REVIEW
            publishing.save_story(article, self.user, summary=summary)
            extra_categories = [name for _slug, name in item.categories[1:]]
            article.tags.set([*item.tags, *extra_categories], clear=True)
            if result.outcome == IMPORTED and item.status in ("publish", "future"):
                publishing.publish(article, self.user, at=item.date or timezone.now())
            if item.status == "private":
                result.notes.append(_("Pos privat diimpor sebagai draf (tidak tampil publik)."))
            if item.status == "future":
                result.notes.append(_("Pos terjadwal: terbit %(at)s.") % {"at": item.date})
            self.import_comments(article, item, result)
            self.attach_featured_image(article, item, result)
            self.add_redirects(article, item, result)
            publishing.log(
                AuditEntry.Action.IMPORT,
                self.user,
                article=article,
                unit=self.unit,
                target=self.key(item),
                detail=summary,
            )
        result.article_id = article.pk
        return result

    def category(self, item):
        from ..models import Category

        if not item.categories:
            return None
        nicename, name = item.categories[0]
        category, _created = Category.objects.get_or_create(
            slug=(slugify(nicename) or slugify(name))[:120], defaults={"name": name[:100]}
        )
        return category

    def import_comments(self, article, item, result):
        """Add the post's comments (threaded, with state and date) not already present."""
        from ..models import Comment

        existing = {
            (c.name, c.created_at, c.body): c for c in Comment.objects.filter(article=article)
        }
        by_wp_id, added, left_out = {}, 0, 0
        for wp_comment in sorted(item.comments, key=lambda c: int(c.comment_id or 0)):
            if wp_comment.comment_type in ("pingback", "trackback"):
                left_out += 1
                continue
            status = COMMENT_STATUS.get(wp_comment.approved)
            if status is None:
                left_out += 1
                continue
            body = strip_tags(unescape(wp_comment.content)).strip()
            name = (wp_comment.author or _("Anonim"))[:80]
            created = wp_comment.date or article.publish_at or timezone.now()
            match = existing.get((name, created, body))
            if match is None:
                match = Comment.objects.create(
                    article=article,
                    parent=by_wp_id.get(wp_comment.parent_id),
                    name=name,
                    email=wp_comment.email[:254],
                    body=body,
                    status=status,
                )
                # created_at is auto_now_add: the reader's own date is set afterwards.
                Comment.objects.filter(pk=match.pk).update(created_at=created)
                added += 1
            elif match.status != status:
                Comment.objects.filter(pk=match.pk).update(status=status)
            by_wp_id[wp_comment.comment_id] = match
        if added:
            result.notes.append(
                ngettext("%(count)d komentar diimpor.", "%(count)d komentar diimpor.", added)
                % {"count": added}
            )
        if left_out:
            result.notes.append(
                ngettext(
                    "%(count)d pingback/trackback tidak diimpor.",
                    "%(count)d pingback/trackback tidak diimpor.",
                    left_out,
                )
                % {"count": left_out}
            )

    def attach_featured_image(self, article, item, result):
        """Attach the post's featured image from --media-dir, or keep its URL in a note."""
        from ..models import EditorialNote

        attachment = self.attachments.get(item.meta.get("_thumbnail_id", ""))
        if attachment is None or article.featured_photo_id:
            return
        url = attachment.attachment_url or attachment.guid
        source = self.find_media(attachment)
        if source is not None:
            if self.dry_run:
                result.notes.append(_("Foto utama akan dilampirkan: %(name)s") % {"name": source})
                return
            photo = self.store_photo(source, attachment, article, result)
            if photo is not None:
                article.featured_photo = photo
                article.save(update_fields=["featured_photo"])
                result.notes.append(_("Foto utama dilampirkan: %(name)s") % {"name": source.name})
                return
        message = _("Foto utama tidak ditemukan di folder media; URL disimpan: %(url)s") % {
            "url": url
        }
        result.notes.append(message)
        if not article.notes.filter(body=message).exists():
            EditorialNote.objects.create(article=article, author=self.user, body=message)

    def find_media(self, attachment):
        """Return the attachment's file inside --media-dir, never a path outside it."""
        if self.media_dir is None:
            return None
        candidates = []
        attached = attachment.meta.get("_wp_attached_file", "").strip()
        if attached:
            candidates.append(attached)
        try:
            url_path = unquote(urlsplit(attachment.attachment_url).path)
        except ValueError:
            url_path = ""
        if "/uploads/" in url_path:
            candidates.append(url_path.split("/uploads/", 1)[1])
        if url_path:
            candidates.append(PurePosixPath(url_path).name)
        for candidate in candidates:
            path = (self.media_dir / candidate).resolve()
            if path.is_relative_to(self.media_dir) and path.is_file():
                return path
        return None

    def store_photo(self, source, attachment, article, result):
        """Store ``source`` through the photo pipeline; ``None`` (and a note) if it is refused."""
        from django.core.exceptions import ValidationError
        from django.core.files import File

        from ..images import store_photo

        alt = attachment.meta.get("_wp_attachment_image_alt") or attachment.title or article.title
        caption = strip_tags(unescape(attachment.excerpt))[:300]
        try:
            with source.open("rb") as handle:
                return store_photo(
                    File(handle, name=source.name),
                    alt_text=alt[:250],
                    caption=caption,
                    uploaded_by=self.user,
                )
        except ValidationError as err:
            result.notes.append(
                _("Foto utama %(name)s ditolak: %(error)s")
                % {"name": source.name, "error": " ".join(err.messages)}
            )
            return None

    def add_redirects(self, article, item, result):
        from ..models import LegacyRedirect

        for path in old_paths(item):
            redirect, _created = LegacyRedirect.objects.get_or_create(
                old_path=path, defaults={"article": article}
            )
            if redirect.article_id != article.pk:
                result.notes.append(
                    _("Alamat lama %(path)s sudah dipakai berita lain; dilewati.") % {"path": path}
                )

    def skipped_result(self, item, reason):
        return ItemResult(
            name=f"#{item.post_id} {item.title}".strip(), outcome=SKIPPED, reason=reason
        )
