"""Spam resistance: honeypot, minimum time, rate limits, duplicates, links and word lists."""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from articles.models import Comment, ModerationWord
from tests.factories import CommentFactory

from .conftest import comment_data, fetch_token, post_comment

pytestmark = pytest.mark.django_db


def reader_at(ip):
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=ip)


def test_a_filled_honeypot_drops_the_comment_quietly(reader, article):
    response = post_comment(reader, article, situs="https://kasino.test")
    assert response.status_code == 302  # the bot learns nothing
    assert "nr_pending" not in response.cookies
    assert Comment.objects.count() == 0


def test_posting_faster_than_the_minimum_time_is_refused_then_allowed(
    reader, article, settings, clock
):
    """The clock starts when the token is fetched, not when the (cached) page was rendered."""
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 3
    with time_machine.travel(clock.now, tick=False) as traveller:
        token = fetch_token(reader)
        traveller.shift(1)
        response = post_comment(reader, article, token=token)
        assert response.status_code == 400
        assert "terlalu cepat" in response.content.decode()
        assert Comment.objects.count() == 0

        traveller.shift(3)
        assert post_comment(reader, article, token=token).status_code == 302
        assert Comment.objects.count() == 1


def resend_form(reader, article, **overrides):
    """Post without a token, as a reader without JavaScript does; return the form given back."""
    url = reverse("articles:comment_post", args=[article.pk])
    response = reader.post(url, comment_data(**overrides))
    html = response.content.decode()
    assert "tekan Kirim sekali lagi" in html
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("csrfmiddlewaretoken", "stamp")
    }


def test_without_javascript_sending_again_at_once_is_not_too_fast(reader, article, settings, clock):
    """The form given back after a post without a token may be sent again straight away."""
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 3
    url = reverse("articles:comment_post", args=[article.pk])
    with time_machine.travel(clock.now, tick=False):
        hidden = resend_form(reader, article)
        response = reader.post(url, comment_data(**hidden))

    assert response.status_code == 302
    assert "terlalu cepat" not in reader.get(response["Location"]).content.decode()
    assert Comment.objects.get().body == comment_data()["body"]


def test_the_form_given_back_does_not_rush_another_text(reader, article, settings, clock):
    """Its stamp skips the minimum time only for the text already sent, not for a bot's next."""
    settings.NEWSROOM_COMMENT_MIN_SECONDS = 3
    url = reverse("articles:comment_post", args=[article.pk])
    with time_machine.travel(clock.now, tick=False) as traveller:
        hidden = resend_form(reader, article)
        response = reader.post(url, comment_data(body="Teks lain dari bot.", **hidden))
        assert response.status_code == 400
        assert "terlalu cepat" in response.content.decode()

        traveller.shift(3)
        assert reader.post(url, comment_data(body="Teks lain.", **hidden)).status_code == 302


@pytest.mark.parametrize("stamp", ["", "1700000000.0", "bm9wZQ:forged:signature"])
def test_a_missing_or_forged_stamp_is_refused(reader, article, stamp):
    token = {**fetch_token(reader), "stamp": stamp}
    response = post_comment(reader, article, token=token)
    assert response.status_code == 400
    assert "terlalu cepat" in response.content.decode()
    assert Comment.objects.count() == 0


def test_a_stale_stamp_is_refused(reader, article, clock):
    with time_machine.travel(clock.now, tick=False) as traveller:
        token = fetch_token(reader)
        traveller.shift(datetime.timedelta(days=2))
        assert post_comment(reader, article, token=token).status_code == 400


def test_rate_limit_per_ip_trips_and_resets(article, settings, clock):
    settings.NEWSROOM_COMMENT_IP_RATE_LIMIT = 3
    settings.NEWSROOM_COMMENT_RATE_PERIOD = 600
    with time_machine.travel(clock.now, tick=False) as traveller:
        for n in range(3):
            client = reader_at("198.51.100.9")
            assert (
                post_comment(
                    client, article, email=f"w{n}@contoh.test", body=f"Isi {n}"
                ).status_code
                == 302
            )

        refused = post_comment(
            reader_at("198.51.100.9"), article, email="w9@contoh.test", body="Isi 9"
        )
        assert refused.status_code == 429
        assert "Terlalu banyak komentar" in refused.content.decode()
        assert "Isi 9" in refused.content.decode()  # the text is kept

        other_ip = post_comment(
            reader_at("198.51.100.10"), article, email="x@contoh.test", body="Lain"
        )
        assert other_ip.status_code == 302

        traveller.shift(601)
        again = post_comment(
            reader_at("198.51.100.9"), article, email="w9@contoh.test", body="Isi 9"
        )
        assert again.status_code == 302
    assert Comment.objects.count() == 5


def test_rate_limit_per_email_holds_across_addresses(article, settings, clock):
    settings.NEWSROOM_COMMENT_RATE_LIMIT = 2
    with time_machine.travel(clock.now, tick=False) as traveller:
        for n in range(2):
            assert (
                post_comment(reader_at(f"192.0.2.{n}"), article, body=f"Isi {n}").status_code == 302
            )
        assert post_comment(reader_at("192.0.2.77"), article, body="Isi 3").status_code == 429
        assert (
            post_comment(reader_at("192.0.2.78"), article, email="BUDI@contoh.test", body="Isi 4")
        ).status_code == 429
        traveller.shift(settings.NEWSROOM_COMMENT_RATE_PERIOD + 1)
        assert post_comment(reader_at("192.0.2.77"), article, body="Isi 3").status_code == 302


def test_many_readers_behind_one_carrier_address_are_not_refused_early(article, clock):
    """By default one address may send far more comments than one email address may."""
    with time_machine.travel(clock.now, tick=False):
        for n in range(8):
            response = post_comment(
                reader_at("198.51.100.9"), article, email=f"w{n}@contoh.test", body=f"Isi {n}"
            )
            assert response.status_code == 302
        for n in range(5):
            response = post_comment(reader_at(f"192.0.2.{n}"), article, body=f"Lagi {n}")
            assert response.status_code == 302
        refused = post_comment(reader_at("192.0.2.9"), article, body="Lagi 9")
    assert refused.status_code == 429
    assert "Terlalu banyak komentar" in refused.content.decode()


def proxied_reader(forwarded_for):
    """A reader behind the TLS proxy: every request comes from the proxy's own address."""
    return Client(
        enforce_csrf_checks=True,
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded_for,
        HTTP_X_FORWARDED_PROTO="https",
    )


@pytest.fixture
def behind_the_proxy(settings):
    """Production behind nginx (BEHIND_TLS_PROXY), no header configured, two posts per address."""
    settings.NEWSROOM_COMMENT_BEHIND_PROXY = True
    settings.NEWSROOM_COMMENT_IP_HEADER = ""
    settings.NEWSROOM_COMMENT_IP_RATE_LIMIT = 2


def test_behind_the_proxy_each_reader_has_their_own_address_limit(article, behind_the_proxy, clock):
    """The last X-Forwarded-For entry, appended by our proxy, is the reader's address."""
    with time_machine.travel(clock.now, tick=False):
        for n in range(2):
            response = post_comment(
                proxied_reader("198.51.100.1"), article, email=f"a{n}@contoh.test", body=f"A {n}"
            )
            assert response.status_code == 302
        assert (
            post_comment(
                proxied_reader("198.51.100.1"), article, email="a9@contoh.test", body="A 9"
            ).status_code
            == 429
        )
        for n in range(2):
            response = post_comment(
                proxied_reader("198.51.100.2"), article, email=f"b{n}@contoh.test", body=f"B {n}"
            )
            assert response.status_code == 302


def test_behind_the_proxy_a_forged_first_hop_does_not_evade_the_limit(
    article, behind_the_proxy, clock
):
    with time_machine.travel(clock.now, tick=False):
        for n in range(3):
            response = post_comment(
                proxied_reader(f"10.9.9.{n}, 198.51.100.1"),
                article,
                email=f"a{n}@contoh.test",
                body=f"A {n}",
            )
            assert response.status_code == (302 if n < 2 else 429)
    assert Comment.objects.count() == 2


def test_the_production_recipe_reads_the_address_the_proxy_saw():
    """BEHIND_TLS_PROXY=1 (README, Deployment) is enough: no other setting has to be found."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSROOM_", "BEHIND_"))
    }
    env.update(DJANGO_SETTINGS_MODULE="newsroom.settings", BEHIND_TLS_PROXY="1")
    script = (
        "from django.conf import settings as s; "
        "print(s.NEWSROOM_COMMENT_BEHIND_PROXY, repr(s.NEWSROOM_COMMENT_IP_HEADER), "
        "s.NEWSROOM_COMMENT_RATE_LIMIT < s.NEWSROOM_COMMENT_IP_RATE_LIMIT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "''", "True"], result.stderr


def test_the_same_text_sent_again_at_once_is_answered_like_the_first(
    reader, article, django_capture_on_commit_callbacks
):
    """A double tap: the second post repeats the first's answer, and nothing is stored twice."""
    with django_capture_on_commit_callbacks(execute=True):
        first = post_comment(reader, article)
        assert first.status_code == 302
        reader.cookies.pop("nr_pending")  # the second post left before the first's answer came
        again = post_comment(reader, article)

    comment = Comment.objects.get()
    assert again.status_code == 302
    assert again["Location"] == first["Location"]
    assert again["Location"].endswith(f"{article.get_absolute_url()}#komentar-{comment.pk}")
    page = reader.get(again["Location"]).content.decode()
    assert "Komentar Anda menunggu moderasi" in page
    assert comment.body in page
    assert "Komentar yang sama sudah Anda kirim" not in page
    assert len(mail.outbox) == 1  # the desk is told once


def test_the_same_text_sent_again_later_is_refused(reader, article, clock):
    with time_machine.travel(clock.now, tick=False) as traveller:
        assert post_comment(reader, article).status_code == 302
        traveller.shift(61)
        again = post_comment(reader, article)
    assert again.status_code == 409
    assert "Komentar yang sama sudah Anda kirim" in again.content.decode()
    assert Comment.objects.count() == 1


def test_the_same_text_from_another_visitor_is_refused_at_once(reader, article):
    """Only the visitor who sent it gets the first answer (and the pending cookie) back."""
    assert post_comment(reader, article).status_code == 302
    other = post_comment(reader_at("198.51.100.9"), article)
    assert other.status_code == 409
    assert "nr_pending" not in other.cookies
    assert Comment.objects.count() == 1


def test_the_same_text_is_refused_even_after_the_cache_forgot(reader, article, clock):
    from django.core.cache import cache

    with time_machine.travel(clock.now, tick=False) as traveller:
        post_comment(reader, article)
        cache.clear()
        traveller.shift(61)
        assert post_comment(reader, article).status_code == 409
    assert Comment.objects.count() == 1


def test_more_than_n_links_holds_even_a_known_commenter(reader, article, settings):
    settings.NEWSROOM_COMMENT_AUTO_APPROVE_KNOWN = True
    CommentFactory(email="budi@contoh.test", status=Comment.Status.APPROVED)

    post_comment(reader, article, body="https://a.test dan https://b.test")
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED

    post_comment(reader, article, body="https://a.test https://b.test www.c.test")
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING


def test_words_on_the_hold_list_hold_the_comment(reader, article, settings):
    settings.NEWSROOM_COMMENT_AUTO_APPROVE_KNOWN = True
    CommentFactory(email="budi@contoh.test", status=Comment.Status.APPROVED)
    ModerationWord.objects.create(phrase="hoaks", action=ModerationWord.Action.HOLD)

    post_comment(reader, article, body="Ini HOAKS, jangan percaya.")
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING

    post_comment(reader, article, body="Berita ini bukan penghoaks.")  # whole words only
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED


def test_words_on_the_spam_list_mark_spam_silently(
    reader, article, django_capture_on_commit_callbacks
):
    """Spam is not announced: the author sees the usual pending notice; the desk gets no mail."""
    ModerationWord.objects.create(phrase="slot gacor", action=ModerationWord.Action.SPAM)

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(reader, article, body="Daftar SLOT\u200b gacor di sini")

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert mail.outbox == []
    own = reader.get(article.get_absolute_url()).content.decode()
    assert "Komentar Anda menunggu moderasi" in own
    assert "Daftar SLOT gacor" in own
    assert "Daftar SLOT gacor" not in Client().get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("Judi Santoso", "judi.santoso@gmail.com"),
        ("Rina", "rina.slot@yahoo.co.id"),
    ],
)
def test_listed_words_in_a_readers_name_or_email_do_not_count(
    reader, article, settings, name, email
):
    """Judi is a common first name: only the comment's text is judged by the word lists."""
    settings.NEWSROOM_COMMENT_AUTO_APPROVE_KNOWN = True
    CommentFactory(email=email, status=Comment.Status.APPROVED)
    for phrase in ("judi", "slot"):
        ModerationWord.objects.create(phrase=phrase, action=ModerationWord.Action.SPAM)

    response = post_comment(
        reader, article, name=name, email=email, body="Terima kasih atas informasinya, Pak."
    )
    assert response.status_code == 302
    assert (
        "Terima kasih atas informasinya"
        in Client().get(article.get_absolute_url()).content.decode()
    )
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED


def test_spam_words_in_the_body_still_count_whatever_the_name(reader, article):
    ModerationWord.objects.create(phrase="judi", action=ModerationWord.Action.SPAM)
    post_comment(reader, article, name="Judi Santoso", body="Agen judi online terpercaya")
    assert Comment.objects.get().status == Comment.Status.SPAM


@pytest.mark.parametrize(
    "body",
    [
        "Dasar 𝗔𝗡𝗝𝗜𝗡𝗚 kalian semua",
        "Dasar ａｎｊｉｎｇ kalian semua",
        "Polisi anjingnya rakyat kecil",
        "Dasar anjiiing kalian semua",
        "Dasar ANJIIIINGLAH kalian",
        "Dasar ánjing kalian",
        "Mau menang? Buka situsgacor.com/daftar sekarang",
        "Mau menang? Buka ＳＩＴＵＳＧＡＣＯＲ．ＣＯＭ sekarang",
    ],
)
def test_disguised_listed_words_are_still_spam(reader, article, body):
    """Look-alike letters, clitics, stretched letters and words run into a domain still count."""
    for phrase in ("anjing", "gacor"):
        ModerationWord.objects.create(phrase=phrase, action=ModerationWord.Action.SPAM)

    post_comment(reader, article, body=body)

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert comment.body == body  # only the copy matched against the lists is folded
    assert body not in Client().get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "body",
    [
        "Jangan menganjingkan orang lain, Pak.",
        "Para pejudi sudah ditangkap polisi.",
        "Mahkamah menerima judicial review itu.",
        "Saat ini jalan di Tanjung Priok sudah aman.",  # a doubled letter is not stretched
        "Keterangan di polri.go.id sudah jelas.",
    ],
)
def test_innocent_words_that_contain_a_listed_word_are_published(reader, article, settings, body):
    """A listed word counts from the start of a word only, and only with a clitic after it."""
    settings.NEWSROOM_COMMENT_AUTO_APPROVE_KNOWN = True
    CommentFactory(email="budi@contoh.test", status=Comment.Status.APPROVED)
    for phrase in ("anjing", "judi", "sat"):
        ModerationWord.objects.create(phrase=phrase, action=ModerationWord.Action.SPAM)

    post_comment(reader, article, body=body)

    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
    assert body in Client().get(article.get_absolute_url()).content.decode()


def test_bare_domains_count_as_links(reader, article, settings):
    settings.NEWSROOM_COMMENT_AUTO_APPROVE_KNOWN = True
    settings.NEWSROOM_COMMENT_MAX_LINKS = 2
    CommentFactory(email="budi@contoh.test", status=Comment.Status.APPROVED)

    post_comment(reader, article, body="Tulis ke budi@contoh.co.id atau lihat polri.go.id")
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED

    post_comment(reader, article, body="Daftar: menang.xyz, hoki88.net/a dan bonus.co.id")
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING


@pytest.mark.parametrize(
    ("phrase", "body"),
    [
        (".tk", "Menang besar tiap hari di hoki.tk, buktikan!"),
        ("id:", "Daftar sekarang, ID:agen88 bonus besar"),
        ("#judi", "Gabung grup#judi kami"),
    ],
)
def test_listed_phrases_starting_or_ending_with_punctuation_match(reader, article, phrase, body):
    """The word boundary applies only on a side where the phrase has a letter or digit."""
    ModerationWord.objects.create(phrase=phrase, action=ModerationWord.Action.SPAM)
    post_comment(reader, article, body=body)
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_a_phrase_ending_in_punctuation_still_needs_a_word_start(reader, article, settings):
    settings.NEWSROOM_COMMENT_AUTO_APPROVE_KNOWN = True
    CommentFactory(email="budi@contoh.test", status=Comment.Status.APPROVED)
    ModerationWord.objects.create(phrase="id:", action=ModerationWord.Action.SPAM)
    post_comment(reader, article, body="Bukti valid: rekaman CCTV sudah diperiksa.")
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
