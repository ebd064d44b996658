"""Admins for the plain reference models (extended by the editorial workflow)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group

from .. import roles
from ..models import Category, Partner, Unit, User
from ..permissions import UnitScopedAdminMixin, scope_queryset


@admin.register(User)
class StaffAdmin(UnitScopedAdminMixin, BaseUserAdmin):
    scope_lookup = "unit__path"
    list_display = ["username", "first_name", "last_name", "unit", "is_active"]
    list_select_related = ["unit"]
    fieldsets = [*BaseUserAdmin.fieldsets, (None, {"fields": ["unit"]})]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # A head of desk manages staff, never a superuser who happens to sit in the tree.
        return queryset if request.user.is_superuser else queryset.filter(is_superuser=False)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Only a superuser mints superusers or hands out raw permissions.
            readonly += ["is_superuser", "user_permissions"]
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit" and not request.user.is_superuser:
            kwargs["queryset"] = scope_queryset(Unit.objects.all(), request.user, "path")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=roles.ROLE_GROUPS.values())
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Unit)
class UnitAdmin(UnitScopedAdminMixin, admin.ModelAdmin):
    scope_lookup = "path"
    list_display = ["name", "kind", "parent", "city", "time_zone"]
    list_filter = ["kind", "time_zone"]
    search_fields = ["name", "short_name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
