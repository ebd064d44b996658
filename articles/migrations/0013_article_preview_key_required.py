"""Every story has its preview key now (0012): the column becomes required."""

from django.db import migrations, models

import articles.models.stories


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
    ]
