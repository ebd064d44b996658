"""What every importer shares: decoding, fingerprints, slugs, Indonesian dates, references.

Nothing here builds HTTP responses or writes output; commands and the admin report results.
"""

import datetime
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .. import signals


class ImportFailure(ValueError):
    """Input that cannot become a story; the message is shown to the importing editor."""


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------
IMPORTED = "imported"
UPDATED = "updated"
UNCHANGED = "unchanged"
FAILED = "failed"
SKIPPED = "skipped"

OUTCOME_LABELS = {
    IMPORTED: _("diimpor"),
    UPDATED: _("diperbarui"),
    UNCHANGED: _("tidak berubah"),
    FAILED: _("gagal"),
    SKIPPED: _("dilewati"),
}


@dataclass
class ItemResult:
    """What happened to one file or one WordPress post."""

    name: str
    outcome: str
    title: str = ""
    reason: str = ""
    article_id: int | None = None
    notes: list = field(default_factory=list)

    @property
    def outcome_label(self):
        return OUTCOME_LABELS[self.outcome]


@dataclass
class ImportReport:
    """The results of one run, in input order, plus counters for what was left aside."""

    items: list = field(default_factory=list)
    skipped_counts: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    dry_run: bool = False

    def add(self, result):
        self.items.append(result)
        return result

    def count(self, outcome):
        return sum(1 for item in self.items if item.outcome == outcome)

    @property
    def totals(self):
        return {outcome: self.count(outcome) for outcome in OUTCOME_LABELS}

    @property
    def failed(self):
        return [item for item in self.items if item.outcome == FAILED]


# ---------------------------------------------------------------------------
# Text decoding
# ---------------------------------------------------------------------------
def decode_text(data):
    """Return ``data`` (bytes) as text with ``\\n`` line ends.

    Accepts UTF-8 with or without a byte-order mark, UTF-16 with a byte-order mark, and
    falls back to Windows-1252 (a superset of Latin-1 for printable text) for files saved
    by older Windows editors.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise ImportFailure(_("Berkas teks UTF-16 rusak atau terpotong.")) from err
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                # Bytes that Windows-1252 leaves undefined: Latin-1 maps every byte.
                text = data.decode("latin-1")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def fingerprint(*parts):
    """Return a stable SHA-256 hex digest of ``parts`` (any JSON-serialisable values)."""
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------
# Slugs and titles
# ---------------------------------------------------------------------------
def unique_slug(text, *, exclude_pk=None, max_length=200):
    """Return a slug for ``text`` that no other story uses (``-2``, ``-3`` … on clashes)."""
    from ..models import Article

    base = slugify(text)[:max_length].strip("-") or "berita"
    others = Article.objects.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


_NON_WORD = re.compile(r"[^\w]+")


def normalize_title(title):
    """Return ``title`` reduced for matching: case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", title or "")
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _NON_WORD.sub(" ", text.casefold()).strip()[:300]


def truncate_words(text, limit, ellipsis="…"):
    """Return ``text`` cut at a word boundary to at most ``limit`` characters."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ellipsis)].rsplit(" ", 1)[0].rstrip(" ,;:-—–")
    return cut + ellipsis


# Words that end in a full stop without ending the sentence.
_ABBREVIATIONS = {
    "moh",
    "muh",
    "h",
    "hj",
    "dr",
    "drs",
    "ir",
    "prof",
    "kol",
    "pol",
    "bripka",
    "aipda",
    "no",
    "jl",
    "jln",
    "tgl",
    "st",
    "sh",
    "si",
    "m",
    "s",
    "kab",
    "kec",
    "ds",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def split_sentences(text):
    """Return the sentences of ``text`` (a paragraph), keeping titles like "Moh." intact."""
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].rstrip('"”’)')
        last_word = re.split(r"[\s,(]+", before)[-1].rstrip(".!?").casefold()
        # "Moh." and "S.I.K." are titles, not sentence ends.
        if last_word in _ABBREVIATIONS or "." in last_word or len(last_word) == 1:
            continue
        sentences.append(text[start : match.start()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def make_lead(paragraph, limit=300):
    """Return the opening sentences of ``paragraph`` that fit in ``limit`` characters."""
    lead = ""
    for sentence in split_sentences(paragraph):
        candidate = f"{lead} {sentence}".strip()
        if len(candidate) > limit:
            break
        lead = candidate
    return lead or truncate_words(paragraph, limit)


# ---------------------------------------------------------------------------
# Indonesian dates
# ---------------------------------------------------------------------------
MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "pebruari": 2,
    "feb": 2,
    "maret": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agus": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "desember": 12,
    "des": 12,
}
WEEKDAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "jum’at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
}

_WEEKDAY = r"(?P<weekday>Senin|Selasa|Rabu|Kamis|Jum['’]?at|Sabtu|Minggu|Ahad)"
_NUMERIC = r"(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4}|\d{2})\b"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WORDED = rf"(?P<wday>\d{{1,2}})\s+(?P<wmonth>{_MONTH_NAMES})\.?\s+(?P<wyear>\d{{4}})\b"

_DATE_PATTERNS = [
    # "Selasa (15/7/2025)", "Selasa, 15/07/2025", "Selasa 15 Juli 2025"
    re.compile(rf"\b{_WEEKDAY}\s*,?\s*\(?\s*(?:{_NUMERIC}|{_WORDED})", re.IGNORECASE),
    # "(10/03/2020)", "15-07-2025"
    re.compile(rf"(?<![\d/])\(?{_NUMERIC}", re.IGNORECASE),
    # "15 Juli 2025"
    re.compile(rf"\b{_WORDED}", re.IGNORECASE),
]
# A weekday alone, only where it clearly names a day ("pada Rabu", "hari Kamis"): "minggu"
# alone also means "week".
_WEEKDAY_ONLY = re.compile(rf"\b(?:pada|hari|Pada|Hari)\s+(?:ini\s+)?{_WEEKDAY}\b")


@dataclass
class FoundDate:
    date: datetime.date | None
    weekday: int | None
    text: str


def _year(value):
    year = int(value)
    return year + 2000 if year < 100 else year


def find_event_date(text):
    """Return the first date the text names (as ``FoundDate``), or ``None``.

    Indonesian order is always day/month/year. A weekday alone ("pada Rabu") gives
    ``date=None`` and ``weekday`` set: the text does not say which week.
    """
    best = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            try:
                if groups.get("day"):
                    found = datetime.date(
                        _year(groups["year"]), int(groups["month"]), int(groups["day"])
                    )
                else:
                    found = datetime.date(
                        int(groups["wyear"]),
                        MONTHS[groups["wmonth"].casefold()],
                        int(groups["wday"]),
                    )
            except ValueError:
                continue  # 31/02 or a version number: not a date
            if not 1990 <= found.year <= 2100:
                continue
            weekday = groups.get("weekday")
            result = FoundDate(
                found, WEEKDAYS.get(weekday.casefold()) if weekday else None, match.group(0)
            )
            if best is None or match.start() < best[0]:
                best = (match.start(), result)
            break
    if best:
        return best[1]
    match = _WEEKDAY_ONLY.search(text)
    if match:
        return FoundDate(None, WEEKDAYS[match.group("weekday").casefold()], match.group(0))
    return None


def resolve_weekday(weekday, reference):
    """Return the latest date on or before ``reference`` falling on ``weekday`` (0 = Senin)."""
    return reference - datetime.timedelta(days=(reference.weekday() - weekday) % 7)


# ---------------------------------------------------------------------------
# "BACA JUGA" references
# ---------------------------------------------------------------------------
def set_references(article, titles):
    """Make ``article``'s reference list exactly ``titles`` (in order), keeping resolutions."""
    from ..models import RelatedReference

    wanted = {}
    for title in titles:
        normalized = normalize_title(title)
        if normalized and normalized not in wanted:
            wanted[normalized] = title[:300]
    existing = {ref.normalized_title: ref for ref in article.related_references.all()}
    for normalized, ref in existing.items():
        if normalized not in wanted:
            ref.delete()
    for position, (normalized, title) in enumerate(wanted.items()):
        ref = existing.get(normalized)
        if ref is None:
            RelatedReference.objects.create(
                article=article, title=title, normalized_title=normalized, position=position
            )
        elif ref.position != position or ref.title != title:
            ref.position, ref.title = position, title
            ref.save(update_fields=["position", "title"])


def resolve_references():
    """Link every waiting "BACA JUGA" reference whose story now exists; return how many.

    Runs at the end of every import, so a reference to a story imported later is linked
    then. A link becomes a manual related-story pick in the reference's position. Only
    stories the public sees or stories of the referring story's unit tree are targets;
    another unit's draft leaves the reference waiting.
    """
    from ..models import Article, RelatedArticle, RelatedReference

    waiting = list(
        RelatedReference.objects.filter(resolved__isnull=True).select_related("article__unit")
    )
    if not waiting:
        return 0
    linked, changed = 0, set()
    for ref in waiting:
        words = sorted(ref.normalized_title.split(), key=len, reverse=True)
        if not words:
            continue
        # Only a story the public sees or one of the referring story's own unit tree: the
        # editors of that story must be able to see (and keep) the link.
        visible = Article.objects.published() | Article.objects.filter(
            unit__path__startswith=ref.article.unit.path
        )
        candidates = visible.exclude(pk=ref.article_id).filter(title__icontains=words[0])
        target = next(
            (
                story
                for story in candidates.only("pk", "title").order_by("pk")
                if normalize_title(story.title) == ref.normalized_title
            ),
            None,
        )
        if target is None:
            continue
        ref.resolved = target
        ref.save(update_fields=["resolved"])
        RelatedArticle.objects.get_or_create(
            article=ref.article,
            target=target,
            defaults={"is_manual": True, "position": ref.position},
        )
        changed.add(ref.article)
        linked += 1
    for article in changed:
        _announce(article)
    return linked


def _announce(article):
    """Tell the caches and the search index (after commit) that ``article`` changed."""

    def send():
        signals.article_changed.send(
            sender=type(article), article=article, old_urls=[], public_changed=article.is_public()
        )

    transaction.on_commit(send)
