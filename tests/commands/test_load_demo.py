"""`load_demo` gives a newsroom worth clicking through, and running it twice changes nothing."""

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from articles import roles
from articles.models import Article, Category, Comment, Partner, Revision, Unit, User

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Category, Comment, Partner, Unit, User, Revision)
    }


def test_demo_has_what_the_issue_asks_for():
    call_command("load_demo", verbosity=0)

    published = Article.objects.published()
    assert published.count() >= 30
    assert Article.objects.drafts().exists()
    assert Article.objects.in_review().exists()
    assert Article.objects.scheduled().exists()
    assert Article.objects.filter(status=Article.Status.ARCHIVED).exists()
    assert published.values("unit").distinct().count() >= 6
    assert len(set(published.values_list("unit__time_zone", flat=True))) >= 2
    assert Partner.objects.count() >= 8
    assert Category.objects.count() >= 5
    assert published.filter(tags__isnull=False).distinct().count() == published.count()
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert statuses == {choice for choice, _ in Comment.Status.choices}
    assert Comment.objects.filter(parent__parent__isnull=False).exists()  # nested replies
    for group in (roles.WRITER, roles.EDITOR, roles.HEAD):
        assert User.objects.filter(groups__name=group, unit__isnull=False).exists()
    assert User.objects.filter(is_superuser=True).exists()
    # The newest stories carry a drawn photo, cleaned and rendered like any upload.
    with_photos = published.filter(featured_photo__isnull=False).select_related("featured_photo")
    assert with_photos.count() >= 6
    for story in with_photos:
        photo = story.featured_photo
        assert photo.alt_text and photo.renditions
        assert default_storage.exists(photo.file.name)
    # Every story starts with its first revision, so its history is never empty.
    assert Revision.objects.filter(version=1).count() == Article.objects.count()


def test_demo_staff_can_log_in_to_the_admin(client):
    call_command("load_demo", verbosity=0)
    assert client.login(username="redaktur.tasik", password="humas-demo-2025")
    assert client.get("/admin/").status_code == 200


def test_running_it_twice_changes_nothing():
    call_command("load_demo", verbosity=0)
    first = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == first


def test_it_prints_the_demo_logins(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "redaktur.tasik" in out and "humas-demo-2025" in out
