"""Query budgets that hold on a 100,000-story archive: what a page costs never grows with it."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Comment, RelatedArticle
from articles.templatetags.comments import SMALL_THREAD, THREADS_PER_PAGE
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    PartnerFactory,
    UnitFactory,
    UserFactory,
)
from tests.views.utils import grow_newsroom

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), response.content.decode()


@pytest.fixture
def desk():
    polda = UnitFactory(name="Polda Uji", kind="polda")
    polres = UnitFactory(name="Polres Uji", parent=polda)
    return {
        "polda": polda,
        "polres": polres,
        "category": CategoryFactory(name="Kategori Uji"),
        "partner": PartnerFactory(),
        "writer": UserFactory(first_name="Penulis", last_name="Uji", unit=polres),
    }


def list_urls(desk):
    return [
        reverse("articles:home"),
        desk["category"].get_absolute_url(),
        desk["category"].get_absolute_url() + "?page=2",
        desk["polda"].get_absolute_url(),
        desk["partner"].get_absolute_url(),
        reverse("articles:tag", args=["tagar1"]),
    ]


def grow(desk, count, start=0):
    return grow_newsroom(
        count, desk["polres"], desk["category"], desk["partner"], desk["writer"], start=start
    )


def test_lists_with_comment_counts_cost_the_same_at_10_and_200_stories(client, desk):
    grow(desk, 10)
    small = {url: queries_for(client, url)[0] for url in list_urls(desk)[:2]}
    grow(desk, 190, start=10)
    large = {url: queries_for(client, url) for url in list_urls(desk)}

    assert {url: large[url][0] for url in small} == small
    for url, (count, html) in large.items():
        assert count <= 12, (url, count)
        # grow_newsroom gives every story one approved comment: each card says so.
        assert "1 komentar" in html, url


def test_a_card_counts_approved_comments_only(client, desk):
    story = grow(desk, 1)[0]  # one approved comment already
    CommentFactory.create_batch(2, article=story)
    CommentFactory(article=story, status=Comment.Status.PENDING)
    CommentFactory(article=story, status=Comment.Status.SPAM)
    CommentFactory(article=story, status=Comment.Status.REMOVED)

    for url in (reverse("articles:home"), desk["category"].get_absolute_url()):
        html = client.get(url).content.decode()
        assert '<span class="card-comments">3 komentar</span>' in html, url


def test_a_story_without_approved_comments_shows_no_count(client, desk):
    ArticleFactory(category=desk["category"])
    html = client.get(desk["category"].get_absolute_url()).content.decode()
    assert "card-comments" not in html


def test_the_last_page_of_a_long_list_costs_what_the_first_does(client, desk, settings):
    grow(desk, 200)
    url = desk["category"].get_absolute_url()
    first, _ = queries_for(client, url)
    last_page = -(-200 // settings.NEWSROOM_PAGE_SIZE)
    last, html = queries_for(client, f"{url}?page={last_page}")
    assert last == first
    assert "Berita massal nomor 199" in html


def test_story_page_costs_the_same_at_10_and_200_stories(client, desk):
    stories = grow(desk, 10)
    story = stories[0]
    RelatedArticle.objects.bulk_create(
        RelatedArticle(article=story, target=other, position=i)
        for i, other in enumerate(stories[1:])
    )
    small, _ = queries_for(client, story.get_absolute_url())
    grow(desk, 190, start=10)
    large, html = queries_for(client, story.get_absolute_url())
    assert large == small
    assert html.count("Berita massal nomor") >= 5  # the related block is there


def test_related_block_skips_targets_the_public_may_not_see(client, clock):
    story = ArticleFactory()
    shown = ArticleFactory(title="Terkait tayang")
    hidden = [
        ArticleFactory(title="Terkait terjadwal", publish_at=clock.tomorrow),
        ArticleFactory(
            title="Terkait kedaluwarsa",
            publish_at=clock.yesterday - datetime.timedelta(days=1),
            expire_at=clock.yesterday,
        ),
        ArticleFactory(title="Terkait draf", status=Article.Status.DRAFT, publish_at=None),
    ]
    for position, target in enumerate([shown, *hidden]):
        RelatedArticle.objects.create(article=story, target=target, position=position)

    html = client.get(story.get_absolute_url()).content.decode()

    assert "Terkait tayang" in html
    for target in hidden:
        assert target.title not in html


def comment_ids(html):
    return [int(pk) for pk in re.findall(r'<li class="comment[^"]*" id="komentar-(\d+)"', html)]


def grow_threads(article, roots, replies_each=1):
    """Add ``roots`` approved top-level comments a minute apart, each with replies."""
    start = timezone.now() - datetime.timedelta(days=1)
    made = Comment.objects.bulk_create(
        Comment(
            article=article,
            name=f"Pembaca {n}",
            email="p@contoh.test",
            body=f"Utas {n}",
            status=Comment.Status.APPROVED,
        )
        for n in range(roots)
    )
    for n, comment in enumerate(made):
        Comment.objects.filter(pk=comment.pk).update(
            created_at=start + datetime.timedelta(minutes=n)
        )
    Comment.objects.bulk_create(
        Comment(
            article=article,
            parent=root,
            name="Pembalas",
            email="b@contoh.test",
            body="Ya",
            status=Comment.Status.APPROVED,
        )
        for root in made
        for _ in range(replies_each)
    )
    return made


def test_a_long_thread_shows_the_newest_threads_with_a_link_to_older_ones(client):
    story = ArticleFactory()
    roots = grow_threads(story, THREADS_PER_PAGE * 2 + 10)  # 110 threads, 220 comments

    count, html = queries_for(client, story.get_absolute_url())
    shown = comment_ids(html)

    newest = roots[-THREADS_PER_PAGE:]
    assert [pk for pk in shown if pk in {r.pk for r in roots}] == [r.pk for r in newest]
    assert len(shown) == THREADS_PER_PAGE * 2  # each with its reply
    assert "220 komentar" in html  # the heading counts the whole thread
    assert 'href="?komentar=2#komentar"' in html

    _, older = queries_for(client, story.get_absolute_url() + "?komentar=2")
    assert 'href="?komentar=3#komentar"' in older
    assert f'href="{story.get_absolute_url()}#komentar"' in older

    _, oldest = queries_for(client, story.get_absolute_url() + "?komentar=3")
    assert [pk for pk in comment_ids(oldest) if pk in {r.pk for r in roots}] == [
        r.pk for r in roots[:10]
    ]
    assert "?komentar=4" not in oldest


def test_the_story_page_costs_the_same_for_long_threads_of_any_length(client):
    """Past SMALL_THREAD comments the thread is read in three queries, whatever its length."""
    short, longer = ArticleFactory(), ArticleFactory()
    grow_threads(short, SMALL_THREAD // 2 + 1)  # just past SMALL_THREAD comments
    grow_threads(longer, SMALL_THREAD * 3)

    counts = [queries_for(client, story.get_absolute_url())[0] for story in (short, longer)]

    assert counts[0] == counts[1]
    small_story = ArticleFactory()
    grow_threads(small_story, 5)
    assert queries_for(client, small_story.get_absolute_url())[0] == counts[0] - 2


def test_a_bad_comment_page_number_shows_the_first_page(client):
    story = ArticleFactory()
    roots = grow_threads(story, 3)
    for value in ("abc", "0", "-1", "99999999999", "²", "٣"):
        html = client.get(story.get_absolute_url(), {"komentar": value}).content.decode()
        assert [pk for pk in comment_ids(html) if pk in {r.pk for r in roots}] == [
            r.pk for r in roots
        ], value


def test_archive_sitemap_lists_exactly_the_months_with_public_stories(client):
    def at(year, month, day=10):
        return timezone.make_aware(datetime.datetime(year, month, day, 12))

    ArticleFactory(publish_at=at(2024, 1))
    ArticleFactory(publish_at=at(2024, 3))
    ArticleFactory(publish_at=at(2024, 3, 20))
    ArticleFactory(publish_at=at(2024, 5), status=Article.Status.DRAFT)
    ArticleFactory(publish_at=at(2024, 6), expire_at=at(2024, 7))
    ArticleFactory(publish_at=timezone.now() + datetime.timedelta(days=40))  # scheduled
    # The first hour of a month in Jakarta is still the previous month in UTC.
    ArticleFactory(publish_at=timezone.make_aware(datetime.datetime(2024, 9, 1, 0, 30)))

    count, xml = queries_for(client, "/sitemap-arsip.xml")

    months = re.findall(r"/arsip/(\d{4})/(\d{1,2})/", xml)
    assert [(int(y), int(m)) for y, m in months] == [(2024, 9), (2024, 3), (2024, 1)]
    assert count <= 3


def test_archive_sitemap_costs_the_same_for_one_year_and_six(client):
    ArticleFactory(publish_at=timezone.now() - datetime.timedelta(days=30))
    one_year, _ = queries_for(client, "/sitemap-arsip.xml")
    ArticleFactory(publish_at=timezone.now() - datetime.timedelta(days=6 * 365))
    six_years, xml = queries_for(client, "/sitemap-arsip.xml")
    assert six_years == one_year
    assert xml.count("<url>") == 2


def test_comment_queue_counts_only_the_queue_and_lists_no_dates(client):
    """The changelist must not scan every comment: no full count, no year/month listing."""
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    story = ArticleFactory()
    url = reverse("admin:articles_comment_changelist")

    CommentFactory.create_batch(3, article=story, status=Comment.Status.PENDING)
    client.get(url)  # the first visit of a session costs its own queries
    small, _ = queries_for(client, url)
    Comment.objects.bulk_create(
        Comment(article=story, name="P", email="p@contoh.test", body="x", status=status)
        for status in [Comment.Status.APPROVED] * 150 + [Comment.Status.PENDING] * 50
    )
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    html = response.content.decode()

    assert len(captured) == small
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1 and "pending" in counts[0]
    assert not [
        q for q in captured if "django_datetime_trunc" in q["sql"] or "DATE_TRUNC" in q["sql"]
    ]
    assert "53 komentar" in html
    assert "created_at__gte" in html  # the date filter: today, past 7 days, this month, year
