"""A small newsroom for the workflow tests: a unit tree, its staff, and admin URLs."""

import datetime
import re

from django.contrib.messages import get_messages
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from articles.models import Article
from articles.publishing import record_revision
from tests.factories import FAST_HASHERS, ArticleFactory, UserFactory, build_units

PASSWORD = "rahasia-sekali-123"


# Staff are logged in with force_login: their passwords need no costly hashing.
@override_settings(PASSWORD_HASHERS=FAST_HASHERS)
def build_desk():
    """The units of ``build_units`` (Polda Jawa Barat › Polres Tasikmalaya Kota › Polsek
    Cihideung, and the unrelated Polda Papua › Polres Jayapura). Staff sit at the Polres: our
    writer, another writer, editor, head."""
    desk = build_units()
    polres = desk.polres
    desk.penulis = UserFactory(
        username="penulis.tasik", first_name="Rina", role="penulis", unit=polres
    )
    desk.penulis_lain = UserFactory(
        username="penulis.lain", first_name="Dedi", role="penulis", unit=polres
    )
    desk.redaktur = UserFactory(
        username="redaktur.tasik", first_name="Asep", role="redaktur", unit=polres
    )
    desk.kepala = UserFactory(
        username="kepala.tasik", first_name="Yusuf", role="kepala", unit=polres
    )
    return desk


def client_for(user):
    """A browser logged in as ``user`` that enforces CSRF like a real one."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf_post(client, url, data=None, **extra):
    """POST the way a browser does: with the CSRF cookie and the matching token in the form."""
    if "csrftoken" not in client.cookies:
        # The cookie a page of the admin would have set (a secret of 32 letters and digits).
        client.cookies["csrftoken"] = get_random_string(32)
    token = client.cookies["csrftoken"].value
    return client.post(url, {**(data or {}), "csrfmiddlewaretoken": token}, **extra)


def story(unit, writer, status=Article.Status.DRAFT, **fields):
    """A story as the desk left it, with its first revision on record."""
    if status == Article.Status.PUBLISHED:
        fields.setdefault("publish_at", timezone.now() - datetime.timedelta(hours=1))
    else:
        fields.setdefault("publish_at", None)
    article = ArticleFactory(unit=unit, writer=writer, status=status, **fields)
    record_revision(article, writer, "Dibuat")
    return article


def url(name, article, *args):
    return reverse(f"admin:articles_article_{name}", args=[article.pk, *args])


def link_on(page):
    """Return the preview link's path (/pratinjau/<token>/) shown on an admin page."""
    found = re.search(r'value="http://testserver(/pratinjau/[^"/]+/)"', page.content.decode())
    assert found, "the admin page shows the link"
    return found.group(1)


def preview_link(user, article, **extra):
    """Ask the admin for a story's preview link as ``user``; return its path."""
    page = client_for(user).get(url("preview_link", article), **extra)
    assert page.status_code == 200
    return link_on(page)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def jakarta(value):
    """Format an aware datetime for the admin's datetime-local inputs (Jakarta time)."""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
