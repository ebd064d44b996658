"""Posting a comment through HTTP, as a reader's browser does, with and without JavaScript."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from articles.models import Article, Comment
from tests.factories import ArticleFactory, CommentFactory, UnitFactory, UserFactory

from .conftest import comment_data, fetch_token, post_comment

pytestmark = pytest.mark.django_db


def hidden_value(html, name):
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="{name}"', html)
    assert match, f"no {name} in form"
    return match.group(1) or match.group(2)


def test_new_comment_waits_and_only_its_author_sees_it(reader, article):
    """A new comment is pending; its author (pending cookie) sees it with the notice, nobody else."""
    response = post_comment(reader, article)

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert response.status_code == 302
    assert response["Location"].endswith(f"{article.get_absolute_url()}#komentar-{comment.pk}")
    assert "nr_pending" in response.cookies

    own = reader.get(article.get_absolute_url()).content.decode()
    assert "Komentar Anda menunggu moderasi" in own
    assert comment.body in own

    stranger = Client().get(article.get_absolute_url()).content.decode()
    assert comment.body not in stranger
    assert "menunggu moderasi" not in stranger


def test_pending_cookie_is_signed(reader, article):
    """A forged pending cookie shows nothing: the ids must carry the server's signature."""
    post_comment(reader, article)
    comment = Comment.objects.get()
    forger = Client()
    forger.cookies["nr_pending"] = str(comment.pk)
    assert comment.body not in forger.get(article.get_absolute_url()).content.decode()


def test_cached_story_page_carries_no_token_and_sets_no_cookie(article):
    """The story page is shared by every reader: no CSRF token in it, no cookie from it."""
    response = Client().get(article.get_absolute_url())
    html = response.content.decode()
    assert 'id="tinggalkan-balasan"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "csrftoken" not in response.cookies


def test_token_endpoint_is_private_and_sets_the_csrf_cookie():
    response = Client().get(reverse("articles:comment_token"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "csrftoken" in response.cookies
    assert set(response.json()) == {"csrfToken", "stamp"}


def test_post_without_token_gets_the_form_back_with_text_and_a_token(reader, article):
    """Without JavaScript the first post has no token: the text comes back, ready to resend."""
    url = reverse("articles:comment_post", args=[article.pk])
    body = "Mohon info jadwal pelayanan SIM keliling\ndi kecamatan kami."
    response = reader.post(url, comment_data(body=body))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "kirim sekali lagi" in html.lower()
    assert "Mohon info jadwal pelayanan SIM keliling" in html
    assert Comment.objects.count() == 0

    resend = comment_data(
        body=body,
        csrfmiddlewaretoken=hidden_value(html, "csrfmiddlewaretoken"),
        stamp=hidden_value(html, "stamp"),
    )
    assert reader.post(url, resend).status_code == 302
    assert Comment.objects.get().body == body


def test_forged_token_does_not_post(reader, article):
    token = fetch_token(reader)
    post_comment(reader, article, token={**token, "csrfToken": "x" * 64})
    assert Comment.objects.count() == 0


def test_token_from_another_browser_does_not_post(reader, article):
    """A token is bound to its cookie: one fetched by an attacker's browser is useless here."""
    attacker_token = fetch_token(Client(enforce_csrf_checks=True))
    fetch_token(reader)  # the victim has their own cookie
    post_comment(reader, article, token=attacker_token)
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"body": "   \n\u200b "}, "Komentar tidak boleh kosong."),
        ({"body": "a" * 3001}, "Komentar terlalu panjang"),
        ({"email": "bukan-email"}, "Alamat email tidak valid."),
        ({"email": ""}, "Email wajib diisi."),
        ({"name": "\u200b"}, "Nama wajib diisi."),
        ({"consent": ""}, "Centang persetujuan"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_the_text(reader, article, overrides, message):
    response = post_comment(reader, article, **overrides)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "no-store" in response["Cache-Control"]
    if overrides.get("body", "x").strip("\u200b \n"):
        assert comment_data(**overrides)["body"][:50] in html
    assert Comment.objects.count() == 0


def test_reply_to_a_comment_on_another_story_is_refused(reader, article):
    elsewhere = CommentFactory()
    response = post_comment(reader, article, parent=elsewhere.pk)
    assert response.status_code == 400
    assert "tidak ada di berita ini atau sudah dihapus" in response.content.decode()
    assert Comment.objects.filter(article=article).count() == 0


@pytest.mark.parametrize("status", [Comment.Status.REMOVED, Comment.Status.SPAM])
def test_reply_to_a_removed_comment_is_refused(reader, article, status):
    removed = CommentFactory(article=article, status=status)
    response = post_comment(reader, article, parent=removed.pk)
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_comments_closed_on_a_story(reader):
    article = ArticleFactory(allow_comments=False)
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Komentar untuk berita ini sudah ditutup." in page
    assert 'class="comment-form"' not in page

    response = post_comment(reader, article)
    assert response.status_code == 400
    assert "sudah ditutup" in response.content.decode()
    assert Comment.objects.count() == 0


def test_comments_close_automatically_after_n_days(reader, article, settings):
    settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = 14
    with time_machine.travel(article.publish_at + datetime.timedelta(days=14, minutes=1)):
        response = post_comment(reader, article)
        assert response.status_code == 400
        assert "sudah ditutup" in response.content.decode()
    with time_machine.travel(article.publish_at + datetime.timedelta(days=13)):
        assert post_comment(reader, article).status_code == 302


def test_unpublished_story_takes_no_comments(reader):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    assert post_comment(reader, draft).status_code == 404


def test_reply_link_works_without_javascript(reader, article):
    """ "Balas" opens an uncached form with the parent set and a token; posting it replies."""
    parent = CommentFactory(article=article)
    page = Client().get(article.get_absolute_url()).content.decode()
    reply_url = reverse("articles:comment_reply", args=[article.pk, parent.pk])
    assert reply_url in page

    response = reader.get(reply_url)
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert parent.body in html
    assert hidden_value(html, "parent") == str(parent.pk)

    data = comment_data(
        parent=parent.pk,
        csrfmiddlewaretoken=hidden_value(html, "csrfmiddlewaretoken"),
        stamp=hidden_value(html, "stamp"),
    )
    assert reader.post(reverse("articles:comment_post", args=[article.pk]), data).status_code == 302
    assert Comment.objects.get(parent=parent).article == article


def test_replies_past_the_deepest_level_join_it(reader, article, settings):
    settings.NEWSROOM_COMMENT_MAX_DEPTH = 3
    first = CommentFactory(article=article)
    second = CommentFactory(article=article, parent=first)
    third = CommentFactory(article=article, parent=second)

    post_comment(reader, article, parent=third.pk)

    assert Comment.objects.latest("pk").parent == second


def test_known_commenter_is_approved_automatically_when_enabled(reader, article, settings):
    CommentFactory(email="budi@contoh.test", status=Comment.Status.APPROVED)
    post_comment(reader, article)
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING

    settings.NEWSROOM_COMMENT_AUTO_APPROVE_KNOWN = True
    post_comment(reader, article, body="Komentar kedua saya.")
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
    assert "Komentar kedua saya." in Client().get(article.get_absolute_url()).content.decode()


def test_desk_is_emailed_about_new_comments(reader, article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(reader, article)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["desk@humas.test"]
    assert article.title in message.subject
    assert "Terima kasih, informasinya sangat membantu warga." in message.body
    assert "budi@contoh.test" not in message.subject


def test_editors_above_the_story_unit_are_emailed_too(reader, django_capture_on_commit_callbacks):
    polda = UnitFactory(name="Polda Surel")
    polres = UnitFactory(name="Polres Surel", parent=polda)
    UserFactory(role="redaktur", unit=polda, email="redaktur@polda.test")
    UserFactory(role="penulis", unit=polres, email="penulis@polres.test")
    UserFactory(role="redaktur", unit=UnitFactory(name="Polda Lain"), email="lain@polda.test")

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(reader, ArticleFactory(unit=polres))

    assert mail.outbox[0].to == ["desk@humas.test", "redaktur@polda.test"]


def test_a_reply_sent_without_token_comes_back_still_a_reply(reader, article):
    parent = CommentFactory(article=article, body="Pertanyaan awal pembaca")
    url = reverse("articles:comment_post", args=[article.pk])
    html = reader.post(url, comment_data(parent=parent.pk)).content.decode()
    assert "Pertanyaan awal pembaca" in html
    assert hidden_value(html, "parent") == str(parent.pk)


def test_an_automatically_approved_comment_tells_the_page_cache(
    reader, article, settings, django_capture_on_commit_callbacks
):
    from articles.signals import comment_changed

    settings.NEWSROOM_COMMENT_AUTO_APPROVE_KNOWN = True
    CommentFactory(email="budi@contoh.test", status=Comment.Status.APPROVED)
    received = []

    def receiver(sender, comment, **kwargs):
        received.append(comment.body)

    comment_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            post_comment(reader, article, body="Langsung tampil.")
            post_comment(reader, article, body="https://a.test https://b.test https://c.test")
    finally:
        comment_changed.disconnect(receiver)
    assert received == ["Langsung tampil."]  # the held one changed nothing public
