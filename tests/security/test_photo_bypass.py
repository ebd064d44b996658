"""The photo library cannot be used to change a story its user may not edit.

A photo in a story's gallery is part of that story: a writer who may not edit the story (someone
else's, or their own once submitted or published) may look at its photos but not change their
caption, credit or file, nor add a photo to that gallery. Editors of the tree may.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article, Photo
from tests.admin.workflow_support import build_desk, client_for, csrf_post, story
from tests.views.utils import make_photo

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def desk():
    desk = build_desk()
    desk.published = story(
        desk.polres, desk.penulis_lain, status=Status.PUBLISHED, title="Terbitan Dedi Berfoto"
    )
    desk.own_draft = story(desk.polres, desk.penulis, title="Draf Rina Berfoto")
    desk.photo = make_photo(
        article=desk.published, caption="Keterangan asli", alt_text="Alt asli", credit="Asli"
    )
    desk.loose = make_photo(caption="Foto lepas Rina", uploaded_by=desk.penulis)
    return desk


def photo_url(view, *args):
    return reverse(f"admin:articles_photo_{view}", args=args)


def photo_data(photo, **changes):
    data = {
        "alt_text": photo.alt_text,
        "caption": photo.caption,
        "credit": photo.credit,
        "article": photo.article_id or "",
        "position": photo.position,
        "focal_x": photo.focal_x,
        "focal_y": photo.focal_y,
    }
    data.update(changes)
    return data


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (20, 120, 20)).save(buffer, "JPEG")
    return SimpleUploadedFile("baru.jpg", buffer.getvalue(), content_type="image/jpeg")


def photos():
    return list(Photo.objects.order_by("pk").values())


def test_a_writer_cannot_change_a_photo_of_a_story_they_may_not_edit(desk, client):
    before = photos()
    writer = client_for(desk.penulis)
    page = writer.get(photo_url("change", desk.photo.pk))
    assert page.status_code == 200  # readable …
    assert 'name="_save"' not in page.content.decode()  # … but not editable
    response = csrf_post(
        writer, photo_url("change", desk.photo.pk), photo_data(desk.photo, caption="Diubah")
    )
    assert response.status_code == 403
    response = csrf_post(
        writer, photo_url("change", desk.photo.pk), {**photo_data(desk.photo), "file": jpeg()}
    )
    assert response.status_code == 403
    assert photos() == before
    assert "Keterangan asli" in client.get(desk.published.get_absolute_url()).content.decode()


def test_a_writer_cannot_add_a_photo_to_a_gallery_they_may_not_edit(desk):
    before = photos()
    writer = client_for(desk.penulis)
    moved = csrf_post(
        writer,
        photo_url("change", desk.loose.pk),
        photo_data(desk.loose, article=desk.published.pk),
    )
    assert moved.status_code == 200
    assert moved.context["adminform"].form.errors["article"]
    added = csrf_post(
        writer,
        photo_url("add"),
        {**photo_data(desk.loose, article=desk.published.pk), "file": jpeg()},
    )
    assert added.status_code == 200
    assert added.context["adminform"].form.errors["article"]
    assert photos() == before


def test_a_writer_still_manages_photos_of_their_own_draft(desk):
    writer = client_for(desk.penulis)
    response = csrf_post(
        writer,
        photo_url("change", desk.loose.pk),
        photo_data(desk.loose, article=desk.own_draft.pk, caption="Untuk draf sendiri"),
    )
    assert response.status_code == 302
    desk.loose.refresh_from_db()
    assert (desk.loose.article_id, desk.loose.caption) == (desk.own_draft.pk, "Untuk draf sendiri")


def test_an_editor_of_the_tree_may_change_a_published_storys_photo(desk):
    response = csrf_post(
        client_for(desk.redaktur),
        photo_url("change", desk.photo.pk),
        photo_data(desk.photo, caption="Diperbaiki redaktur"),
    )
    assert response.status_code == 302
    desk.photo.refresh_from_db()
    assert desk.photo.caption == "Diperbaiki redaktur"
