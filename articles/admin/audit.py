"""The audit trail: readable by editors and heads within their unit tree, editable by nobody."""

from django.contrib import admin

from ..models import AuditEntry
from ..permissions import UnitScopedAdminMixin


@admin.register(AuditEntry)
class AuditEntryAdmin(UnitScopedAdminMixin, admin.ModelAdmin):
    scope_lookup = "unit__path"
    list_display = ["created_at", "action", "actor", "target", "article", "unit"]
    list_filter = ["action", "created_at"]
    list_select_related = ["actor", "article", "unit"]
    search_fields = ["target", "detail"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    show_full_result_count = False
    fields = ["created_at", "action", "actor", "unit", "article", "target", "detail"]
    readonly_fields = fields
    list_per_page = 50

    # The trail is written only by the actions that it records; not even a superuser edits it.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
