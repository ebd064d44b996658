"""How stories are found: one interface over PostgreSQL full-text search and SQLite FTS5.

Both engines index the stems from ``stemming.analyze()``; drafts are indexed too (the admin
searches them) and the public search filters through ``Article.objects.published()``.
"""

import hashlib
import json

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from ..sanitize import html_to_text
from .stemming import query_stems, stems

__all__ = ["admin_search", "index_articles", "search_articles"]

BATCH_SIZE = 500
_WEIGHTED = (
    "setweight(to_tsvector('humas', %s), 'A') || setweight(to_tsvector('humas', %s), 'B')"
    " || setweight(to_tsvector('humas', %s), 'C')"
)


def _document(article):
    """Return the title, keyword and body text the index holds for ``article``."""
    keywords = " ".join(
        [article.lead, *(tag.name for tag in article.tags.all())]
        + [f"{p.name} {p.acronym}" for p in article.partners.all()]
    )
    return stems(article.title), stems(keywords), stems(html_to_text(article.body))


def index_articles(ids):
    """Bring the index up to date for the stories with these ids (unchanged ones are skipped)."""
    from ..models import Article, SearchDocument

    ids = list(ids.values_list("pk", flat=True)) if hasattr(ids, "values_list") else list(ids)
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        stored = dict(
            SearchDocument.objects.filter(article_id__in=batch).values_list(
                "article_id", "fingerprint"
            )
        )
        rows = []
        for article in Article.objects.filter(pk__in=batch).prefetch_related("tags", "partners"):
            fields = _document(article)
            fingerprint = hashlib.sha1("\x1f".join(fields).encode()).hexdigest()
            if stored.get(article.pk) != fingerprint:
                rows.append((article.pk, fingerprint, *fields))
        if rows:
            with transaction.atomic():
                _write(rows)


def _write(rows):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                "INSERT INTO articles_searchdocument (article_id, fingerprint, indexed_at, vector)"
                f" VALUES (%s, %s, now(), {_WEIGHTED}) ON CONFLICT (article_id) DO UPDATE SET"
                " fingerprint = EXCLUDED.fingerprint, indexed_at = EXCLUDED.indexed_at,"
                " vector = EXCLUDED.vector",
                rows,
            )
            return
        cursor.executemany(
            "INSERT INTO articles_searchdocument (article_id, fingerprint, indexed_at)"
            " VALUES (%s, %s, datetime('now')) ON CONFLICT (article_id) DO UPDATE SET"
            " fingerprint = excluded.fingerprint, indexed_at = excluded.indexed_at",
            [row[:2] for row in rows],
        )
        ids = [row[0] for row in rows]
        cursor.execute(
            "DELETE FROM articles_search_fts WHERE rowid IN (SELECT value FROM json_each(%s))",
            [json.dumps(ids)],
        )
        cursor.executemany(
            "INSERT INTO articles_search_fts (rowid, title, keywords, body) VALUES (%s, %s, %s, %s)",
            [(row[0], *row[2:]) for row in rows],
        )


def _matching(queryset, terms, *, prefix=False):
    """Return ``queryset`` narrowed to stories whose index matches every term, best first."""
    if connection.vendor == "postgresql":
        tsquery = " & ".join(terms) + (":*" if prefix else "")
        return (
            queryset.filter(
                pk__in=RawSQL(
                    "SELECT article_id FROM articles_searchdocument"
                    " WHERE vector @@ to_tsquery('humas', %s)",
                    [tsquery],
                )
            ),
            tsquery,
        )
    match = " ".join(f'"{term}"' for term in terms) + ("*" if prefix else "")
    return (
        queryset.filter(
            pk__in=RawSQL(
                "SELECT rowid FROM articles_search_fts WHERE articles_search_fts MATCH %s", [match]
            )
        ),
        match,
    )


def search_articles(query, *, unit=None, category=None, partner=None, year=None):
    """Return the published stories matching ``query``, most relevant and recent first."""
    from ..models import Article

    terms = query_stems((query or "")[:200])
    stories = Article.objects.published().for_listing()
    if not terms:
        return stories.none()
    if unit is not None:
        stories = stories.in_units(unit)
    if category is not None:
        stories = stories.filter(category=category)
    if partner is not None:
        stories = stories.filter(partners=partner)
    if year is not None:
        stories = stories.filter(publish_at__year=year)
    stories, match = _matching(stories, terms)
    if connection.vendor == "postgresql":
        score = RawSQL(
            "(SELECT ts_rank(vector, to_tsquery('humas', %s)) FROM articles_searchdocument"
            " WHERE article_id = articles_article.id)",
            [match],
        )
    else:
        score = RawSQL(
            "(SELECT -bm25(articles_search_fts, 10.0, 4.0, 1.0) FROM articles_search_fts"
            " WHERE articles_search_fts MATCH %s AND rowid = articles_article.id)",
            [match],
        )
    return stories.annotate(search_score=score).order_by("-search_score", "-publish_at")


def admin_search(queryset, term):
    """Return ``queryset`` narrowed by the search index (any status; last word as a prefix)."""
    terms = query_stems(term or "")
    if not term or not term.strip():
        return queryset
    if not terms:
        return queryset.none()
    return _matching(queryset, terms, prefix=True)[0]


def highlight(text, query, *, words=30):
    """Return an escaped excerpt of ``text`` around the first match, query words in ``<mark>``."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    from .stemming import analyze

    terms = set(query_stems((query or "")[:200]))
    tokens = analyze(text or "", keep_stopwords=True)
    hits = [i for i, token in enumerate(tokens) if token.stem in terms]
    if not tokens:
        return ""
    first = max(0, (hits[0] if hits else 0) - 8)
    window = tokens[first : first + words]
    parts, cursor = [], window[0].start
    for token in window:
        parts.append(escape(text[cursor : token.start]))
        word = escape(text[token.start : token.end])
        parts.append(f"<mark>{word}</mark>" if token.stem in terms else word)
        cursor = token.end
    prefix = "… " if first else ""
    suffix = " …" if first + words < len(tokens) else ""
    return mark_safe(prefix + "".join(parts) + suffix)
