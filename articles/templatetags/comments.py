"""The comment thread under a story: ``{% load comments %}{% comment_thread article %}``."""

from django import template
from django.conf import settings
from django.db.models import Q

from .. import comments as rules
from ..models import Comment

register = template.Library()


class Node:
    """One comment in the rendered tree."""

    def __init__(self, comment, own_pending=False):
        self.comment = comment
        self.own_pending = own_pending
        self.children = []
        self.depth = 1

    @property
    def is_placeholder(self):
        return self.comment.status in (Comment.Status.REMOVED, Comment.Status.SPAM) and not (
            self.own_pending
        )

    def has_visible(self):
        return not self.is_placeholder or any(child.has_visible() for child in self.children)


def build_thread(article, own_ids=(), max_depth=None):
    """Return (top-level nodes, approved count) in one query, oldest first.

    Removed comments stay as placeholders while they have visible replies, so threads keep
    their shape; the visitor's own pending comments (``own_ids``) are shown to them alone.
    """
    max_depth = max_depth or settings.NEWSROOM_COMMENT_MAX_DEPTH
    visible = Q(status__in=[Comment.Status.APPROVED, Comment.Status.REMOVED])
    if own_ids:
        visible |= Q(pk__in=own_ids, status__in=[Comment.Status.PENDING, Comment.Status.SPAM])
    rows = (
        Comment.objects.filter(visible, article=article)
        .only(
            "pk",
            "parent_id",
            "article_id",
            "name",
            "body",
            "status",
            "created_at",
            "is_staff_reply",
        )
        .order_by("created_at", "pk")
    )
    nodes, roots, approved = {}, [], 0
    for comment in rows:
        own = comment.pk in own_ids and comment.status != Comment.Status.APPROVED
        nodes[comment.pk] = Node(comment, own_pending=own)
        approved += comment.status == Comment.Status.APPROVED
    for node in nodes.values():
        parent = nodes.get(node.comment.parent_id)
        if parent is None:
            roots.append(node)
            continue
        # Deeper than the site allows (old or imported threads): join the deepest level.
        while parent.depth >= max_depth and nodes.get(parent.comment.parent_id):
            parent = nodes[parent.comment.parent_id]
        node.depth = parent.depth + 1
        parent.children.append(node)

    def prune(siblings):
        kept = [node for node in siblings if node.has_visible()]
        for node in kept:
            node.children = prune(node.children)
        return kept

    return prune(roots), approved


@register.inclusion_tag("articles/comments/thread.html", takes_context=True)
def comment_thread(context, article):
    """Render the thread and, while comments are open, the (token-free, cacheable) form."""
    request = context.get("request")
    own_ids = rules.pending_ids(request) if request is not None else []
    roots, approved = build_thread(article, own_ids)
    is_open = rules.comments_open(article)
    return {
        "article": article,
        "roots": roots,
        "approved_count": approved,
        "comments_open": is_open,
        "form": rules.CommentForm(article=article) if is_open else None,
        "max_depth": settings.NEWSROOM_COMMENT_MAX_DEPTH,
        "with_token": False,
        "request": request,
    }


@register.filter
def comment_body(text):
    """Render a reader's text: escaped, with line breaks and nofollow links."""
    return rules.render_body(text)
