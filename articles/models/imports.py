"""The admin's import page hangs off this proxy; it stores nothing of its own."""

from django.utils.translation import gettext_lazy as _, pgettext_lazy

from .stories import Article


class ArticleImport(Article):
    """Stories as seen from the import page (upload, dry-run report, confirm)."""

    class Meta:
        proxy = True
        verbose_name = _("impor berita")
        verbose_name_plural = pgettext_lazy("plural", "impor berita")
        # Access is the article permission "import_articles"; no permissions of its own.
        default_permissions = ()
