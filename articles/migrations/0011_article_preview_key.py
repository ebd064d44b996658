"""Stories get a preview key, signed into every preview link; a new key revokes the links.

The column arrives empty (no table rewrite, the lock is brief); 0012 gives every existing story
a random key of its own, 0013 makes it required. Links made before carry no key and read as
revoked.
"""

from django.db import migrations, models


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
