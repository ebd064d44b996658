"""The admin index is the desk's dashboard: counts and links, in the user's unit tree only."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Comment, Unit
from tests.factories import (
    FAST_HASHERS,
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    UnitFactory,
    UserFactory,
)

from .desk_support import admin_url, build_tree, has_panel, panel_count, panel_html

pytestmark = pytest.mark.django_db

INDEX = "/admin/"


@pytest.fixture
def tree(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_tree()


def draft(**kwargs):
    return ArticleFactory(status=Article.Status.DRAFT, publish_at=None, **kwargs)


def in_review(**kwargs):
    return ArticleFactory(status=Article.Status.REVIEW, publish_at=None, **kwargs)


def for_you_titles(panel):
    """Titles of the rows marked "untuk Anda"."""
    rows = re.findall(r'<tr class="desk-for-you">(.*?)</tr>', panel, re.DOTALL)
    return {re.search(r">([^<]+)</a>", row).group(1) for row in rows}


def test_writer_sees_own_drafts_and_own_submissions(client, tree):
    mine = [draft(unit=tree.polres, writer=tree.writer, title=f"Draf Penulis {i}") for i in (1, 2)]
    draft(unit=tree.polres, writer=tree.editor, title="Draf Redaktur")
    submitted = in_review(unit=tree.polres, writer=tree.writer, title="Ajuan Penulis")
    in_review(unit=tree.polsek, writer=tree.polsek_writer, title="Ajuan Polsek")
    client.force_login(tree.writer)

    response = client.get(INDEX)

    assert response.status_code == 200
    drafts = panel_html(response.content, "drafts")
    assert panel_count(response.content, "drafts") == 2
    for story in mine:
        assert f'href="{admin_url("article", "change", story.pk)}"' in drafts
    assert "Draf Redaktur" not in drafts
    assert f"status=draft&amp;writer__id__exact={tree.writer.pk}" in drafts
    review = panel_html(response.content, "review")
    assert panel_count(response.content, "review") == 1
    assert submitted.title in review and "Ajuan Polsek" not in review
    assert not for_you_titles(review)
    # Comment moderation is an editor's job.
    assert not has_panel(response.content, "comments")


def for_you_count(content):
    match = re.search(r'data-for-you="(\d+)"', panel_html(content, "review"))
    return int(match.group(1)) if match else 0


def test_review_queue_follows_the_chain_of_command(client, tree):
    """The Polres editor reviews the Polsek's stories (no editor there); the Polda editor sees
    them too but they are not "for" the Polda."""
    polres_story = in_review(unit=tree.polres, writer=tree.writer, title="Ajuan Polres")
    polsek_story = in_review(unit=tree.polsek, writer=tree.polsek_writer, title="Ajuan Polsek")
    polda_story = in_review(unit=tree.polda, title="Ajuan Polda")
    in_review(unit=tree.jayapura, writer=tree.outsider, title="Ajuan Jayapura")

    client.force_login(tree.editor)
    response = client.get(INDEX)
    review = panel_html(response.content, "review")
    assert "Ajuan Jayapura" not in review and "Ajuan Polda" not in review
    assert for_you_titles(review) == {polres_story.title, polsek_story.title}
    assert for_you_count(response.content) == 2
    assert "2 untuk Anda" in review

    client.force_login(tree.polda_editor)
    response = client.get(INDEX)
    assert panel_count(response.content, "review") == 3
    assert for_you_titles(panel_html(response.content, "review")) == {polda_story.title}
    assert for_you_count(response.content) == 1


def test_a_polsek_with_its_own_editor_takes_its_stories_off_the_polres_list(client, tree):
    in_review(unit=tree.polsek, writer=tree.polsek_writer, title="Ajuan Polsek")
    client.force_login(tree.editor)
    assert for_you_count(client.get(INDEX).content) == 1

    polsek_editor = UserFactory(username="redaktur.cihideung", role="redaktur", unit=tree.polsek)
    response = client.get(INDEX)
    assert panel_count(response.content, "review") == 1  # still in the Polres editor's tree
    assert for_you_count(response.content) == 0
    assert not for_you_titles(panel_html(response.content, "review"))

    polsek_editor.is_active = False
    polsek_editor.save()
    assert for_you_count(client.get(INDEX).content) == 1


def test_scheduled_stories_show_the_issuing_units_local_time(client, tree, clock):
    makassar = UnitFactory(
        name="Polsek Makassar Uji", parent=tree.polres, time_zone=Unit.TimeZone.WITA
    )
    publish_at = datetime.datetime(2030, 1, 15, 2, 0, tzinfo=datetime.UTC)  # 10:00 WITA
    story = ArticleFactory(unit=makassar, publish_at=publish_at, title="Terjadwal Makassar")
    ArticleFactory(unit=tree.jayapura, publish_at=clock.tomorrow, title="Terjadwal Jayapura")
    ArticleFactory(unit=tree.polres, publish_at=clock.hour_ago, title="Sudah Tayang")
    client.force_login(tree.editor)

    response = client.get(INDEX)

    scheduled = panel_html(response.content, "scheduled")
    assert panel_count(response.content, "scheduled") == 1
    assert story.title in scheduled
    assert "15 Jan 2030 10:00 WITA" in scheduled
    assert "status=scheduled" in scheduled


def test_expiring_and_recently_published_panels(client, tree, clock):
    soon = ArticleFactory(
        unit=tree.polsek, expire_at=clock.now + datetime.timedelta(hours=10), title="Turun Segera"
    )
    ArticleFactory(unit=tree.polres, expire_at=clock.now + datetime.timedelta(days=3), title="Lama")
    ArticleFactory(
        unit=tree.polres,
        publish_at=clock.now - datetime.timedelta(days=2),
        expire_at=clock.hour_ago,
        title="Sudah Kedaluwarsa",
    )
    ArticleFactory(
        unit=tree.polres, publish_at=clock.now - datetime.timedelta(days=30), title="Arsip"
    )
    ArticleFactory(unit=tree.jayapura, expire_at=clock.in_an_hour, title="Turun Jayapura")
    client.force_login(tree.writer)

    response = client.get(INDEX)

    expiring = panel_html(response.content, "expiring")
    assert panel_count(response.content, "expiring") == 1
    assert soon.title in expiring and "Turun Jayapura" not in expiring
    assert "status=expiring" in expiring
    recent = panel_html(response.content, "recent")
    # Live in the last seven days: "Turun Segera" and "Lama", not the expired or the old one.
    assert panel_count(response.content, "recent") == 2
    assert "Sudah Kedaluwarsa" not in recent and "Arsip" not in recent
    assert "status=live" in recent


def test_editors_see_pending_comments_of_their_tree(client, tree):
    story = ArticleFactory(unit=tree.polsek, title="Berita Polsek")
    waiting = [
        CommentFactory(article=story, status=Comment.Status.PENDING, body=f"Tanya {i}")
        for i in (1, 2)
    ]
    CommentFactory(article=story, status=Comment.Status.APPROVED, body="Sudah tayang")
    CommentFactory(
        article=ArticleFactory(unit=tree.jayapura),
        status=Comment.Status.PENDING,
        body="Komentar Papua",
    )
    client.force_login(tree.editor)

    response = client.get(INDEX)

    comments = panel_html(response.content, "comments")
    assert panel_count(response.content, "comments") == 2
    for comment in waiting:
        assert f'href="{admin_url("comment", "change", comment.pk)}"' in comments
    assert "Komentar Papua" not in comments and "Sudah tayang" not in comments
    assert f'href="{admin_url("comment", "changelist")}"' in comments


def test_superuser_sees_every_unit(client, tree):
    in_review(unit=tree.polres, title="Ajuan Polres")
    in_review(unit=tree.jayapura, title="Ajuan Jayapura")
    CommentFactory(article=ArticleFactory(unit=tree.jayapura), status=Comment.Status.PENDING)
    client.force_login(UserFactory(username="root", is_superuser=True, unit=None))

    response = client.get(INDEX)

    assert panel_count(response.content, "review") == 2
    assert panel_count(response.content, "comments") == 1
    assert not for_you_titles(panel_html(response.content, "review"))


def more_link(content, key):
    panel = panel_html(content, key)
    return re.search(r'class="desk-more" href="([^"]+)"', panel).group(1).replace("&amp;", "&")


def test_see_all_links_open_the_changelist_with_the_same_stories(client, tree, clock):
    """Each panel's "lihat semua" lists exactly the stories the panel counts."""
    days_ago = clock.now - datetime.timedelta(days=2)
    for unit in [tree.polsek, tree.jayapura]:
        draft(unit=unit, writer=tree.editor, title=f"Draf {unit.name}")
        in_review(unit=unit, title=f"Ajuan {unit.name}")
        ArticleFactory(unit=unit, publish_at=clock.tomorrow, title=f"Jadwal {unit.name}")
        ArticleFactory(unit=unit, expire_at=clock.in_an_hour, title=f"Turun {unit.name}")
        ArticleFactory(unit=unit, publish_at=days_ago, title=f"Baru {unit.name}")
        ArticleFactory(
            unit=unit, publish_at=clock.now - datetime.timedelta(days=40), title=f"Lama {unit.name}"
        )
    client.force_login(tree.editor)
    index = client.get(INDEX).content

    for key, expected in [
        ("drafts", {"Draf Polsek Cihideung"}),
        ("review", {"Ajuan Polsek Cihideung"}),
        ("scheduled", {"Jadwal Polsek Cihideung"}),
        ("expiring", {"Turun Polsek Cihideung"}),
        ("recent", {"Turun Polsek Cihideung", "Baru Polsek Cihideung"}),
    ]:
        changelist = client.get(more_link(index, key))
        assert changelist.status_code == 200, key
        listed = {story.title for story in changelist.context["cl"].result_list}
        assert listed == expected, key
        assert panel_count(index, key) == len(expected), key


def test_heads_get_links_to_staff_unlock_and_two_factor(client, tree):
    client.force_login(tree.head)
    page = client.get(INDEX).content.decode()
    for url in ["/admin/keamanan/buka-kunci/", "/admin/keamanan/2fa/daftar/"]:
        assert f'href="{url}"' in page
    assert f'href="{admin_url("user", "changelist")}"' in page
    client.force_login(tree.editor)
    page = client.get(INDEX).content.decode()
    assert 'href="/admin/keamanan/buka-kunci/"' not in page
    assert 'href="/admin/keamanan/2fa/daftar/"' in page


# ---------------------------------------------------------------------------
# A constant number of queries as the desk grows
# ---------------------------------------------------------------------------
STATES = ["draft", "review", "scheduled", "expiring", "live"]


def add_stories(count, units, writer, start=0):
    """Add ``count`` stories spread over every panel (and a pending comment on each live one)."""
    now = timezone.now()
    category = CategoryFactory(name="Kamtibmas")
    stories = []
    for i in range(start, start + count):
        state = STATES[i % len(STATES)]
        status = {"draft": "draft", "review": "review"}.get(state, "published")
        publish_at = {
            "draft": None,
            "review": None,
            "scheduled": now + datetime.timedelta(days=1, minutes=i),
        }.get(state, now - datetime.timedelta(hours=1, minutes=i))
        stories.append(
            Article(
                title=f"Berita Uji {i}",
                slug=f"berita-uji-{i}",
                unit=units[i % len(units)],
                category=category,
                writer=writer,
                status=status,
                publish_at=publish_at,
                expire_at=now + datetime.timedelta(hours=5) if state == "expiring" else None,
            )
        )
    Article.objects.bulk_create(stories)
    live = Article.objects.filter(slug__in=[s.slug for s in stories], status="published")
    Comment.objects.bulk_create(
        Comment(
            article=story, name="Pembaca", email="p@contoh.test", body="Tanya", status="pending"
        )
        for story in live
    )


@pytest.mark.parametrize("who", ["writer", "editor", "polda_editor", "superuser"])
def test_dashboard_runs_the_same_queries_for_10_and_200_stories(
    client, tree, who, django_assert_num_queries
):
    user = (
        UserFactory(username="root", is_superuser=True, unit=None)
        if who == "superuser"
        else getattr(tree, who)
    )
    units = [tree.polres, tree.polsek]
    add_stories(10, units, tree.writer)
    client.force_login(user)
    client.get(INDEX)  # warm the per-process caches (content types, templates)
    with CaptureQueriesContext(connection) as small:
        response = client.get(INDEX)
    assert panel_count(response.content, "review") == 2

    add_stories(190, units, tree.writer, start=10)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(INDEX)
    assert response.status_code == 200
    assert panel_count(response.content, "review") == 40
    assert panel_count(response.content, "scheduled") == 40
    assert panel_html(response.content, "review").count("<tr") == 5 + 1  # five rows, "lihat semua"
    if who == "editor":
        # Stories of the Polres and the Polsek (no editor of its own): all the editor's.
        assert for_you_count(response.content) == 40
