"""Posting a comment. Every response here is private and uncached; the story page is not.

The cached story form has no CSRF token: ``comments.js`` fetches one (and the signed "form
shown" stamp) from ``comment_token``. A post without a valid token is not rejected outright:
the reader gets this uncached form back, with a token and their text, and sends it again.
"""

import logging

from django.db.models import Exists, OuterRef, Q
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .. import comments as rules
from ..models import Article, Comment
from ..templatetags.comments import PAGE_PARAMETER, THREADS_PER_PAGE

logger = logging.getLogger(__name__)

_FORM_FIELDS = ["name", "email", "body", "parent", "consent"]


def _csrf_failed(request):
    """Run Django's own CSRF check by hand, so a failure can keep the reader's text."""
    return CsrfViewMiddleware(lambda req: None).process_view(request, None, (), {}) is not None


def _form_page(request, article, form, *, notice="", parent=None, status=200):
    context = {
        "article": article,
        "form": form,
        "notice": notice,
        "parent": parent or getattr(form, "parent_comment", None),
        "comments_open": rules.comments_open(article),
    }
    return render(request, "articles/comments/form_page.html", context, status=status)


def _resend_page(request, article):
    """Give back what was typed in a fresh form with a token, to be sent again."""
    initial = {key: request.POST.get(key, "") for key in _FORM_FIELDS}
    stamp = rules.form_stamp(resend_body=initial["body"])
    initial.update(consent=bool(request.POST.get("consent")), stamp=stamp)
    form = rules.CommentForm(article=article, initial=initial)
    parent = None
    if initial["parent"].isdigit():
        parent = Comment.objects.approved().filter(article=article, pk=initial["parent"]).first()
    notice = _("Demi keamanan, periksa komentar Anda lalu tekan Kirim sekali lagi.")
    return _form_page(request, article, form, notice=notice, parent=parent)


def _with_fresh_stamp(form):
    """Re-render a bound form with a new stamp, keeping what the reader typed."""
    form.data = form.data.copy()
    form.data["stamp"] = rules.form_stamp()
    return form


def _thread_page_number(comment, own_ids):
    """Return the comment page showing ``comment``'s thread (1 holds the newest threads).

    One query on the top-level ids the reader sees, in the thread's order (see
    ``templatetags.comments.build_thread`` and ``thread_page``).
    """
    if not comment.parent_id:
        return 1  # a new thread is the newest
    root = comment
    while root.parent_id:
        root = root.parent
    shown = Q(status=Comment.Status.APPROVED) | Q(
        pk__in=own_ids, status__in=[Comment.Status.PENDING, Comment.Status.SPAM]
    )
    # A removed comment stays as a placeholder while a reply under it is shown.
    shown |= Q(status=Comment.Status.REMOVED) & Exists(
        Comment.objects.filter(parent=OuterRef("pk")).filter(shown)
    )
    ids = list(
        Comment.objects.filter(shown | Q(pk=root.pk), article_id=comment.article_id, parent=None)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    newer = len(ids) - 1 - ids.index(root.pk)
    return newer // THREADS_PER_PAGE + 1


def _posted(request, article, comment):
    """Send the reader to their comment: on the page of its thread, pending ones remembered."""
    own_ids = [*rules.pending_ids(request), comment.pk]
    page = _thread_page_number(comment, own_ids)
    query = f"?{PAGE_PARAMETER}={page}" if page > 1 else ""
    response = redirect(f"{article.get_absolute_url()}{query}#komentar-{comment.pk}")
    if comment.status != Comment.Status.APPROVED:
        rules.remember_pending(request, response, comment)
    return response


@never_cache
@require_GET
def comment_token(request):
    """Return a fresh CSRF token (setting its cookie) and a signed "form shown" stamp."""
    return JsonResponse({"csrfToken": get_token(request), "stamp": rules.form_stamp()})


@never_cache
@require_GET
def comment_reply(request, article_pk, comment_pk):
    """Show the form answering one comment: the "Balas" link without JavaScript."""
    article = get_object_or_404(Article.objects.published(), pk=article_pk)
    parent = get_object_or_404(Comment.objects.approved(), pk=comment_pk, article=article)
    form = rules.CommentForm(
        article=article, initial={"parent": parent.pk, "stamp": rules.form_stamp()}
    )
    return _form_page(request, article, form, parent=parent)


@never_cache
@csrf_exempt  # checked by hand below, see the module docstring
@require_POST
def comment_post(request, article_pk):
    """Accept a comment: save it for moderation, or give the form back with the text kept."""
    article = get_object_or_404(Article.objects.published(), pk=article_pk)
    if _csrf_failed(request):
        return _resend_page(request, article)

    form = rules.CommentForm(request.POST, article=article)
    if form.is_bot:
        logger.info("Honeypot filled on article %s; comment dropped", article.pk)
        return redirect(article.get_absolute_url() + "#komentar", permanent=False)
    if not form.is_valid():
        return _form_page(request, article, _with_fresh_stamp(form), status=400)
    try:
        comment = rules.post_comment(form, request)
    except rules.DuplicateComment:
        notice = _("Komentar yang sama sudah Anda kirim untuk berita ini.")
        return _form_page(request, article, _with_fresh_stamp(form), notice=notice, status=409)
    except rules.RateLimited:
        notice = _("Terlalu banyak komentar dalam waktu singkat. Silakan coba lagi nanti.")
        return _form_page(request, article, _with_fresh_stamp(form), notice=notice, status=429)

    return _posted(request, article, comment)
