"""The unit tree bounds every path into the story admin: list, search, pickers, form, history."""

import pytest
from django.urls import reverse

from articles.models import Article, RelatedArticle
from articles.search import index_articles
from tests.factories import ArticleFactory, PhotoFactory, UnitFactory, UserFactory

from .story_forms import change_url, story_form_data

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
AUTOCOMPLETE = reverse("admin:autocomplete")


@pytest.fixture
def tree():
    polda = UnitFactory(name="Polda Jawa Barat", kind="polda")
    tasik = UnitFactory(name="Polres Tasikmalaya Kota", parent=polda)
    cihideung = UnitFactory(name="Polsek Cihideung", parent=tasik, kind="polsek")
    garut = UnitFactory(name="Polres Garut", parent=polda)
    stories = {
        "tasik": ArticleFactory(unit=tasik, title="Karhutla Padam di Tasikmalaya"),
        "cihideung": ArticleFactory(unit=cihideung, title="Karhutla Kecil di Cihideung"),
        "garut": ArticleFactory(unit=garut, title="Karhutla Meluas di Garut"),
    }
    index_articles([story.pk for story in stories.values()])
    return {
        "polda": polda,
        "tasik": tasik,
        "cihideung": cihideung,
        "garut": garut,
        "stories": stories,
        "tasik_editor": UserFactory(role="redaktur", unit=tasik, first_name="Rudi"),
        "cihideung_writer": UserFactory(role="penulis", unit=cihideung, first_name="Wulan"),
        "garut_writer": UserFactory(role="penulis", unit=garut, first_name="Garuda"),
        "polda_editor": UserFactory(role="redaktur", unit=polda, first_name="Prama"),
    }


def titles(response):
    return {story.title for story in response.context["cl"].result_list}


def as_user(client, user):
    client.force_login(user)
    return client


def test_changelist_lists_only_the_users_tree(client, tree):
    as_user(client, tree["tasik_editor"])
    assert titles(client.get(CHANGELIST)) == {
        "Karhutla Padam di Tasikmalaya",
        "Karhutla Kecil di Cihideung",
    }
    as_user(client, tree["cihideung_writer"])
    assert titles(client.get(CHANGELIST)) == {"Karhutla Kecil di Cihideung"}
    as_user(client, tree["polda_editor"])
    assert len(titles(client.get(CHANGELIST))) == 3
    client.force_login(UserFactory(username="root", is_superuser=True, unit=None))
    assert len(titles(client.get(CHANGELIST))) == 3


def test_changelist_search_finds_nothing_outside_the_tree(client, tree):
    as_user(client, tree["tasik_editor"])
    assert titles(client.get(CHANGELIST, {"q": "karhutla"})) == {
        "Karhutla Padam di Tasikmalaya",
        "Karhutla Kecil di Cihideung",
    }
    assert titles(client.get(CHANGELIST, {"q": "garut"})) == set()
    # Searching by a guessed slug or ID of a foreign story finds nothing either.
    garut = tree["stories"]["garut"]
    assert titles(client.get(CHANGELIST, {"q": garut.slug})) == set()
    assert titles(client.get(CHANGELIST, {"q": str(garut.pk)})) == set()


def test_a_guessed_filter_for_a_foreign_unit_shows_nothing(client, tree):
    as_user(client, tree["tasik_editor"])
    response = client.get(CHANGELIST, {"unit__id__exact": tree["garut"].pk})
    assert titles(response) == set()
    assert "Karhutla Meluas di Garut" not in response.content.decode()


def test_unit_and_writer_filters_offer_only_the_tree(client, tree):
    as_user(client, tree["tasik_editor"])
    page = client.get(CHANGELIST).content.decode()
    assert "Polsek Cihideung" in page
    assert "Polres Garut" not in page
    assert "Polda Jawa Barat" not in page
    assert "Wulan" in page
    assert "Garuda" not in page


def test_related_story_picker_finds_only_stories_in_the_tree(client, tree):
    as_user(client, tree["tasik_editor"])
    response = client.get(
        AUTOCOMPLETE,
        {
            "term": "karhutla",
            "app_label": "articles",
            "model_name": "relatedarticle",
            "field_name": "target",
        },
    )
    assert response.status_code == 200
    found = {item["text"] for item in response.json()["results"]}
    assert found == {"Karhutla Padam di Tasikmalaya", "Karhutla Kecil di Cihideung"}


@pytest.mark.parametrize("view", ["change", "history", "delete"])
def test_a_foreign_story_is_not_found_by_its_admin_urls(client, tree, view):
    garut = tree["stories"]["garut"]
    as_user(client, tree["tasik_editor"])
    response = client.get(reverse(f"admin:articles_article_{view}", args=[garut.pk]))
    # Exactly what a story that does not exist gives: back to the index, nothing shown.
    missing = client.get(reverse(f"admin:articles_article_{view}", args=[999999]))
    assert (response.status_code, response.get("Location")) == (
        missing.status_code,
        missing.get("Location"),
    )
    assert response.status_code in (302, 403, 404)
    assert "Karhutla Meluas di Garut" not in response.content.decode()


@pytest.mark.parametrize("name", ["revisions", "preview_link", "presence"])
def test_a_foreign_story_is_not_found_by_the_desk_tools(client, tree, name):
    garut = tree["stories"]["garut"]
    as_user(client, tree["tasik_editor"])
    url = reverse(f"admin:articles_article_{name}", args=[garut.pk])
    response = client.post(url) if name == "presence" else client.get(url)
    assert response.status_code == 404


def test_posting_to_a_foreign_story_changes_nothing(client, tree):
    garut = tree["stories"]["garut"]
    as_user(client, tree["tasik_editor"])
    client.post(change_url(garut), story_form_data(garut, title="Diubah dari Tasik"))
    garut.refresh_from_db()
    assert garut.title == "Karhutla Meluas di Garut"
    assert garut.version == 1


def test_a_writer_below_cannot_reach_a_story_of_the_unit_above(client, tree):
    tasik_story = tree["stories"]["tasik"]
    as_user(client, tree["cihideung_writer"])
    response = client.get(change_url(tasik_story))
    assert response.status_code == 302
    assert "Karhutla Padam di Tasikmalaya" not in response.content.decode()


def test_unit_choices_are_the_users_tree(client, tree):
    as_user(client, tree["tasik_editor"])
    form = client.get(reverse("admin:articles_article_add")).context["adminform"].form
    assert set(form.fields["unit"].queryset) == {tree["tasik"], tree["cihideung"]}
    as_user(client, tree["cihideung_writer"])
    form = client.get(reverse("admin:articles_article_add")).context["adminform"].form
    assert list(form.fields["unit"].queryset) == [tree["cihideung"]]


def test_moving_a_story_out_of_the_tree_is_refused_with_a_clear_message(client, tree):
    story = tree["stories"]["cihideung"]
    as_user(client, tree["tasik_editor"])
    response = client.post(change_url(story), story_form_data(story, unit=tree["garut"].pk))
    assert response.status_code == 200
    assert "Satuan ini berada di luar lingkup satuan Anda." in response.content.decode()
    story.refresh_from_db()
    assert story.unit == tree["cihideung"]
    assert story.version == 1


def test_a_new_story_cannot_be_filed_under_a_foreign_unit(client, tree):
    as_user(client, tree["cihideung_writer"])
    data = story_form_data(title="Laporan Nyasar", slug="laporan-nyasar", unit=tree["tasik"].pk)
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "Satuan ini berada di luar lingkup satuan Anda." in response.content.decode()
    assert not Article.objects.filter(slug="laporan-nyasar").exists()


def test_a_polda_editor_may_edit_a_story_anywhere_below(client, tree):
    story = tree["stories"]["cihideung"]
    as_user(client, tree["polda_editor"])
    response = client.post(change_url(story), story_form_data(story, title="Disunting Polda"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Disunting Polda"


def test_a_foreign_story_cannot_be_picked_as_related_by_guessing_its_id(client, tree):
    story = tree["stories"]["tasik"]
    garut = tree["stories"]["garut"]
    data = story_form_data(story)
    data.update(
        {
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-target": garut.pk,
            "related_links-0-position": "0",
        }
    )
    as_user(client, tree["tasik_editor"])
    response = client.post(change_url(story), data)
    assert response.status_code == 200
    assert "Karhutla Meluas di Garut" not in response.content.decode()
    related_formset = response.context["inline_admin_formsets"][1].formset
    assert list(related_formset.errors[0]) == ["target"]
    assert not story.related_links.exists()
    story.refresh_from_db()
    assert story.version == 1


def test_a_featured_photo_picked_above_is_kept_by_a_writer_below(client, tree):
    library_photo = PhotoFactory(
        uploaded_by=tree["polda_editor"], alt_text="Kapolda meninjau posko mudik"
    )
    PhotoFactory(uploaded_by=tree["polda_editor"], alt_text="Foto lain milik Polda")
    writer = UserFactory(role="penulis", unit=tree["tasik"], first_name="Tari")
    story = ArticleFactory(
        unit=tree["tasik"],
        writer=writer,
        status=Article.Status.DRAFT,
        publish_at=None,
        featured_photo=library_photo,
    )
    as_user(client, writer)
    page = client.get(change_url(story)).content.decode()
    # The picker shows the story's photo, and no other photo of the library above.
    assert "Kapolda meninjau posko mudik" in page
    assert "Foto lain milik Polda" not in page

    response = client.post(
        change_url(story), story_form_data(story, lead="Ringkasan yang diperbarui penulis.")
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.lead == "Ringkasan yang diperbarui penulis."
    assert story.featured_photo_id == library_photo.pk


def test_another_photo_outside_the_tree_still_cannot_be_picked(client, tree):
    library_photo = PhotoFactory(uploaded_by=tree["polda_editor"], alt_text="Foto Polda")
    other = PhotoFactory(uploaded_by=tree["polda_editor"], alt_text="Foto lain milik Polda")
    story = ArticleFactory(unit=tree["tasik"], featured_photo=library_photo)
    as_user(client, tree["tasik_editor"])
    response = client.post(change_url(story), story_form_data(story, featured_photo=other.pk))
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["featured_photo"]
    story.refresh_from_db()
    assert story.featured_photo_id == library_photo.pk


def test_a_related_story_picked_above_is_kept_by_an_editor_below(client, tree):
    story = tree["stories"]["tasik"]
    garut = tree["stories"]["garut"]
    pick = RelatedArticle.objects.create(article=story, target=garut, is_manual=True, position=0)
    as_user(client, tree["tasik_editor"])
    page = client.get(change_url(story)).content.decode()
    # The pick made by the Polda editor is shown in its row, not an empty picker.
    assert "Karhutla Meluas di Garut" in page

    data = story_form_data(story, lead="Ringkasan baru dari Polres.")
    data.update(
        {
            "related_links-TOTAL_FORMS": "1",
            "related_links-INITIAL_FORMS": "1",
            "related_links-0-id": pick.pk,
            "related_links-0-article": story.pk,
            "related_links-0-target": garut.pk,
            "related_links-0-position": "0",
        }
    )
    response = client.post(change_url(story), data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.lead == "Ringkasan baru dari Polres."
    assert list(story.related_links.filter(is_manual=True).values_list("target", flat=True)) == [
        garut.pk
    ]


@pytest.mark.parametrize("term", ["²", "٣", " ¹²³ ", "99999999999999999999999"])
def test_search_for_a_digit_that_is_not_an_id_answers_normally(client, tree, term):
    as_user(client, tree["tasik_editor"])
    response = client.get(CHANGELIST, {"q": term})
    assert response.status_code == 200
    assert titles(response) == set()
    response = client.get(
        AUTOCOMPLETE,
        {
            "term": term,
            "app_label": "articles",
            "model_name": "relatedarticle",
            "field_name": "target",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_search_by_id_still_finds_the_story(client, tree):
    story = tree["stories"]["tasik"]
    as_user(client, tree["tasik_editor"])
    assert titles(client.get(CHANGELIST, {"q": f" {story.pk} "})) == {story.title}
