"""WordPress exports: posts, comments, photos and old URLs come in once, hostile files never."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from articles.importers.common import ImportFailure
from articles.importers.runner import run_wxr_import
from articles.importers.wxr import parse_wxr, wpautop
from articles.models import (
    Article,
    AuditEntry,
    Category,
    Comment,
    EditorialNote,
    LegacyRedirect,
    Photo,
    Revision,
)
from tests.factories import UnitFactory

DATA = Path(__file__).parent / "data"
SITE = DATA / "wxr_site.xml"
UTC = datetime.UTC

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(slug="polres-contoh")


@pytest.fixture
def media_dir(tmp_path):
    """A copy of wp-content/uploads holding the first post's featured image only."""
    folder = tmp_path / "uploads"
    (folder / "2024" / "05").mkdir(parents=True)
    Image.new("RGB", (64, 48), (200, 30, 30)).save(folder / "2024" / "05" / "foto-apel.jpg")
    return folder


def run(path=SITE, *extra):
    out = io.StringIO()
    call_command("import_wxr", str(path), "--unit", "polres-contoh", *extra, stdout=out)
    return out.getvalue()


def story(post_id):
    return Article.objects.get(import_key=f"wxr:polres-contoh.example:{post_id}")


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Comment, LegacyRedirect, Revision, Photo, EditorialNote, Category)
    }


# ---------------------------------------------------------------------------
# Posts
# ---------------------------------------------------------------------------
def test_posts_import_and_pages_menus_attachments_are_skipped_and_counted(unit):
    output = run()
    assert Article.objects.count() == 5
    assert "5 diimpor" in output
    assert "1 halaman" in output and "1 item menu" in output and "2 lampiran" in output
    assert "1 status trash" in output


def test_each_wordpress_status_maps_to_a_newsroom_status(unit, now):
    run()
    published = story(101)
    assert published.status == Article.Status.PUBLISHED
    assert published.publish_at == datetime.datetime(2024, 5, 12, 0, 30, tzinfo=UTC)
    assert published in Article.objects.published()
    future = story(102)
    assert future.status == Article.Status.PUBLISHED
    assert future.publish_at == datetime.datetime(2030, 12, 30, 12, 0, tzinfo=UTC)
    assert future in Article.objects.scheduled() and future not in Article.objects.published()
    assert story(103).status == Article.Status.DRAFT  # private: never public
    assert story(104).status == Article.Status.DRAFT
    assert story(105).status == Article.Status.REVIEW
    assert not Article.objects.published().filter(pk__in=[story(n).pk for n in (103, 104, 105)])


def test_post_fields_slug_excerpt_categories_tags_and_author(unit):
    run()
    article = story(101)
    assert article.title == "Patroli Subuh Polres Contoh Sisir Pasar Induk"
    assert article.slug == "patroli-subuh-pasar-induk"
    assert article.lead.startswith("Patroli subuh menyisir pasar induk")
    assert article.category.slug == "kamtibmas" and article.category.name == "Kamtibmas"
    assert set(article.tags.names()) == {"patroli", "pasar", "Samapta"}
    assert article.byline == "Bripka Sari Wulandari"
    assert article.unit == unit
    assert story(104).slug == "draf-sosialisasi-tertib-lalu-lintas"


def test_plain_newline_content_becomes_paragraphs_and_line_breaks(unit):
    run()
    body = story(101).body
    assert body.count("<p>") == 3
    assert "<br>" in body
    assert "&amp;" in body
    assert "[caption" not in body


def test_html_content_is_sanitised(unit):
    run()
    body = story(102).body
    assert "<h2>Titik Rawan</h2>" in body
    assert 'href="https://dishub.example/"' in body
    for unsafe in ("<script", "alert(", "onclick", "style=", "<!--"):
        assert unsafe not in body


def test_an_import_is_recorded_like_an_edit_in_the_admin(unit):
    run()
    article = story(101)
    assert article.revisions.exists()
    assert AuditEntry.objects.filter(article=article, action=AuditEntry.Action.IMPORT).exists()


# ---------------------------------------------------------------------------
# Comments
# ---------------------------------------------------------------------------
def test_comments_keep_threading_state_and_dates_without_pingbacks(unit):
    run()
    comments = {c.name: c for c in story(101).comments.all()}
    assert set(comments) == {
        "Budi Pedagang",
        "Admin Humas",
        "Warga Baru",
        "Obat Murah",
        "Salah Kirim",
    }
    assert comments["Admin Humas"].parent == comments["Budi Pedagang"]
    assert comments["Budi Pedagang"].parent is None
    assert comments["Budi Pedagang"].status == Comment.Status.APPROVED
    assert comments["Warga Baru"].status == Comment.Status.PENDING
    assert comments["Obat Murah"].status == Comment.Status.SPAM
    assert comments["Salah Kirim"].status == Comment.Status.REMOVED
    assert comments["Budi Pedagang"].created_at == datetime.datetime(2024, 5, 12, 2, 0, tzinfo=UTC)
    assert comments["Admin Humas"].body == "Sama-sama, Pak Budi. Salam Presisi."
    assert not Comment.objects.filter(name__in=["Blog Lain", "Situs Berita"]).exists()


# ---------------------------------------------------------------------------
# Featured images
# ---------------------------------------------------------------------------
def test_featured_image_is_attached_from_the_media_dir(unit, media_dir):
    run(SITE, "--media-dir", str(media_dir))
    photo = story(101).featured_photo
    assert photo is not None
    assert photo.alt_text == "Personel apel di halaman Polres"
    assert photo.width == 64 and photo.height == 48


def test_missing_featured_image_keeps_its_url_and_is_reported(unit, media_dir):
    output = run(SITE, "--media-dir", str(media_dir))
    url = "https://polres-contoh.example/wp-content/uploads/2030/12/peta-rawan.png"
    assert url in output
    assert story(102).featured_photo is None
    assert story(102).notes.filter(body__contains=url).exists()


def test_without_media_dir_every_featured_image_url_is_kept(unit):
    run()
    assert story(101).notes.filter(body__contains="foto-apel.jpg").exists()
    assert Photo.objects.count() == 0


def test_a_broken_featured_image_is_refused_and_the_post_still_imports(unit, media_dir):
    (media_dir / "2024" / "05" / "foto-apel.jpg").write_bytes(b"<html>bukan foto</html>")
    output = run(SITE, "--media-dir", str(media_dir))
    assert "ditolak" in output
    assert story(101).featured_photo is None
    assert Photo.objects.count() == 0


def test_media_dir_paths_cannot_climb_out(unit, tmp_path, media_dir):
    secret = tmp_path / "rahasia.jpg"
    Image.new("RGB", (8, 8)).save(secret)
    data = SITE.read_bytes().replace(b"2024/05/foto-apel.jpg]]", b"../rahasia.jpg]]")
    data = data.replace(b"uploads/2024/05/foto-apel.jpg", b"uploads/../../rahasia.jpg")
    run_wxr_import(data, unit=unit, media_dir=media_dir)
    assert Photo.objects.count() == 0


# ---------------------------------------------------------------------------
# Old URLs
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "old",
    [
        "/?p=101",
        "/2024/05/12/patroli-subuh-pasar-induk/",
        "/2024/05/patroli-subuh-pasar-induk/",
        "/patroli-subuh-pasar-induk/",
    ],
)
def test_old_wordpress_urls_answer_301_to_the_story(unit, client, old):
    run()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == story(101).get_absolute_url()


@pytest.mark.parametrize("old", ["/?p=102", "/?p=103", "/catatan-internal/", "/?p=105"])
def test_old_urls_of_unpublished_stories_do_not_redirect(unit, client, old):
    run()
    assert LegacyRedirect.objects.filter(old_path=old).exists()
    assert client.get(old).status_code in (200, 404)


def test_unknown_old_url_stays_404(unit, client):
    run()
    assert client.get("/2024/05/12/tidak-ada/").status_code == 404


# ---------------------------------------------------------------------------
# Idempotence
# ---------------------------------------------------------------------------
def test_second_run_creates_nothing(unit, media_dir):
    run(SITE, "--media-dir", str(media_dir))
    before = counts()
    output = run(SITE, "--media-dir", str(media_dir))
    assert counts() == before
    assert "0 diimpor, 0 diperbarui, 5 tidak berubah" in output


def test_changed_post_updates_its_story_as_a_new_revision(unit):
    run()
    article = story(101)
    version, comments = article.version, article.comments.count()
    changed = SITE.read_bytes().replace(b"Sisir Pasar Induk]]", b"Sisir Pasar Induk Lagi]]")
    report = run_wxr_import(changed, unit=unit)
    assert report.totals["updated"] == 1 and report.totals["imported"] == 0
    article.refresh_from_db()
    assert article.title.endswith("Induk Lagi")
    assert article.version > version
    assert article.comments.count() == comments
    assert Article.objects.count() == 5


def test_same_post_from_a_renamed_site_is_found_by_guid(unit):
    run()
    renamed = SITE.read_bytes().replace(
        b"<link>https://polres-contoh.example</link>", b"<link>https://polres-baru.example</link>"
    )
    report = run_wxr_import(renamed, unit=unit)
    assert Article.objects.count() == 5
    assert report.totals["imported"] == 0


ONE_POST = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>{host}</title>
<link>https://{host}</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>{title}</title><guid isPermaLink="false">https://{host}/?p=12</guid>
<content:encoded><![CDATA[{body}]]></content:encoded>
<wp:post_id>12</wp:post_id><wp:post_date>2023-03-01 08:00:00</wp:post_date>
<wp:post_date_gmt>2023-03-01 01:00:00</wp:post_date_gmt><wp:post_name>pos-dua-belas</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>
"""


def one_post(host, title, body):
    return ONE_POST.format(host=host, title=title, body=body).encode()


def test_same_post_id_from_another_site_is_a_new_story_of_its_own_unit(unit):
    """Another site's post 12 never overwrites this one's, nor takes its old URL."""
    jayapura = UnitFactory(slug="polres-jayapura")
    run_wxr_import(
        one_post("polres-tasik.example", "Patroli Malam Tasik", "Isi berita Tasik."), unit=unit
    )
    tasik = Article.objects.get(import_key="wxr:polres-tasik.example:12")
    report = run_wxr_import(
        one_post("polres-jayapura.example", "Patroli Pantai Jayapura", "Isi berita Jayapura."),
        unit=jayapura,
    )
    assert report.totals["imported"] == 1 and report.totals["updated"] == 0
    tasik.refresh_from_db()
    assert tasik.title == "Patroli Malam Tasik" and "Isi berita Tasik." in tasik.body
    assert tasik.unit == unit
    other = Article.objects.get(import_key="wxr:polres-jayapura.example:12")
    assert other.unit == jayapura and other.title == "Patroli Pantai Jayapura"
    assert LegacyRedirect.objects.get(old_path="/?p=12").article == tasik
    notes = " ".join(str(note) for note in report.items[0].notes)
    assert "Alamat lama /?p=12 sudah dipakai berita lain; dilewati." in notes


def test_a_guid_match_in_another_units_tree_is_not_updated(unit):
    """The same site imported into an unrelated unit does not take over the first unit's story."""
    run_wxr_import(one_post("polres-tasik.example", "Judul Asli", "Isi asli."), unit=unit)
    renamed = one_post("polres-tasik.example", "Judul Lain", "Isi lain.").replace(
        b"<link>https://polres-tasik.example</link>", b"<link>https://situs-baru.example</link>"
    )
    report = run_wxr_import(renamed, unit=UnitFactory(slug="polres-lain"))
    assert report.totals["updated"] == 0 and report.totals["imported"] == 1
    assert Article.objects.get(import_key="wxr:polres-tasik.example:12").title == "Judul Asli"


def test_dry_run_saves_nothing(unit):
    output = run(SITE, "--dry-run")
    assert "UJI COBA" in output and "5 diimpor" in output
    assert counts()["Article"] == 0 and counts()["LegacyRedirect"] == 0


# ---------------------------------------------------------------------------
# Encodings and CDATA
# ---------------------------------------------------------------------------
MINIMAL = """<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:excerpt="http://wordpress.org/export/1.1/excerpt/" xmlns:wp="http://wordpress.org/export/1.1/">
<channel><title>Situs Lama</title><link>http://situs-lama.example</link>
<wp:wxr_version>1.1</wp:wxr_version>
<item><title>Kafé Binaan Polsek Dibuka – Warga Antusias</title>
<content:encoded><![CDATA[Pemilik kafé berterima kasih <em>atas</em> pendampingan.]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>7</wp:post_id><wp:post_date>2019-02-01 08:00:00</wp:post_date>
<wp:post_date_gmt>2019-02-01 01:00:00</wp:post_date_gmt><wp:post_name>kafe-binaan</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>
"""


@pytest.mark.parametrize(
    ("encoding", "codec"),
    [("UTF-8", "utf-8-sig"), ("ISO-8859-1", "latin-1"), ("windows-1252", "cp1252")],
)
def test_declared_encodings_are_honoured(unit, encoding, codec):
    text = MINIMAL.format(encoding=encoding)
    if codec == "latin-1":
        text = text.replace("–", "-")
    run_wxr_import(text.encode(codec), unit=unit)
    article = Article.objects.get(import_key="wxr:situs-lama.example:7")
    assert article.title.startswith("Kafé Binaan Polsek Dibuka")
    assert "<em>atas</em>" in article.body and "kafé" in article.body
    assert article.publish_at == datetime.datetime(2019, 2, 1, 1, 0, tzinfo=UTC)


def test_wpautop_leaves_block_html_alone():
    assert wpautop("<p>Satu</p>\n\n<p>Dua</p>") == "<p>Satu</p>\n\n<p>Dua</p>"
    assert wpautop("Satu\n\nDua\nTiga") == "<p>Satu</p>\n<p>Dua<br>\nTiga</p>"


# ---------------------------------------------------------------------------
# Hostile and broken files: a clear error, nothing imported
# ---------------------------------------------------------------------------
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY bocor SYSTEM "file:///etc/passwd">]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version><item><title>&bocor;</title>
<wp:post_id>1</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
</item></channel></rss>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version><item><title>&lol9;</title>
<wp:post_id>1</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
</item></channel></rss>"""

PLAIN_RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>
<item><title>Bukan ekspor</title></item></channel></rss>"""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (XXE, "DTD"),
        (BILLION_LAUGHS, "DTD"),
        (SITE.read_bytes()[: len(SITE.read_bytes()) // 2], "terpotong"),
        (PLAIN_RSS, "bukan ekspor WordPress"),
        (b"<html><body>Halaman</body></html>", "bukan ekspor WordPress"),
        (b"", "terpotong"),
    ],
    ids=["xxe", "billion-laughs", "truncated", "plain-rss", "html", "empty"],
)
def test_hostile_or_broken_files_fail_cleanly_with_nothing_imported(unit, tmp_path, data, message):
    path = tmp_path / "ekspor.xml"
    path.write_bytes(data)
    with pytest.raises(CommandError, match=message) as caught:
        run(path)
    assert "tidak ada yang disimpan" in str(caught.value)
    assert all(count == 0 for name, count in counts().items() if name != "Category")
    assert Category.objects.count() == 0


def test_parser_refuses_external_entities_before_reading_them():
    with pytest.raises(ImportFailure):
        parse_wxr(XXE)


def test_missing_file_is_a_clear_error(unit, tmp_path):
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        run(tmp_path / "tidak-ada.xml")
