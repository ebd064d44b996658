from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Redaksi")

    def ready(self):
        from . import cache  # noqa: F401  (connects the page cache's invalidation receivers)
        from .search import receivers  # noqa: F401  (keeps the search index current)
        from . import related  # noqa: F401  (recomputes "Baca juga" on change)
