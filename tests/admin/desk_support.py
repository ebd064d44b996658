"""A unit tree with its staff for the dashboard, audit and staff admin tests."""

import re

from django.urls import reverse

from tests.factories import UserFactory, build_units


def build_tree():
    """The units of ``build_units``: Polda Jawa Barat (an editor) › Polres Tasikmalaya Kota (own
    editor, head and writer) › Polsek Cihideung (writer only), and the unrelated Polda Papua (a
    head) › Polres Jayapura (a writer, the outsider)."""
    tree = build_units()
    tree.polda_editor = UserFactory(username="redaktur.polda", role="redaktur", unit=tree.polda)
    tree.editor = UserFactory(username="redaktur.tasik", role="redaktur", unit=tree.polres)
    tree.head = UserFactory(username="kepala.tasik", role="kepala", unit=tree.polres)
    tree.writer = UserFactory(username="penulis.tasik", role="penulis", unit=tree.polres)
    tree.polsek_writer = UserFactory(username="penulis.cihideung", role="penulis", unit=tree.polsek)
    tree.outsider = UserFactory(
        username="penulis.jayapura", role="penulis", unit=tree.jayapura, first_name="Orang Papua"
    )
    tree.papua_head = UserFactory(username="kepala.papua", role="kepala", unit=tree.papua)
    return tree


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
