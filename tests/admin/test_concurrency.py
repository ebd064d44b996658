"""Two editors, one story: the second save is refused with a diff and nothing is lost."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles import publishing
from articles.models import Article, RelatedArticle
from tests.factories import ArticleFactory, UnitFactory, UserFactory

from .story_forms import change_url, story_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    polres = UnitFactory(name="Polres Tasikmalaya Kota")
    first = UserFactory(role="redaktur", unit=polres, first_name="Rudi", last_name="Hartono")
    second = UserFactory(role="redaktur", unit=polres, first_name="Sinta", last_name="Dewi")
    story = ArticleFactory(
        unit=polres,
        title="Operasi Zebra Dimulai",
        body="<p>Operasi Zebra berlangsung dua pekan.</p><p>Sasaran: pengendara tanpa helm.</p>",
    )
    # As every story saved through the desk or an import has: its first revision.
    publishing.record_revision(story, None, "Dibuat")
    return {"polres": polres, "first": first, "second": second, "story": story}


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def open_form(client, story):
    """GET the change form and return the version it carries, as the browser would."""
    response = client.get(change_url(story))
    assert response.status_code == 200
    return response.context["adminform"].form["opened_version"].value()


def test_second_save_is_refused_with_who_when_and_a_diff_and_nothing_is_overwritten(newsroom):
    story = newsroom["story"]
    rudi, sinta = client_for(newsroom["first"]), client_for(newsroom["second"])
    rudi_version = open_form(rudi, story)
    sinta_version = open_form(sinta, story)
    assert rudi_version == sinta_version == story.version

    saved = rudi.post(
        change_url(story),
        story_form_data(
            story,
            opened_version=rudi_version,
            body="<p>Operasi Zebra berlangsung tiga pekan.</p><p>Sasaran: pengendara tanpa helm.</p>",
        ),
    )
    assert saved.status_code == 302

    refused = sinta.post(
        change_url(story),
        story_form_data(
            story,
            opened_version=sinta_version,
            title="Operasi Zebra Lodaya Dimulai Hari Ini",
        ),
    )
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "sudah disimpan oleh Rudi Hartono" in page
    assert "BELUM disimpan" in page
    # The diff names the field and marks the word Rudi changed.
    assert "Perubahan sejak Anda membuka berita ini" in page
    assert "<del>dua</del>" in page
    assert "<ins>tiga</ins>" in page
    # Sinta's typing is still in the form, for her to keep.
    assert 'value="Operasi Zebra Lodaya Dimulai Hari Ini"' in page

    story.refresh_from_db()
    assert story.title == "Operasi Zebra Dimulai"
    assert "tiga pekan" in story.body
    assert story.version == rudi_version + 1
    # Only Rudi's save became a revision.
    assert list(story.revisions.values_list("version", flat=True)) == [2, 1]


def test_after_reading_the_diff_saving_again_is_a_deliberate_new_version(newsroom):
    story = newsroom["story"]
    rudi, sinta = client_for(newsroom["first"]), client_for(newsroom["second"])
    opened = open_form(rudi, story)
    open_form(sinta, story)
    rudi.post(change_url(story), story_form_data(story, opened_version=opened, lead="Versi Rudi"))
    refused = sinta.post(
        change_url(story), story_form_data(story, opened_version=opened, lead="Versi Sinta")
    )
    # The re-shown form now carries the version Sinta has just been shown.
    carried = refused.context["adminform"].form["opened_version"].value()
    story.refresh_from_db()
    assert int(carried) == story.version

    again = sinta.post(
        change_url(story), story_form_data(story, opened_version=carried, lead="Versi Sinta")
    )
    assert again.status_code == 302
    story.refresh_from_db()
    assert story.lead == "Versi Sinta"
    # Both editors' words are in the history: nothing is ever lost.
    leads = [rev.content["lead"] for rev in story.revisions.order_by("version")]
    assert leads[1:] == ["Versi Rudi", "Versi Sinta"]


def test_a_refused_save_saves_no_inline_rows_either(newsroom):
    story = newsroom["story"]
    pick = ArticleFactory(unit=newsroom["polres"], title="Baca Juga Ini")
    rudi, sinta = client_for(newsroom["first"]), client_for(newsroom["second"])
    opened = open_form(rudi, story)
    rudi.post(change_url(story), story_form_data(story, opened_version=opened, title="Baru"))
    data = story_form_data(story, opened_version=opened, title="Lain")
    data.update(
        {
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-target": pick.pk,
            "related_links-0-position": "0",
        }
    )
    refused = sinta.post(change_url(story), data)
    assert refused.status_code == 200
    assert "sudah disimpan oleh Rudi Hartono" in refused.content.decode()
    assert not RelatedArticle.objects.filter(article=story).exists()


def test_a_form_without_its_version_is_refused(newsroom):
    story = newsroom["story"]
    data = story_form_data(story, title="Tanpa Versi")
    del data["opened_version"]
    response = client_for(newsroom["first"]).post(change_url(story), data)
    assert response.status_code == 200
    assert "muat ulang halaman berita" in response.content.decode()
    story.refresh_from_db()
    assert story.title == "Operasi Zebra Dimulai"


# -- presence ------------------------------------------------------------------------------
def presence_url(story):
    return reverse("admin:articles_article_presence", args=[story.pk])


def presence_banner(response):
    """Return the text of the "who else has this open" banner."""
    match = re.search(
        r'<div id="article-presence"[^>]*>(.*?)</div>', response.content.decode(), re.S
    )
    return " ".join(match.group(1).split())


def test_the_change_form_says_who_else_has_the_story_open(newsroom):
    story = newsroom["story"]
    rudi, sinta = client_for(newsroom["first"]), client_for(newsroom["second"])
    assert presence_banner(rudi.get(change_url(story))) == ""
    assert presence_banner(sinta.get(change_url(story))).startswith(
        "Sedang dibuka oleh Rudi Hartono."
    )
    # Rudi's own heartbeat now reports Sinta, and never himself.
    beat = rudi.post(presence_url(story))
    assert beat.status_code == 200
    assert beat.json() == {"others": ["Sinta Dewi"]}


def test_closing_the_form_or_saving_clears_presence(newsroom):
    story = newsroom["story"]
    rudi, sinta = client_for(newsroom["first"]), client_for(newsroom["second"])
    rudi.get(change_url(story))
    assert rudi.post(presence_url(story), {"leave": "1"}).json() == {"others": []}
    assert sinta.post(presence_url(story)).json() == {"others": []}

    opened = open_form(rudi, story)
    rudi.post(change_url(story), story_form_data(story, opened_version=opened))
    assert sinta.post(presence_url(story)).json() == {"others": []}


def test_presence_heartbeat_is_post_only_csrf_checked_and_scoped(newsroom):
    story = newsroom["story"]
    rudi = client_for(newsroom["first"])
    assert rudi.get(presence_url(story)).status_code == 405

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(newsroom["first"])
    assert strict.post(presence_url(story)).status_code == 403

    outsider = UserFactory(role="redaktur", unit=UnitFactory(name="Polres Garut"))
    assert client_for(outsider).post(presence_url(story)).status_code == 404
    assert Article.objects.filter(pk=story.pk).exists()


def test_a_save_racing_past_the_form_check_is_rolled_back_whole(newsroom, monkeypatch):
    """If the story moves on between the form's check and the save, nothing at all is saved."""
    from articles.admin.stories import ArticleForm

    story = newsroom["story"]
    pick = ArticleFactory(unit=newsroom["polres"], title="Baca Juga Ini")
    rudi, sinta = client_for(newsroom["first"]), client_for(newsroom["second"])
    opened = open_form(sinta, story)
    rudi.post(change_url(story), story_form_data(story, opened_version=opened, title="Versi Rudi"))
    # Pretend the form's locked check saw the old version (the race it exists to prevent).
    monkeypatch.setattr(ArticleForm, "_check_version", lambda form: None)
    data = story_form_data(story, opened_version=opened, title="Versi Sinta", tags="baru")
    data.update(
        {
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-target": pick.pk,
            "related_links-0-position": "0",
        }
    )
    response = sinta.post(change_url(story), data, follow=True)
    assert "baru saja diubah orang lain" in response.content.decode()
    story.refresh_from_db()
    assert story.title == "Versi Rudi"
    assert list(story.tags.names()) == []
    assert not RelatedArticle.objects.filter(article=story).exists()
    assert story.revisions.count() == 2
