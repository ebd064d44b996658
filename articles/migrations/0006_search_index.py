"""The search index: documents, vocabulary and the engine-specific parts.

PostgreSQL: the ``humas`` text search configuration (a copy of ``simple``: the text it receives
is already stemmed, stopword-filtered and compound-normalised by ``articles/search/stemming.py``),
a GIN index on the stored vector and a trigram index on the vocabulary ("did you mean").
SQLite: the FTS5 table ``articles_search_fts`` holding the same stems (rowid = story id).
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TEXT SEARCH CONFIGURATION humas (COPY = pg_catalog.simple)",
    "CREATE INDEX articles_searchdocument_vector_gin ON articles_searchdocument USING gin (vector)",
    "CREATE INDEX articles_searchterm_word_trgm ON articles_searchterm "
    "USING gin (word gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS articles_searchterm_word_trgm",
    "DROP INDEX IF EXISTS articles_searchdocument_vector_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS humas",
    # pg_trgm stays: other objects may depend on it.
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE articles_search_fts USING fts5(title, keywords, body, tokenize='unicode61')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS articles_search_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_import_page"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="articles.article",
                        verbose_name="berita",
                    ),
                ),
                (
                    "vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                ("fingerprint", models.CharField(editable=False, max_length=40)),
                ("indexed_at", models.DateTimeField(auto_now=True, verbose_name="diindeks")),
            ],
            options={
                "verbose_name": "dokumen pencarian",
                "verbose_name_plural": "dokumen pencarian",
            },
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=80, unique=True, verbose_name="kata")),
                ("stem", models.CharField(db_index=True, max_length=80, verbose_name="kata dasar")),
            ],
            options={
                "verbose_name": "kosakata pencarian",
                "verbose_name_plural": "kosakata pencarian",
            },
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
