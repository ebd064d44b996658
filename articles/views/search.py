"""The public search page: a thin view over ``articles.search.search_articles``."""

from django.conf import settings
from django.views.generic import ListView

from ..models import Category, Partner, Unit
from ..sanitize import html_to_text
from ..search import highlight, search_articles


class SearchView(ListView):
    template_name = "articles/search.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_PAGE_SIZE

    def _filter(self, model, name):
        slug = self.request.GET.get(name, "")[:200]
        return model.objects.filter(slug=slug).first() if slug else None

    def get_queryset(self):
        self.query = self.request.GET.get("q", "")[:200].strip()
        year = self.request.GET.get("tahun", "")
        return search_articles(
            self.query,
            unit=self._filter(Unit, "satuan"),
            category=self._filter(Category, "kategori"),
            partner=self._filter(Partner, "mitra"),
            year=int(year) if year.isdigit() and len(year) == 4 else None,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        for article in context["articles"]:
            article.snippet = highlight(html_to_text(article.body), self.query)
        return context
