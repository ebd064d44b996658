"""The story's gallery inline in the article change form (ArticleAdmin uses ``PhotoInline``)."""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Photo
from tests.factories import ArticleFactory, UserFactory
from tests.images import samples

pytestmark = pytest.mark.django_db


class FormScraper(HTMLParser):
    """Collect what a browser would submit from ``<form id=…>``, as the test client's data."""

    def __init__(self, html, form_id):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, {}
        self._select = self._textarea = None
        self.feed(html)

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag in ("input", "select", "textarea"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self._select = attrs["name"]
            self.data.setdefault(self._select, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._add(self._textarea, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += (
                data.lstrip("\n") if not self.data[self._textarea][-1] else data
            )


def change_form_data(client, story):
    url = reverse("admin:articles_article_change", args=[story.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = FormScraper(response.content.decode(), "article_form").data
    assert "photos-TOTAL_FORMS" in data, "the gallery inline is on the form"
    return url, data


@pytest.fixture
def editor_client(client):
    editor = UserFactory(role="redaktur")
    client.force_login(editor)
    return client, editor


def test_a_gallery_photo_uploaded_in_the_story_form_is_stored_clean(
    editor_client, media_root, stored_files
):
    client, editor = editor_client
    story = ArticleFactory(unit=editor.unit, status=Article.Status.DRAFT)
    url, data = change_form_data(client, story)
    data.update(
        {
            "photos-0-file": SimpleUploadedFile(
                "IMG_0001.jpg", samples.phone_jpeg(), content_type="image/jpeg"
            ),
            "photos-0-alt_text": "Warga menerima bantuan sembako",
            "photos-0-caption": "Bakti sosial",
            "photos-0-credit": "Bripda Sari",
            "photos-0-position": "1",
            "photos-0-focal_x": "0.5",
            "photos-0-focal_y": "0.3",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302, response.context and [
        f.errors for f in response.context["inline_admin_formsets"][0].formset
    ]
    photo = story.photos.get()
    assert (photo.alt_text, photo.credit, photo.position) == (
        "Warga menerima bantuan sembako",
        "Bripda Sari",
        1,
    )
    assert (photo.width, photo.height, photo.focal_y) == (1200, 1800, 0.3)
    assert photo.uploaded_by == editor
    files = stored_files()
    assert files == sorted([photo.file.name, *photo.renditions.values()])
    for name in files:
        assert samples.metadata_found((media_root / name).read_bytes()) == [], name


def test_a_refused_gallery_upload_saves_nothing_of_the_story_either(editor_client, stored_files):
    client, editor = editor_client
    story = ArticleFactory(unit=editor.unit, status=Article.Status.DRAFT, title="Judul lama")
    url, data = change_form_data(client, story)
    data.update(
        {
            "title": "Judul baru",
            "photos-0-file": SimpleUploadedFile(
                "foto.jpg", samples.HTML, content_type="image/jpeg"
            ),
            "photos-0-alt_text": "Bukan foto",
            "photos-0-position": "0",
            "photos-0-focal_x": "0.5",
            "photos-0-focal_y": "0.5",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Berkas ini bukan foto yang dikenali" in response.content.decode()
    story.refresh_from_db()
    assert story.title == "Judul lama"
    assert not Photo.objects.exists()
    assert stored_files() == []


def test_a_gallery_photo_needs_alt_text(editor_client, stored_files):
    client, editor = editor_client
    story = ArticleFactory(unit=editor.unit, status=Article.Status.DRAFT)
    url, data = change_form_data(client, story)
    data.update(
        {
            "photos-0-file": SimpleUploadedFile(
                "foto.jpg", samples.plain_jpeg(), content_type="image/jpeg"
            ),
            "photos-0-alt_text": "",
            "photos-0-position": "0",
            "photos-0-focal_x": "0.5",
            "photos-0-focal_y": "0.5",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 200
    inline_errors = response.context["inline_admin_formsets"][0].formset.errors
    assert inline_errors[0]["alt_text"]
    assert not Photo.objects.exists()
    assert stored_files() == []
