#!/usr/bin/env python3
"""Time (and optionally profile) uncached renders of public pages, in-process.

    .venv/bin/python scripts/profile_story.py                 # story, home, list: ms per render
    .venv/bin/python scripts/profile_story.py --profile story # cProfile of the story page
    .venv/bin/python scripts/profile_story.py --parts story   # where a render's time goes

The page cache is off and DEBUG too, as in production; the database is DATABASE_URL (default:
the bench's SQLite archive, .bench/bench.sqlite3, made by `make bench` or `seed_bulk`). Prints,
per page, the queries of one render and the best and median milliseconds of N renders through
django.test.Client (request, middleware, view, template; no network, no server), and the median
CPU time of this process per render (steadier than wall time on a busy machine; the database's
own work on PostgreSQL is not in it). Read the load average printed with the figures.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / '.bench' / 'bench.sqlite3'}")
os.environ["NEWSROOM_PAGE_CACHE"] = "0"
os.environ["DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# Hashed static names need the manifest collectstatic writes; plain names are enough here.
os.environ.setdefault("STATIC_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")


def page_paths():
    from articles.comments import comments_open
    from articles.models import Article, Category

    newest = Article.objects.published().newest_first()[:200]
    story = next((s for s in newest if comments_open(s)), newest[0])
    closed = next((s for s in newest if not comments_open(s)), newest[0])
    category = Category.objects.order_by("pk").first()
    return {
        "story": story.get_absolute_url(),  # comments open: the thread and the form
        "closed": closed.get_absolute_url(),
        "home": "/",
        "list": category.get_absolute_url() if category else "/arsip/2025/",
    }


def count_queries(client, path):
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        response = client.get(path)
    return response, count


def time_parts(client, path, renders):
    """Return {part: share of the time} of ``renders`` renders, from stack samples.

    A second thread looks at the rendering thread's stack every half millisecond: a sample
    with Django's ORM on the stack (building a query, the database, rows into objects) counts
    as the ORM, else one inside the template engine as templates, else the rest (request,
    middleware, URL resolving, view code). Sampling, unlike cProfile, adds little to the
    cheap calls that make up most of a render.
    """
    import collections
    import threading

    target = threading.get_ident()
    samples = collections.Counter()
    done = threading.Event()

    def sample():
        while not done.is_set():
            frame = sys._current_frames().get(target)
            files = []
            while frame is not None:
                files.append(frame.f_code.co_filename)
                frame = frame.f_back
            if any("/django/db/" in name for name in files):
                samples["ORM"] += 1
            elif any("/django/template/" in name for name in files):
                samples["templates"] += 1
            else:
                samples["rest"] += 1
            time.sleep(0.0005)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)  # let the sampler in as often as it asks
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        for _ in range(renders):
            client.get(path)
    finally:
        done.set()
        sampler.join()
        sys.setswitchinterval(switch)
    total = sum(samples.values()) or 1
    return {part: samples[part] / total for part in ("ORM", "templates", "rest")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["story", "closed", "home", "list"])
    parser.add_argument("-n", type=int, default=100, help="renders per page (default 100)")
    parser.add_argument("--profile", action="store_true", help="cProfile the renders instead")
    parser.add_argument(
        "--parts", action="store_true", help="also split each page's CPU time: ORM, templates, rest"
    )
    parser.add_argument("--sort", default="cumulative,tottime")
    parser.add_argument("--limit", type=int, default=45)
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    client = Client()
    paths = page_paths()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for page in args.pages:
        path = paths.get(page, page)
        for _ in range(3):  # warm: templates compiled, connection open, translations loaded
            client.get(path)
        response, queries = count_queries(client, path)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.n):
                client.get(path)
            profiler.disable()
            for key in args.sort.split(","):
                print(f"\n==== {page} {path} sorted by {key} ({args.n} renders)")
                pstats.Stats(profiler).sort_stats(key).print_stats(args.limit)
            continue
        times, cpu = [], []
        for _ in range(args.n):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        print(
            f"{page:6} status={response.status_code} bytes={len(response.content)} "
            f"queries={queries} best={min(times):.1f}ms median={statistics.median(times):.1f}ms"
            f" cpu={statistics.median(cpu):.1f}ms"
            f"  {path[:60]}"
        )
        if args.parts:
            cpu_ms = statistics.median(cpu)
            shares = time_parts(client, path, args.n)
            print(
                "       "
                + ", ".join(
                    f"{part} {share:.0%} ≈ {share * cpu_ms:.1f}ms" for part, share in shares.items()
                )
            )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
