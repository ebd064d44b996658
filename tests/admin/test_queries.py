"""The desk's pages cost the same number of queries with 10 stories as with 200."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import publishing
from articles.models import Article, EditorialNote, RelatedArticle, Revision
from articles.search import index_articles
from tests.factories import ArticleFactory, PartnerFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

REVISIONS_PER_STORY = 4


@pytest.fixture
def desk():
    polres = UnitFactory(name="Polres Tasikmalaya Kota")
    polsek = UnitFactory(name="Polsek Cihideung", parent=polres)
    writer = UserFactory(role="penulis", unit=polsek, first_name="Wulan")
    editor = UserFactory(role="redaktur", unit=polres, first_name="Rudi")
    partners = [PartnerFactory(name="Dinas Perhubungan"), PartnerFactory(name="Basarnas")]
    story = ArticleFactory(
        unit=polsek,
        writer=writer,
        title="Berita Yang Disunting",
        tags=["banjir", "sar", "evakuasi"],
        partners=partners,
    )
    return {
        "polres": polres,
        "polsek": polsek,
        "writer": writer,
        "editor": editor,
        "partners": partners,
        "story": story,
        "made": 0,
    }


def add_stories(desk, count):
    """Add ``count`` stories, each with tags, a partner, revisions, a note and a related pick."""
    made = []
    for n in range(desk["made"], desk["made"] + count):
        unit = desk["polsek"] if n % 2 else desk["polres"]
        made.append(
            ArticleFactory(
                unit=unit,
                writer=desk["writer"],
                title=f"Banjir Bandang di Desa ke-{n}",
                tags=["banjir", f"desa-{n % 7}"],
                partners=desk["partners"][n % 2 : n % 2 + 1],
            )
        )
    desk["made"] += count
    Revision.objects.bulk_create(
        Revision(
            article=story,
            version=version,
            author=desk["writer"],
            summary="Diubah",
            content=publishing.snapshot(story),
        )
        for story in made
        for version in range(1, REVISIONS_PER_STORY + 1)
    )
    EditorialNote.objects.bulk_create(
        EditorialNote(article=story, author=desk["editor"], body="Cek kutipan.") for story in made
    )
    RelatedArticle.objects.bulk_create(
        RelatedArticle(article=story, target=desk["story"], is_manual=True) for story in made
    )
    index_articles([story.pk for story in made])


def edited_story_history(desk):
    """Give the story being edited its own revisions, notes and a manual related pick."""
    story = desk["story"]
    for _ in range(REVISIONS_PER_STORY):
        publishing.save_story(story, desk["editor"])
    publishing.add_note(story, desk["editor"], "Tolong tambah foto.")
    other = Article.objects.exclude(pk=story.pk).first()
    RelatedArticle.objects.create(article=story, target=other, is_manual=True, position=0)


PAGES = {
    "changelist": lambda desk: (reverse("admin:articles_article_changelist"), {}),
    "changelist_search": lambda desk: (
        reverse("admin:articles_article_changelist"),
        {"q": "banjir"},
    ),
    "changelist_filtered": lambda desk: (
        reverse("admin:articles_article_changelist"),
        {"status": "live", "unit__id__exact": desk["polsek"].pk},
    ),
    "change_form": lambda desk: (
        reverse("admin:articles_article_change", args=[desk["story"].pk]),
        {},
    ),
    "related_picker": lambda desk: (
        reverse("admin:autocomplete"),
        {
            "term": "banjir",
            "app_label": "articles",
            "model_name": "relatedarticle",
            "field_name": "target",
        },
    ),
}


def count_queries(client, url, params):
    # One request first: the session's "last seen" stamp and per-process caches are written
    # then, not during the measured request.
    assert client.get(url, params).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("role", ["editor", "writer"])
def test_page_runs_the_same_queries_with_10_and_with_200_stories(
    client, desk, django_assert_num_queries, page, role
):
    add_stories(desk, 10)
    edited_story_history(desk)
    client.force_login(desk[role])
    url, params = PAGES[page](desk)

    with_10 = count_queries(client, url, params)
    add_stories(desk, 190)
    assert Article.objects.count() == 201
    client.get(url, params)  # as above: let once-a-minute writes happen outside the count
    with django_assert_num_queries(with_10):
        response = client.get(url, params)
    assert response.status_code == 200
    if page == "changelist":
        # The list really grew: a full page of 50 now, where there were 11.
        assert len(response.context["cl"].result_list) == 50


def changelist(client, params):
    response = client.get(reverse("admin:articles_article_changelist"), params)
    assert response.status_code == 200
    return response


def test_date_hierarchy_offers_the_years_and_months_that_hold_stories(client, desk):
    """Found by range probes, the links are those of Django's own date hierarchy."""
    from django.contrib.admin.templatetags.admin_list import date_hierarchy
    from django.utils import timezone

    from articles.templatetags.desk_dates import story_date_hierarchy

    def at(year, month, day=15):
        return timezone.make_aware(datetime.datetime(year, month, day, 10))

    for moment in (at(2022, 3), at(2022, 11), at(2024, 1, 1), at(2024, 12, 31)):
        ArticleFactory(unit=desk["polres"], publish_at=moment)
    Article.objects.filter(pk=desk["story"].pk).update(publish_at=at(2024, 7))
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    html = changelist(client, {}).content.decode()
    assert 'href="?publish_at__year=2022"' in html
    assert 'href="?publish_at__year=2024"' in html
    assert "publish_at__year=2023" not in html  # no story that year
    html = changelist(client, {"publish_at__year": "2024"}).content.decode()
    for month in (1, 7, 12):
        assert f"publish_at__month={month}" in html
    assert "publish_at__month=2" not in html
    # The same links and titles as Django's, at every level.
    for params in (
        {},
        {"publish_at__year": "2022"},
        {"publish_at__year": "2024"},
        {"publish_at__year": "2024", "publish_at__month": "7"},
    ):
        cl = changelist(client, params).context["cl"]
        assert story_date_hierarchy(cl) == date_hierarchy(cl)
