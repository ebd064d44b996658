"""Pages for machines: the Google News sitemap and robots.txt."""

import datetime

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ..models import Article
from .stories import conditional_page

# Google News reads only the last two days, at most 1,000 stories.
NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_LIMIT = 1000


@require_GET
@conditional_page
def news_sitemap(request):
    """List the stories of the last 48 hours for Google News."""
    now = timezone.now()
    stories = (
        Article.objects.published(now=now)
        .filter(publish_at__gte=now - NEWS_WINDOW)
        .only("slug", "title", "publish_at")
        .newest_first()[:NEWS_LIMIT]
    )
    return render(
        request,
        "articles/news_sitemap.xml",
        {"stories": stories, "language": settings.LANGUAGE_CODE},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def robots_txt(request):
    """Point crawlers at both sitemaps and away from the newsroom's back office."""
    return render(request, "articles/robots.txt", content_type="text/plain; charset=utf-8")
