"""Hostile text typed by staff into the story desk is stored as typed and shown only as text.

A story is written through the admin's own forms (title, lead, dateline, credits, source, tags,
a gallery photo, a change summary), published, noted and corrected through the workflow
buttons, by staff whose names and units are hostile too. Every page that shows any of it, public
or admin, HTML, XML or JSON-LD, renders it inert.
"""

import html
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article, AuditEntry, Photo, Unit
from tests.admin.story_forms import add_url, change_url, story_form_data
from tests.admin.workflow_support import build_desk, client_for, csrf_post, story, url
from tests.factories import CategoryFactory, PartnerFactory

from .htmlscan import scan

pytestmark = pytest.mark.django_db

# Closes every context in turn: attribute, element, <script> data (also "</script>" and "<!--"
# for the JSON-LD block), <textarea>, <title>.
PAYLOAD = (
    "\"'></script><!--<script>alert(1)</script><img src=x onerror=alert(1)></textarea></title>"
)
SHORT = '"><script>alert(1)</script><img src=x onerror=alert(1)>'
RAW_MARKERS = ["<script>alert", "<img src=x onerror", "onerror=alert(1)>", "<!--<script>"]
TITLE = f"JudulX {PAYLOAD}"
# A tag list is split on commas: the tag holds markup but no comma or quote.
TAG = "TagarX <script>alert(1)</script><img src=x onerror=alert(1)>"
# Breaks out of the search box's value and opens a comment, with one misspelt word to correct.
TYPO_QUERY = "siliwamgi\"'><!--"


def payload(label):
    return f"{label} {PAYLOAD}"


def assert_inert(content, *, expect_text=(), admin=False):
    """No payload markup survives and each expected label is shown (escaped) as text.

    The admin's policy allows inline styles (Django's own widgets use them); scripts, handlers
    and script URLs are refused everywhere.
    """
    text = content.decode() if isinstance(content, bytes) else content
    for marker in RAW_MARKERS:
        assert marker not in text, marker
    problems, tags = scan(text)
    if admin:
        problems = [p for p in problems if not p.startswith("style attribute")]
    assert problems == []
    assert not any(tag == "img" and attrs.get("src") == "x" for tag, attrs in tags)
    for label in expect_text:
        assert label in html.unescape(text), label


def jpeg(name="foto.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (96, 64), (180, 40, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def hostile(django_capture_on_commit_callbacks):
    """A story written, published, noted and corrected through the admin, hostile everywhere."""
    desk = build_desk()
    Unit.objects.filter(pk=desk.polres.pk).update(
        name=payload("SatuanX"), short_name='SingkatX "><script>alert(1)</script>'
    )
    desk.polres.refresh_from_db()
    for user, label in [(desk.penulis, "PenulisX"), (desk.redaktur, "RedakturX")]:
        user.first_name = f"{label} {SHORT}"
        user.save()
    category = CategoryFactory(name=payload("KategoriX"), slug="kategori-jahat")
    partner = PartnerFactory(name=payload("MitraX"), acronym="MJ", slug="mitra-jahat")
    writer, editor = client_for(desk.penulis), client_for(desk.redaktur)

    data = story_form_data(
        title=TITLE,
        slug="berita-jahat",
        dateline=f"DatelineX {SHORT}",
        lead=payload("RingkasanX"),
        body=(
            "<p>Patroli Siliwangi &lt;script&gt;alert(1)&lt;/script&gt; berjalan aman.</p>"
            "<script>alert('isi')</script><img src=x onerror=alert(1)>"
        ),
        unit=desk.polres.pk,
        category=category.pk,
        tags=f"{TAG}, aman",
        partners=[partner.pk],
        byline=payload("BylineX"),
        photographer=payload("FotograferX"),
        source_name=payload("SumberX"),
        source_url='https://contoh.test/?q="><script>alert(1)</script>',
        change_summary=f"CatatanUbahX {SHORT}",
    )
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-file": jpeg(),
            "photos-0-alt_text": payload("AltX"),
            "photos-0-caption": payload("KeteranganX"),
            "photos-0-credit": f"KreditX {SHORT}",
            "photos-0-focal_x": "0.5",
            "photos-0-focal_y": "0.5",
            "photos-0-position": "0",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        created = csrf_post(writer, add_url(), data)
        assert created.status_code == 302, created.context["adminform"].form.errors
        article = Article.objects.get(slug="berita-jahat")
        for name, fields in [
            ("note", {"catatan-body": payload("CatatanRedaksiX")}),
            ("submit", {}),
            ("publish", {}),
            ("correct", {"ralat-text": payload("RalatX")}),
        ]:
            client = writer if name in ("note", "submit") else editor
            response = csrf_post(client, url(name, article), fields)
            assert response.status_code == 302, name
    article.refresh_from_db()
    desk.article, desk.category, desk.partner = article, category, partner
    desk.writer_client, desk.editor_client = writer, editor
    return desk


def test_hostile_fields_are_stored_exactly_as_typed(hostile):
    article = hostile.article
    assert article.title == TITLE
    assert article.status == Article.Status.PUBLISHED
    assert article.photographer == payload("FotograferX")
    assert article.source_url == 'https://contoh.test/?q="><script>alert(1)</script>'
    assert TAG in article.tags.names()
    photo = Photo.objects.get(article=article)
    assert (photo.caption, photo.credit) == (payload("KeteranganX"), f"KreditX {SHORT}")
    assert article.notes.get().body == payload("CatatanRedaksiX")
    assert article.corrections.get().text == payload("RalatX")
    # The body is cleaned on the way in: the live script and image are gone, the text stays.
    assert "<script>" not in article.body and "onerror" not in article.body
    assert "&lt;script&gt;" in article.body


def test_the_story_page_and_its_preview_show_staff_fields_as_text(hostile, client):
    article = hostile.article
    labels = [
        "JudulX",
        "RingkasanX",
        "DatelineX",
        "BylineX",
        "FotograferX",
        "SumberX",
        "TagarX",
        "KeteranganX",
        "KreditX",
        "RalatX",
        "PenulisX",
        "RedakturX",
        "SatuanX",
        "KategoriX",
        "MitraX",
    ]
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert_inert(page.content, expect_text=labels)
    text = page.content.decode()
    assert 'href="https://contoh.test/?q=&quot;&gt;&lt;script&gt;' in text
    # The editorial note is for the desk only.
    assert "CatatanRedaksiX" not in text

    link = re.search(
        r'value="http://testserver(/pratinjau/[^"]+/)"',
        hostile.editor_client.get(url("preview_link", article)).content.decode(),
    ).group(1)
    preview = client.get(link)
    assert preview.status_code == 200
    assert_inert(preview.content, expect_text=["JudulX", "KeteranganX", "RalatX"])


def test_the_json_ld_block_cannot_be_broken_out_of(hostile, client):
    text = client.get(hostile.article.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.DOTALL)
    assert len(blocks) == 2
    news, crumbs = (json.loads(block) for block in blocks)
    assert news["headline"] == TITLE[:110]
    assert news["description"] == payload("RingkasanX")
    assert news["author"][0]["name"].startswith("PenulisX")
    assert crumbs["itemListElement"][-1]["name"] == TITLE
    assert crumbs["itemListElement"][1]["name"] == payload("KategoriX")
    for block in blocks:
        assert "</script" not in block.lower() and "<!--" not in block


def test_lists_and_search_show_staff_fields_as_text(hostile, client):
    article = hostile.article
    tag_slug = article.tags.get(name__startswith="TagarX").slug
    for address in [
        reverse("articles:home"),
        hostile.category.get_absolute_url(),
        hostile.partner.get_absolute_url(),
        article.unit.get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": tag_slug}),
        reverse("articles:writer", kwargs={"pk": article.writer_id}),
        reverse("articles:search") + "?q=judulx",
    ]:
        response = client.get(address)
        assert response.status_code == 200, address
        assert_inert(response.content, expect_text=["JudulX"])


def test_search_snippets_echo_and_suggestions_stay_text(hostile, client):
    search = reverse("articles:search")
    found = client.get(search, {"q": "patroli"})
    assert_inert(found.content, expect_text=["JudulX"])
    snippet = re.search(r'<p class="search-snippet" lang="id">(.*?)</p>', found.text, re.DOTALL)
    assert snippet, "the result carries a snippet"
    # The body's escaped "<script>" text stays escaped in the highlighted excerpt.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet.group(1)
    assert "<mark>Patroli</mark>" in snippet.group(1)

    typo = client.get(search, {"q": TYPO_QUERY})
    assert typo.status_code == 200
    assert "Mungkin maksud Anda:" in typo.text
    assert ">siliwangi</a>" in typo.text
    assert TYPO_QUERY not in typo.text
    assert_inert(typo.content, expect_text=[TYPO_QUERY])


def feed_items(content):
    root = ET.fromstring(content)  # well-formed XML, whatever the names hold
    return [(element.tag, element.text or "") for element in root.iter()]


def test_feeds_carry_staff_fields_as_escaped_text(hostile, client):
    article = hostile.article
    tag_slug = article.tags.get(name__startswith="TagarX").slug
    for address in [
        reverse("articles:feed_atom"),
        reverse("articles:category_rss", kwargs={"slug": "kategori-jahat"}),
        reverse("articles:partner_atom", kwargs={"slug": "mitra-jahat"}),
        reverse("articles:unit_rss", kwargs={"slug": article.unit.slug}),
        reverse("articles:tag_rss", kwargs={"slug": tag_slug}),
    ]:
        response = client.get(address)
        assert response.status_code == 200, address
        assert b"<script>" not in response.content, address
        items = feed_items(response.content)
        assert TITLE in [text for tag, text in items if tag.endswith("title")], address
        for tag, text in items:
            if tag.endswith(("description", "summary", "content")):
                problems, tags = scan(text)
                assert problems == [], (address, text)
                assert not [t for t, _ in tags if t in {"script", "img", "iframe", "svg"}]


def test_desk_pages_show_staff_fields_as_text(hostile):
    article = hostile.article
    editor = hostile.editor_client
    entry = AuditEntry.objects.filter(article=article, action=AuditEntry.Action.CORRECT).get()
    photo = Photo.objects.get(article=article)
    pages = {
        change_url(article): ["JudulX", "CatatanRedaksiX", "RalatX", "CatatanUbahX", "AltX"],
        reverse("admin:articles_article_changelist"): ["JudulX", "PenulisX", "SatuanX"],
        reverse("admin:articles_article_changelist") + "?q=" + SHORT: [],
        url("revisions", article): ["CatatanUbahX", "PenulisX"],
        url("revision_diff", article) + "?dari=1&ke=2": [],
        url("restore", article, 1): ["JudulX"],
        url("preview_link", article): ["JudulX"],
        url("history", article): ["JudulX"],
        reverse("admin:index"): ["JudulX"],
        reverse("admin:articles_auditentry_changelist"): ["JudulX"],
        reverse("admin:articles_auditentry_change", args=[entry.pk]): ["RalatX"],
        reverse("admin:articles_photo_changelist"): ["AltX", "KreditX"],
        reverse("admin:articles_photo_change", args=[photo.pk]): ["KeteranganX"],
    }
    for address, labels in pages.items():
        response = editor.get(address)
        assert response.status_code == 200, address
        assert_inert(response.content, expect_text=labels, admin=True)

    head = client_for(hostile.kepala)
    for address in [
        reverse("admin:articles_user_changelist"),
        reverse("admin:articles_user_change", args=[hostile.penulis.pk]),
    ]:
        response = head.get(address)
        assert response.status_code == 200, address
        assert_inert(response.content, expect_text=["PenulisX"], admin=True)


def test_refusals_and_bulk_pages_name_the_story_as_text(hostile):
    article = hostile.article
    writer = hostile.writer_client
    # A refusal page names the story.
    refused = writer.get(url("return", article))
    assert refused.status_code == 403
    assert_inert(refused.content, expect_text=["JudulX"], admin=True)
    # A refused bulk action names the story in its message.
    changelist = reverse("admin:articles_article_changelist")
    response = csrf_post(
        writer,
        changelist,
        {"action": "submit_selected", "_selected_action": [article.pk], "index": "0"},
        follow=True,
    )
    assert "Tidak ada yang diubah." in response.content.decode()
    assert_inert(response.content, expect_text=["JudulX"], admin=True)
    # The page asking for a take-down reason lists the story.
    asked = csrf_post(
        hostile.editor_client,
        changelist,
        {"action": "unpublish_selected", "_selected_action": [article.pk], "index": "0"},
    )
    assert asked.status_code == 200
    assert_inert(asked.content, expect_text=["JudulX", "SatuanX"], admin=True)


def test_a_source_link_with_a_script_scheme_is_refused_by_the_form(hostile):
    draft = story(hostile.polres, hostile.penulis, title="Draf Dengan Tautan Sumber")
    for address in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ]:
        response = csrf_post(
            hostile.writer_client, change_url(draft), story_form_data(draft, source_url=address)
        )
        assert response.status_code == 200, address
        assert response.context["adminform"].form.errors["source_url"] == [
            "Masukkan URL yang valid."
        ], address
        assert_inert(response.content, admin=True)
    draft.refresh_from_db()
    assert (draft.source_url, draft.version) == ("", 1)


def test_presence_names_travel_as_json_and_are_inserted_as_text(hostile):
    article = hostile.article
    hostile.writer_client.get(change_url(article))  # the writer has the story open
    response = csrf_post(hostile.editor_client, url("presence", article))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"others": [f"PenulisX {SHORT}"]}
    # The desk's script writes names with textContent, never as markup.
    script = Path(django_settings.BASE_DIR, "static", "admin", "js", "article-form.js").read_text()
    assert "textContent" in script
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert sink not in script, sink
