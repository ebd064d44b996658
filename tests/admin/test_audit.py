"""The audit trail: staff read the entries of their unit tree; nobody edits or deletes one."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import AuditEntry, Comment
from articles.publishing import log
from tests.factories import FAST_HASHERS, ArticleFactory, CommentFactory, UserFactory

from .desk_support import admin_url, build_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_tree()


def listed_targets(response):
    assert response.status_code == 200
    return {entry.target for entry in response.context["cl"].result_list}


def test_nobody_can_add_change_or_delete_an_entry_not_even_a_superuser(client, tree):
    entry = log(AuditEntry.Action.PUBLISH, tree.editor, unit=tree.polres, target="Berita Asli")
    client.force_login(UserFactory(username="akar", is_superuser=True, unit=None))

    assert client.get(admin_url("auditentry", "add")).status_code == 403
    assert client.post(admin_url("auditentry", "add"), {"target": "Palsu"}).status_code == 403
    page = client.get(admin_url("auditentry", "change", entry.pk))
    assert page.status_code == 200
    assert not page.context["adminform"].form.fields  # every field shown read-only
    assert b'name="_save"' not in page.content
    assert b"Berita Asli" in page.content
    changed = client.post(
        admin_url("auditentry", "change", entry.pk), {"target": "Diubah", "action": "edit"}
    )
    assert changed.status_code == 403
    assert client.get(admin_url("auditentry", "delete", entry.pk)).status_code == 403
    assert (
        client.post(admin_url("auditentry", "delete", entry.pk), {"post": "yes"}).status_code == 403
    )
    changelist = client.get(admin_url("auditentry", "changelist"))
    assert b'value="delete_selected"' not in changelist.content
    bulk = client.post(
        admin_url("auditentry", "changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [entry.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    entry.refresh_from_db()
    assert (entry.target, entry.action) == ("Berita Asli", AuditEntry.Action.PUBLISH)


def test_staff_read_only_the_entries_of_their_tree(client, tree):
    for unit, target in [
        (tree.polda, "di Polda"),
        (tree.polres, "di Polres"),
        (tree.polsek, "di Polsek"),
        (tree.jayapura, "di Jayapura"),
        (None, "tanpa satuan"),
    ]:
        log(AuditEntry.Action.PUBLISH, tree.editor, unit=unit, target=target)
    changelist = admin_url("auditentry", "changelist")

    client.force_login(tree.editor)
    assert listed_targets(client.get(changelist)) == {"di Polres", "di Polsek"}
    client.force_login(tree.polda_editor)
    assert listed_targets(client.get(changelist)) == {"di Polda", "di Polres", "di Polsek"}
    client.force_login(tree.papua_head)
    assert listed_targets(client.get(changelist)) == {"di Jayapura"}

    foreign = AuditEntry.objects.get(target="di Jayapura")
    client.force_login(tree.head)
    response = client.get(admin_url("auditentry", "change", foreign.pk))
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_writers_cannot_read_the_trail(client, tree):
    log(AuditEntry.Action.PUBLISH, tree.editor, unit=tree.polres, target="Terbit")
    client.force_login(tree.writer)
    assert client.get(admin_url("auditentry", "changelist")).status_code == 403
    entry = AuditEntry.objects.get()
    assert client.get(admin_url("auditentry", "change", entry.pk)).status_code == 403


def test_search_and_filter_by_action(client, tree):
    log(AuditEntry.Action.PUBLISH, tree.editor, unit=tree.polres, target="Operasi Zebra")
    log(
        AuditEntry.Action.UNPUBLISH,
        tree.editor,
        unit=tree.polres,
        target="Razia Malam",
        detail="Salah tanggal",
    )
    client.force_login(tree.editor)
    changelist = admin_url("auditentry", "changelist")

    assert listed_targets(client.get(changelist, {"q": "zebra"})) == {"Operasi Zebra"}
    assert listed_targets(client.get(changelist, {"q": "salah tanggal"})) == {"Razia Malam"}
    assert listed_targets(client.get(changelist, {"action__exact": "unpublish"})) == {"Razia Malam"}


def test_a_role_change_in_the_staff_admin_shows_in_the_trail(client, tree):
    client.force_login(tree.head)
    writer = tree.writer
    client.post(
        admin_url("user", "change", writer.pk),
        {
            "username": writer.username,
            "first_name": writer.first_name,
            "email": writer.email,
            "is_active": "on",
            "unit": tree.polres.pk,
            "peran": "redaktur",
        },
    )

    response = client.get(admin_url("auditentry", "changelist"), {"action__exact": "role_change"})

    assert listed_targets(response) == {writer.username}
    assert "Penulis → Redaktur" in response.context["cl"].result_list[0].detail
    assert b"Ubah peran" in response.content
    # The editor of the same Polres reads it too; the Papua head does not.
    client.force_login(tree.editor)
    assert listed_targets(client.get(admin_url("auditentry", "changelist"))) == {writer.username}
    client.force_login(tree.papua_head)
    assert listed_targets(client.get(admin_url("auditentry", "changelist"))) == set()


def test_comment_moderation_shows_in_the_trail(client, tree):
    comment = CommentFactory(
        article=ArticleFactory(unit=tree.polsek, title="Berita Polsek"),
        status=Comment.Status.PENDING,
    )
    client.force_login(tree.editor)
    client.post(
        admin_url("comment", "changelist"),
        {"action": "approve", ACTION_CHECKBOX_NAME: [comment.pk], "index": 0},
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED

    response = client.get(
        admin_url("auditentry", "changelist"), {"action__exact": "comment_moderate"}
    )

    assert listed_targets(response) == {f"komentar #{comment.pk}"}
    entry = response.context["cl"].result_list[0]
    assert (entry.actor, entry.unit, entry.article.title) == (
        tree.editor,
        tree.polsek,
        "Berita Polsek",
    )


def add_entries(count, tree):
    AuditEntry.objects.bulk_create(
        AuditEntry(
            action=AuditEntry.Action.PUBLISH,
            actor=tree.editor,
            unit=tree.polsek if i % 2 else tree.polres,
            article=story,
            target=story.title,
        )
        for i, story in enumerate(ArticleFactory.create_batch(count, unit=tree.polres))
    )


def test_the_trail_lists_in_the_same_queries_for_10_and_200_entries(
    client, tree, django_assert_num_queries
):
    add_entries(10, tree)
    client.force_login(tree.editor)
    changelist = admin_url("auditentry", "changelist")
    client.get(changelist)
    with CaptureQueriesContext(connection) as small:
        assert len(listed_targets(client.get(changelist))) == 10

    add_entries(190, tree)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(changelist)
    assert len(response.context["cl"].result_list) == 50  # one page
