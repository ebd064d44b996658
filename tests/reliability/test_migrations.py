"""Migrations run forwards and backwards on this database, and none is missing."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def articles_migrations():
    graph = MigrationExecutor(connection).loader.graph
    leaf = [node for node in graph.leaf_nodes() if node[0] == "articles"]
    return [node for node in graph.forwards_plan(leaf[0]) if node[0] == "articles"]


def table_names():
    return set(connection.introspection.table_names())


def test_every_migration_unapplies_and_reapplies():
    """Roll the newsroom back to nothing and forward again, then one step at a time."""
    migrate([("articles", None)])
    assert "articles_article" not in table_names()
    assert not any(name.startswith("articles_") for name in table_names())

    migrate(leaf_nodes())
    assert {"articles_article", "articles_revision", "articles_comment"} <= table_names()

    steps = articles_migrations()
    for previous, current in zip(reversed(steps[:-1]), reversed(steps), strict=False):
        migrate([previous])
        migrate([current])
    migrate(leaf_nodes())
    plan = MigrationExecutor(connection).migration_plan(leaf_nodes())
    assert plan == []


def test_latest_migration_round_trip_keeps_the_stories():
    from articles.models import Article
    from tests.factories import ArticleFactory

    story = ArticleFactory(title="Bertahan melewati migrasi")
    steps = articles_migrations()
    migrate([steps[-2]])
    migrate(leaf_nodes())
    assert Article.objects.get(pk=story.pk).title == "Bertahan melewati migrasi"


def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
