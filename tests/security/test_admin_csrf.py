"""Every POST of the story desk refuses a request without a CSRF token, or from another site.

For each workflow button and form, the restore, the presence heartbeat, the bulk actions, the
preview link, the story form and the staff role change: the browser that forgot the token (or a
page on another site posting with a stolen one) gets the 403 page and nothing changes; the same
POST with the token does what it says, so the refusal is the CSRF check and nothing else.
"""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.models import (
    Article,
    AuditEntry,
    Correction,
    EditorialNote,
    Revision,
    User,
)
from articles.publishing import record_revision
from tests.admin.story_forms import add_url, change_url, story_form_data
from tests.admin.workflow_support import build_desk, client_for, csrf_post, story, url
from tests.factories import FAST_HASHERS

pytestmark = pytest.mark.django_db

Status = Article.Status
CSRF_TEXT = "Formulir kedaluwarsa atau tidak sah"
CHANGELIST = reverse("admin:articles_article_changelist")
FUTURE = "2099-08-17T10:00"
# A signed preview link (payload:stamp:signature).
PREVIEW_LINK = re.compile(r"/pratinjau/[\w-]+:[\w-]+:[\w-]+/")


@pytest.fixture
def desk(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    desk = build_desk()
    desk.draft = story(desk.polres, desk.penulis, title="Draf Rina")
    Article.objects.filter(pk=desk.draft.pk).update(title="Draf Rina Versi Dua", version=2)
    desk.draft.refresh_from_db()
    record_revision(desk.draft, desk.penulis, "Diubah")
    desk.review = story(desk.polres, desk.penulis, status=Status.REVIEW, title="Tinjauan Rina")
    desk.published = story(desk.polres, desk.penulis, status=Status.PUBLISHED, title="Terbit Rina")
    return desk


def bulk(action, article, **extra):
    return CHANGELIST, {
        "action": action,
        "_selected_action": [article.pk],
        "index": "0",
        **extra,
    }


def staff_change(desk):
    user = desk.penulis_lain
    return reverse("admin:articles_user_change", args=[user.pk]), {
        "username": user.username,
        "first_name": user.first_name,
        "email": user.email,
        "is_active": "on",
        "unit": desk.polres.pk,
        "peran": "kepala",
    }


def staff_add(desk):
    password = "Sandi-Baru-Panjang-2025"
    return reverse("admin:articles_user_add"), {
        "username": "staf.siluman",
        "password1": password,
        "password2": password,
        "unit": desk.polsek.pk,
        "peran": "redaktur",
    }


# (who posts, how to build (address, data) from the desk)
CASES = {
    "submit": ("penulis", lambda d: (url("submit", d.draft), {})),
    "note": ("penulis", lambda d: (url("note", d.draft), {"catatan-body": "Cek ejaan."})),
    "restore": ("penulis", lambda d: (url("restore", d.draft, 1), {})),
    "story form": (
        "penulis",
        lambda d: (change_url(d.draft), story_form_data(d.draft, title="Judul Lewat Situs Lain")),
    ),
    "new story": (
        "penulis",
        lambda d: (
            add_url(),
            story_form_data(title="Berita Titipan", slug="berita-titipan", unit=d.polres.pk),
        ),
    ),
    "return": ("redaktur", lambda d: (url("return", d.review), {"kembalikan-note": "Perbaiki."})),
    "publish": ("redaktur", lambda d: (url("publish", d.review), {})),
    "schedule": (
        "redaktur",
        lambda d: (url("schedule", d.review), {"jadwalkan-publish_at": FUTURE}),
    ),
    "take down": (
        "redaktur",
        lambda d: (url("unpublish", d.published), {"turunkan-reason": "Data keliru."}),
    ),
    "correct": ("redaktur", lambda d: (url("correct", d.published), {"ralat-text": "Ralat."})),
    "presence": ("redaktur", lambda d: (url("presence", d.published), {})),
    "bulk submit": ("penulis", lambda d: bulk("submit_selected", d.draft)),
    "bulk publish": ("redaktur", lambda d: bulk("publish_selected", d.review)),
    "bulk return": (
        "redaktur",
        lambda d: bulk("return_selected", d.review, konfirmasi="ya", text="Perbaiki."),
    ),
    "bulk take down": (
        "redaktur",
        lambda d: bulk("unpublish_selected", d.published, konfirmasi="ya", text="Ditarik."),
    ),
    "staff role change": ("kepala", staff_change),
    "staff add": ("kepala", staff_add),
}


def state():
    """Everything the desk's POSTs can change, as plain data."""
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    return {
        "stories": list(Article.objects.order_by("pk").values()),
        "revisions": Revision.objects.count(),
        "audit": AuditEntry.objects.count(),
        "notes": EditorialNote.objects.count(),
        "corrections": Correction.objects.count(),
        "staff": list(User.objects.order_by("pk").values("pk", "unit_id", "is_active")),
        "roles": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
        "presence": {pk: cache.get(f"admin-presence:article:{pk}") for pk in ids},
    }


@pytest.mark.parametrize("case", list(CASES))
def test_a_post_without_the_token_is_refused_and_changes_nothing(desk, case):
    who, build = CASES[case]
    address, data = build(desk)
    client = client_for(getattr(desk, who))  # enforces CSRF like a browser
    client.get(reverse("admin:index"))  # the browser holds the CSRF cookie, just not the token
    before = state()

    response = client.post(address, data)

    assert response.status_code == 403
    assert CSRF_TEXT in response.content.decode()
    assert state() == before
    # With the token the very same POST goes through: the refusal above was the CSRF check.
    accepted = csrf_post(client, address, data)
    assert accepted.status_code in (200, 302)
    assert state() != before


@pytest.mark.parametrize("case", ["publish", "take down", "staff role change", "bulk publish"])
def test_a_post_from_another_site_is_refused_even_with_a_token(desk, case):
    """A page on another origin that got hold of a token still cannot post (Origin check)."""
    who, build = CASES[case]
    address, data = build(desk)
    client = client_for(getattr(desk, who))
    client.get(reverse("admin:index"))
    token = client.cookies["csrftoken"].value
    before = state()

    response = client.post(
        address,
        {**data, "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="https://evil.example",
        HTTP_REFERER="https://evil.example/jebakan.html",
    )

    assert response.status_code == 403
    assert CSRF_TEXT in response.content.decode()
    assert state() == before


def test_the_preview_link_page_refuses_a_post_without_the_token(desk):
    """Making a link changes nothing, but the page never answers a forged POST either."""
    client = client_for(desk.penulis)
    client.get(reverse("admin:index"))
    response = client.post(url("preview_link", desk.draft))
    assert response.status_code == 403
    assert CSRF_TEXT in response.content.decode()
    assert not PREVIEW_LINK.search(response.content.decode())
    assert PREVIEW_LINK.search(csrf_post(client, url("preview_link", desk.draft)).content.decode())
