"""The moderation queue in the admin: scoped to the editor's unit tree, audited, signalled."""

import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse

from articles.models import AuditEntry, Comment
from articles.signals import comment_changed
from tests.factories import ArticleFactory, CommentFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_comment_changelist")


@pytest.fixture
def polda():
    return UnitFactory(name="Polda Contoh")


@pytest.fixture
def polres(polda):
    return UnitFactory(name="Polres Anak", parent=polda)


@pytest.fixture
def editor(polda):
    return UserFactory(role="redaktur", unit=polda)


@pytest.fixture
def desk(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def signals():
    received = []

    def receiver(sender, comment, **kwargs):
        received.append(comment.pk)

    comment_changed.connect(receiver)
    yield received
    comment_changed.disconnect(receiver)


def act(client, action, comments, **extra):
    """Run an admin action from the "Semua" view (the form posts to the filtered list)."""
    data = {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in comments], **extra}
    return client.post(CHANGELIST + "?antrean=semua", data)


def test_queue_shows_only_the_editors_unit_tree(desk, polres):
    own = CommentFactory(article=ArticleFactory(unit=polres), body="Di satuan bawahan")
    other = CommentFactory(article=ArticleFactory(unit=UnitFactory(name="Polda Lain")), body="Lain")

    html = desk.get(CHANGELIST).content.decode()  # opens on the queue
    html_all = desk.get(CHANGELIST + "?antrean=semua").content.decode()

    assert "Di satuan bawahan" in html_all
    assert other.body not in html_all
    assert own.body not in html  # approved, so not in the pending queue
    assert desk.get(reverse("admin:articles_comment_change", args=[other.pk])).status_code == 302


def test_approving_publishes_the_comment_audits_and_signals(
    desk, editor, polres, signals, django_capture_on_commit_callbacks
):
    article = ArticleFactory(unit=polres)
    pending = CommentFactory(article=article, status=Comment.Status.PENDING, body="Mohon info")

    with django_capture_on_commit_callbacks(execute=True):
        response = act(desk, "approve", [pending])

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Comment.Status.APPROVED
    assert pending.moderated_by == editor
    assert pending.moderated_at is not None
    assert signals == [pending.pk]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COMMENT_MODERATE)
    assert (entry.actor, entry.article) == (editor, article)
    assert "Mohon info" in Client().get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("action", "status"), [("mark_spam", Comment.Status.SPAM), ("remove", Comment.Status.REMOVED)]
)
def test_bulk_spam_and_remove(
    desk, polres, signals, action, status, django_capture_on_commit_callbacks
):
    article = ArticleFactory(unit=polres)
    comments = [CommentFactory(article=article, body=f"Komentar {n}") for n in range(3)]

    with django_capture_on_commit_callbacks(execute=True):
        act(desk, action, comments)

    assert set(Comment.objects.values_list("status", flat=True)) == {status}
    assert sorted(signals) == sorted(c.pk for c in comments)
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "Komentar 1" not in html


def test_the_queue_lists_waiting_comments_first(desk, polres):
    article = ArticleFactory(unit=polres)
    CommentFactory(article=article, status=Comment.Status.PENDING, body="Menunggu giliran")
    CommentFactory(article=article, status=Comment.Status.SPAM, body="Iklan judi")

    queue = desk.get(CHANGELIST).content.decode()
    spam = desk.get(CHANGELIST + "?antrean=spam").content.decode()

    assert "Menunggu giliran" in queue and "Iklan judi" not in queue
    assert "Iklan judi" in spam and "Menunggu giliran" not in spam


def test_actions_cannot_reach_outside_the_unit_tree(desk):
    outside = CommentFactory(
        article=ArticleFactory(unit=UnitFactory(name="Polda Lain")), status=Comment.Status.PENDING
    )
    act(desk, "approve", [outside])
    outside.refresh_from_db()
    assert outside.status == Comment.Status.PENDING


def test_writers_cannot_moderate(polres):
    writer = Client()
    writer.force_login(UserFactory(role="penulis", unit=polres))
    pending = CommentFactory(article=ArticleFactory(unit=polres), status=Comment.Status.PENDING)
    assert writer.get(CHANGELIST).status_code == 403
    act(writer, "approve", [pending])
    pending.refresh_from_db()
    assert pending.status == Comment.Status.PENDING


def test_changing_status_in_the_form_goes_through_moderation(desk, editor, polres):
    comment = CommentFactory(article=ArticleFactory(unit=polres), status=Comment.Status.PENDING)
    url = reverse("admin:articles_comment_change", args=[comment.pk])
    response = desk.post(url, {"status": "approved"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Comment.Status.APPROVED, editor)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.COMMENT_MODERATE).count() == 1


def test_desk_reply_appears_with_the_staff_badge(desk, editor, polres, signals):
    article = ArticleFactory(unit=polres)
    question = CommentFactory(article=article, body="Kapan pelayanan SIM keliling?")
    url = reverse("admin:articles_comment_reply", args=[question.pk])

    assert "Kapan pelayanan SIM keliling?" in desk.get(url).content.decode()
    response = desk.post(url, {"body": "Setiap Senin di halaman kantor kecamatan."})

    assert response.status_code == 302
    reply = Comment.objects.get(parent=question)
    assert reply.is_staff_reply and reply.author_user == editor
    assert reply.status == Comment.Status.APPROVED
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "Setiap Senin di halaman kantor kecamatan." in html
    assert '<span class="badge-staff">Redaksi</span>' in html


def test_a_desk_reply_of_invisible_characters_only_is_sent_back_as_empty(desk, polres):
    """Text pasted from a chat app can hold only zero-width spaces: a form error, not a 500."""
    question = CommentFactory(article=ArticleFactory(unit=polres))
    url = reverse("admin:articles_comment_reply", args=[question.pk])

    response = desk.post(url, {"body": "\u200b\ufeff \u200b"})

    assert response.status_code == 200
    assert "Bidang ini tidak boleh kosong" in response.content.decode()
    assert not Comment.objects.filter(parent=question).exists()


def test_desk_cannot_reply_outside_its_tree(desk):
    outside = CommentFactory(article=ArticleFactory(unit=UnitFactory(name="Polda Lain")))
    url = reverse("admin:articles_comment_reply", args=[outside.pk])
    assert desk.post(url, {"body": "Tidak boleh"}).status_code == 404
    assert Comment.objects.count() == 1


def test_export_action_downloads_the_commenters_data(desk, polres):
    article = ArticleFactory(unit=polres)
    first = CommentFactory(article=article, email="Siti@Contoh.test", body="Satu")
    CommentFactory(article=article, email="siti@contoh.test", body="Dua")
    CommentFactory(article=article, email="lain@contoh.test", body="Tiga")

    response = act(desk, "export_commenter_data", [first])

    assert response["Content-Disposition"].startswith("attachment")
    [export] = json.loads(response.content)
    assert export["email"] == "siti@contoh.test"
    assert sorted(c["body"] for c in export["comments"]) == ["Dua", "Satu"]


def test_erase_action_asks_first_then_erases_keeping_placeholders(desk, polres):
    article = ArticleFactory(unit=polres)
    parent = CommentFactory(article=article, email="siti@contoh.test", body="Data pribadi Siti")
    reply = CommentFactory(article=article, parent=parent, body="Balasan orang lain")

    confirm = act(desk, "erase_commenter_data", [parent])
    assert confirm.status_code == 200
    assert "siti@contoh.test" in confirm.content.decode()
    assert Comment.objects.get(pk=parent.pk).body == "Data pribadi Siti"

    act(desk, "erase_commenter_data", [parent], confirm="yes")

    parent.refresh_from_db()
    assert (parent.name, parent.email, parent.body, parent.ip_hash) == ("", "", "", "")
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "komentar dihapus" in html
    assert "Balasan orang lain" in html
    assert Comment.objects.get(pk=reply.pk).status == Comment.Status.APPROVED


def test_moderation_words_are_managed_in_the_admin(desk):
    response = desk.post(
        reverse("admin:articles_moderationword_add"), {"phrase": "pinjol", "action": "spam"}
    )
    assert response.status_code == 302
