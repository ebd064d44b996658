"""Bring the search index up to date for every story.

    python manage.py rebuild_search_index          # stories changed behind the index's back
    python manage.py rebuild_search_index --full   # every story (after a stemmer change)

Saves, imports and publishing actions keep the index current on their own; run this after
writes that bypass signals (``seed_bulk``, ``QuerySet.update()``, a restore). The index stays
searchable throughout: documents are rewritten in place, batch by batch.
"""

from django.db import connection
from django.utils.translation import gettext as _, gettext_lazy, ngettext

from articles.management.base import TranslatedCommand
from articles.models import Article, SearchDocument
from articles.search import index_articles


class Command(TranslatedCommand):
    help = gettext_lazy("Perbarui indeks pencarian untuk semua berita.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--full",
            action="store_true",
            help=gettext_lazy(
                "Tulis ulang semua dokumen, juga yang tidak berubah (setelah stemmer berubah)."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Hanya laporkan jumlah berita, tanpa menulis."),
        )

    def handle(self, *args, full=False, dry_run=False, verbosity=1, **options):
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        if dry_run:
            indexed = SearchDocument.objects.count()
            self.stdout.write(
                _("%(stories)s, %(documents)s di indeks; tidak ada yang ditulis.")
                % {
                    "stories": ngettext("%(count)d berita", "%(count)d berita", len(ids))
                    % {"count": len(ids)},
                    "documents": ngettext("%(count)d dokumen", "%(count)d dokumen", indexed)
                    % {"count": indexed},
                }
            )
            return
        if full:
            # An empty fingerprint never matches: every document is rewritten, none deleted.
            SearchDocument.objects.update(fingerprint="")
        written = index_articles(ids)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:  # FTS5 rows have no foreign key to cascade
                cursor.execute(
                    "DELETE FROM articles_search_fts"
                    " WHERE rowid NOT IN (SELECT id FROM articles_article)"
                )
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE articles_searchdocument")
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Indeks pencarian: %(checked)s, %(written)s.")
                    % {
                        "checked": ngettext(
                            "%(count)d berita diperiksa", "%(count)d berita diperiksa", len(ids)
                        )
                        % {"count": len(ids)},
                        "written": ngettext(
                            "%(count)d ditulis ulang", "%(count)d ditulis ulang", written
                        )
                        % {"count": written},
                    }
                )
            )
