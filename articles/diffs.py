"""Readable differences between two versions of a story (revisions, edit conflicts).

Works on ``publishing.snapshot`` data. Each changed field becomes rows of (old, new) HTML,
escaped here; the body is compared paragraph by paragraph as text, and changed words inside
a paragraph are marked with ``<del>``/``<ins>``.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .sanitize import html_to_text

# Block ends: where one paragraph of the body stops and the next begins.
_BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|li|blockquote|pre|figure|figcaption|tr|div|ul|ol|table)\s*>|<br\s*/?>",
    re.IGNORECASE,
)
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


def body_paragraphs(html):
    """Return the body's paragraphs as plain text, in order, empty ones dropped."""
    return [text for part in _BLOCK_END.split(html or "") if (text := html_to_text(part))]


def _mark_words(old, new):
    """Return (old, new) as escaped HTML with the changed words marked."""
    old_words, new_words = old.split(), new.split()
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


def _paragraph_rows(old_paragraphs, new_paragraphs):
    rows = []
    matcher = difflib.SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = old_paragraphs[i1:i2], new_paragraphs[j1:j2]
        if tag == "equal":
            rows += [
                Row("equal", escape(a), escape(b)) for a, b in zip(old_part, new_part, strict=True)
            ]
            continue
        # Pair replaced paragraphs one to one; the rest are plain insertions or deletions.
        paired = min(len(old_part), len(new_part)) if tag == "replace" else 0
        for a, b in zip(old_part[:paired], new_part[:paired], strict=True):
            rows.append(Row("replace", *_mark_words(a, b)))
        for a in old_part[paired:]:
            rows.append(Row("delete", mark_safe(f"<del>{escape(a)}</del>"), ""))  # noqa: S308
        for b in new_part[paired:]:
            rows.append(Row("insert", "", mark_safe(f"<ins>{escape(b)}</ins>")))  # noqa: S308
    return rows


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
