"""Photos in the admin: the gallery inline for stories and the scoped photo library.

However a photo is deleted here (library, bulk action, gallery inline, its story), its files
follow once the delete commits: ``articles.photo_files`` listens to ``post_delete``.
"""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import images, permissions as perms
from ..models import Article, Photo
from ..permissions import UnitScopedAdminMixin, scope_queryset
from ..photo_files import delete_files_on_commit

FOCAL_HELP = _("0 = kiri/atas, 1 = kanan/bawah. Klik pratinjau untuk memilih titik fokus.")


class PhotoForm(forms.ModelForm):
    """Upload through the pipeline; renditions are made when the file or focal point changes."""

    file = images.PhotoFileField(label=_("berkas"))
    focal_x = forms.FloatField(
        label=_("titik fokus X"), min_value=0, max_value=1, initial=0.5, help_text=FOCAL_HELP
    )
    focal_y = forms.FloatField(
        label=_("titik fokus Y"), min_value=0, max_value=1, initial=0.5, help_text=FOCAL_HELP
    )
    # Set by the admin per request (see ``user_form``): stamped on new uploads.
    user = None

    class Meta:
        model = Photo
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._old_file_name = self.instance.file.name if self.instance.pk else ""

    def save(self, commit=True):
        photo = super().save(commit=False)
        if photo.uploaded_by_id is None and self.user is not None and self.user.pk:
            photo.uploaded_by = self.user
        if commit:
            photo.save()
            self._save_m2m()
            self.sync_renditions(photo)
        return photo

    def sync_renditions(self, photo):
        """Make renditions for a new file, re-crop for a moved focal point, drop the old file."""
        changed = set(self.changed_data)
        if "file" in changed:
            prepared = getattr(self.cleaned_data.get("file"), "prepared", None)
            images.build_renditions(
                photo, force=True, image=prepared.image if prepared is not None else None
            )
            replaced = self._old_file_name
            if replaced and replaced != photo.file.name:
                # The old renditions went in build_renditions; the old original goes here.
                delete_files_on_commit(photo.file.storage, [replaced])
            self._old_file_name = photo.file.name
        elif changed & {"focal_x", "focal_y"} or not photo.renditions:
            images.build_renditions(photo, force=True)


def user_form(form_class, user):
    """Return ``form_class`` bound to ``user`` so new uploads record who made them."""
    return type(form_class.__name__, (form_class,), {"user": user})


def preview_html(photo):
    """A small preview; clicking it sets the focal point (static/js/photo-focal.js)."""
    if not photo or not photo.pk or not photo.file:
        return "—"
    renditions = photo.renditions or {}
    name = renditions.get("w480.jpg") or next(
        (n for _w, n in images.rendition_widths(photo, "jpg")), None
    )
    url = photo.file.storage.url(name) if name else photo.file.url
    return format_html(
        '<img src="{}" alt="{}" class="photo-focal-preview" width="240" '
        'data-focal-x="{}" data-focal-y="{}" title="{}">',
        url,
        photo.alt_text,
        photo.focal_x,
        photo.focal_y,
        _("Klik untuk memilih titik fokus"),
    )


class PhotoInline(admin.TabularInline):
    """The story's ordered gallery: upload, alt text, caption, credit and focal point."""

    model = Photo
    form = PhotoForm
    fk_name = "article"
    extra = 1
    ordering = ["position", "pk"]
    fields = ["preview", "file", "alt_text", "caption", "credit", "focal_x", "focal_y", "position"]
    readonly_fields = ["preview"]
    verbose_name = _("foto galeri")
    verbose_name_plural = _("galeri foto")

    class Media:
        js = ["js/photo-focal.js"]

    @admin.display(description=_("pratinjau"))
    def preview(self, photo):
        return preview_html(photo)

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = user_form(self.form, request.user)
        return super().get_formset(request, obj, **kwargs)


class UnattachedScopeFilter(admin.SimpleListFilter):
    title = _("lampiran")
    parameter_name = "lampiran"

    def lookups(self, request, model_admin):
        return [("galeri", _("Di galeri berita")), ("lepas", _("Belum dilampirkan"))]

    def queryset(self, request, queryset):
        if self.value() == "galeri":
            return queryset.filter(article__isnull=False)
        if self.value() == "lepas":
            return queryset.filter(article__isnull=True)
        return queryset


@admin.register(Photo)
class PhotoAdmin(UnitScopedAdminMixin, admin.ModelAdmin):
    """The photo library, scoped to the staff member's unit tree.

    A photo belongs to its story's unit; a photo not (yet) in a gallery belongs to the unit of
    the staff member who uploaded it.
    """

    scope_lookup = "article__unit__path"
    form = PhotoForm
    list_display = ["thumbnail", "alt_text", "article", "credit", "uploader", "created_at"]
    list_select_related = ["article", "uploaded_by"]
    list_filter = [UnattachedScopeFilter, "created_at"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "created_at"
    readonly_fields = ["preview", "dimensions", "uploader", "created_at"]
    fieldsets = [
        (None, {"fields": ["file", "alt_text", "caption", "credit", "article", "position"]}),
        (_("Titik fokus"), {"fields": ["preview", "focal_x", "focal_y"]}),
        (_("Info"), {"fields": ["dimensions", "uploader", "created_at"]}),
    ]

    class Media:
        js = ["js/photo-focal.js"]

    def get_queryset(self, request):
        scoped = super().get_queryset(request)
        if request.user.is_superuser:
            return scoped
        loose = scope_queryset(
            admin.ModelAdmin.get_queryset(self, request).filter(article__isnull=True),
            request.user,
            "uploaded_by__unit__path",
        )
        return scoped | loose

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return user_form(form, request.user)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            # Nothing to preview before the upload.
            return [
                (name, {"fields": [f for f in opts["fields"] if f != "preview"]})
                for name, opts in fieldsets
                if name != _("Info")
            ]
        return fieldsets

    # A photo in a gallery is part of its story: only someone who may edit that story changes or
    # removes it, or adds a photo to that gallery. Loose photos are the tree's shared library.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_edit_story_of(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_edit_story_of(request, obj)

    @staticmethod
    def may_edit_story_of(request, photo):
        if photo is None or photo.article_id is None:
            return True
        return perms.can(request.user, perms.WRITE, photo.article)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["queryset"] = perms.editable_stories(
                Article.objects.select_related("unit"), request.user
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if obj.uploaded_by_id is None:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        form.sync_renditions(obj)

    @admin.display(description=_("foto"))
    def thumbnail(self, photo):
        name = (photo.renditions or {}).get("thumb.jpg")
        if not name:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="64" height="64">', photo.file.storage.url(name)
        )

    @admin.display(description=_("pratinjau"))
    def preview(self, photo):
        return preview_html(photo)

    @admin.display(description=_("diunggah oleh"), ordering="uploaded_by__first_name")
    def uploader(self, photo):
        user = photo.uploaded_by
        return (user.get_full_name() or user.get_username()) if user else "—"

    @admin.display(description=_("ukuran"))
    def dimensions(self, photo):
        return f"{photo.width} × {photo.height}"
