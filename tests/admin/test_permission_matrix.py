"""Every role × action × place in the unit tree, through HTTP against the admin.

The staff member sits at Polres Tasikmalaya Kota. Targets: a story of that Polres ("own"), of
its Polsek Cihideung ("below") and of Polres Jayapura in another Polda ("unrelated"). Allowed:
the action happens. Forbidden: a 403/404 (or the admin's refusal) AND the database unchanged.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, AuditEntry, Correction, EditorialNote, Revision
from articles.publishing import record_revision
from tests.factories import FAST_HASHERS, UserFactory

from .story_forms import change_url, story_form_data
from .workflow_support import (
    build_desk,
    client_for,
    csrf_post,
    messages_of,
    story,
    url,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
ROLES = ["penulis", "redaktur", "kepala", "superuser"]
PLACES = ["own", "below", "unrelated"]
FUTURE = "2099-08-17T10:00"


@dataclass
class Action:
    name: str
    status: str  # the target story's state before the action
    writers: bool  # may a Penulis do it (to their own draft, in their tree)?
    only_superuser: bool = False


ACTIONS = [
    Action("view", Status.PUBLISHED, writers=True),
    Action("edit", Status.DRAFT, writers=True),
    Action("submit", Status.DRAFT, writers=True),
    Action("return", Status.REVIEW, writers=False),
    Action("publish", Status.REVIEW, writers=False),
    Action("schedule", Status.REVIEW, writers=False),
    Action("unpublish", Status.PUBLISHED, writers=False),
    Action("correct", Status.PUBLISHED, writers=False),
    Action("note", Status.REVIEW, writers=True),
    Action("restore", Status.DRAFT, writers=True),
    Action("preview", Status.REVIEW, writers=True),
    Action("revoke_preview", Status.REVIEW, writers=True),
    Action("bulk_publish", Status.REVIEW, writers=False),
    Action("delete", Status.DRAFT, writers=False, only_superuser=True),
]


def expected(role, action, place):
    if role == "superuser":
        return True
    if place == "unrelated" or action.only_superuser:
        return False
    return action.writers or role in ("redaktur", "kepala")


# -- Performing each action as a browser would ---------------------------------------------------
def perform(action, client, article):
    """Do ``action`` over HTTP; return (response, whether the page says it was done)."""
    name = action.name
    if name == "view":
        response = client.get(change_url(article))
        return response, response.status_code == 200 and article.title in response.text
    if name == "edit":
        data = story_form_data(article, title="Judul Sudah Disunting Redaksi")
        return client_post(client, change_url(article), data), None
    if name == "submit":
        return client_post(client, url("submit", article)), None
    if name == "return":
        return client_post(client, url("return", article), {"kembalikan-note": "Perbaiki."}), None
    if name == "publish":
        return client_post(client, url("publish", article)), None
    if name == "schedule":
        return client_post(client, url("schedule", article), {"jadwalkan-publish_at": FUTURE}), None
    if name == "unpublish":
        data = {"turunkan-reason": "Salah data."}
        return client_post(client, url("unpublish", article), data), None
    if name == "correct":
        return client_post(client, url("correct", article), {"ralat-text": "Ralat angka."}), None
    if name == "note":
        return client_post(client, url("note", article), {"catatan-body": "Cek foto."}), None
    if name == "restore":
        return client_post(client, url("restore", article, 1)), None
    if name == "preview":
        response = client.get(url("preview_link", article))
        return response, response.status_code == 200 and "/pratinjau/" in response.text
    if name == "revoke_preview":
        return client_post(client, url("preview_revoke", article)), None
    if name == "bulk_publish":
        data = {"action": "publish_selected", "_selected_action": [article.pk], "index": "0"}
        return client_post(client, reverse("admin:articles_article_changelist"), data), None
    if name == "delete":
        return client_post(client, url("delete", article), {"post": "yes"}), None
    raise AssertionError(name)


def client_post(client, address, data=None):
    return csrf_post(client, address, data)


def state(article_pk):
    """Everything an action could change, as plain data."""
    row = Article.objects.filter(pk=article_pk).values().first()
    return {
        "story": row,
        "revisions": Revision.objects.filter(article_id=article_pk).count(),
        "audit": AuditEntry.objects.filter(article_id=article_pk).count(),
        "notes": EditorialNote.objects.filter(article_id=article_pk).count(),
        "corrections": Correction.objects.filter(article_id=article_pk).count(),
    }


def took_effect(action, before, after):
    """Return True when the database shows ``action`` done."""
    name, story_after = action.name, after["story"]
    if name == "delete":
        return story_after is None
    if name in ("view", "preview"):
        return False  # reading changes nothing; the page itself is the proof
    expected_status = {
        "submit": Status.REVIEW,
        "return": Status.DRAFT,
        "publish": Status.PUBLISHED,
        "bulk_publish": Status.PUBLISHED,
        "schedule": Status.PUBLISHED,
        "unpublish": Status.ARCHIVED,
    }
    if name in expected_status:
        return (
            story_after["status"] == expected_status[name]
            and story_after["version"] == before["story"]["version"] + 1
            and after["audit"] == before["audit"] + 1
        )
    if name == "edit":
        return story_after["title"] == "Judul Sudah Disunting Redaksi"
    if name == "correct":
        return after["corrections"] == before["corrections"] + 1
    if name == "note":
        return after["notes"] == before["notes"] + 1
    if name == "restore":
        return story_after["title"] == "Judul Versi Pertama" and after["revisions"] == 3
    if name == "revoke_preview":
        return (
            story_after["preview_key"] != before["story"]["preview_key"]
            and story_after["version"] == before["story"]["version"]
            and after["audit"] == before["audit"] + 1
        )
    raise AssertionError(name)


# -- The matrix ----------------------------------------------------------------------------------
@pytest.fixture
def desk():
    return build_desk()


def actor_for(desk, role, settings):
    if role == "superuser":
        settings.PASSWORD_HASHERS = FAST_HASHERS
        return UserFactory(username="admin", is_superuser=True, unit=None)
    return getattr(desk, role)


def target(desk, action, actor, place, role):
    unit = {"own": desk.polres, "below": desk.polsek, "unrelated": desk.jayapura}[place]
    # A writer acts on their own stories; editors on a writer's story.
    writer = actor if role == "penulis" else desk.penulis
    if action.status == Status.PUBLISHED:
        extra = {"publish_at": timezone.now() - datetime.timedelta(hours=1)}
    else:
        extra = {}
    title = "Judul Versi Pertama" if action.name == "restore" else f"Berita {place} {action.name}"
    article = story(unit, writer, status=action.status, title=title, **extra)
    if action.name == "restore":
        Article.objects.filter(pk=article.pk).update(title="Judul Versi Kedua", version=2)
        article.refresh_from_db()
        record_revision(article, writer, "Diubah")
    return article


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(desk, settings, role, action, place):
    actor = actor_for(desk, role, settings)
    article = target(desk, action, actor, place, role)
    before = state(article.pk)

    response, page_says_done = perform(action, client_for(actor), article)
    after = state(article.pk)

    if expected(role, action, place):
        assert response.status_code in (200, 302), response.status_code
        if action.name in ("view", "preview"):
            assert page_says_done
        else:
            assert took_effect(action, before, after), (response.status_code, after["story"])
    else:
        assert after == before, "a forbidden action changed the database"
        if action.name == "bulk_publish":
            assert response.status_code in (200, 302)
            assert messages_of(response), "the changelist says why nothing happened"
        elif action.name in ("view", "edit", "delete") and place == "unrelated":
            # The admin treats a story outside the tree as one that does not exist (deleting is
            # refused before it even looks).
            assert response.status_code in (302, 403, 404)
            assert (
                article.title not in client_for(actor).get(response.get("Location", "/admin/")).text
            )
        elif place == "unrelated":
            assert response.status_code == 404, response.status_code
        else:
            assert response.status_code == 403, response.status_code
            if action.name != "delete":
                assert "Hanya redaktur yang dapat" in response.text  # the reason, in Indonesian
        if place == "unrelated":
            assert article.title not in response.text


# -- A writer's own limits inside their unit -------------------------------------------------
WRITER_CASES = [
    # (whose story, its status, action, allowed)
    ("own", Status.DRAFT, "edit", True),
    ("own", Status.REVIEW, "edit", False),
    ("own", Status.PUBLISHED, "edit", False),
    ("own", Status.ARCHIVED, "edit", False),
    ("colleague", Status.DRAFT, "edit", False),
    ("colleague", Status.DRAFT, "submit", False),
    ("own", Status.REVIEW, "submit", False),
    ("own", Status.PUBLISHED, "unpublish", False),
    ("own", Status.PUBLISHED, "schedule", False),
    ("own", Status.PUBLISHED, "restore", False),
    ("colleague", Status.DRAFT, "restore", False),
    ("colleague", Status.REVIEW, "note", True),
    ("colleague", Status.PUBLISHED, "view", True),
    # Whoever may make a colleague's preview links may revoke them.
    ("colleague", Status.REVIEW, "revoke_preview", True),
]


@pytest.mark.parametrize(
    ("whose", "status", "action_name", "allowed"),
    WRITER_CASES,
    ids=[f"{w}-{s}-{a}" for w, s, a, _ in WRITER_CASES],
)
def test_writer_edits_only_own_drafts(desk, whose, status, action_name, allowed):
    """A Penulis drafts, edits own (and returned) drafts and submits; nothing more."""
    writer = desk.penulis if whose == "own" else desk.penulis_lain
    action = Action(action_name, status, writers=allowed)
    title = "Judul Versi Pertama" if action_name == "restore" else "Berita Rekan Sejawat"
    article = story(desk.polres, writer, status=status, title=title)
    if action_name == "restore":
        Article.objects.filter(pk=article.pk).update(title="Judul Versi Kedua", version=2)
        article.refresh_from_db()
        record_revision(article, writer, "Diubah")
    before = state(article.pk)

    response, page_says_done = perform(action, client_for(desk.penulis), article)
    after = state(article.pk)

    if not allowed:
        assert after == before
        assert response.status_code == 403
        if action_name != "edit":  # the workflow says why, in Indonesian
            assert "Anda tidak berhak" in response.text or "Hanya redaktur" in response.text
        return
    if action_name == "view":
        assert page_says_done
    else:
        assert took_effect(action, before, after)
