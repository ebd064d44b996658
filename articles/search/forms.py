"""The public search form: the words plus optional unit, category, partner and year filters."""

from django import forms
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..models import Article, Category, Partner, Unit
from . import MAX_QUERY_LENGTH


class UnitChoiceField(forms.ModelChoiceField):
    """Units indented under their parent: choosing a Polda includes its Polres and Polsek."""

    def label_from_instance(self, obj):
        return "\u2003" * obj.depth + obj.name


class SearchForm(forms.Form):
    """Read leniently: a filter that does not parse is dropped, the words never fail."""

    q = forms.CharField(
        label=_("Kata kunci"),
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
    )
    satuan = UnitChoiceField(
        label=_("Satuan"),
        queryset=Unit.objects.only("name", "slug", "depth", "path"),
        to_field_name="slug",
        required=False,
        empty_label=_("Semua satuan"),
    )
    kategori = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=Category.objects.only("name", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("Semua kategori"),
    )
    mitra = forms.ModelChoiceField(
        label=_("Mitra"),
        queryset=Partner.objects.only("name", "acronym", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("Semua mitra"),
    )
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        first = (
            Article.objects.published()
            .order_by("publish_at")
            .values_list("publish_at", flat=True)[:1]
        )
        first_year = timezone.localtime(first[0]).year if first else this_year
        self.fields["tahun"].choices = [("", _("Semua tahun"))] + [
            (year, str(year)) for year in range(this_year, first_year - 1, -1)
        ]

    def filters(self):
        """Yield each filter as (bound field, its <option> elements), built from plain rows.

        Django's select widget renders every option through the template engine, from full
        model instances; for the ~200 units of a Polda tree that costs more than the search.
        """
        rows = {
            "satuan": [
                (slug, "\u2003" * depth + name)
                for slug, name, depth in Unit.objects.values_list("slug", "name", "depth")
            ],
            "kategori": list(Category.objects.values_list("slug", "name")),
            "mitra": [
                (slug, f"{name} ({acronym})" if acronym else name)
                for slug, name, acronym in Partner.objects.values_list("slug", "name", "acronym")
            ],
            "tahun": [(str(year), label) for year, label in self.fields["tahun"].choices[1:]],
        }
        for name, choices in rows.items():
            field = self[name]
            chosen = str(self.data.get(name, ""))
            empty = self.fields[name].empty_label if name != "tahun" else _("Semua tahun")
            options = format_html('<option value="">{}</option>', empty) + format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (value, " selected" if value == chosen else "", label)
                    for value, label in choices
                ),
            )
            yield field, options

    def clean_q(self):
        return self.cleaned_data["q"][:MAX_QUERY_LENGTH]

    @property
    def search(self):
        """Return the words and the valid filters (``search_articles`` keyword arguments)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        data = self.cleaned_data
        return data.get("q", ""), {
            "unit": data.get("satuan"),
            "category": data.get("kategori"),
            "partner": data.get("mitra"),
            "year": data.get("tahun"),
        }
