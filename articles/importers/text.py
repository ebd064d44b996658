"""Plain-text press releases (pasted out of websites and Word) → stories.

``parse_release`` reads one text into a ``ParsedRelease`` without touching the database;
``import_release`` saves it through ``publishing`` like a story typed in the admin.

A release is identified by the importing unit and its file name: "rilis.txt" of another
unit is another story. A changed file updates its story only while nobody has published
it; once the story is published (live or scheduled) the import leaves it as it is and
reports the file as refused, so text reaches the public only through an editor's review.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..sanitize import CONTROL_CHARACTERS
from .common import (
    IMPORTED,
    UNCHANGED,
    UPDATED,
    ImportFailure,
    ItemResult,
    find_event_date,
    fingerprint,
    make_lead,
    normalize_title,
    set_references,
    split_sentences,
    truncate_words,
    unique_slug,
)

# Bump when parsing changes so that a re-import refreshes stories parsed the old way.
PARSER_VERSION = 1

# Lines a website wraps around the story, compared casefolded without trailing colons.
LEADING_CHROME = {"berita polisi", "berita", "beranda", "home", "news", "headline", "breaking news"}
TRAILING_CHROME = {
    "leave a comment",
    "leave a reply",
    "tinggalkan balasan",
    "tinggalkan komentar",
    "tulis komentar",
    "komentar",
    "share",
    "bagikan",
    "share this",
    "bagikan ini",
}
# More "BACA JUGA" / related titles than any release lists: the rest is page clutter.
MAX_REFERENCES = 50
RELATED_HEADERS = {"related posts", "related", "berita terkait", "artikel terkait", "baca juga"}

_BACA_JUGA = re.compile(r"^\s*baca\s+juga\s*[:：\-–—]\s*(?P<title>.+?)\s*$", re.IGNORECASE)
_HASHTAG_LINE = re.compile(r"^(?:#[\w-]+[\s,]*)+$")
_HASHTAG = re.compile(r"#([\w-]+)")
_CREDIT = re.compile(
    r"^(?P<label>sumber|penulis|reporter|pewarta|fotografer|foto|bidang informasi)\s*:\s*"
    r"(?P<value>.*)$",
    re.IGNORECASE,
)
_CREDIT_FIELDS = {
    "sumber": "source",
    "penulis": "byline",
    "reporter": "byline",
    "pewarta": "byline",
    "fotografer": "photographer",
    "foto": "photographer",
    "bidang informasi": "information_desk",
}
_DASH = "[-–—]"
# "TASIKMALAYA —", "PANGKALPINANG -", "(pelitaekspres.com) –PALEMBANG-", "JAKARTA (Antara) -"
_DATELINE = re.compile(
    rf"^\s*(?:\((?P<outlet>[^()]{{2,60}})\)\s*{_DASH}*\s*)?"
    r"(?P<city>[A-Z][A-Z.'’]*(?:[ ][A-Z][A-Z.'’]*){0,3})"
    rf"\s*(?:\((?P<outlet2>[^()]{{2,60}})\)\s*)?"
    rf"(?:,[^-–—\n]{{0,30}}?)?\s*{_DASH}+\s*"
)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?(?P<host>[\w-]+(?:\.[\w-]+)+)/?$", re.IGNORECASE)
# "(LS)", "(dkd)", "(ADV/LS)" at the very end of the story.
_INITIALS = re.compile(r"\s*\((?P<initials>[A-Za-z]{2,5}(?:/[A-Za-z]{2,5})*)\)\s*$")
_NUMBERED_TITLE = re.compile(r"^\d{1,2}[.)]\s+\S")
_SENTENCE_PUNCTUATION = tuple('.,;!?"”’)')


@dataclass
class ParsedRelease:
    title: str
    body_html: str
    lead: str = ""
    dateline: str = ""
    source_name: str = ""
    source_url: str = ""
    event_date: datetime.date | None = None
    event_weekday: int | None = None
    byline: str = ""
    photographer: str = ""
    tags: list = field(default_factory=list)
    references: list = field(default_factory=list)
    title_from_body: bool = False
    notes: list = field(default_factory=list)

    def content(self):
        """Return the fields a story takes from this release (for fingerprints and saving)."""
        return {
            "title": self.title,
            "body": self.body_html,
            "lead": self.lead,
            "dateline": self.dateline,
            "source_name": self.source_name,
            "source_url": self.source_url,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "byline": self.byline,
            "photographer": self.photographer,
            "tags": self.tags,
            "references": self.references,
        }


def _key(line):
    return line.casefold().strip().rstrip(":").strip()


def _is_heading(line, next_line):
    """Return True for a subheading line: short, no sentence punctuation, text follows."""
    if next_line is None or len(line) > 120 or len(line.split()) > 16:
        return False
    if line.endswith(_SENTENCE_PUNCTUATION) or line.endswith(":"):
        return False
    return line[0].isupper() or bool(_NUMBERED_TITLE.match(line))


def _blocks(text):
    """Return the text's paragraphs as lines, re-joining lines a hard wrap split."""
    # Pieces are joined once at the end: joining as we go is quadratic on a long paragraph.
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        previous = None
        for raw in block.split("\n"):
            line = re.sub(r"[ \t]+", " ", raw).strip()
            if not line:
                continue
            joinable = (
                previous is not None
                and not paragraphs[-1][-1].endswith(_SENTENCE_PUNCTUATION)
                and line[0].islower()
            )
            if joinable:
                paragraphs[-1].append(line)
            else:
                paragraphs.append([line])
            previous = line
    return [" ".join(pieces) for pieces in paragraphs]


def _take_related_list(lines):
    """Remove a trailing "Related posts" list; return its titles (author lines dropped)."""
    for index in range(len(lines) - 1, -1, -1):
        if _key(lines[index]) in RELATED_HEADERS and not _BACA_JUGA.match(lines[index]):
            entries = lines[index + 1 :]
            del lines[index:]
            break
    else:
        return []
    counts = Counter(entries)
    titles, previous_was_title = [], False
    for entry in entries:
        if len(titles) > MAX_REFERENCES:  # one more than kept: parse_release notes the cut
            break
        words = entry.split()
        looks_like_name = (
            len(words) <= 4
            and not any(char.isdigit() for char in entry)
            and all(word[:1].isupper() for word in words)
        )
        if counts[entry] > 1 or (previous_was_title and looks_like_name):
            previous_was_title = False  # the author under a title
            continue
        if len(words) <= 5 and find_event_date(entry):
            continue  # the date under a title
        titles.append(entry)
        previous_was_title = True
    return titles


def _take_credits(lines):
    """Remove the credits block (label on one line, value on the same or the next)."""
    credits, index = {}, 0
    kept = []
    while index < len(lines):
        match = _CREDIT.match(lines[index])
        # Only a short line is a credit: "Sumber: …" can also open a sentence in the story.
        if match and len(lines[index]) <= 80:
            value = match.group("value").strip()
            next_line = lines[index + 1] if index + 1 < len(lines) else None
            if not value and next_line and not _CREDIT.match(next_line):
                value = next_line.strip()
                index += 1
            if value:
                credits.setdefault(_CREDIT_FIELDS[match.group("label").casefold()], value)
            index += 1
            continue
        kept.append(lines[index])
        index += 1
    lines[:] = kept
    return credits


def parse_release(text):
    """Return the ``ParsedRelease`` in ``text`` (already decoded); raise ``ImportFailure``."""
    if "\x00" in text:
        raise ImportFailure(_("Berkas bukan teks: berisi data biner."))
    text = text.replace("\ufeff", "").replace("\xa0", " ").replace("\u200b", "")
    text = CONTROL_CHARACTERS.sub("", text)
    lines = _blocks(text)
    if not lines:
        raise ImportFailure(_("Berkas kosong: tidak ada teks berita."))

    while lines and _key(lines[0]) in LEADING_CHROME:
        lines.pop(0)
    while lines and _key(lines[-1]) in TRAILING_CHROME:
        lines.pop()
    references = _take_related_list(lines)
    while lines and _key(lines[-1]) in TRAILING_CHROME:
        lines.pop()

    tags, kept, read_also, notes = [], [], [], []
    for line in lines:
        baca = _BACA_JUGA.match(line)
        if baca:
            read_also.append(baca.group("title"))
            continue
        if _HASHTAG_LINE.match(line):
            tags.extend(tag for tag in _HASHTAG.findall(line) if tag not in tags)
            continue
        kept.append(line)
    lines = kept
    references = read_also + references
    if len(references) > MAX_REFERENCES:
        del references[MAX_REFERENCES:]
        notes.append(
            _("Hanya %(count)d rujukan berita terkait pertama yang disimpan.")
            % {"count": MAX_REFERENCES}
        )
    credits = _take_credits(lines)
    if not lines:
        raise ImportFailure(_("Tidak ada isi berita setelah judul dan kredit dipisahkan."))

    title, title_from_body = "", False
    if not _DATELINE.match(lines[0]) and len(lines) > 1 and _is_heading(lines[0], lines[1]):
        title = lines.pop(0)
        while lines and normalize_title(lines[0]) == normalize_title(title):
            lines.pop(0)  # the headline repeated by the page template
    if not lines:
        raise ImportFailure(_("Berkas hanya berisi judul, tanpa isi berita."))

    dateline, outlet = "", ""
    match = _DATELINE.match(lines[0])
    if match and len(lines[0]) > match.end():
        dateline = match.group("city").strip(" .")
        outlet = (match.group("outlet") or match.group("outlet2") or "").strip()
        lines[0] = lines[0][match.end() :].lstrip()
        lines[0] = lines[0][:1].upper() + lines[0][1:]

    byline = credits.get("byline", "")
    initials = _INITIALS.search(lines[-1])
    if initials:
        if not byline:
            byline = initials.group("initials")
        lines[-1] = lines[-1][: initials.start()].rstrip()
        if not lines[-1]:
            lines.pop()

    first_paragraph = next(
        (line for index, line in enumerate(lines) if not _is_heading(line, _next(lines, index))),
        lines[0],
    )
    if not title:
        title = truncate_words(split_sentences(first_paragraph)[0].rstrip("."), 200)
        title_from_body = True
        notes.append(_("Judul tidak ada; diambil dari kalimat pertama. Periksa sebelum terbit."))

    body_text = "\n".join(lines)
    found = find_event_date(body_text)
    event_date = found.date if found else None
    event_weekday = found.weekday if found else None
    if found and found.date and found.weekday is not None and found.date.weekday() != found.weekday:
        notes.append(
            _("Hari dan tanggal kegiatan tidak cocok (%(text)s); tanggal yang dipakai.")
            % {"text": found.text}
        )
    elif found and not found.date:
        notes.append(
            _("Teks hanya menyebut hari (%(text)s); tanggal kegiatan tidak dapat dipastikan.")
            % {"text": found.text}
        )

    source_name, source_url = "", ""
    source_parts = [credits.get("source", ""), credits.get("information_desk", "")]
    source_name = ", ".join(part for part in source_parts if part)
    if outlet:
        domain = _DOMAIN.match(outlet)
        if domain:
            source_url = f"https://{domain.group('host').lower()}/"
        source_name = source_name or outlet

    html = []
    for index, line in enumerate(lines):
        tag = "h2" if _is_heading(line, _next(lines, index)) else "p"
        html.append(f"<{tag}>{escape(line, quote=False)}</{tag}>")

    return ParsedRelease(
        title=title[:200],
        body_html="\n".join(html),
        lead=make_lead(first_paragraph),
        dateline=dateline[:80],
        source_name=source_name[:160],
        source_url=source_url,
        event_date=event_date,
        event_weekday=event_weekday,
        byline=byline[:120],
        photographer=credits.get("photographer", "")[:120],
        tags=[tag[:100] for tag in tags],
        references=references,
        title_from_body=title_from_body,
        notes=notes,
    )


def _next(lines, index):
    return lines[index + 1] if index + 1 < len(lines) else None


# ---------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------
def publish_time_for(parsed, unit):
    """Return when a release published with ``--status published`` went out.

    The release's own event date (noon in the unit's time zone) when it names one, else now.
    """
    import zoneinfo

    if parsed.event_date is None:
        return timezone.now()
    noon = datetime.datetime.combine(parsed.event_date, datetime.time(12, 0))
    return timezone.make_aware(noon, zoneinfo.ZoneInfo(unit.time_zone))


def find_release(key, legacy_key, unit):
    """Return the story imported earlier from this file into ``unit``, locked, or ``None``.

    Stories imported before keys named the unit carry ``legacy_key`` ("text:<name>"); such
    a story is this release only when it belongs to ``unit`` itself.
    """
    from ..models import Article

    stories = Article.objects.select_for_update()
    article = stories.filter(import_key=key).first()
    if article is None and legacy_key:
        article = stories.filter(import_key=legacy_key, unit=unit).first()
    return article


def import_release(
    text, *, key, name, unit, category=None, status="draft", user=None, legacy_key=None
):
    """Create or update the story for one release text; return an ``ItemResult``.

    ``key`` identifies the file across runs ("text:<unit id>:<relative name>"). Runs in its
    own transaction: a failure leaves nothing behind. A published story is never rewritten:
    a changed file for it raises ``ImportFailure``.
    """
    from .. import publishing
    from ..models import Article, AuditEntry

    parsed = parse_release(text)
    digest = fingerprint(PARSER_VERSION, parsed.content())
    result = ItemResult(name=name, outcome=IMPORTED, title=parsed.title, notes=list(parsed.notes))

    with transaction.atomic():
        article = find_release(key, legacy_key, unit)
        if article is not None and article.import_fingerprint == digest:
            result.outcome, result.article_id = UNCHANGED, article.pk
            return result
        if article is not None and article.status == Article.Status.PUBLISHED:
            raise ImportFailure(
                _(
                    "Perlu ditinjau: berkas ini berbeda dari berita “%(title)s” yang sudah "
                    "terbit. Berita terbit tidak diubah oleh impor; sunting lewat admin atau "
                    "impor dengan nama berkas lain."
                )
                % {"title": article.title}
            )
        fields = parsed.content()
        if article is None:
            article = Article(
                unit=unit,
                category=category,
                import_key=key,
                slug=unique_slug(parsed.title),
                # Imported material goes to an editor before the public unless told otherwise.
                status=Article.Status.REVIEW
                if status == Article.Status.REVIEW
                else Article.Status.DRAFT,
                writer=user,
            )
            summary = _("Impor dari berkas %(name)s") % {"name": name}
        else:
            result.outcome = UPDATED
            summary = _("Impor ulang: berkas %(name)s berubah") % {"name": name}
        article.title = fields["title"]
        article.body = fields["body"]
        article.lead = fields["lead"]
        article.dateline = fields["dateline"]
        article.source_name = fields["source_name"]
        article.source_url = fields["source_url"]
        article.event_date = parsed.event_date
        article.byline = fields["byline"]
        article.photographer = fields["photographer"]
        article.import_fingerprint = digest
        publishing.save_story(article, user, summary=summary)
        article.tags.set(parsed.tags, clear=True)
        set_references(article, parsed.references)
        if result.outcome == IMPORTED and status == Article.Status.PUBLISHED:
            publishing.publish(article, user, at=publish_time_for(parsed, unit))
        publishing.log(
            AuditEntry.Action.IMPORT,
            user,
            article=article,
            unit=unit,
            target=article.import_key,
            detail=summary,
        )
    result.article_id = article.pk
    return result
