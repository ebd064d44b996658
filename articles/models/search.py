"""The search index: one document per story, and the vocabulary behind "did you mean"."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """What the index knows about one story (drafts included: the admin searches them too).

    PostgreSQL keeps the weighted ``vector`` (GIN-indexed); SQLite keeps the same stems in the
    FTS5 table ``articles_search_fts`` (rowid = story id) and leaves ``vector`` empty.
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("berita"),
    )
    vector = SearchVectorField(null=True, editable=False)
    # Hash of the indexed text: re-indexing an unchanged story is a no-op.
    fingerprint = models.CharField(max_length=40, editable=False)
    indexed_at = models.DateTimeField(_("diindeks"), auto_now=True)

    class Meta:
        verbose_name = _("dokumen pencarian")
        verbose_name_plural = _("dokumen pencarian")

    def __str__(self):
        return str(self.article_id)


class SearchTerm(models.Model):
    """A word seen in a published story and its stem (highlighting and "did you mean")."""

    word = models.CharField(_("kata"), max_length=80, unique=True)
    stem = models.CharField(_("kata dasar"), max_length=80, db_index=True)

    class Meta:
        verbose_name = _("kosakata pencarian")
        verbose_name_plural = _("kosakata pencarian")

    def __str__(self):
        return self.word
