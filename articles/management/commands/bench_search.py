"""Print p50/p95 latency of ``search_articles`` (first page, with count) on this database."""

import random
import statistics
import time

from django.core.management.base import BaseCommand

from articles.models import Article
from articles.search import search_articles

SEED_QUERIES = ["narkoba", "penangkapan", "kerja sama", "patroli", "lalu lintas", "polres"]


class Command(BaseCommand):
    help = "Ukur latensi pencarian (p50/p95) atas basis data saat ini."

    def add_arguments(self, parser):
        parser.add_argument("--queries", type=int, default=200, help="Jumlah kueri yang diukur.")
        parser.add_argument("--page-size", type=int, default=20)

    def handle(self, *args, queries, page_size, **options):
        titles = list(
            Article.objects.published().order_by("?").values_list("title", flat=True)[:50]
        )
        words = [w for title in titles for w in title.split() if len(w) > 4] or SEED_QUERIES
        rng = random.Random(8)
        timings = []
        for _ in range(queries):
            query = rng.choice(SEED_QUERIES + words)
            started = time.perf_counter()
            results = search_articles(query)
            results.count()
            list(results[:page_size])
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        self.stdout.write(
            self.style.SUCCESS(
                f"search_articles: {queries} kueri, p50 {p50:.1f} ms, p95 {p95:.1f} ms"
            )
        )
