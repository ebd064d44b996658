"""The comment thread under a story: ``{% load comments %}{% comment_thread article %}``."""

import zoneinfo

from django import template
from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language

from .. import comments as rules
from ..models import Comment

register = template.Library()


# A story can draw thousands of comments: the page shows this many top-level threads (with
# their replies), newest threads first; "?komentar=2" pages back to older ones.
THREADS_PER_PAGE = 50
PAGE_PARAMETER = "komentar"
# Up to this many comments a thread is read whole in one query; a longer one is read as
# (id, parent, status) to build its shape, then in full for the comments on the page only.
SMALL_THREAD = 200
# In the model's field order, as Model.from_db wants them.
_COLUMNS = ("id", "article_id", "parent_id", "name", "body", "status", "created_at")
_COLUMNS += ("is_staff_reply",)
_SHAPE = ("id", "parent_id", "status")


class Node:
    """One comment in the rendered tree (the model instance is built only when shown)."""

    __slots__ = ("pk", "parent_id", "status", "row", "own_pending", "children", "depth", "_comment")
    __slots__ += ("anchor", "name", "is_staff_reply", "iso_time", "local_time", "body_html")
    __slots__ += ("reply_url", "closes")

    def __init__(self, pk, parent_id, status, row=None, own_pending=False):
        self.pk, self.parent_id, self.status = pk, parent_id, status
        self.row = row  # the full row, once read
        self.own_pending = own_pending
        self.children = []
        self.depth = 1
        self._comment = None

    @property
    def comment(self):
        if self._comment is None:
            if self.row is None:
                load_rows([self])
            self._comment = Comment.from_db("default", _COLUMNS, self.row)
        return self._comment

    @property
    def is_placeholder(self):
        return self.status in (Comment.Status.REMOVED, Comment.Status.SPAM) and not (
            self.own_pending
        )

    def has_visible(self):
        return not self.is_placeholder or any(child.has_visible() for child in self.children)


def build_thread(article, own_ids=(), max_depth=None):
    """Return (top-level nodes, approved count), oldest first.

    Removed comments stay as placeholders while they have visible replies, so threads keep
    their shape; the visitor's own pending comments (``own_ids``) are shown to them alone.
    One query up to SMALL_THREAD comments; past it, the nodes carry no full row yet (see
    ``load_rows``).
    """
    max_depth = max_depth or settings.NEWSROOM_COMMENT_MAX_DEPTH
    visible = Q(status__in=[Comment.Status.APPROVED, Comment.Status.REMOVED])
    if own_ids:
        visible |= Q(pk__in=own_ids, status__in=[Comment.Status.PENDING, Comment.Status.SPAM])
    comments = Comment.objects.filter(visible, article=article).order_by("created_at", "pk")
    rows = list(comments.values_list(*_COLUMNS)[: SMALL_THREAD + 1])
    if len(rows) <= SMALL_THREAD:
        shapes = [(row[0], row[2], row[5], row) for row in rows]
    else:
        shapes = [(*shape, None) for shape in comments.values_list(*_SHAPE)]
    nodes, roots, approved = {}, [], 0
    for pk, parent_id, status, row in shapes:
        own = pk in own_ids and status != Comment.Status.APPROVED
        nodes[pk] = Node(pk, parent_id, status, row, own_pending=own)
        approved += status == Comment.Status.APPROVED
    for node in nodes.values():
        parent = nodes.get(node.parent_id)
        if parent is None:
            roots.append(node)
            continue
        # Deeper than the site allows (old or imported threads): join the deepest level.
        while parent.depth >= max_depth and nodes.get(parent.parent_id):
            parent = nodes[parent.parent_id]
        node.depth = parent.depth + 1
        parent.children.append(node)

    def prune(siblings):
        kept = [node for node in siblings if node.has_visible()]
        for node in kept:
            node.children = prune(node.children)
        return kept

    return prune(roots), approved


def load_rows(nodes):
    """Read the full rows of the comments about to be shown, in one query."""
    missing = {node.pk: node for node in nodes if node.row is None}
    if missing:
        for row in Comment.objects.filter(pk__in=list(missing)).values_list(*_COLUMNS):
            missing[row[0]].row = row


def flatten(roots):
    """Return the nodes of ``roots`` in reading order, each knowing where its list ends.

    ``node.closes`` counts the reply lists (``</ol></li>``) that end after the node, so
    thread.html prints the whole tree in one loop instead of including a template once per
    comment (the include cost more than the comment's own markup).
    """
    flat = []

    def walk(siblings):
        for node in siblings:
            node.closes = 0
            flat.append(node)
            if node.children:
                walk(node.children)
                flat[-1].closes += 1

    walk(roots)
    for node in flat:
        node.closes = range(node.closes)
    return flat


def prepare_display(nodes, article=None):
    """Give the shown ``nodes`` what thread.html prints, computed once in Python.

    The same text as ``{{ comment.pk }}``, ``|date:'c'``, ``|date:"j F Y H.i"``,
    ``|comment_body`` and the reply link in the template, without a filter or URL lookup each
    (a long thread paid several milliseconds for them).
    """
    months = {}
    reply_url = None
    # In the story's own zone with its label, as the story's date above: "10.01 WIT".
    unit = article.unit if article is not None else None
    zone = zoneinfo.ZoneInfo(unit.time_zone) if unit else None
    abbreviation = unit.tz_abbreviation if unit else "WIB"
    if article is not None:
        # One lookup for the thread: the reply address differs only in the comment's number.
        marker = 999999999
        pattern = reverse("articles:comment_reply", args=[article.pk, marker])
        head, tail = pattern.rsplit(str(marker), 1)
        reply_url = f"{head}{{}}{tail}".format
    for node in nodes:
        comment = node.comment
        local = timezone.localtime(comment.created_at, zone)
        month = months.get(local.month)
        if month is None:
            month = months[local.month] = str(MONTHS[local.month])
        node.anchor = str(comment.pk)
        node.name = comment.name
        node.is_staff_reply = comment.is_staff_reply
        node.iso_time = local.isoformat()
        node.local_time = f"{local.day} {month} {local.year:04d} {local:%H.%M} {abbreviation}"
        node.body_html = rules.render_body(comment.body)
        node.reply_url = reply_url(comment.pk) if reply_url else ""


# The blank form under every story is the same markup for every story and reader (no CSRF
# token, no values): crispy renders it once per language and process, not on every page.
_BLANK_FORM_HTML = {}


def blank_form_html(make_form):
    """Return ``{% crispy form %}`` of a blank comment form, rendered once per language.

    ``make_form`` builds the form only when it must be rendered (building one deep-copies
    every field).
    """
    key = (get_language(), settings.CRISPY_TEMPLATE_PACK)
    html = _BLANK_FORM_HTML.get(key)
    if html is None:
        html = _BLANK_FORM_HTML[key] = render_to_string(
            "articles/comments/form_fields.html", {"form": make_form()}
        )
    return html


def thread_page(roots, page, per_page=THREADS_PER_PAGE):
    """Return (the roots shown on ``page``, older page number or None, newer one or None).

    Page 1 holds the newest threads (where a new comment lands), each page oldest first.
    A page past the end shows the oldest threads.
    """
    pages = max(1, -(-len(roots) // per_page))
    page = min(max(page, 1), pages)
    end = len(roots) - (page - 1) * per_page
    shown = roots[max(0, end - per_page) : end]
    return shown, (page + 1 if page < pages else None), (page - 1 if page > 1 else None)


def _requested_page(request):
    value = request.GET.get(PAGE_PARAMETER, "") if request is not None else ""
    # ASCII digits only: "²".isdigit() is true, int("²") fails.
    return int(value) if value.isascii() and value.isdigit() and len(value) < 7 else 1


@register.inclusion_tag("articles/comments/thread.html", takes_context=True)
def comment_thread(context, article):
    """Render the thread and, while comments are open, the (token-free, cacheable) form."""
    request = context.get("request")
    own_ids = rules.pending_ids(request) if request is not None else []
    roots, approved = build_thread(article, own_ids)
    shown, older_page, newer_page = thread_page(roots, _requested_page(request))
    nodes = flatten(shown)
    load_rows(nodes)
    prepare_display(nodes, article)
    is_open = rules.comments_open(article)
    return {
        "article": article,
        "roots": shown,
        "nodes": nodes,
        "older_page": older_page,
        "newer_page": newer_page,
        "page_parameter": PAGE_PARAMETER,
        "approved_count": approved,
        "comments_open": is_open,
        "form_html": (
            blank_form_html(lambda: rules.CommentForm(article=article)) if is_open else ""
        ),
        "max_depth": settings.NEWSROOM_COMMENT_MAX_DEPTH,
        "with_token": False,
        "request": request,
    }


@register.filter
def comment_body(text):
    """Render a reader's text: escaped, with line breaks and nofollow links."""
    return rules.render_body(text)
