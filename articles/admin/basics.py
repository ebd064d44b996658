"""Admins for the plain reference models (extended by the editorial workflow)."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import permissions as perms, roles, staff
from ..models import Category, Partner, Unit, User
from ..permissions import UnitScopedAdminMixin


class RoleFormMixin:
    """A plain "peran" choice in place of the raw groups, starting at the user's current role."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "peran" in self.fields and self.instance.pk:
            self.initial["peran"] = staff.current_role(self.instance) or ""


def role_field(required):
    choices = staff.ROLE_CHOICES if required else [("", staff.NO_ROLE_LABEL), *staff.ROLE_CHOICES]
    return forms.ChoiceField(
        label=_("Peran"),
        choices=choices,
        required=required,
        help_text=_(
            "Penulis menulis dan mengajukan; Redaktur meninjau dan menerbitkan; "
            "Kepala Humas juga mengelola staf satuannya."
        ),
    )


class StaffCreationForm(RoleFormMixin, AdminUserCreationForm):
    peran = role_field(required=True)
    # A desk account always has a password, set here.
    usable_password = None


class StaffChangeForm(RoleFormMixin, UserChangeForm):
    peran = role_field(required=True)


class SuperuserCreationForm(RoleFormMixin, AdminUserCreationForm):
    peran = role_field(required=False)
    usable_password = None


class SuperuserChangeForm(RoleFormMixin, UserChangeForm):
    peran = role_field(required=False)


@admin.register(User)
class StaffAdmin(UnitScopedAdminMixin, BaseUserAdmin):
    """Heads of desk manage the staff of their unit tree; superusers manage everyone.

    A head picks a role ("peran") and a unit in their tree and never sees superuser, raw group
    or permission fields; nobody below superuser changes their own role, unit or status.
    Every change of role, unit or status is written to the audit trail.
    """

    scope_lookup = "unit__path"
    change_list_template = "admin/articles/user/change_list.html"
    list_display = ["username", "first_name", "last_name", "unit", "role", "is_active"]
    list_select_related = ["unit"]
    search_fields = ["username", "first_name", "last_name", "email", "unit__name"]
    ordering = ["unit__path", "username"]

    personal = (_("Data pribadi"), {"fields": ["first_name", "last_name", "email"]})
    dates = (_("Tanggal penting"), {"fields": ["last_login", "date_joined"]})
    staff_fieldsets = [
        (None, {"fields": ["username", "password"]}),
        personal,
        (_("Penugasan"), {"fields": ["unit", "peran", "is_active"]}),
        dates,
    ]
    superuser_fieldsets = [
        (None, {"fields": ["username", "password"]}),
        personal,
        (_("Penugasan"), {"fields": ["unit", "peran", "is_active"]}),
        (_("Hak akses khusus"), {"fields": ["is_staff", "is_superuser", "user_permissions"]}),
        dates,
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["username", "password1", "password2"]},
        ),
        personal,
        (_("Penugasan"), {"fields": ["unit", "peran"]}),
    ]

    # -- who may manage staff ----------------------------------------------------------------
    def manages_staff(self, request):
        return perms.can(request.user, perms.MANAGE_STAFF)

    def has_view_permission(self, request, obj=None):
        return self.manages_staff(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self.manages_staff(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.manages_staff(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, not deleted: their stories and audit entries keep a name.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("groups")
        # A head of desk manages staff, never a superuser who happens to sit in the tree.
        return queryset if request.user.is_superuser else queryset.filter(is_superuser=False)

    # -- the form ----------------------------------------------------------------------------
    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        return self.superuser_fieldsets if request.user.is_superuser else self.staff_fieldsets

    def get_form(self, request, obj=None, **kwargs):
        if request.user.is_superuser:
            form = SuperuserChangeForm if obj else SuperuserCreationForm
        else:
            form = StaffChangeForm if obj else StaffCreationForm
        if "peran" in self.get_readonly_fields(request, obj):
            form = type(form.__name__, (form,), {"peran": None})
        return super().get_form(request, obj, **{"form": form, **kwargs})

    def get_list_filter(self, request):
        if request.user.is_superuser:
            return ["is_staff", "is_superuser", "is_active", "groups"]
        return ["is_active", "groups"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly += ["last_login", "date_joined"]
        if obj is not None and obj.pk == request.user.pk and not request.user.is_superuser:
            # Nobody raises, moves or reactivates themselves; another head or a superuser does.
            readonly += ["unit", "peran", "is_active"]
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit" and not request.user.is_superuser:
            kwargs["queryset"] = perms.units_in_scope(request.user)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("peran"))
    def role(self, obj):
        names = {group.name for group in obj.groups.all()}
        key = next((k for k, group in roles.ROLE_GROUPS.items() if group in names), None)
        return staff.role_label(key) if key else "—"

    # Shown in place of the field when a head opens their own account.
    peran = role

    # -- saving ------------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        form.staff_before = staff.state_of(obj) if change else None
        if not change:
            # An account made here is a desk account: it logs in to this admin.
            obj.is_staff = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        if "peran" in form.cleaned_data:
            staff.assign_role(user, form.cleaned_data["peran"] or None)
        staff.record_change(request.user, user, form.staff_before, staff.state_of(user))

    def changelist_view(self, request, extra_context=None):
        extra = {"unlock_url": reverse("security:unlock"), **(extra_context or {})}
        return super().changelist_view(request, extra)


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
