from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Redaksi")

    def ready(self):
        from . import (
            cache,  # noqa: F401  (connects the page cache's invalidation receivers)
            photo_files,  # noqa: F401  (deletes a deleted photo's files on commit)
            related,  # noqa: F401  (recomputes "Baca juga" on change)
        )
        from .search import receivers  # noqa: F401  (keeps the search index current)


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` with the newsroom's site (its index is the desk's dashboard)."""

    # Not the default config of "articles": that stays ArticlesConfig.
    default = False
    default_site = "articles.admin_site.NewsroomAdminSite"
