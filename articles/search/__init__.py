"""How stories are found: one interface over PostgreSQL full-text search and SQLite FTS5.

Both engines index the stems from ``stemming.analyze()``; drafts are indexed too (the admin
searches them) and the public search filters through ``Article.objects.published()``.
"""

import difflib
import hashlib
import json
import re
from collections import defaultdict

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import ExpressionWrapper, F, FloatField, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..sanitize import html_to_text
from .stemming import STOPWORDS, analyze, query_stems, query_words, vocabulary

__all__ = [
    "admin_search",
    "highlight",
    "index_articles",
    "search_articles",
    "similar_articles",
    "suggest",
]

BATCH_SIZE = 500
# Longest query read; the rest is ignored (a 5,000-character paste is not a question).
MAX_QUERY_LENGTH = 200
# A story's relevance counts half after this many years, a third after twice as many.
RECENCY_YEARS = 1.0
# Ranking reads each matching vector: beyond this many matches only the newest are ranked
# (plus the newest that carry the words in their title), so a common word stays fast.
RANKED_CANDIDATES = 2000
_TERM = re.compile(r"^[0-9a-z]+$")
_WEIGHTED = (
    "setweight(to_tsvector('humas', %s), 'A') || setweight(to_tsvector('humas', %s), 'B')"
    " || setweight(to_tsvector('humas', %s), 'C')"
)


def _document(article, tags=None, partners=None):
    """Return the title, keyword and body text the index holds for ``article``.

    ``tags`` and ``partners``: their names when the caller fetched them in bulk.
    """
    if tags is None:
        tags = [tag.name for tag in article.tags.all()]
    if partners is None:
        partners = [f"{p.name} {p.acronym}" for p in article.partners.all()]
    keywords = " ".join([article.lead, *tags, *partners])
    return article.title, keywords, html_to_text(article.body)


def _names_by_story(ids):
    """Return ({story id: tag names}, {story id: partner names}) in two queries."""
    from ..models import Article

    tags, partners = defaultdict(list), defaultdict(list)
    tagged = Article.tags.through.objects.filter(
        content_type__app_label="articles", content_type__model="article", object_id__in=ids
    ).values_list("object_id", "tag__name")
    for story_id, name in tagged:
        tags[story_id].append(name)
    links = Article.partners.through.objects.filter(article_id__in=ids).values_list(
        "article_id", "partner__name", "partner__acronym"
    )
    for story_id, name, acronym in links:
        partners[story_id].append(f"{name} {acronym}")
    return tags, partners


# -- keeping the index current -----------------------------------------------------------------
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
        rows, words = [], set()
        tags, partners = _names_by_story(batch)
        for article in Article.objects.filter(pk__in=batch).only("pk", "title", "lead", "body"):
            texts = _document(article, tags[article.pk], partners[article.pk])
            analyzed = [analyze(text) for text in texts]
            fields = tuple(" ".join(token.stem for token in tokens) for tokens in analyzed)
            fingerprint = hashlib.sha1("\x1f".join(fields).encode()).hexdigest()
            if stored.get(article.pk) != fingerprint:
                rows.append((article.pk, fingerprint, *fields))
                for text, tokens in zip(texts, analyzed, strict=True):
                    words |= vocabulary(text, tokens)
        if rows:
            with transaction.atomic():
                _write(rows)
                _remember(words)


def _remember(words):
    """Add new words to the vocabulary behind "did you mean" (known ones are left alone)."""
    from ..models import SearchTerm

    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word, stem=word_stem) for word, word_stem in sorted(words)],
        ignore_conflicts=True,
        batch_size=1000,
    )


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


# -- matching and ranking ----------------------------------------------------------------------
def _engine_query(terms, *, prefix=False, any_term=False, title_only=False):
    """Return the engine's query text for ``terms`` (stems: letters and digits only).

    ``title_only`` (PostgreSQL only) matches the words where they carry the title's weight.
    """
    terms = [term for term in terms if _TERM.match(term)]
    if connection.vendor == "postgresql":
        labelled = [term + (":A" if title_only else "") for term in terms]
        query = (" | " if any_term else " & ").join(labelled)
        return query + (":*" if prefix else "")
    match = (" OR " if any_term else " ").join(f'"{term}"' for term in terms)
    return match + ("*" if prefix else "")


def _matching(queryset, match):
    """Return ``queryset`` narrowed to stories whose index matches ``match``."""
    if connection.vendor == "postgresql":
        return queryset.filter(
            search_document__vector=SearchQuery(match, config="humas", search_type="raw")
        )
    return queryset.filter(
        pk__in=RawSQL(
            "SELECT rowid FROM articles_search_fts WHERE articles_search_fts MATCH %s", [match]
        )
    )


def _relevance(match):
    """Return the expression scoring a matching story (title over lead and tags over body)."""
    if connection.vendor == "postgresql":
        return SearchRank(
            F("search_document__vector"), SearchQuery(match, config="humas", search_type="raw")
        )
    return RawSQL(
        "(SELECT -bm25(articles_search_fts, 10.0, 4.0, 1.0) FROM articles_search_fts"
        " WHERE articles_search_fts MATCH %s AND rowid = articles_article.id)",
        [match],
        output_field=FloatField(),
    )


def _recency():
    """Return the expression that shrinks a story's score with its age (1 today, ½ a year on)."""
    if connection.vendor == "postgresql":
        age = "GREATEST(EXTRACT(EPOCH FROM (now() - articles_article.publish_at))::float8, 0)"
        return RawSQL(f"1.0 / (1.0 + {age} / %s)", [RECENCY_YEARS * 31_557_600.0], FloatField())
    age = "MAX(julianday('now') - julianday(articles_article.publish_at), 0)"
    return RawSQL(f"1.0 / (1.0 + {age} / %s)", [RECENCY_YEARS * 365.25], FloatField())


def _ranked(stories, terms):
    """Return matching ``stories`` best first: relevance times recency, then newest."""
    match = _engine_query(terms)
    found = _matching(stories, match)
    if connection.vendor == "postgresql":
        # Ranking reads every matched vector: rank the newest matches and the newest title
        # matches only, which keeps a word found in half the archive fast.
        title_match = _engine_query(terms, title_only=True)
        newest = found.order_by("-publish_at").values("pk")[:RANKED_CANDIDATES]
        newest_titles = (
            _matching(stories, title_match).order_by("-publish_at").values("pk")[:RANKED_CANDIDATES]
        )
        found = found.filter(Q(pk__in=newest) | Q(pk__in=newest_titles))
    score = ExpressionWrapper(_relevance(match) * _recency(), output_field=FloatField())
    return found.annotate(search_score=score).order_by("-search_score", "-publish_at", "-pk")


def search_articles(query, *, unit=None, category=None, partner=None, year=None):
    """Return the published stories matching ``query``, most relevant and recent first."""
    from ..models import Article

    terms = query_stems((query or "")[:MAX_QUERY_LENGTH])
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
    return _ranked(stories, terms)


def admin_search(queryset, term):
    """Return ``queryset`` narrowed by the search index (any status; last word as a prefix).

    For the admin changelist and the related-story picker: staff find drafts too, so the
    caller's queryset decides what may be seen.
    """
    if not term or not term.strip():
        return queryset
    terms = query_stems(term[:MAX_QUERY_LENGTH])
    if not terms:
        return queryset.none()
    return _matching(queryset, _engine_query(terms, prefix=True))


def similar_articles(article, *, limit=20):
    """Return {story id: 0..1} for the published stories sharing the most words with ``article``.

    The words are the stems of the title, lead, tags and partners; the score is the engine's
    relevance of those words (any of them) in the other story, scaled so the best is 1.
    """
    from ..models import Article

    title, keywords, _body = _document(article)
    terms = query_stems(f"{title} {keywords}", limit=16)
    if not terms:
        return {}
    match = _engine_query(terms, any_term=True)
    stories = Article.objects.published().exclude(pk=article.pk)
    found = _matching(stories, match)
    if connection.vendor == "postgresql":
        newest = found.order_by("-publish_at").values("pk")[:RANKED_CANDIDATES]
        found = found.filter(pk__in=newest)
    rows = list(
        found.annotate(similarity=_relevance(match))
        .order_by("-similarity", "-pk")
        .values_list("pk", "similarity")[:limit]
    )
    best = max((score for _pk, score in rows), default=0) or 1
    return {pk: max(score, 0) / best for pk, score in rows}


# -- what the reader sees ----------------------------------------------------------------------
def suggest(query, **filters):
    """Return a corrected query when some words are unknown to the index, else ``""``.

    A suggestion is offered only when it finds published stories, so words seen only in
    drafts never leak through it.
    """
    from ..models import SearchTerm

    words = query_words((query or "")[:MAX_QUERY_LENGTH], limit=6)
    lookups = [word_stem for word, word_stem in words if word_stem not in STOPWORDS]
    known = set(SearchTerm.objects.filter(stem__in=lookups).values_list("stem", flat=True))
    corrected, changed = [], False
    for word, word_stem in words:
        replacement = word
        if word_stem not in STOPWORDS and word_stem not in known and not word.isdigit():
            replacement = _closest_word(word) or word
        changed |= replacement != word
        corrected.append(replacement)
    if not changed:
        return ""
    suggestion = " ".join(corrected)
    return suggestion if search_articles(suggestion, **filters).exists() else ""


def _closest_word(word):
    """Return the vocabulary word closest to ``word`` (trigrams on PostgreSQL, difflib else)."""
    from ..models import SearchTerm

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM articles_searchterm WHERE word %% %s"
                " ORDER BY similarity(word, %s) DESC, length(word), word LIMIT 1",
                [word, word],
            )
            row = cursor.fetchone()
        return row[0] if row else ""
    # SQLite: candidates share the first letter and are about as long (typos rarely hit both).
    candidates = list(
        SearchTerm.objects.annotate(length=Length("word"))
        .filter(word__startswith=word[0], length__range=(len(word) - 2, len(word) + 2))
        .order_by("word")
        .values_list("word", flat=True)[:20_000]
    )
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
    return close[0] if close else ""


def highlight(text, query, *, words=30):
    """Return an escaped excerpt of ``text`` around the first match, query words in ``<mark>``.

    Done in Python on both engines: the index holds stems, so only the analyzer knows that
    "menangkap" in the text answers "penangkapan" in the query.
    """
    terms = set(query_stems((query or "")[:MAX_QUERY_LENGTH]))
    tokens = analyze(text or "", keep_stopwords=True)
    if not tokens:
        return ""
    hits = [i for i, token in enumerate(tokens) if token.stem in terms]
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
