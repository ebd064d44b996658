"""The story form over HTTP: who may create and edit what, clean bodies, slug, lead, counts."""

import json
import re

import pytest
from django.urls import reverse

from articles.models import Article, AuditEntry, RelatedArticle, Revision
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    PartnerFactory,
    UnitFactory,
    UserFactory,
)

from .story_forms import add_url, change_url, story_form_data

pytestmark = pytest.mark.django_db

WORD_PASTE = """
<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<style>p.MsoNormal{margin:0cm;font-family:"Calibri"}</style>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings></o:OfficeDocumentSettings></xml><![endif]-->
</head><body lang=EN-US style='tab-interval:36.0pt'><div class=WordSection1>
<p class=MsoNormal style='mso-margin-top-alt:auto'><span style='font-size:12.0pt;
mso-fareast-font-family:"Times New Roman"'>Polres Tasikmalaya menggelar patroli malam.<o:p></o:p>
</span></p>
<h2 style='mso-outline-level:2'><span lang=IN>Hasil Patroli</span></h2>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal onclick="steal()"><b>Tebal</b> dan <i>miring</i>.</p>
</div></body></html>
"""

GOOGLE_DOCS_PASTE = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5f1e2d3c">'
    '<h2 dir="ltr" style="line-height:1.38;margin-top:18pt"><span style="font-size:16pt;'
    'font-family:Arial">Imbauan Kamtibmas</span></h2>'
    '<p dir="ltr" style="line-height:1.38"><span style="font-size:11pt">Warga diimbau '
    "mengunci rumah.</span></p><br></b>"
)

HOSTILE = (
    "<p>Aman<script>alert('x')</script></p>"
    "<style>body{display:none}</style>"
    '<p><img src="x" onerror="alert(1)">Gambar</p>'
    '<p><a href="javascript:alert(1)">klik</a> <a href="https://polri.go.id/">resmi</a></p>'
    '<p onmouseover="alert(2)">Sorot</p>'
    '<iframe src="https://evil.example/"></iframe>'
)


@pytest.fixture
def desk():
    polres = UnitFactory(name="Polres Tasikmalaya Kota")
    polsek = UnitFactory(name="Polsek Cihideung", parent=polres)
    return {
        "polres": polres,
        "polsek": polsek,
        "writer": UserFactory(role="penulis", unit=polres, first_name="Wulan"),
        "other_writer": UserFactory(role="penulis", unit=polres, first_name="Bayu"),
        "editor": UserFactory(role="redaktur", unit=polres, first_name="Rudi"),
        "head": UserFactory(role="kepala", unit=polres, first_name="Hendra"),
        "category": CategoryFactory(name="Kamtibmas"),
    }


def draft_by(user, **kwargs):
    kwargs.setdefault("unit", user.unit)
    return ArticleFactory(writer=user, status=Article.Status.DRAFT, publish_at=None, **kwargs)


def login(client, user):
    client.force_login(user)
    return client


def new_story_data(desk, **changes):
    values = {
        "title": "Polres Tasikmalaya Kota Gelar Patroli Malam",
        "slug": "polres-tasikmalaya-kota-gelar-patroli-malam",
        "lead": "Patroli malam digelar untuk menjaga kamtibmas menjelang akhir pekan.",
        "body": "<p>Paragraf pertama.</p><p>Paragraf kedua berisi kutipan Kapolres.</p>",
        "unit": desk["polres"].pk,
        "category": desk["category"].pk,
        "tags": "patroli, kamtibmas",
    }
    values.update(changes)
    return story_form_data(**values)


# -- creating ------------------------------------------------------------------------------
def test_writer_creates_a_draft_credited_to_themselves_with_a_first_revision(client, desk):
    login(client, desk["writer"])
    data = new_story_data(desk, writer=desk["editor"].pk, status="published")
    response = client.post(add_url(), data)
    assert response.status_code == 302
    story = Article.objects.get(slug="polres-tasikmalaya-kota-gelar-patroli-malam")
    # Status moves only through the workflow; a writer cannot credit someone else.
    assert story.status == Article.Status.DRAFT
    assert story.writer == desk["writer"]
    assert story.version == 1
    revision = story.revisions.get()
    assert revision.author == desk["writer"]
    assert revision.content["title"] == story.title
    assert revision.content["tags"] == ["kamtibmas", "patroli"]
    assert AuditEntry.objects.filter(article=story, action=AuditEntry.Action.CREATE).exists()


def test_writer_cannot_set_publish_time_and_editor_can(client, desk):
    login(client, desk["writer"])
    page = client.get(add_url()).content.decode()
    assert 'name="publish_at_0"' not in page
    assert 'name="expire_at_0"' not in page
    assert 'name="writer"' not in page
    # The writer credit shows who they are, read only.
    credit = re.search(r'class="form-row field-writer_credit">(.*?)</div>\s*</div>', page, re.S)
    assert re.search(r'<div class="readonly">\s*Wulan', credit.group(1))
    assert 'name="status"' not in page

    login(client, desk["editor"])
    page = client.get(add_url()).content.decode()
    assert 'name="publish_at_0"' in page
    assert 'name="expire_at_0"' in page
    assert 'name="writer"' in page
    assert 'name="status"' not in page


def test_add_form_offers_the_users_unit_and_a_slug_from_the_title(client, desk):
    login(client, desk["writer"])
    response = client.get(add_url())
    form = response.context["adminform"].form
    assert form.initial["unit"] == desk["polres"].pk
    prepopulated = re.search(r'data-prepopulated-fields="([^"]+)"', response.content.decode())
    fields = json.loads(prepopulated.group(1).replace("&quot;", '"'))
    assert fields[0]["id"] == "#id_slug"
    assert fields[0]["dependency_ids"] == ["#id_title"]


def test_a_typed_slug_is_kept(client, desk):
    login(client, desk["writer"])
    client.post(add_url(), new_story_data(desk, slug="patroli-malam-akhir-pekan"))
    assert Article.objects.filter(slug="patroli-malam-akhir-pekan").exists()


def test_lead_has_a_counter_against_what_search_engines_show(client, desk):
    login(client, desk["writer"])
    page = client.get(add_url()).content.decode()
    lead = re.search(r"<textarea[^>]*name=\"lead\"[^>]*>", page).group(0)
    assert 'data-counter-target="160"' in lead
    assert "mesin pencari" in lead  # the counter's text, translated on the server
    assert "admin/js/article-form.js" in page
    # No inline script on the page: the admin's CSP allows files only.
    inline = re.findall(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"(?:importmap|application/json)\")[^>]*>", page
    )
    assert inline == []


def test_a_lead_longer_than_the_field_is_refused_with_nothing_saved(client, desk):
    login(client, desk["writer"])
    response = client.post(add_url(), new_story_data(desk, lead="x" * 301))
    assert response.status_code == 200
    assert "paling banyak 300 karakter" in response.content.decode()
    assert not Article.objects.exists()


def test_word_count_and_reading_time_show_on_the_form(client, desk):
    words = " ".join(["kata"] * 450)
    story = draft_by(desk["writer"], body=f"<p>{words}</p>")
    login(client, desk["writer"])
    page = client.get(change_url(story)).content.decode()
    assert "450 kata" in page
    assert "±3 menit baca" in page


# -- the body: a rich-text editor, cleaned on the server -------------------------------------
def test_body_uses_the_prose_editor_limited_to_the_allowlist(client, desk):
    login(client, desk["writer"])
    page = client.get(add_url()).content.decode()
    match = re.search(r'data-django-prose-editor-configurable="([^"]+)"', page)
    config = json.loads(match.group(1).replace("&quot;", '"'))
    extensions = set(config["extensions"])
    assert {"Bold", "Italic", "Heading", "Link", "BulletList", "OrderedList", "Blockquote"} <= (
        extensions
    )
    assert config["extensions"]["Heading"] == {"levels": [2, 3, 4]}
    for unwanted in ("Image", "Table", "Underline", "Strike", "Code", "TextAlign", "Color"):
        assert unwanted not in extensions


def test_text_pasted_from_word_becomes_clean_paragraphs_and_headings(client, desk):
    login(client, desk["writer"])
    client.post(add_url(), new_story_data(desk, body=WORD_PASTE))
    story = Article.objects.get()
    # Word's line breaks between blocks are only whitespace; the structure is what matters.
    assert re.sub(r"\s*\n\s*", "", story.body) == (
        "<p>Polres Tasikmalaya menggelar patroli malam.</p>"
        "<h2>Hasil Patroli</h2>"
        "<p><b>Tebal</b> dan <i>miring</i>.</p>"
    )
    for residue in ("mso-", "MsoNormal", "<o:p", "<span", "style", "class=", "onclick", "<!--"):
        assert residue not in story.body


def test_text_pasted_from_google_docs_becomes_clean_paragraphs_and_headings(client, desk):
    login(client, desk["writer"])
    client.post(add_url(), new_story_data(desk, body=GOOGLE_DOCS_PASTE))
    story = Article.objects.get()
    assert story.body == "<h2>Imbauan Kamtibmas</h2><p>Warga diimbau mengunci rumah.</p>"


def test_hostile_html_never_survives_a_save(client, desk):
    story = draft_by(desk["writer"])
    login(client, desk["writer"])
    response = client.post(change_url(story), story_form_data(story, body=HOSTILE))
    assert response.status_code == 302
    story.refresh_from_db()
    body = story.body
    for hostile in ("<script", "alert", "<style", "onerror", "onmouseover", "javascript:", "<img"):
        assert hostile not in body
    assert "<iframe" not in body
    assert '<a href="https://polri.go.id/" rel="noopener noreferrer">resmi</a>' in body
    assert "<p>Aman</p>" in body
    # The revision keeps the cleaned body too: restoring it cannot bring script back.
    assert "<script" not in story.revisions.get(version=story.version).content["body"]


# -- editing -------------------------------------------------------------------------------
def test_writer_edits_own_draft_as_a_new_version_with_tags_in_the_revision(client, desk):
    story = draft_by(desk["writer"], tags=["lama"])
    partner = PartnerFactory(name="Dinas Perhubungan")
    login(client, desk["writer"])
    response = client.post(
        change_url(story),
        story_form_data(
            story,
            title="Judul Diperbaiki",
            tags="banjir, sar",
            partners=[partner.pk],
            change_summary="Perbaiki judul",
        ),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Judul Diperbaiki"
    assert story.version == 2
    revision = story.revisions.get(version=2)
    assert revision.summary == "Perbaiki judul"
    assert revision.content["tags"] == ["banjir", "sar"]
    assert revision.content["partner_ids"] == [partner.pk]


def test_control_characters_pasted_into_the_text_are_dropped_on_save(client, desk):
    story = draft_by(desk["writer"])
    login(client, desk["writer"])
    response = client.post(
        change_url(story),
        story_form_data(
            story,
            title="Banjir\x0b Surut di\x0c Tasikmalaya",
            lead="Air mulai\x0b surut;\tpetugas\x1f berjaga.",
            byline="Bripda\x0c Sari",
            tags="banjir\x0b, sar",
        ),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Banjir Surut di Tasikmalaya"
    assert story.lead == "Air mulai surut;\tpetugas berjaga."
    assert story.byline == "Bripda Sari"
    assert sorted(story.tags.names()) == ["banjir", "sar"]


def test_a_title_of_control_characters_only_is_an_empty_title(client, desk):
    story = draft_by(desk["writer"], title="Judul Asli")
    login(client, desk["writer"])
    response = client.post(change_url(story), story_form_data(story, title="\x01\x02"))
    assert response.status_code == 200
    assert "Bidang ini tidak boleh kosong." in response.content.decode()
    story.refresh_from_db()
    assert story.title == "Judul Asli"


def test_writer_cannot_edit_another_writers_draft_but_may_read_it(client, desk):
    story = draft_by(desk["other_writer"], title="Draf Milik Bayu")
    login(client, desk["writer"])
    page = client.get(change_url(story))
    assert page.status_code == 200
    assert "Draf Milik Bayu" in page.content.decode()
    assert 'name="title"' not in page.content.decode()  # read only
    response = client.post(change_url(story), story_form_data(story, title="Dibajak"))
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.title == "Draf Milik Bayu"
    assert story.version == 1


@pytest.mark.parametrize("status", [Article.Status.REVIEW, Article.Status.PUBLISHED])
def test_writer_cannot_edit_own_story_once_submitted_or_published(client, desk, status):
    story = draft_by(desk["writer"], title="Sudah Diajukan")
    Article.objects.filter(pk=story.pk).update(status=status, publish_at=story.created_at)
    story.refresh_from_db()
    login(client, desk["writer"])
    page = client.get(change_url(story)).content.decode()
    assert 'name="title"' not in page
    assert "<p>Paragraf pertama berita.</p>" in page  # the body read-only, as readers see it
    response = client.post(change_url(story), story_form_data(story, title="Diubah Diam-diam"))
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.title == "Sudah Diajukan"
    assert not Revision.objects.filter(article=story).exists()


def test_editor_edits_a_published_story_of_a_unit_below(client, desk):
    story = ArticleFactory(unit=desk["polsek"], writer=desk["writer"], title="Berita Polsek")
    login(client, desk["editor"])
    response = client.post(
        change_url(story), story_form_data(story, title="Berita Polsek (diperbarui)")
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Berita Polsek (diperbarui)"
    assert story.status == Article.Status.PUBLISHED


def test_editor_changing_publish_time_of_a_published_story_is_audited(client, desk, clock):
    story = ArticleFactory(unit=desk["polres"], writer=desk["writer"])
    login(client, desk["editor"])
    response = client.post(change_url(story), story_form_data(story, publish_at=clock.tomorrow))
    assert response.status_code == 302
    story.refresh_from_db()
    assert abs((story.publish_at - clock.tomorrow).total_seconds()) < 1
    entry = AuditEntry.objects.get(article=story, action=AuditEntry.Action.SCHEDULE)
    assert entry.actor == desk["editor"]


def test_expiry_before_publish_time_is_refused_with_a_message(client, desk, clock):
    story = ArticleFactory(unit=desk["polres"], publish_at=clock.hour_ago)
    login(client, desk["editor"])
    response = client.post(change_url(story), story_form_data(story, expire_at=clock.yesterday))
    assert response.status_code == 200
    assert "Waktu kedaluwarsa harus sesudah waktu terbit." in response.content.decode()
    story.refresh_from_db()
    assert story.expire_at is None


def test_editor_may_credit_only_staff_of_their_tree(client, desk):
    outsider = UserFactory(role="penulis", unit=UnitFactory(name="Polres Garut"))
    story = draft_by(desk["writer"])
    login(client, desk["editor"])
    response = client.post(change_url(story), story_form_data(story, writer=outsider.pk))
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.writer == desk["writer"]
    response = client.post(change_url(story), story_form_data(story, writer=desk["head"].pk))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.writer == desk["head"]


def test_only_a_superuser_may_delete_a_story(client, desk):
    story = ArticleFactory(unit=desk["polres"])
    delete_url = reverse("admin:articles_article_delete", args=[story.pk])
    for role in ("writer", "editor", "head"):
        login(client, desk[role])
        assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=story.pk).exists()
    client.force_login(UserFactory(username="root", is_superuser=True, unit=None))
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=story.pk).exists()


def test_manual_related_picks_are_saved_in_order(client, desk):
    story = draft_by(desk["writer"])
    first = ArticleFactory(unit=desk["polsek"], title="Pilihan Pertama")
    second = ArticleFactory(unit=desk["polres"], title="Pilihan Kedua")
    data = story_form_data(story)
    data.update(
        {
            "related_links-TOTAL_FORMS": "2",
            "related_links-0-target": second.pk,
            "related_links-0-position": "1",
            "related_links-1-target": first.pk,
            "related_links-1-position": "0",
        }
    )
    login(client, desk["writer"])
    assert client.post(change_url(story), data).status_code == 302
    picks = RelatedArticle.objects.filter(article=story).order_by("position")
    assert [(p.target, p.is_manual) for p in picks] == [(first, True), (second, True)]


def test_a_manual_pick_takes_over_the_computed_link_to_the_same_story(client, desk):
    story = draft_by(desk["writer"])
    target = ArticleFactory(unit=desk["polres"], title="Sudah Terkait Otomatis")
    RelatedArticle.objects.create(article=story, target=target, is_manual=False, score=3.5)
    data = story_form_data(story)
    data.update(
        {
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-target": target.pk,
            "related_links-0-position": "0",
        }
    )
    login(client, desk["writer"])
    assert client.post(change_url(story), data).status_code == 302
    pick = RelatedArticle.objects.get(article=story)
    assert (pick.target, pick.is_manual) == (target, True)


# -- the changelist ----------------------------------------------------------------------------
def test_changelist_shows_status_badges_the_desk_understands(client, desk, clock):
    ArticleFactory(unit=desk["polres"], title="Sudah Tayang")
    ArticleFactory(unit=desk["polres"], title="Nanti Sore", publish_at=clock.tomorrow)
    ArticleFactory(
        unit=desk["polres"],
        title="Pengumuman Lewat",
        publish_at=clock.yesterday,
        expire_at=clock.hour_ago,
    )
    draft_by(desk["writer"], title="Masih Draf")
    login(client, desk["editor"])
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    for key, label in [
        ("published", "Terbit"),
        ("scheduled", "Terjadwal"),
        ("expired", "Kedaluwarsa"),
        ("draft", "Draf"),
    ]:
        assert f'<span class="status-badge status-badge--{key}">{label}</span>' in page


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("scheduled", {"Nanti Sore"}),
        ("expired", {"Pengumuman Lewat"}),
        ("expiring", {"Segera Turun"}),
        ("live", {"Sudah Tayang", "Segera Turun"}),
        ("draft", {"Masih Draf"}),
    ],
)
def test_status_filter_tells_scheduled_live_and_expired_apart(client, desk, clock, value, expected):
    ArticleFactory(unit=desk["polres"], title="Sudah Tayang")
    ArticleFactory(unit=desk["polres"], title="Nanti Sore", publish_at=clock.tomorrow)
    ArticleFactory(unit=desk["polres"], title="Segera Turun", expire_at=clock.in_an_hour)
    ArticleFactory(
        unit=desk["polres"],
        title="Pengumuman Lewat",
        publish_at=clock.yesterday,
        expire_at=clock.hour_ago,
    )
    draft_by(desk["writer"], title="Masih Draf")
    login(client, desk["editor"])
    response = client.get(reverse("admin:articles_article_changelist"), {"status": value})
    titles = {story.title for story in response.context["cl"].result_list}
    assert titles == expected
