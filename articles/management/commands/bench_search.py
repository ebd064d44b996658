"""Print p50/p95 latency of a public search (count and first page) on this database.

    python manage.py bench_search --queries 200

Stories without a search document (``seed_bulk`` writes in bulk, without signals) are indexed
first, so the figures are for the whole archive. The queries are the project's sample queries
and words drawn from published titles; each is timed as the search page runs it: the count,
then the first page of stories.
"""

import random
import statistics
import time

from django.db import connection
from django.utils.translation import gettext as _, gettext_lazy, ngettext

from articles.management.base import TranslatedCommand
from articles.models import Article
from articles.search import index_articles, search_articles

SEED_QUERIES = [
    "narkoba",
    "penangkapan",
    "kerja sama",
    "patroli",
    "lalu lintas",
    "polres",
    "narkoba palembang",
    "kerja sama dinkes",
    "berkolaborasi",
]


class Command(TranslatedCommand):
    help = gettext_lazy("Ukur latensi pencarian (p50/p95) atas basis data saat ini.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--queries", type=int, default=200, help=gettext_lazy("Jumlah kueri yang diukur.")
        )
        parser.add_argument(
            "--page-size",
            type=int,
            default=20,
            help=gettext_lazy("Jumlah berita di halaman hasil pertama."),
        )

    def handle(self, *args, queries, page_size, verbosity=1, **options):
        self.index_missing(verbosity)
        titles = list(
            Article.objects.published().order_by("?").values_list("title", flat=True)[:50]
        )
        words = [w for title in titles for w in title.split() if len(w) > 4] or SEED_QUERIES
        rng = random.Random(8)
        for query in SEED_QUERIES:  # warm up: the stemmer's cache and the connection
            search_articles(query).count()
        timings = []
        for _round in range(queries):
            query = rng.choice(SEED_QUERIES + words)
            started = time.perf_counter()
            results = search_articles(query)
            results.count()
            list(results[:page_size])
            elapsed = (time.perf_counter() - started) * 1000
            timings.append(elapsed)
            if verbosity > 1:
                self.stdout.write(f"{elapsed:8.1f} ms  {results.total():>4}  {query}")
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        stories = Article.objects.count()
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "search_articles (%(vendor)s, %(stories)s): %(queries)s, p50 %(p50)s ms, p95 %(p95)s ms"
                )
                % {
                    "vendor": connection.vendor,
                    "stories": ngettext("%(count)d berita", "%(count)d berita", stories)
                    % {"count": stories},
                    "queries": ngettext("%(count)d kueri", "%(count)d kueri", queries)
                    % {"count": queries},
                    "p50": f"{p50:.1f}",
                    "p95": f"{p95:.1f}",
                }
            )
        )

    def index_missing(self, verbosity):
        missing = list(
            Article.objects.filter(search_document__isnull=True).values_list("pk", flat=True)
        )
        if not missing:
            return
        if verbosity:
            self.stdout.write(
                ngettext(
                    "Mengindeks %(count)d berita yang belum ada di indeks…",
                    "Mengindeks %(count)d berita yang belum ada di indeks…",
                    len(missing),
                )
                % {"count": len(missing)}
            )
        started = time.monotonic()
        index_articles(missing)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE articles_searchdocument")
        if verbosity:
            self.stdout.write(
                _("Indeks siap dalam %(seconds)s s.")
                % {"seconds": f"{time.monotonic() - started:.0f}"}
            )
