"""The newsroom's data model, one module per concern."""

from .comments import Comment, ModerationWord
from .imports import ArticleImport
from .media import Photo
from .revisions import AuditEntry, Revision
from .search import SearchDocument as SearchDocument, SearchTerm as SearchTerm
from .stories import (
    Article,
    Correction,
    EditorialNote,
    LegacyRedirect,
    RelatedArticle,
    RelatedReference,
)
from .taxonomy import Category, Partner
from .units import Unit, User

__all__ = [
    "Article",
    "ArticleImport",
    "AuditEntry",
    "Category",
    "Comment",
    "Correction",
    "EditorialNote",
    "LegacyRedirect",
    "ModerationWord",
    "Partner",
    "Photo",
    "RelatedArticle",
    "RelatedReference",
    "Revision",
    "Unit",
    "User",
]
