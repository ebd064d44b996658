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
from django.db.models import ExpressionWrapper, F, FloatField
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
# Most results a reader can page through (and the count's cap: "more than 200").
MAX_RESULTS = 200
# Ranking reads the newest title and keyword matches, this many per result asked for.
HEAD_POOL_FACTOR = 5
# similar_articles(): the newest candidates ranked.
SIMILAR_CANDIDATES = 300
# What a match in the body alone scores before recency (both words in the title: about 1).
BODY_SCORE = 0.15
_TERM = re.compile(r"^[0-9a-z]+$")
# PostgreSQL: ``vector`` only matches (positions stripped: smaller rows, fewer pages read);
# ``head`` (title A, keywords B) ranks.
_VECTOR = "strip(to_tsvector('humas', %s || ' ' || %s || ' ' || %s))"
_HEAD = "setweight(to_tsvector('humas', %s), 'A') || setweight(to_tsvector('humas', %s), 'B')"


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
    """Bring the index up to date for the stories with these ids; return how many were written.

    Unchanged stories (same fingerprint) are skipped.
    """
    from ..models import Article, SearchDocument

    ids = list(ids.values_list("pk", flat=True)) if hasattr(ids, "values_list") else list(ids)
    written = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        stored = dict(
            SearchDocument.objects.filter(article_id__in=batch).values_list(
                "article_id", "fingerprint"
            )
        )
        rows, words = [], set()
        tags, partners = _names_by_story(batch)
        stories = Article.objects.filter(pk__in=batch).only(
            "pk", "title", "lead", "body", "status", "publish_at", "expire_at"
        )
        for article in stories:
            texts = _document(article, tags[article.pk], partners[article.pk])
            analyzed = [analyze(text) for text in texts]
            fields = tuple(" ".join(token.stem for token in tokens) for tokens in analyzed)
            visibility = (article.status, article.publish_at, article.expire_at)
            fingerprint = hashlib.sha1(
                "\x1f".join([*fields, *map(str, visibility)]).encode()
            ).hexdigest()
            if stored.get(article.pk) != fingerprint:
                rows.append((article.pk, fingerprint, *_adapted(visibility), *fields))
                for text, tokens in zip(texts, analyzed, strict=True):
                    words |= vocabulary(text, tokens)
        if rows:
            with transaction.atomic():
                _write(rows)
                _remember(words)
            written += len(rows)
    return written


def _adapted(visibility):
    status, publish_at, expire_at = visibility
    adapt = connection.ops.adapt_datetimefield_value
    return status, adapt(publish_at), adapt(expire_at)


def _remember(words):
    """Add new words to the vocabulary behind "did you mean" (known ones are left alone)."""
    from ..models import SearchTerm

    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word, stem=word_stem) for word, word_stem in sorted(words)],
        ignore_conflicts=True,
        batch_size=1000,
    )


def _write(rows):
    """Upsert rows of (id, fingerprint, status, publish_at, expire_at, title, keywords, body)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                "INSERT INTO articles_searchdocument (article_id, fingerprint, status, publish_at,"
                f" expire_at, indexed_at, vector, head) VALUES (%s, %s, %s, %s, %s, now(), {_VECTOR},"
                f" {_HEAD})"
                " ON CONFLICT (article_id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,"
                " status = EXCLUDED.status, publish_at = EXCLUDED.publish_at,"
                " expire_at = EXCLUDED.expire_at, indexed_at = EXCLUDED.indexed_at,"
                " vector = EXCLUDED.vector, head = EXCLUDED.head",
                [(*row, *row[5:7]) for row in rows],
            )
            return
        cursor.executemany(
            "INSERT INTO articles_searchdocument (article_id, fingerprint, status, publish_at,"
            " expire_at, indexed_at) VALUES (%s, %s, %s, %s, %s, datetime('now'))"
            " ON CONFLICT (article_id) DO UPDATE SET fingerprint = excluded.fingerprint,"
            " status = excluded.status, publish_at = excluded.publish_at,"
            " expire_at = excluded.expire_at, indexed_at = excluded.indexed_at",
            [row[:5] for row in rows],
        )
        ids = [row[0] for row in rows]
        cursor.execute(
            "DELETE FROM articles_search_fts WHERE rowid IN (SELECT value FROM json_each(%s))",
            [json.dumps(ids)],
        )
        cursor.executemany(
            "INSERT INTO articles_search_fts (rowid, title, keywords, body) VALUES (%s, %s, %s, %s)",
            [(row[0], *row[5:]) for row in rows],
        )


# -- matching and ranking ----------------------------------------------------------------------
def _engine_query(terms, *, prefix=False, any_term=False):
    """Return the engine's query text for ``terms`` (stems: letters and digits only)."""
    terms = [term for term in terms if _TERM.match(term)]
    if connection.vendor == "postgresql":
        query = (" | " if any_term else " & ").join(terms)
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
            F("search_document__head"), SearchQuery(match, config="humas", search_type="raw")
        )
    return RawSQL(
        "(SELECT -bm25(articles_search_fts, 10.0, 4.0, 1.0) FROM articles_search_fts"
        " WHERE articles_search_fts MATCH %s AND rowid = articles_article.id)",
        [match],
        output_field=FloatField(),
    )


def _recency(column="articles_article.publish_at"):
    """Return the expression that shrinks a story's score with its age (1 today, ½ a year on)."""
    if connection.vendor == "postgresql":
        age = f"GREATEST(EXTRACT(EPOCH FROM (now() - {column}))::float8, 0)"
        return RawSQL(f"1.0 / (1.0 + {age} / %s)", [RECENCY_YEARS * 31_557_600.0], FloatField())
    age = f"MAX(julianday('now') - julianday({column}), 0)"
    return RawSQL(f"1.0 / (1.0 + {age} / %s)", [RECENCY_YEARS * 365.25], FloatField())


class SearchResults:
    """The published stories matching a query, best first, read a page at a time.

    The same shape on both engines, built for a large archive where a common word matches
    most stories: counting stops at ``MAX_RESULTS`` + 1 (the page then says "more than 200")
    and readers page through the first ``MAX_RESULTS`` results. A page's stories are read
    through ``Article.objects.published()`` itself.

    ``matches``: the matching stories, unordered (counted); ``ranked(stop)``: their ids, best
    first, exact at least up to position ``stop``.
    """

    ordered = True

    def __init__(self, matches, ranked):
        self._matches = matches
        self._ranked = ranked
        self._total = None

    @classmethod
    def from_index(cls, visible, query):
        """Build PostgreSQL's results from the index table alone (no join while ranking).

        ``visible``: the index rows of public stories (its copy of each story's visibility,
        the same rule as ``published()``; a stale copy can hide a story, never show a draft).
        Ranking reads a pool sized for the page asked for, never the whole match: a match in
        the body alone scores ``BODY_SCORE`` times its recency, so the newest ``stop`` matches
        hold every body-only result up to ``stop``; title and keyword matches (``head``) come
        from the newest ``HEAD_POOL_FACTOR`` × ``stop`` of them.
        """
        from ..models import SearchDocument

        documents = visible.filter(vector=query)
        score = (SearchRank(F("head"), query) + BODY_SCORE) * _recency(
            "articles_searchdocument.publish_at"
        )

        def ranked(stop):
            head_pool = min(MAX_RESULTS, HEAD_POOL_FACTOR * stop)
            newest = documents.order_by("-publish_at").values("pk")[:stop]
            newest_head = visible.filter(head=query).order_by("-publish_at").values("pk")
            return (
                SearchDocument.objects.filter(pk__in=newest.union(newest_head[:head_pool]))
                .annotate(search_score=ExpressionWrapper(score, output_field=FloatField()))
                .order_by("-search_score", "-publish_at", "-pk")
                .values_list("pk", flat=True)
            )

        return cls(documents, ranked)

    def total(self):
        """Return how many stories match, counting no further than ``MAX_RESULTS`` + 1."""
        if self._total is None:
            self._total = self._matches.values("pk")[: MAX_RESULTS + 1].count()
        return self._total

    def more_than(self):
        """Return the cap when more stories match than were counted, else 0."""
        return MAX_RESULTS if self.total() > MAX_RESULTS else 0

    def count(self):
        return min(self.total(), MAX_RESULTS)

    def __len__(self):
        return self.count()

    def exists(self):
        return self._matches.exists()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop = index.start or 0, min(index.stop or MAX_RESULTS, MAX_RESULTS)
        if stop <= start:
            return []
        return self._stories(list(self._ranked(stop)[start:stop]))

    def __iter__(self):
        return iter(self[:MAX_RESULTS])

    @staticmethod
    def _stories(ids):
        from ..models import Article

        # Result cards show no tags: skip their prefetch (taggit builds one queryset per story).
        stories = Article.objects.published().for_listing().prefetch_related(None).in_bulk(ids)
        return [stories[pk] for pk in ids if pk in stories]


def search_articles(query, *, unit=None, category=None, partner=None, year=None):
    """Return the published stories matching ``query``, most relevant and recent first.

    A ``SearchResults`` (counts, slices and iterates like a queryset) on both engines.
    """
    from ..models import Article, SearchDocument

    terms = query_stems((query or "")[:MAX_QUERY_LENGTH])
    if not terms:
        return SearchResults(Article.objects.none(), lambda stop: Article.objects.none())
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(_engine_query(terms), config="humas", search_type="raw")
        documents = SearchDocument.objects.published()
        if unit is not None:
            documents = documents.filter(article__unit__path__startswith=unit.path)
        if category is not None:
            documents = documents.filter(article__category=category)
        if partner is not None:
            documents = documents.filter(article__partners=partner)
        if year is not None:
            documents = documents.filter(publish_at__year=year)
        return SearchResults.from_index(documents, tsquery)
    stories = Article.objects.published()
    if unit is not None:
        stories = stories.in_units(unit)
    if category is not None:
        stories = stories.filter(category=category)
    if partner is not None:
        stories = stories.filter(partners=partner)
    if year is not None:
        stories = stories.filter(publish_at__year=year)
    match = _engine_query(terms)
    return SearchResults(_matching(stories, match), lambda stop: _fts_ranked(stories, match, stop))


def _fts_ranked(stories, match, stop):
    """Return the ids of the best ``stop`` matches on SQLite: bm25 times recency, one pass.

    FTS5 computes bm25 once per match when the MATCH drives the query (a per-story subquery
    would search again for every story); the public rule and the filters come in as the
    ``stories`` subquery.
    """
    allowed, params = stories.values("pk").query.sql_with_params()
    recency, recency_params = _recency().as_sql(None, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT articles_search_fts.rowid FROM articles_search_fts"
            " JOIN articles_article ON articles_article.id = articles_search_fts.rowid"
            # Constrain the story's id, not the FTS rowid: FTS5 would rerun the MATCH per value.
            f" WHERE articles_search_fts MATCH %s AND articles_article.id IN ({allowed})"
            f" ORDER BY -bm25(articles_search_fts, 10.0, 4.0, 1.0) * {recency} DESC,"
            " articles_article.publish_at DESC, articles_article.id DESC LIMIT %s",
            [match, *params, *recency_params, stop],
        )
        return [row[0] for row in cursor.fetchall()]


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


def similar_articles(article, *, limit=20, stories=None):
    """Return {story id: 0..1} for the published stories sharing the most words with ``article``.

    The words are the stems of the title, lead, tags and partners; the score is the engine's
    relevance of those words (any of them) in the other story, scaled so the best is 1. Only
    the newest ``SIMILAR_CANDIDATES`` matches are ranked, on both engines (a common word would
    otherwise rank most of the archive). ``stories``: where to look (default: published).
    """
    from ..models import Article

    title, keywords, _body = _document(article)
    terms = query_stems(f"{title} {keywords}", limit=16)
    if not terms:
        return {}
    match = _engine_query(terms, any_term=True)
    if stories is None:
        stories = Article.objects.published()
    found = _matching(stories.exclude(pk=article.pk), match)
    newest = found.order_by("-publish_at").values("pk")[:SIMILAR_CANDIDATES]
    if connection.vendor == "postgresql":
        rows = list(
            Article.objects.filter(pk__in=newest)
            .annotate(similarity=_relevance(match))
            .order_by("-similarity", "-pk")
            .values_list("pk", "similarity")[:limit]
        )
    else:
        rows = _fts_similar(newest, match, limit)
    best = max((score for _pk, score in rows), default=0) or 1
    return {pk: max(score, 0) / best for pk, score in rows}


def _fts_similar(candidates, match, limit):
    """Return [(id, bm25 relevance)] of the best ``limit`` ``candidates`` on SQLite, one pass.

    One MATCH scores every candidate (a relevance subquery per story would search again each).
    """
    allowed, params = candidates.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT articles_search_fts.rowid, -bm25(articles_search_fts, 10.0, 4.0, 1.0)"
            " AS similarity FROM articles_search_fts"
            " JOIN articles_article ON articles_article.id = articles_search_fts.rowid"
            f" WHERE articles_search_fts MATCH %s AND articles_article.id IN ({allowed})"
            " ORDER BY similarity DESC, articles_article.id DESC LIMIT %s",
            [match, *params, limit],
        )
        return cursor.fetchall()


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

    ``""`` when no query word is in ``text``. Done in Python on both engines: the index holds stems, so only the analyzer knows that
    "menangkap" in the text answers "penangkapan" in the query.
    """
    terms = set(query_stems((query or "")[:MAX_QUERY_LENGTH]))
    tokens = analyze(text or "", keep_stopwords=True)
    hits = [i for i, token in enumerate(tokens) if token.stem in terms]
    if not hits:
        return ""
    first = max(0, hits[0] - 8)
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
