"""Every story has its preview key now (0012): the column becomes required.

On SQLite the AlterField rebuilds the story table, and the rebuild drops the table's planner
statistics (sqlite_stat1): an analysed archive would then be read with plans that sort every
story (a story page took three times as long on the 100,000-story archive). So the
statistics are gathered again, on SQLite only where the database had been analysed before
(statistics of a still-empty table would mislead the planner as it grows).
"""

from django.db import migrations, models

import articles.models.stories


def refresh_statistics(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return
        elif connection.vendor != "postgresql":
            return
        # 0012 rewrote every row as well: PostgreSQL's statistics are worth refreshing too.
        cursor.execute("ANALYZE articles_article")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_fill_preview_keys"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="preview_key",
            field=models.CharField(
                default=articles.models.stories.new_preview_key,
                editable=False,
                max_length=32,
                verbose_name="kunci pratinjau",
            ),
        ),
        migrations.RunPython(refresh_statistics, migrations.RunPython.noop, elidable=True),
    ]
