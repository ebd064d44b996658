"""The public search page: a thin view over ``articles.search.search_articles``."""

from django.conf import settings
from django.views.generic import ListView

from ..sanitize import html_to_text
from ..search import highlight, search_articles, suggest
from ..search.forms import SearchForm
from ..search.stemming import query_stems


class SearchView(ListView):
    template_name = "articles/search.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_PAGE_SIZE

    def get_queryset(self):
        self.form = SearchForm(self.request.GET)
        self.query, self.filters = self.form.search
        return search_articles(self.query, **self.filters)

    def paginate_queryset(self, queryset, page_size):
        # A junk or out-of-range page number shows the first or last page, never a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, query=self.query, **kwargs)
        for article in context["articles"]:
            # The words may be only in the title or lead (shown on the card): then no snippet.
            article.snippet = highlight(html_to_text(article.body), self.query)
        results = context["paginator"].object_list
        context["total"], context["more_than"] = results.total(), results.more_than()
        context["has_words"] = bool(query_stems(self.query))
        if context["has_words"] and not context["total"]:
            context["suggestion"] = suggest(self.query, **self.filters)
        return context
