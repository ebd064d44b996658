"""The body diff shows changes to links, block types and formatting, and stays fast and short."""

import re

import pytest
from django.utils.html import strip_tags

from articles.models import Article
from articles.publishing import record_revision
from articles.sanitize import clean_body_html

from .story_forms import change_url, story_form_data
from .workflow_support import build_desk, client_for, csrf_post, story, url

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr class="diff-(\w+)">(.*?)</tr>', re.DOTALL)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.DOTALL)


@pytest.fixture
def desk():
    return build_desk()


def edited_body(desk, old_body, new_body):
    """A draft whose version 2 changed only the body from ``old_body`` to ``new_body``."""
    draft = story(desk.polres, desk.penulis, title="Patroli Malam Polres", body=old_body)
    Article.objects.filter(pk=draft.pk).update(body=clean_body_html(new_body), version=2)
    draft.refresh_from_db()
    record_revision(draft, desk.penulis, "Isi diubah")
    return draft


def body_rows(page):
    """Return the diff table's rows as (kind, [cell HTML, …]), from the page an editor sees."""
    text = page.content.decode()
    assert page.status_code == 200, text[:2000]
    return [(kind, CELL.findall(row)) for kind, row in ROW.findall(text)]


def diff_rows(desk, old_body, new_body):
    draft = edited_body(desk, old_body, new_body)
    return body_rows(client_for(desk.redaktur).get(url("revision_diff", draft)))


def test_a_swapped_link_address_is_highlighted(desk):
    rows = diff_rows(
        desk,
        '<p>Baca <a href="https://polri.go.id/a">rilis lengkap</a>.</p>',
        '<p>Baca <a href="https://evil.example/b">rilis lengkap</a>.</p>',
    )
    assert [kind for kind, _ in rows] == ["replace"]
    old, new = rows[0][1]
    assert "<del>[https://polri.go.id/a]</del>" in old
    assert "<ins>[https://evil.example/b]</ins>" in new
    assert "rilis lengkap" in strip_tags(new)


def test_a_changed_heading_level_is_highlighted(desk):
    rows = diff_rows(
        desk,
        "<h2>Kronologi Kejadian</h2><p>Patroli dimulai pukul 22.00.</p>",
        "<h3>Kronologi Kejadian</h3><p>Patroli dimulai pukul 22.00.</p>",
    )
    assert [kind for kind, _ in rows] == ["replace", "equal"]
    old, new = rows[0][1]
    assert "<del>H2]</del>" in old
    assert "<ins>H3]</ins>" in new
    assert strip_tags(new) == "[judul H3] Kronologi Kejadian"


def test_a_paragraph_turned_into_a_heading_is_highlighted(desk):
    rows = diff_rows(desk, "<p>Kronologi Kejadian</p>", "<h2>Kronologi Kejadian</h2>")
    assert [kind for kind, _ in rows] == ["replace"]
    assert "<ins>[judul H2]</ins>" in rows[0][1][1]


def test_a_format_only_change_is_shown_as_a_change_of_format(desk):
    rows = diff_rows(
        desk,
        "<p>Warga menyambut baik.</p><p>Kapolres berterima kasih.</p>",
        "<p>Warga menyambut <strong>baik</strong>.</p><p>Kapolres berterima kasih.</p>",
    )
    assert [kind for kind, _ in rows] == ["replace", "equal"]
    old, new = rows[0][1]
    assert old == "Warga menyambut baik."
    assert "perubahan format" in new
    assert "<strong>" not in new  # the markup is described, never rendered


def test_an_unchanged_body_shows_no_change(desk):
    body = '<h2>Kronologi</h2><p>Baca <a href="https://polri.go.id/a">di sini</a>.</p>'
    draft = story(desk.polres, desk.penulis, title="Patroli Malam", body=body)
    Article.objects.filter(pk=draft.pk).update(title="Patroli Malam Polres", version=2)
    draft.refresh_from_db()
    record_revision(draft, desk.penulis, "Judul diubah")
    page = client_for(desk.redaktur).get(url("revision_diff", draft))
    text = page.content.decode()
    assert "<ins>Polres</ins>" in text
    assert [kind for kind, _ in body_rows(page)] == ["replace"]  # the title's row only
    assert "Kronologi" not in text


def test_a_body_with_only_unchanged_paragraphs_and_a_new_one_highlights_nothing_else(desk):
    body = '<h2>Kronologi</h2><p>Baca <a href="https://polri.go.id/a">di <em>sini</em></a>.</p>'
    rows = diff_rows(desk, body, body + "<p>Kapolres berterima kasih.</p>")
    assert [kind for kind, _ in rows] == ["equal", "equal", "insert"]
    assert not any("<del>" in cell or "perubahan" in cell for _, cells in rows for cell in cells)


def test_stored_markup_is_escaped_in_the_body_diff(desk):
    rows = diff_rows(
        desk,
        "<p>Aman.</p>",
        '<p>Aman.</p><p><a href="https://x.example/&quot;&gt;&lt;script&gt;">x</a>'
        "&lt;img src=x onerror=alert(1)&gt;</p>",
    )
    inserted = rows[-1][1][1]
    assert "<script>" not in inserted
    assert "<img" not in inserted
    assert "&lt;img src=x" in inserted


def test_the_restore_page_shows_a_swapped_link(desk):
    draft = edited_body(
        desk,
        '<p>Baca <a href="https://polri.go.id/a">rilis</a>.</p>',
        '<p>Baca <a href="https://evil.example/b">rilis</a>.</p>',
    )
    rows = body_rows(client_for(desk.redaktur).get(url("restore", draft, 1)))
    assert [kind for kind, _ in rows] == ["replace"]
    assert "<ins>[https://polri.go.id/a]</ins>" in rows[0][1][1]


def test_the_edit_conflict_diff_shows_a_swapped_link(desk):
    draft = story(
        desk.polres,
        desk.penulis,
        title="Patroli Malam Polres",
        body='<p>Baca <a href="https://polri.go.id/a">rilis</a>.</p>',
    )
    first, second = client_for(desk.redaktur), client_for(desk.kepala)
    opened = draft.version
    saved = csrf_post(
        first,
        change_url(draft),
        story_form_data(
            draft,
            opened_version=opened,
            body='<p>Baca <a href="https://evil.example/b">rilis</a>.</p>',
        ),
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    refused = csrf_post(
        second,
        change_url(draft),
        story_form_data(draft, opened_version=opened, title="Patroli Malam Polres Kota"),
    )
    rows = body_rows(refused)
    assert ("replace", rows[0][1]) == rows[0]
    assert "<del>[https://polri.go.id/a]</del>" in rows[0][1][0]
    assert "<ins>[https://evil.example/b]</ins>" in rows[0][1][1]


def test_a_huge_changed_paragraph_is_marked_changed_whole(desk):
    words = [f"kata{i}" for i in range(3000)]
    changed = [("ganti" if i % 50 == 0 else word) for i, word in enumerate(words)]
    rows = diff_rows(desk, f"<p>{' '.join(words)}</p>", f"<p>{' '.join(changed)}</p>")
    assert [kind for kind, _ in rows] == ["replace"]
    old, new = rows[0][1]
    assert old == f"<del>{' '.join(words)}</del>"
    assert new == f"<ins>{' '.join(changed)}</ins>"


def test_a_small_changed_paragraph_is_still_marked_word_by_word(desk):
    rows = diff_rows(desk, "<p>Patroli dua pekan.</p>", "<p>Patroli tiga pekan.</p>")
    assert rows[0][1] == ["Patroli <del>dua</del> pekan.", "Patroli <ins>tiga</ins> pekan."]


def test_long_runs_of_unchanged_paragraphs_collapse_into_one_row(desk):
    old = "".join(f"<p>Paragraf nomor {i}.</p>" for i in range(1, 31))
    new = old.replace("Paragraf nomor 20.", "Paragraf nomor dua puluh.")
    rows = diff_rows(desk, old, new)

    assert [kind for kind, _ in rows] == [
        *["skip", "equal", "equal"],
        "replace",
        *["equal", "equal", "skip"],
    ]
    assert strip_tags(rows[0][1][0]) == "… 17 paragraf tidak berubah …"
    assert [cells[0] for _, cells in rows[1:3]] == ["Paragraf nomor 18.", "Paragraf nomor 19."]
    assert [cells[0] for _, cells in rows[4:6]] == ["Paragraf nomor 21.", "Paragraf nomor 22."]
    assert strip_tags(rows[-1][1][0]) == "… 8 paragraf tidak berubah …"


def test_a_short_run_of_unchanged_paragraphs_is_shown_whole(desk):
    old = "".join(f"<p>Paragraf nomor {i}.</p>" for i in range(1, 5))
    rows = diff_rows(desk, old, old.replace("nomor 4.", "nomor empat."))
    assert [kind for kind, _ in rows] == ["equal", "equal", "equal", "replace"]
