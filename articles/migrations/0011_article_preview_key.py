"""Stories get a preview key, signed into every preview link; a new key revokes the links.

The column arrives empty and every existing story gets a random key of its own, a batch at a
time (a callable default on AddField would give all rows the same key). 0012 then makes the
column required. Links made before this migration carry no key and read as revoked.
"""

import secrets

from django.db import migrations, models

BATCH = 2000


def _fill_preview_keys(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    stories = Article.objects.using(schema_editor.connection.alias)
    last = 0
    while True:
        # Walk the primary key: each batch is one indexed range read and one UPDATE.
        batch = list(
            stories.filter(pk__gt=last, preview_key__isnull=True).order_by("pk").only("pk")[:BATCH]
        )
        if not batch:
            return
        for story in batch:
            story.preview_key = secrets.token_urlsafe(16)
        stories.bulk_update(batch, ["preview_key"], batch_size=BATCH)
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_desk_changelist_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="preview_key",
            field=models.CharField(
                editable=False, max_length=32, null=True, verbose_name="kunci pratinjau"
            ),
        ),
        migrations.RunPython(_fill_preview_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("create", "Buat"),
                    ("edit", "Ubah"),
                    ("submit", "Ajukan tinjauan"),
                    ("return", "Kembalikan ke penulis"),
                    ("publish", "Terbitkan"),
                    ("schedule", "Jadwalkan"),
                    ("unpublish", "Turunkan"),
                    ("archive", "Arsipkan"),
                    ("correct", "Ralat"),
                    ("restore", "Pulihkan revisi"),
                    ("role_change", "Ubah peran"),
                    ("comment_moderate", "Moderasi komentar"),
                    ("import", "Impor"),
                    ("unlock", "Buka kunci login"),
                    ("preview_revoke", "Cabut tautan pratinjau"),
                ],
                db_index=True,
                max_length=20,
                verbose_name="tindakan",
            ),
        ),
    ]
