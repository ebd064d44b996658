"""Readable differences between two versions of a story (revisions, edit conflicts).

Works on ``publishing.snapshot`` data. Each changed field becomes rows of (old, new) HTML,
escaped here; the body is compared paragraph by paragraph as text that also names link
addresses and the block type (so a swapped link or a heading level shows), changed words inside
a paragraph are marked with ``<del>``/``<ins>``, and a paragraph whose text is the same but
whose markup (bold, italic) differs is marked as a change of format.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import NamedTuple

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _, ngettext

# Block ends: where one paragraph of the body stops and the next begins (and <br>).
_BLOCK_TAGS = {"p", "li", "blockquote", "pre", "figure", "figcaption", "tr", "div", "ul", "ol"}
_BLOCK_TAGS |= {"table", "h1", "h2", "h3", "h4", "h5", "h6"}
_VOID_TAGS = {"br", "img", "hr", "wbr"}
_FORMAT_ATTRS = {"title"}
# Above this many words in either version of a paragraph, word-level marking (quadratic in
# the words) would cost seconds on every diff page: the paragraph is marked changed whole.
WORD_DIFF_BUDGET = 1500
# Unchanged paragraphs kept around each change; longer runs collapse into one row.
CONTEXT_PARAGRAPHS = 2
_RELATED = {
    "unit_id": ("articles", "Unit"),
    "category_id": ("articles", "Category"),
    "writer_id": ("articles", "User"),
    "editor_id": ("articles", "User"),
    "featured_photo_id": ("articles", "Photo"),
}
EMPTY = "—"


@dataclass
class Row:
    """One line of a side-by-side comparison: ``kind`` is equal, insert, delete or replace."""

    kind: str
    old: str
    new: str


@dataclass
class FieldDiff:
    name: str
    label: str
    rows: list = field(default_factory=list)


class Paragraph(NamedTuple):
    """One block of the body: the text an editor compares, and its markup for format changes.

    ``text`` is the visible text with each link's address after it ("teks [https://…]") and
    the block type in front of headings, list items and quotes.
    """

    text: str
    markup: tuple


class _BodyParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = []
        self.open_tags = []
        self.links = []
        self._reset()

    def _reset(self):
        self.pieces, self.markup = [], []

    def _prefix(self):
        for tag in reversed(self.open_tags):
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                return _("[judul %(level)s]") % {"level": tag.upper()} + " "
            if tag == "li":
                return "• "
            if tag == "blockquote":
                return _("[kutipan]") + " "
        return ""

    def flush(self):
        text = re.sub(r"\s+", " ", "".join(self.pieces)).strip()
        if text:
            self.paragraphs.append(Paragraph(self._prefix() + text, tuple(self.markup)))
        self._reset()

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.flush()
            return
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        # The address is in the text; rel is the sanitizer's, not the editor's.
        attrs = tuple(sorted((name, value or "") for name, value in attrs if name in _FORMAT_ATTRS))
        if tag not in _VOID_TAGS:
            self.open_tags.append(tag)
        if tag not in _BLOCK_TAGS:
            self.markup.append(("start", tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.pieces.append(f" [{href}] ")
        if tag in _BLOCK_TAGS:
            self.flush()
        else:
            self.markup.append(("end", tag))
        if tag in self.open_tags:
            del self.open_tags[len(self.open_tags) - 1 - self.open_tags[::-1].index(tag) :]

    def handle_data(self, data):
        self.pieces.append(data)
        self.markup.append(("text", re.sub(r"\s+", " ", data)))


def body_paragraphs(html):
    """Return the body's paragraphs (``Paragraph``), in order, empty ones dropped."""
    parser = _BodyParser()
    parser.feed(html or "")
    parser.close()
    parser.flush()
    return parser.paragraphs


def _mark_words(old, new):
    """Return (old, new) as escaped HTML with the changed words marked."""
    old_words, new_words = old.split(), new.split()
    if max(len(old_words), len(new_words)) > WORD_DIFF_BUDGET:
        return _mark_whole(old), _mark_whole(new, "ins")
    left, right = [], []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before = escape(" ".join(old_words[i1:i2]))
        after = escape(" ".join(new_words[j1:j2]))
        if tag == "equal":
            left.append(before)
            right.append(after)
            continue
        if before:
            left.append(f"<del>{before}</del>")
        if after:
            right.append(f"<ins>{after}</ins>")
    return mark_safe(" ".join(left)), mark_safe(" ".join(right))  # noqa: S308 (escaped above)


def _mark_whole(text, tag="del"):
    return mark_safe(f"<{tag}>{escape(text)}</{tag}>" if text else "")  # noqa: S308


def _format_rows(a, b):
    """Return the row of a paragraph whose text is unchanged but whose markup changed."""
    note = f'<span class="diff-note">({escape(_("perubahan format"))})</span>'
    return Row(
        "replace",
        escape(a.text),
        mark_safe(f"{escape(b.text)} {note}"),  # noqa: S308 (escaped above)
    )


def _paragraph_rows(old_paragraphs, new_paragraphs):
    rows = []
    matcher = difflib.SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = old_paragraphs[i1:i2], new_paragraphs[j1:j2]
        if tag == "equal":
            rows += [
                Row("equal", escape(a.text), escape(b.text))
                for a, b in zip(old_part, new_part, strict=True)
            ]
            continue
        # Pair replaced paragraphs one to one; the rest are plain insertions or deletions.
        paired = min(len(old_part), len(new_part)) if tag == "replace" else 0
        for a, b in zip(old_part[:paired], new_part[:paired], strict=True):
            if a.text == b.text:
                rows.append(_format_rows(a, b))
            else:
                rows.append(Row("replace", *_mark_words(a.text, b.text)))
        for a in old_part[paired:]:
            rows.append(Row("delete", _mark_whole(a.text), ""))
        for b in new_part[paired:]:
            rows.append(Row("insert", "", _mark_whole(b.text, "ins")))
    return _collapse_unchanged(rows)


def _collapse_unchanged(rows):
    """Replace each long run of unchanged rows, beyond the context kept, by one "skip" row."""
    collapsed, start = [], 0
    while start < len(rows):
        if rows[start].kind != "equal":
            collapsed.append(rows[start])
            start += 1
            continue
        end = start
        while end < len(rows) and rows[end].kind == "equal":
            end += 1
        keep_before = CONTEXT_PARAGRAPHS if start > 0 else 0
        keep_after = CONTEXT_PARAGRAPHS if end < len(rows) else 0
        hidden = (end - start) - keep_before - keep_after
        if hidden < 2:
            collapsed += rows[start:end]
        else:
            message = ngettext(
                "… %(count)s paragraf tidak berubah …",
                "… %(count)s paragraf tidak berubah …",
                hidden,
            ) % {"count": hidden}
            collapsed += rows[start : start + keep_before]
            collapsed.append(Row("skip", escape(message), ""))
            collapsed += rows[end - keep_after : end]
        start = end
    return collapsed


def _names(contents):
    """Return {field: {pk: name}} for the related objects both versions mention."""
    from django.apps import apps

    from .models import Partner

    wanted = {}
    for name, (app_label, model_name) in _RELATED.items():
        ids = {content.get(name) for content in contents} - {None}
        if ids:
            wanted.setdefault((app_label, model_name), set()).update(ids)
    found = {}
    for (app_label, model_name), ids in wanted.items():
        model = apps.get_model(app_label, model_name)
        found[model_name] = {obj.pk: _display(obj) for obj in model.objects.filter(pk__in=ids)}
    partner_ids = set().union(*(content.get("partner_ids") or [] for content in contents))
    if partner_ids:
        found["Partner"] = {p.pk: str(p) for p in Partner.objects.filter(pk__in=partner_ids)}
    return found


def _display(obj):
    full_name = getattr(obj, "get_full_name", None)
    return (full_name() if full_name else "") or str(obj)


def _label(name):
    from .models import Article

    if name == "tags":
        return _("Tagar")
    if name == "partner_ids":
        return _("Mitra")
    model_field = Article._meta.get_field(name.removesuffix("_id"))
    return str(model_field.verbose_name).capitalize()


def _text(name, value, names):
    """Return a field's value as the text an editor reads."""
    from .models import Article

    if value in (None, "", []):
        return EMPTY
    if name in _RELATED:
        model_name = _RELATED[name][1]
        return names.get(model_name, {}).get(value, f"#{value}")
    if name == "partner_ids":
        return ", ".join(names.get("Partner", {}).get(pk, f"#{pk}") for pk in value)
    if name == "tags":
        return ", ".join(value)
    if name == "status":
        return str(Article.Status(value).label) if value in Article.Status.values else value
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if name in ("publish_at", "expire_at"):
        moment = datetime.datetime.fromisoformat(value)
        return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")
    return str(value)


def field_order(*contents):
    from .publishing import CONTENT_FIELDS, STATE_FIELDS

    order = [*CONTENT_FIELDS, *STATE_FIELDS, "tags", "partner_ids"]
    extra = sorted({key for content in contents for key in content} - set(order))
    return [name for name in order + extra if any(name in content for content in contents)]


def diff_contents(old, new):
    """Return a FieldDiff for every field that differs between two snapshots."""
    names = _names([old, new])
    changes = []
    for name in field_order(old, new):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        diff = FieldDiff(name=name, label=_label(name))
        if name == "body":
            diff.rows = _paragraph_rows(body_paragraphs(before), body_paragraphs(after))
        else:
            old_text, new_text = _text(name, before, names), _text(name, after, names)
            if name in ("title", "lead", "dateline", "byline", "slug"):
                diff.rows = [Row("replace", *_mark_words(old_text, new_text))]
            else:
                diff.rows = [Row("replace", escape(old_text), escape(new_text))]
        changes.append(diff)
    return changes
