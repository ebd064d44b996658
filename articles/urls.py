from django.urls import path

from . import feeds
from .views import comments, preview, stories
from .views.search import SearchView

app_name = "articles"

urlpatterns = [
    path("", stories.HomeView.as_view(), name="home"),
    path("cari/", SearchView.as_view(), name="search"),
    path("berita/<slug:slug>/", stories.ArticleDetailView.as_view(), name="detail"),
    # Any status, through a signed link that expires (uncached, unindexed)
    path("pratinjau/<str:token>/", preview.article_preview, name="preview"),
    path("kategori/<slug:slug>/", stories.CategoryView.as_view(), name="category"),
    path("tag/<slug:slug>/", stories.TagView.as_view(), name="tag"),
    path("satuan/<slug:slug>/", stories.UnitView.as_view(), name="unit"),
    path("mitra/<slug:slug>/", stories.PartnerView.as_view(), name="partner"),
    path("penulis/<int:pk>/", stories.WriterView.as_view(), name="writer"),
    path("arsip/<int:year>/", stories.ArchiveYearView.as_view(), name="archive_year"),
    path("arsip/<int:year>/<int:month>/", stories.ArchiveMonthView.as_view(), name="archive_month"),
    # Reader comments (uncached)
    path("komentar/token/", comments.comment_token, name="comment_token"),
    path("komentar/<int:article_pk>/kirim/", comments.comment_post, name="comment_post"),
    path(
        "komentar/<int:article_pk>/balas/<int:comment_pk>/",
        comments.comment_reply,
        name="comment_reply",
    ),
    # Feeds
    path("feed/rss/", stories.conditional_page(feeds.StoryFeed()), name="feed_rss"),
    path("feed/atom/", stories.conditional_page(feeds.StoryAtomFeed()), name="feed_atom"),
    path(
        "kategori/<slug:slug>/rss/",
        stories.conditional_page(feeds.CategoryFeed()),
        name="category_rss",
    ),
    path(
        "kategori/<slug:slug>/atom/",
        stories.conditional_page(feeds.CategoryAtomFeed()),
        name="category_atom",
    ),
    path("tag/<slug:slug>/rss/", stories.conditional_page(feeds.TagFeed()), name="tag_rss"),
    path("tag/<slug:slug>/atom/", stories.conditional_page(feeds.TagAtomFeed()), name="tag_atom"),
    path("satuan/<slug:slug>/rss/", stories.conditional_page(feeds.UnitFeed()), name="unit_rss"),
    path(
        "satuan/<slug:slug>/atom/", stories.conditional_page(feeds.UnitAtomFeed()), name="unit_atom"
    ),
    path(
        "mitra/<slug:slug>/rss/", stories.conditional_page(feeds.PartnerFeed()), name="partner_rss"
    ),
    path(
        "mitra/<slug:slug>/atom/",
        stories.conditional_page(feeds.PartnerAtomFeed()),
        name="partner_atom",
    ),
]
