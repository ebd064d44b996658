"""The preview key: every story has its own, including those stored before the key existed."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article
from tests.factories import ArticleFactory

BEFORE_FILL = ("articles", "0011_article_preview_key")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db
def test_new_stories_get_distinct_keys():
    keys = {story.preview_key for story in ArticleFactory.create_batch(20)}
    assert len(keys) == 20
    assert all(len(key) >= 20 for key in keys)


# Transactional: the SQLite schema editor refuses to run inside the test's transaction. Going
# back to 0011 drops no data, so nothing needs restoring afterwards.
@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_each_stored_story_its_own_key(monkeypatch):
    """0012 fills, in batches, every story that has no key yet, and leaves a set key alone."""
    fill = importlib.import_module("articles.migrations.0012_fill_preview_keys")
    monkeypatch.setattr(fill, "BATCH", 2)  # three batches for five stories
    stories = ArticleFactory.create_batch(5)
    migrate([BEFORE_FILL])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET preview_key = NULL")
        # As if an earlier run stopped after its first batch.
        cursor.execute(
            "UPDATE articles_article SET preview_key = 'kunci-yang-sudah-ada' WHERE id = %s",
            [stories[0].pk],
        )

    migrate(leaf_nodes())

    keys = dict(Article.objects.values_list("pk", "preview_key"))
    assert keys[stories[0].pk] == "kunci-yang-sudah-ada"
    assert all(keys.values())
    assert len(set(keys.values())) == len(stories)


def analyzed_story_table():
    """Return the database's record of statistics for the story table (vendor-specific)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return 0
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'articles_article'")
            return cursor.fetchone()[0]
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'articles_article'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_the_rebuilt_story_table_keeps_its_planner_statistics():
    """0013 rebuilds the table on SQLite, which drops its statistics: they are gathered again."""
    ArticleFactory.create_batch(3)
    migrate([BEFORE_FILL])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    before = analyzed_story_table()
    assert before

    migrate(leaf_nodes())

    if connection.vendor == "sqlite":
        assert analyzed_story_table() == before  # one row per index, as before the rebuild
    else:
        assert analyzed_story_table() > before


@pytest.mark.django_db(transaction=True)
def test_statistics_the_database_never_had_are_not_made_on_sqlite():
    """An empty SQLite table's statistics would mislead the planner as it grows: none are made.

    PostgreSQL analyses in any case (autovacuum refreshes its statistics as the table grows).
    """
    migrate([BEFORE_FILL])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
    before = analyzed_story_table()

    migrate(leaf_nodes())

    if connection.vendor == "sqlite":
        assert analyzed_story_table() == before == 0
    else:
        assert analyzed_story_table() > before
