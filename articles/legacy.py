"""Old WordPress addresses answer with a permanent redirect to the story's new address.

``/?p=123`` is caught before the home page answers; every other old form
(``/YYYY/MM/DD/slug/``, ``/YYYY/MM/slug/``, ``/slug/``) only where this site has no page of
its own, so an old address never hides a new one. Only stories the public may see are
redirected; anything else keeps its 404.
"""

import re

from django.http import HttpResponsePermanentRedirect

from .models import Article

_POST_ID = re.compile(r"^\d{1,12}$")


def find_redirect(old_path):
    """Return the new URL for ``old_path`` (path plus query), or ``None``."""
    article = (
        Article.objects.published().filter(legacy_redirects__old_path=old_path).only("slug").first()
    )
    return article.get_absolute_url() if article else None


class LegacyRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        post_id = request.GET.get("p", "")
        if request.path == "/" and _POST_ID.match(post_id):
            target = find_redirect(f"/?p={post_id}")
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404 and not request.path.startswith("/admin/"):
            for candidate in self.candidates(request.path):
                target = find_redirect(candidate)
                if target:
                    return HttpResponsePermanentRedirect(target)
        return response

    @staticmethod
    def candidates(path):
        """Return the stored forms ``path`` may match (with and without the final slash)."""
        forms = [path, path + "/" if not path.endswith("/") else path.rstrip("/")]
        return [form for form in dict.fromkeys(forms) if form and len(form) <= 500]
