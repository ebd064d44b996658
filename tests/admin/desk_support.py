"""A unit tree with its staff for the dashboard, audit and staff admin tests."""

import re
from types import SimpleNamespace

from django.urls import reverse

from articles.models import Unit
from tests.factories import UnitFactory, UserFactory

# Hashing the staff's passwords with PBKDF2 is most of these tests' run time; the hasher is not
# what they test.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build_tree():
    """Polda Jawa Barat › Polres Tasikmalaya Kota (own editor and head) › Polsek Cihideung
    (writer only), and the unrelated Polda Papua › Polres Jayapura."""
    polda = UnitFactory(name="Polda Jawa Barat", slug="polda-jabar", kind=Unit.Kind.POLDA)
    polres = UnitFactory(name="Polres Tasikmalaya Kota", slug="polres-tasik", parent=polda)
    polsek = UnitFactory(
        name="Polsek Cihideung", slug="polsek-cihideung", parent=polres, kind=Unit.Kind.POLSEK
    )
    papua = UnitFactory(name="Polda Papua", slug="polda-papua", kind=Unit.Kind.POLDA)
    jayapura = UnitFactory(name="Polres Jayapura", slug="polres-jayapura", parent=papua)
    return SimpleNamespace(
        polda=polda,
        polres=polres,
        polsek=polsek,
        papua=papua,
        jayapura=jayapura,
        polda_editor=UserFactory(username="redaktur.polda", role="redaktur", unit=polda),
        editor=UserFactory(username="redaktur.tasik", role="redaktur", unit=polres),
        head=UserFactory(username="kepala.tasik", role="kepala", unit=polres),
        writer=UserFactory(username="penulis.tasik", role="penulis", unit=polres),
        polsek_writer=UserFactory(username="penulis.cihideung", role="penulis", unit=polsek),
        outsider=UserFactory(
            username="penulis.jayapura", role="penulis", unit=jayapura, first_name="Orang Papua"
        ),
        papua_head=UserFactory(username="kepala.papua", role="kepala", unit=papua),
    )


def admin_url(model, view, *args):
    return reverse(f"admin:articles_{model}_{view}", args=args)


def panel_html(content, key):
    """Return the HTML of one dashboard panel (fails the test when the panel is not shown)."""
    html = content.decode() if isinstance(content, bytes) else content
    match = re.search(rf'id="panel-{key}">(.*?)</table>', html, re.DOTALL)
    assert match, f"panel {key} not on the page"
    return match.group(1)


def panel_count(content, key):
    return int(re.search(r'data-count="(\d+)"', panel_html(content, key)).group(1))


def has_panel(content, key):
    html = content.decode() if isinstance(content, bytes) else content
    return f'id="panel-{key}"' in html
