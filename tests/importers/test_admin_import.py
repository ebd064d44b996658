"""The head of desk uploads, reads the dry-run report, then confirms; nobody else may."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.admin import imports as import_admin
from articles.models import Article, Comment
from tests.factories import UnitFactory, UserFactory

from .corpus import CORPUS
from .test_wxr import BILLION_LAUGHS, SITE

pytestmark = pytest.mark.django_db

UPLOAD_URL = "admin:articles_articleimport_changelist"
CONFIRM_URL = "admin:articles_articleimport_confirm"


@pytest.fixture(autouse=True)
def _staging(settings, tmp_path):
    settings.NEWSROOM_IMPORT_STAGING_DIR = str(tmp_path / "staging")
    return tmp_path / "staging"


@pytest.fixture
def unit():
    return UnitFactory(slug="polres-contoh")


@pytest.fixture
def head(unit):
    return UserFactory(role="kepala", unit=unit)


@pytest.fixture
def head_client(head):
    client = Client()
    client.force_login(head)
    return client


def corpus_zip(extra=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(CORPUS.glob("*.txt")):
            archive.write(path, f"rilis/{path.name}")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return SimpleUploadedFile("rilis.zip", buffer.getvalue(), content_type="application/zip")


def upload(client, file, unit, **fields):
    return client.post(
        reverse(UPLOAD_URL), {"file": file, "unit": unit.pk, "status": "draft", **fields}
    )


def token_of(response):
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def test_head_of_desk_finds_the_import_page(head_client):
    assert reverse(UPLOAD_URL) in head_client.get(reverse("admin:index")).content.decode()
    response = head_client.get(reverse(UPLOAD_URL))
    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()


@pytest.mark.parametrize("role", ["penulis", "redaktur"])
def test_staff_without_the_import_permission_cannot_use_the_page(client, unit, role):
    client.force_login(UserFactory(role=role, unit=unit))
    assert client.get(reverse(UPLOAD_URL)).status_code == 403
    data = SimpleUploadedFile("a.txt", b"Judul Rilis\n\nBOGOR - Isi.\n")
    assert upload(client, data, unit).status_code == 403
    assert client.post(reverse(CONFIRM_URL), {"token": "x"}).status_code == 403
    assert Article.objects.count() == 0


def test_zip_upload_shows_the_dry_run_then_imports_on_confirmation(head_client, head, unit):
    report = upload(head_client, corpus_zip(), unit)
    assert report.status_code == 200
    page = report.content.decode()
    assert "Laporan uji coba" in page and "5 diimpor" in page
    assert "Kolaborasi Polda Banyuasin" in page
    assert Article.objects.count() == 0

    result = head_client.post(reverse(CONFIRM_URL), {"token": token_of(report)})
    assert result.status_code == 200
    assert "Hasil impor" in result.content.decode()
    assert Article.objects.count() == 5
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    assert Article.objects.filter(
        import_key=f"text:{unit.pk}:rilis/" + next(CORPUS.glob("002_*")).name
    )
    assert Article.objects.filter(writer=head).count() == 5

    # The token is spent: confirming again imports nothing more.
    again = head_client.post(reverse(CONFIRM_URL), {"token": token_of(report)}, follow=True)
    assert "tidak ditemukan" in again.content.decode()
    assert Article.objects.count() == 5

    # The same zip again: the report says nothing would change.
    second = upload(head_client, corpus_zip(), unit)
    assert "0 diimpor, 0 diperbarui, 5 tidak berubah" in " ".join(second.content.decode().split())


def test_single_text_file_upload(head_client, unit):
    data = (CORPUS / next(CORPUS.glob("001_*")).name).read_bytes()
    report = upload(head_client, SimpleUploadedFile("dinkes.txt", data), unit)
    head_client.post(reverse(CONFIRM_URL), {"token": token_of(report)})
    article = Article.objects.get(import_key=f"text:{unit.pk}:dinkes.txt")
    assert article.dateline == "PANGKALPINANG"


def test_wxr_upload_imports_posts_and_comments(head_client, unit):
    report = upload(head_client, SimpleUploadedFile("ekspor.xml", SITE.read_bytes()), unit)
    assert "1 halaman" in report.content.decode()
    head_client.post(reverse(CONFIRM_URL), {"token": token_of(report)})
    assert Article.objects.count() == 5
    assert Comment.objects.count() == 5


def test_hostile_xml_upload_is_refused_with_nothing_staged(head_client, unit, _staging):
    response = upload(head_client, SimpleUploadedFile("bom.xml", BILLION_LAUGHS), unit)
    assert response.status_code == 200
    assert "DTD" in response.content.decode()
    assert Article.objects.count() == 0
    assert not any(Path(_staging).iterdir())


@pytest.mark.parametrize("name", ["../luar.txt", "/etc/luar.txt", "C:/luar.txt"])
def test_zip_slip_names_are_refused(head_client, unit, name):
    response = upload(head_client, corpus_zip({name: "Judul\n\nBOGOR - Isi.\n"}), unit)
    assert "tidak aman" in response.content.decode()
    assert Article.objects.count() == 0


def test_oversized_upload_and_oversized_zip_member_are_refused(head_client, unit, monkeypatch):
    monkeypatch.setattr(import_admin, "MAX_UPLOAD", 1000)
    big = SimpleUploadedFile("besar.txt", b"a" * 2000)
    assert "terlalu besar" in upload(head_client, big, unit).content.decode()
    monkeypatch.setattr(import_admin, "MAX_UPLOAD", 10_000_000)
    monkeypatch.setattr("articles.importers.runner.MAX_TEXT_FILE", 5000)
    bomb = corpus_zip({"bom.txt": "x" * 50_000})
    assert "terlalu besar" in upload(head_client, bomb, unit).content.decode()
    assert Article.objects.count() == 0


def test_other_file_types_are_refused(head_client, unit):
    response = upload(head_client, SimpleUploadedFile("foto.jpg", b"\xff\xd8"), unit)
    assert ".txt, .zip atau .xml" in response.content.decode()


def test_a_unit_outside_the_users_tree_cannot_be_chosen(head_client):
    stranger = UnitFactory(slug="polres-lain")
    data = SimpleUploadedFile("a.txt", b"Judul Rilis Uji\n\nBOGOR - Isi berita.\n")
    response = upload(head_client, data, stranger)
    assert response.status_code == 200
    assert "Laporan uji coba" not in response.content.decode()
    assert Article.objects.count() == 0


def test_an_upload_can_only_be_confirmed_in_the_session_that_made_it(head_client, unit):
    report = upload(head_client, corpus_zip(), unit)
    other = Client()
    other.force_login(UserFactory(role="kepala", unit=unit))
    other.post(reverse(CONFIRM_URL), {"token": token_of(report)})
    assert Article.objects.count() == 0


# ---------------------------------------------------------------------------
# Broken uploads: an Indonesian message on the page, never a 500, nothing saved
# ---------------------------------------------------------------------------
RELEASE_TEXT = "Polsek Gelar Patroli Malam\n\nBOGOR - Polsek Contoh menggelar patroli malam.\n" * 20


def damaged_zip():
    """A zip whose one member's compressed bytes are overwritten."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("rilis.txt", RELEASE_TEXT)
        info = archive.getinfo("rilis.txt")
    data = bytearray(buffer.getvalue())
    start = info.header_offset + 30 + len(info.filename)
    data[start : start + 40] = b"\xff" * 40
    return bytes(data)


def encrypted_zip():
    """A zip whose member is marked encrypted (what a password-protected zip holds)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("rilis.txt", RELEASE_TEXT)
    data = bytearray(buffer.getvalue())
    # zipfile cannot write encryption: set the "encrypted" flag in both headers.
    data[6] |= 0x1
    data[data.find(b"PK\x01\x02") + 8] |= 0x1
    return bytes(data)


WXR_HEAD = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
    "<title>Situs</title><link>{link}</link><wp:wxr_version>1.2</wp:wxr_version>"
    "<item><title>Patroli Malam</title><wp:post_id>5</wp:post_id>"
    "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>{comment}"
    "</item></channel></rss>"
)


def wxr(encoding="UTF-8", link="https://situs.example", comment=""):
    return WXR_HEAD.format(encoding=encoding, link=link, comment=comment).encode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("rilis.zip", damaged_zip(), "Berkas zip rusak atau terenkripsi."),
        ("rilis.zip", encrypted_zip(), "Berkas zip rusak atau terenkripsi."),
        ("ekspor.xml", wxr(encoding="x-bogus"), "Berkas XML tidak sah: unknown encoding"),
        ("ekspor.xml", wxr(link="http://[bad"), "Berkas XML tidak sah: alamat situs"),
    ],
    ids=["damaged-zip", "encrypted-zip", "bogus-encoding", "bad-site-link"],
)
def test_a_broken_upload_is_refused_with_a_clear_message(head_client, unit, name, data, message):
    response = upload(head_client, SimpleUploadedFile(name, data), unit)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "rilis.txt",
            "\ufeffPolsek Gelar Patroli\n\nBOGOR - Isi.\n".encode("utf-16-le")[:-1],
            "Berkas teks UTF-16 rusak atau terpotong.",
        ),
        (
            "ekspor.xml",
            wxr(comment="<wp:comment><wp:comment_id>satu</wp:comment_id></wp:comment>"),
            "Nomor komentar tidak sah (satu): pos ini tidak diimpor.",
        ),
    ],
    ids=["odd-length-utf16", "non-numeric-comment-id"],
)
def test_a_broken_item_is_reported_in_indonesian_and_not_saved(
    head_client, unit, name, data, message
):
    report = upload(head_client, SimpleUploadedFile(name, data), unit)
    assert report.status_code == 200
    page = report.content.decode()
    assert message in page and "Error" not in page
    result = head_client.post(reverse(CONFIRM_URL), {"token": token_of(report)})
    assert result.status_code == 200
    assert message in result.content.decode()
    assert Article.objects.count() == 0
    assert Comment.objects.count() == 0


def test_a_single_text_upload_over_the_release_limit_is_refused(head_client, unit, monkeypatch):
    monkeypatch.setattr("articles.importers.runner.MAX_TEXT_FILE", 2 * 1024 * 1024)
    big = SimpleUploadedFile("rilis.txt", RELEASE_TEXT.encode() * 1500)
    report = upload(head_client, big, unit)
    assert report.status_code == 200
    message = "Berkas terlalu besar untuk sebuah siaran pers (maks. 2 MB)."
    assert message in report.content.decode()
    result = head_client.post(reverse(CONFIRM_URL), {"token": token_of(report)})
    assert message in result.content.decode()
    assert Article.objects.count() == 0
