"""Comments posted at the same moment all arrive, exactly once.

On PostgreSQL the posts really race (50 threads released together by a barrier, each with its
own connection). SQLite allows one writer at a time, so there the same 50 posts go through a
worker thread one after another: the flow, connections and duplicate guard are still exercised.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from articles.models import Comment
from tests.factories import ArticleFactory

from .conftest import post_comment

pytestmark = pytest.mark.django_db(transaction=True)

ON_POSTGRES = connection.vendor == "postgresql"


def run_together(jobs):
    """Run ``jobs`` from threads, released at once where the database allows parallel writers."""
    workers = len(jobs) if ON_POSTGRES else 1
    barrier = threading.Barrier(workers)

    def run(job):
        try:
            if ON_POSTGRES:
                barrier.wait(timeout=30)
            return job()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, jobs))


def test_fifty_comments_posted_at_once_all_arrive_exactly_once():
    article = ArticleFactory()

    def job(n):
        def post():
            client = Client(enforce_csrf_checks=True, REMOTE_ADDR=f"10.0.{n // 200}.{n % 200}")
            return post_comment(
                client,
                article,
                name=f"Pembaca {n}",
                email=f"pembaca{n}@contoh.test",
                body=f"Komentar nomor {n} tentang kegiatan ini.",
            ).status_code

        return post

    statuses = run_together([job(n) for n in range(50)])

    assert statuses == [302] * 50
    bodies = sorted(Comment.objects.filter(article=article).values_list("body", flat=True))
    assert bodies == sorted(f"Komentar nomor {n} tentang kegiatan ini." for n in range(50))


def test_the_same_comment_sent_many_times_at_once_is_stored_once():
    """A double-clicked or replayed submit is stored once, each post answered like the first."""
    article = ArticleFactory()

    def post():
        client = Client(enforce_csrf_checks=True, REMOTE_ADDR="10.1.0.1")
        return post_comment(client, article, body="Kirim sekali saja.").status_code

    statuses = run_together([post] * 10)

    assert statuses == [302] * 10
    assert Comment.objects.filter(article=article).count() == 1
