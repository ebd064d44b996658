"""The newsroom's admin site: the index is the desk's dashboard.

Outside the ``admin`` package on purpose: Django builds ``admin.site`` from this class the first
time a module registers a model, and importing the package would run those registrations
before the site exists (they would land on a site that is then thrown away).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class NewsroomAdminSite(admin.AdminSite):
    site_header = _("Humas Newsroom")
    site_title = _("Humas Newsroom")
    index_title = _("Meja redaksi")
    index_template = "admin/dashboard.html"

    def index(self, request, extra_context=None):
        from .admin.dashboard import dashboard_for

        context = {"dashboard": dashboard_for(request, self), **(extra_context or {})}
        return super().index(request, context)
