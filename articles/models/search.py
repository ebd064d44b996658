"""The search index: one document per story, and the vocabulary behind "did you mean"."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from ..querysets import ArticleQuerySet
from .stories import Article


class SearchDocumentQuerySet(models.QuerySet):
    # The one public rule (``ArticleQuerySet.published``), applied to the index's copy of the
    # story's status and dates: counting and ranking then need no join on a large archive.
    published = ArticleQuerySet.published


class SearchDocument(models.Model):
    """What the index knows about one story (drafts included: the admin searches them too).

    PostgreSQL keeps the weighted ``vector`` (GIN-indexed, stored out of line so rows stay
    small) and ``head``, the title and keywords alone (cheap to rank); SQLite keeps the same
    stems in the FTS5 table ``articles_search_fts`` (rowid = story id) and leaves both empty.
    ``status``, ``publish_at`` and ``expire_at`` copy the story's, rewritten with it.
    """

    Status = Article.Status  # what ``published()`` compares ``status`` with

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("berita"),
    )
    vector = SearchVectorField(null=True, editable=False)
    head = SearchVectorField(null=True, editable=False)
    status = models.CharField(_("status"), max_length=20, default="", editable=False)
    publish_at = models.DateTimeField(_("terbit"), null=True, editable=False)
    expire_at = models.DateTimeField(_("kedaluwarsa"), null=True, editable=False)
    # Hash of the indexed text: re-indexing an unchanged story is a no-op.
    fingerprint = models.CharField(max_length=40, editable=False)
    indexed_at = models.DateTimeField(_("diindeks"), auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumen pencarian")
        verbose_name_plural = pgettext_lazy("plural", "dokumen pencarian")
        # Newest public matches first: a common word is read along this index, not counted.
        indexes = [models.Index(fields=["status", "publish_at"], name="searchdoc_published_idx")]

    def __str__(self):
        return str(self.article_id)


class SearchTerm(models.Model):
    """A word seen in a published story and its stem (highlighting and "did you mean")."""

    word = models.CharField(_("kata"), max_length=80, unique=True)
    stem = models.CharField(_("kata dasar"), max_length=80, db_index=True)

    class Meta:
        verbose_name = _("kosakata pencarian")
        verbose_name_plural = pgettext_lazy("plural", "kosakata pencarian")

    def __str__(self):
        return self.word
