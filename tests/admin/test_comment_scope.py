"""Comment moderation stays inside the editor's unit tree on every admin path."""

import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from articles.models import AuditEntry, Comment
from tests.factories import FAST_HASHERS, ArticleFactory, CommentFactory

from .desk_support import admin_url, build_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    desk = build_tree()
    desk.mine = CommentFactory(
        article=ArticleFactory(unit=desk.polsek, title="Berita Polsek"),
        status=Comment.Status.PENDING,
        email="warga@contoh.test",
        body="Komentar Cihideung",
    )
    desk.foreign = CommentFactory(
        article=ArticleFactory(unit=desk.jayapura, title="Berita Jayapura"),
        status=Comment.Status.PENDING,
        email="warga@contoh.test",
        body="Komentar Papua",
    )
    desk.foreign_approved = CommentFactory(
        article=desk.foreign.article, status=Comment.Status.APPROVED, body="Papua disetujui"
    )
    return desk


def test_changelist_and_search_show_only_comments_of_the_tree(client, tree):
    client.force_login(tree.editor)
    for params in [{}, {"antrean": "semua"}, {"q": "Komentar"}, {"q": "warga@contoh.test"}]:
        response = client.get(admin_url("comment", "changelist"), params)
        assert response.status_code == 200
        assert [c.pk for c in response.context["cl"].result_list] == [tree.mine.pk], params
        assert b"Komentar Papua" not in response.content


def test_comments_outside_the_tree_cannot_be_opened_or_answered(client, tree):
    client.force_login(tree.editor)
    for url in [
        admin_url("comment", "change", tree.foreign.pk),
        admin_url("comment", "history", tree.foreign.pk),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/", url
    reply = reverse("admin:articles_comment_reply", args=[tree.foreign_approved.pk])
    assert client.get(reply).status_code == 404
    assert client.post(reply, {"body": "Balasan nyasar"}).status_code == 404
    response = client.post(
        admin_url("comment", "change", tree.foreign.pk), {"status": Comment.Status.APPROVED}
    )
    assert response.status_code == 302
    tree.foreign.refresh_from_db()
    assert tree.foreign.status == Comment.Status.PENDING
    assert not Comment.objects.filter(is_staff_reply=True).exists()


@pytest.mark.parametrize("action", ["approve", "mark_spam", "remove"])
def test_bulk_moderation_ignores_comments_outside_the_tree(client, tree, action):
    client.force_login(tree.editor)
    client.post(
        admin_url("comment", "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [tree.mine.pk, tree.foreign.pk], "index": 0},
    )
    tree.mine.refresh_from_db()
    tree.foreign.refresh_from_db()
    assert tree.mine.status != Comment.Status.PENDING
    assert tree.foreign.status == Comment.Status.PENDING
    audited = AuditEntry.objects.filter(action=AuditEntry.Action.COMMENT_MODERATE)
    assert list(audited.values_list("target", flat=True)) == [f"komentar #{tree.mine.pk}"]


def test_commenter_export_leaves_out_comments_outside_the_tree(client, tree):
    """The same reader commented in both trees: the editor exports only their tree's part."""
    client.force_login(tree.editor)
    response = client.post(
        admin_url("comment", "changelist"),
        {
            "action": "export_commenter_data",
            ACTION_CHECKBOX_NAME: [tree.mine.pk],
            "index": 0,
            "antrean": "semua",
        },
    )
    assert response.status_code == 200
    exported = json.dumps(json.loads(response.content), ensure_ascii=False)
    assert "Komentar Cihideung" in exported
    assert "Komentar Papua" not in exported


def test_writers_have_no_moderation_queue(client, tree):
    client.force_login(tree.writer)
    assert client.get(admin_url("comment", "changelist")).status_code == 403
    assert client.get(admin_url("comment", "change", tree.mine.pk)).status_code == 403
