"""Give every existing story a random preview key of its own, a batch at a time.

A callable default on AddField would give all rows the same key. Each batch is one UPDATE
joined to a VALUES list (SQLite 3.33+ and PostgreSQL alike; bulk_update's CASE with a branch
per row is tested row by row) and commits on its own: on PostgreSQL readers are never blocked
and writers wait for one batch at most, not for the whole archive. Rows that already have a
key are left alone, so a run that stopped half-way simply resumes.
"""

import secrets

from django.db import migrations, transaction

BATCH = 2000


def _fill_preview_keys(apps, schema_editor):
    connection = schema_editor.connection
    last = 0
    while True:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            # Walk the primary key: one indexed range read and one UPDATE per batch.
            cursor.execute(
                "SELECT id FROM articles_article WHERE id > %s ORDER BY id LIMIT %s",
                [last, BATCH],
            )
            ids = [row[0] for row in cursor.fetchall()]
            if not ids:
                return
            rows = ", ".join(["(CAST(%s AS bigint), CAST(%s AS varchar(32)))"] * len(ids))
            params = []
            for pk in ids:
                params += [pk, secrets.token_urlsafe(16)]
            cursor.execute(
                f"WITH batch (id, preview_key) AS (VALUES {rows})"
                " UPDATE articles_article SET preview_key = batch.preview_key"
                " FROM batch WHERE articles_article.id = batch.id"
                # The range lets the planner read the batch through the primary key.
                " AND articles_article.id BETWEEN %s AND %s"
                " AND articles_article.preview_key IS NULL",
                [*params, ids[0], ids[-1]],
            )
        last = ids[-1]


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("articles", "0011_article_preview_key"),
    ]

    operations = [
        migrations.RunPython(_fill_preview_keys, migrations.RunPython.noop, elidable=True),
    ]
