"""The newsroom's admin site: the index is the desk's dashboard.

Outside the ``admin`` package on purpose: Django builds ``admin.site`` from this class the first
time a module registers a model, and importing the package would run those registrations
before the site exists (they would land on a site that is then thrown away).
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext, gettext_lazy as _


class JunkInputMixin:
    """Answer hand-edited junk in a changelist like any other bad input, never with a 500.

    Django runs a bulk action on whatever IDs were posted (``abc`` or a number too big for the
    column fails only inside the action) and lets a date-hierarchy year past 9999 overflow.
    """

    def response_action(self, request, queryset):
        try:
            for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                self.opts.pk.clean(value, None)
        except ValidationError:
            self.message_user(
                request,
                gettext("Tidak ada yang diubah: pilihan memuat ID yang tidak sah."),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)

    def changelist_view(self, request, extra_context=None):
        # Django's date drill-down computes the following year: 9999 has none (a 500).
        year = request.GET.get(f"{self.date_hierarchy}__year", "") if self.date_hierarchy else ""
        if year.isascii() and year.isdigit() and int(year) >= 9999:
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        try:
            return super().changelist_view(request, extra_context)
        except OverflowError:
            # What Django answers to any other unusable filter.
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")


class NewsroomAdminSite(admin.AdminSite):
    site_header = _("Humas Newsroom")
    site_title = _("Humas Newsroom")
    index_title = _("Meja redaksi")
    index_template = "admin/dashboard.html"

    def register(self, model_or_iterable, admin_class=None, **options):
        """Register as usual, with ``JunkInputMixin`` in front of every admin (ours and apps')."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, JunkInputMixin):
            admin_class = type(
                admin_class.__name__,
                (JunkInputMixin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def index(self, request, extra_context=None):
        from .admin.dashboard import dashboard_for

        context = {"dashboard": dashboard_for(request, self), **(extra_context or {})}
        return super().index(request, context)
