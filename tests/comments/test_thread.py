"""The thread under a story: nested to a set depth, oldest first, in a constant number of queries."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Comment
from articles.templatetags.comments import build_thread
from tests.factories import ArticleFactory, CommentFactory

from .conftest import post_comment

pytestmark = pytest.mark.django_db


def story_html(article, client=None):
    return (client or Client()).get(article.get_absolute_url()).content.decode()


def ids_in_order(html):
    return [int(pk) for pk in re.findall(r'<li class="comment[^"]*" id="komentar-(\d+)"', html)]


def grow_thread(article, count):
    """Add ``count`` approved comments in chains of three."""
    parent = None
    for n in range(count):
        parent = CommentFactory(article=article, parent=parent if n % 3 else None)


def test_thread_nests_oldest_first_with_permalinks(article, clock):
    first = CommentFactory(article=article, body="Pertama")
    reply = CommentFactory(article=article, parent=first, body="Balasan")
    second = CommentFactory(article=article, body="Kedua")
    Comment.objects.filter(pk=second.pk).update(created_at=clock.now + datetime.timedelta(hours=1))

    html = story_html(article)

    assert ids_in_order(html) == [first.pk, reply.pk, second.pk]
    assert f'href="#komentar-{reply.pk}"' in html
    assert re.search(
        rf'id="komentar-{first.pk}".*?<ol class="comment-children">\s*<li class="comment" '
        rf'id="komentar-{reply.pk}"',
        html,
        re.S,
    )
    assert "3 komentar" in html


class ThreadShape(HTMLParser):
    """Record each comment's enclosing comment, and that every <li>/<ol> is closed in order."""

    def __init__(self):
        super().__init__()
        self.open, self.parent_of = [], {}

    def handle_starttag(self, tag, attrs):
        if tag not in ("li", "ol"):
            return
        anchor = dict(attrs).get("id", "")
        pk = int(anchor.split("-")[1]) if tag == "li" and anchor.startswith("komentar-") else None
        if pk is not None:
            enclosing = [entry for entry in self.open if entry[1] is not None]
            self.parent_of[pk] = enclosing[-1][1] if enclosing else None
        self.open.append((tag, pk))

    def handle_endtag(self, tag):
        if tag in ("li", "ol"):
            assert self.open and self.open[-1][0] == tag, f"</{tag}> closes {self.open[-1:]}"
            self.open.pop()


def test_replies_nest_inside_their_parent_at_every_level(article):
    first = CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=first)
    deeper = CommentFactory(article=article, parent=reply)
    second_reply = CommentFactory(article=article, parent=first)
    other = CommentFactory(article=article)
    other_reply = CommentFactory(article=article, parent=other)

    html = story_html(article)
    shape = ThreadShape()
    shape.feed(html[html.index('<section class="comments"') :])

    assert shape.parent_of == {
        first.pk: None,
        reply.pk: first.pk,
        deeper.pk: reply.pk,
        second_reply.pk: first.pk,
        other.pk: None,
        other_reply.pk: other.pk,
    }
    assert not [entry for entry in shape.open if entry[0] == "li"]
    assert f'href="/komentar/{article.pk}/balas/{reply.pk}/"' in html


def test_no_reply_link_at_the_deepest_level(article, settings):
    settings.NEWSROOM_COMMENT_MAX_DEPTH = 2
    top = CommentFactory(article=article)
    deep = CommentFactory(article=article, parent=top)

    html = story_html(article)

    assert f"/balas/{top.pk}/" in html
    assert f"/balas/{deep.pk}/" not in html


def test_old_threads_deeper_than_the_setting_are_shown_at_the_deepest_level(article, settings):
    settings.NEWSROOM_COMMENT_MAX_DEPTH = 2
    chain = [CommentFactory(article=article)]
    for _ in range(3):
        chain.append(CommentFactory(article=article, parent=chain[-1]))

    roots, count = build_thread(article)

    assert count == 4
    assert [child.comment for child in roots[0].children] == chain[1:]
    assert {child.depth for child in roots[0].children} == {2}


def test_removed_comments_keep_the_thread_shape_only_where_needed(article):
    removed_with_reply = CommentFactory(
        article=article, status=Comment.Status.REMOVED, body="Teks yang dihapus"
    )
    reply = CommentFactory(article=article, parent=removed_with_reply, body="Balasan tetap tampil")
    removed_alone = CommentFactory(article=article, status=Comment.Status.REMOVED)

    html = story_html(article)

    assert "komentar dihapus" in html
    assert "Teks yang dihapus" not in html
    assert "Balasan tetap tampil" in html
    assert ids_in_order(html) == [removed_with_reply.pk, reply.pk]
    assert f"komentar-{removed_alone.pk}" not in html
    assert "1 komentar" in html


def test_pending_and_spam_comments_are_not_public(article):
    CommentFactory(article=article, status=Comment.Status.PENDING, body="Menunggu")
    CommentFactory(article=article, status=Comment.Status.SPAM, body="Iklan")
    html = story_html(article)
    assert "Menunggu" not in html
    assert "Iklan" not in html
    assert "Belum ada komentar." in html


def test_staff_reply_carries_the_badge(article):
    question = CommentFactory(article=article)
    CommentFactory(article=article, parent=question, is_staff_reply=True, name="Redaksi Polres")
    html = story_html(article)
    assert 'class="comment comment-staff"' in html
    assert '<span class="badge-staff">Redaksi</span>' in html


def render_tag(article, request):
    template = Template("{% load comments %}{% comment_thread article %}")
    return template.render(Context({"article": article, "request": request}))


@pytest.mark.parametrize("size", [3, 60])
def test_the_thread_costs_one_query_whatever_its_size(article, size, django_assert_num_queries):
    grow_thread(article, size)
    request = RequestFactory().get(article.get_absolute_url())
    with django_assert_num_queries(1):
        html = render_tag(article, request)
    assert len(ids_in_order(html)) == size


def test_the_authors_pending_comments_cost_no_extra_query(
    reader, article, django_assert_num_queries
):
    post_comment(reader, article)
    post_comment(reader, article, body="Komentar kedua")
    request = RequestFactory().get(article.get_absolute_url())
    request.COOKIES.update({key: morsel.value for key, morsel in reader.cookies.items()})
    with django_assert_num_queries(1):
        html = render_tag(article, request)
    assert html.count("Komentar Anda menunggu moderasi") == 2


def test_story_page_queries_do_not_grow_with_comments():
    small, large = ArticleFactory(), ArticleFactory()
    grow_thread(small, 2)
    grow_thread(large, 45)

    counts = []
    for article in (small, large):
        client = Client()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_approved_counts_on_lists_take_one_aggregate(django_assert_num_queries):
    stories = [ArticleFactory() for _ in range(4)]
    for n, story in enumerate(stories):
        for _ in range(n):
            CommentFactory(article=story)
        CommentFactory(article=story, status=Comment.Status.PENDING)
    with django_assert_num_queries(1):
        counts = {
            a.pk: a.approved_comment_count
            for a in Article.objects.published().with_comment_counts()
        }
    assert counts == {story.pk: n for n, story in enumerate(stories)}


def test_the_form_is_shown_only_while_comments_are_open(article, settings):
    settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = 7
    assert 'class="comment-form"' in story_html(article)
    Article.objects.filter(pk=article.pk).update(
        publish_at=timezone.now() - datetime.timedelta(days=8)
    )
    html = story_html(Article.objects.get(pk=article.pk))
    assert 'class="comment-form"' not in html
    assert "sudah ditutup" in html


def test_comment_times_are_in_the_story_units_zone_like_the_story():
    """A Jayapura story says 10.00 WIT; a comment a minute later must not read 08.01."""
    from tests.factories import UnitFactory

    jayapura = UnitFactory(name="Polresta Jayapura", time_zone="Asia/Jayapura")
    published = datetime.datetime(2025, 7, 15, 1, 0, tzinfo=datetime.UTC)  # 10.00 WIT
    article = ArticleFactory(unit=jayapura, publish_at=published)
    comment = CommentFactory(article=article)
    Comment.objects.filter(pk=comment.pk).update(
        created_at=published + datetime.timedelta(minutes=1)
    )

    html = story_html(article)

    assert "10.00 WIT</time>" in html
    assert "15 Juli 2025 10.01 WIT</time>" in html
    assert 'datetime="2025-07-15T10:01:00+09:00"' in html


def test_a_reply_on_an_older_comment_page_lands_on_that_page(reader, article):
    """Replying to a thread on page 2 sends the reader back to page 2, where the reply is."""
    oldest = CommentFactory(article=article, body="Thread paling lama.")
    CommentFactory.create_batch(54, article=article)

    response = post_comment(reader, article, parent=oldest.pk, body="Balasan untuk yang lama.")

    reply = Comment.objects.get(parent=oldest)
    assert response.status_code == 302
    location = response["Location"]
    assert location.endswith(f"{article.get_absolute_url()}?komentar=2#komentar-{reply.pk}")
    page = reader.get(location.split("#")[0]).content.decode()
    assert "Balasan untuk yang lama." in page
    assert "Komentar Anda menunggu moderasi" in page


def test_a_reply_on_the_newest_comment_page_stays_on_page_one(reader, article):
    CommentFactory.create_batch(54, article=article)
    newest = CommentFactory(article=article)

    response = post_comment(reader, article, parent=newest.pk, body="Balasan untuk yang baru.")

    reply = Comment.objects.get(parent=newest)
    assert response["Location"].endswith(f"{article.get_absolute_url()}#komentar-{reply.pk}")
    assert "Balasan untuk yang baru." in reader.get(response["Location"]).content.decode()
