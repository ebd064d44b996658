"""Re-index every story (after bulk imports, ``.update()`` or a stemmer change)."""

from django.core.management.base import BaseCommand

from articles.models import Article, SearchDocument
from articles.search import index_articles


class Command(BaseCommand):
    help = "Bangun ulang indeks pencarian untuk semua berita."

    def add_arguments(self, parser):
        parser.add_argument(
            "--full", action="store_true", help="Hapus indeks lama dulu (bukan hanya yang berubah)."
        )

    def handle(self, *args, full=False, verbosity=1, **options):
        if full:
            SearchDocument.objects.all().delete()
        ids = Article.objects.order_by("pk").values_list("pk", flat=True)
        index_articles(ids)
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Indeks pencarian: {len(ids)} berita diperiksa."))
