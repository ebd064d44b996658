"""Search at archive scale: the index carries the story's visibility and a small head vector.

Counting and ranking a common word then read only ``articles_searchdocument``: its rows stay
small (the full vector is stored out of line; the GIN index answers the match without it) and
ranking reads ``head`` (title and keywords) of a bounded set of candidates.
Existing documents get the visibility copied here and an empty fingerprint, so the next
``manage.py rebuild_search_index`` rewrites them with ``head``.
"""

import django.contrib.postgres.search
from django.db import migrations, models

POSTGRES_FORWARD = [
    "ALTER TABLE articles_searchdocument ALTER COLUMN vector SET STORAGE EXTERNAL",
    "ALTER TABLE articles_searchdocument SET (toast_tuple_target = 128)",
    "CREATE INDEX articles_searchdocument_head_gin ON articles_searchdocument USING gin (head)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS articles_searchdocument_head_gin",
    "ALTER TABLE articles_searchdocument RESET (toast_tuple_target)",
    "ALTER TABLE articles_searchdocument ALTER COLUMN vector SET STORAGE EXTENDED",
]


COPY_VISIBILITY = (
    "UPDATE articles_searchdocument SET fingerprint = '',"
    " status = (SELECT a.status FROM articles_article a WHERE a.id = article_id),"
    " publish_at = (SELECT a.publish_at FROM articles_article a WHERE a.id = article_id),"
    " expire_at = (SELECT a.expire_at FROM articles_article a WHERE a.id = article_id)"
)


def _copy_visibility(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(COPY_VISIBILITY)


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_published_covering_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="head",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="status",
            field=models.CharField(
                default="", editable=False, max_length=20, verbose_name="status"
            ),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="publish_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="terbit"),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="expire_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="kedaluwarsa"),
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(fields=["status", "publish_at"], name="searchdoc_published_idx"),
        ),
        migrations.RunPython(_copy_visibility, migrations.RunPython.noop),
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
    ]
