"""Personal data (UU 27/2022 PDP): IPs only as keyed hashes, purged on time, exportable, erasable."""

import datetime
import io
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from articles import comments as rules
from articles.models import Comment
from tests.factories import CommentFactory

from .conftest import post_comment

pytestmark = pytest.mark.django_db


def test_ip_is_stored_only_as_a_keyed_hash(reader, article, settings):
    post_comment(reader, article)
    stored = Comment.objects.get()

    assert "203.0.113.7" not in stored.ip_hash
    assert len(stored.ip_hash) == 64
    assert stored.ip_hash == rules.ip_hash("203.0.113.7")
    assert stored.user_agent == "Tes/1.0"
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-xxxxxxxxxxxxxxx"
    assert rules.ip_hash("203.0.113.7") != stored.ip_hash  # useless without the key


def test_the_email_is_never_shown_publicly(reader, article):
    post_comment(reader, article)
    rules.moderate(list(Comment.objects.all()), Comment.Status.APPROVED, None)
    assert "budi@contoh.test" not in reader.get(article.get_absolute_url()).content.decode()


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_purge_clears_ip_hash_and_user_agent_after_retention(clock):
    with time_machine.travel(clock.now - datetime.timedelta(days=91)):
        old = CommentFactory(ip_hash="a" * 64, user_agent="Lama/1.0")
    with time_machine.travel(clock.now - datetime.timedelta(days=89)):
        recent = CommentFactory(ip_hash="b" * 64, user_agent="Baru/1.0")

    with time_machine.travel(clock.now):
        assert "1 komentar lebih dari 90 hari akan dibersihkan" in run(
            "purge_comment_data", "--dry-run"
        )
        assert Comment.objects.get(pk=old.pk).ip_hash == "a" * 64
        run("purge_comment_data")

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_hash, old.user_agent) == ("", "")
    assert (recent.ip_hash, recent.user_agent) == ("b" * 64, "Baru/1.0")
    assert old.body == "Terima kasih atas informasinya."  # the comment itself stays


def test_purge_honours_a_shorter_period(clock):
    with time_machine.travel(clock.now - datetime.timedelta(days=10)):
        comment = CommentFactory(ip_hash="c" * 64)
    run("purge_comment_data", "--days", "7")
    comment.refresh_from_db()
    assert comment.ip_hash == ""


def test_export_by_email_prints_everything_stored(reader, article):
    post_comment(reader, article)
    CommentFactory(email="BUDI@contoh.test", body="Komentar lain")
    CommentFactory(email="orang.lain@contoh.test")

    data = json.loads(run("commenter_data", "export", "budi@contoh.test"))

    assert sorted(c["body"] for c in data["comments"]) == [
        "Komentar lain",
        "Terima kasih, informasinya sangat membantu warga.",
    ]
    assert {"ip_hash", "user_agent", "url", "created_at"} <= set(data["comments"][0])


def test_erase_by_email_leaves_placeholders_so_threads_keep_their_shape(reader, article):
    post_comment(reader, article)
    mine = Comment.objects.get()
    rules.moderate([mine], Comment.Status.APPROVED, None)
    reply = CommentFactory(article=article, parent=mine, body="Setuju dengan Budi")

    assert "1 komentar dihapus." in run("commenter_data", "erase", "budi@contoh.test")

    mine.refresh_from_db()
    assert (mine.name, mine.email, mine.body, mine.ip_hash, mine.user_agent) == ("",) * 5
    assert mine.status == Comment.Status.REMOVED
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "komentar dihapus" in html
    assert "Setuju dengan Budi" in html
    assert "Budi Santoso" not in html
    assert Comment.objects.get(pk=reply.pk).parent_id == mine.pk
    assert json.loads(run("commenter_data", "export", "budi@contoh.test"))["comments"] == []


def test_erase_dry_run_changes_nothing(reader, article):
    post_comment(reader, article)
    assert "1 komentar akan dihapus" in run(
        "commenter_data", "erase", "budi@contoh.test", "--dry-run"
    )
    assert Comment.objects.get().email == "budi@contoh.test"


def test_commenter_data_refuses_a_non_email():
    with pytest.raises(CommandError):
        run("commenter_data", "export", "bukan email")


def test_behind_a_proxy_the_address_comes_from_the_configured_header(article, settings):
    """Only the entry our proxy appended counts: a forged X-Forwarded-For entry is ignored."""
    settings.NEWSROOM_COMMENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    client = Client(
        enforce_csrf_checks=True,
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.20",
    )
    post_comment(client, article)
    assert Comment.objects.get().ip_hash == rules.ip_hash("198.51.100.20")
