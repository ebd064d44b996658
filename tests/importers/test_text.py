"""Plain-text press releases: every field the text gives, nothing the website added."""

import datetime
import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from articles.importers.common import ImportFailure, decode_text, find_event_date
from articles.importers.runner import TextSource, run_text_import
from articles.importers.text import parse_release
from articles.models import (
    Article,
    AuditEntry,
    RelatedArticle,
    RelatedReference,
    Revision,
)
from articles.sanitize import html_to_text
from tests.factories import ArticleFactory, CategoryFactory, UnitFactory, UserFactory

from .corpus import CORPUS


def corpus_file(prefix):
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path


def parse_corpus(prefix):
    return parse_release(decode_text(corpus_file(prefix).read_bytes()))


def body_text(parsed):
    return html_to_text(parsed.body_html)


# ---------------------------------------------------------------------------
# The corpus, file by file
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_no_paragraph_of_a_corpus_release_is_lost(path):
    """Every paragraph of the release (longer lines) reaches the body or the lead."""
    parsed = parse_release(decode_text(path.read_bytes()))
    text = body_text(parsed)
    paragraphs = [line.strip() for line in decode_text(path.read_bytes()).split("\n")]
    checked = 0
    for line in paragraphs:
        if len(line) > 120:
            # The middle of the line: clear of a leading dateline and trailing initials.
            middle = " ".join(line.replace("\xa0", " ").split())[40:90]
            assert middle in text, middle
            checked += 1
    assert checked >= 3


def test_dateline_without_headline_takes_title_from_first_sentence():
    """A release that opens with its dateline gets a provisional title, flagged for the editor."""
    parsed = parse_corpus("000")
    assert parsed.dateline == "TASIKMALAYA"
    assert parsed.title_from_body
    assert parsed.title.startswith("Upaya memperkuat kolaborasi")
    assert not parsed.title.endswith(".")
    assert parsed.notes
    assert not body_text(parsed).startswith("TASIKMALAYA")
    assert "—" not in body_text(parsed)[:5]


def test_weekday_with_numeric_date_resolves_the_event_date():
    parsed = parse_corpus("000")
    assert parsed.event_date == datetime.date(2025, 7, 15)
    assert parsed.event_weekday == 1  # Selasa


def test_subheading_lines_become_h2():
    parsed = parse_corpus("000")
    assert "<h2>Simbol Komitmen:" in parsed.body_html
    assert "<h2>Perspektif Kebijakan:" in parsed.body_html
    assert parsed.body_html.count("<h2>") == 2


def test_baca_juga_line_becomes_a_reference_and_leaves_the_body():
    parsed = parse_corpus("000")
    assert len(parsed.references) == 1
    assert parsed.references[0].startswith("Kompolnas Apresiasi Polres")
    assert "BACA JUGA" not in parsed.body_html.upper()
    assert "Kompolnas" not in parsed.body_html


def test_trailing_initials_become_the_byline():
    parsed = parse_corpus("000")
    assert parsed.byline == "LS"
    assert not body_text(parsed).endswith("(LS)")
    assert body_text(parsed).endswith("masyarakat.")


def test_headline_then_dateline_with_hyphen():
    parsed = parse_corpus("001")
    assert parsed.title.startswith("Dinkes Babel dan Polda Babel Jajaki")
    assert not parsed.title_from_body
    assert parsed.dateline == "PANGKALPINANG"
    assert body_text(parsed).startswith("Dinas Kesehatan Provinsi")


def test_date_in_parentheses_is_day_month_year():
    assert parse_corpus("001").event_date == datetime.date(2020, 3, 10)


def test_credits_block_fills_credit_fields_and_leaves_the_body():
    parsed = parse_corpus("001")
    assert parsed.byline == "Adinda Chandralela"
    assert parsed.photographer == "Adinda Chandralela"
    assert "Bidang Kesehatan Masyarakat" in parsed.source_name
    assert "Dinkes" in parsed.source_name
    text = body_text(parsed)
    for label in ("Sumber:", "Penulis:", "Fotografer:", "Bidang Informasi:", "Chandralela"):
        assert label not in text
    assert text.endswith("pungkasnya.")


def test_site_chrome_and_repeated_headline_are_dropped():
    parsed = parse_corpus("002")
    assert parsed.title.startswith("Kapolda Metro Jaya Audiensi dengan")
    assert "Berita Polisi" not in parsed.title
    text = body_text(parsed)
    assert "Berita Polisi" not in text
    assert not text.startswith("Kapolda Metro Jaya Audiensi dengan")
    assert parsed.dateline == ""


def test_hashtags_become_tags():
    parsed = parse_corpus("002")
    assert parsed.tags == ["kapoldametrojaya"]
    assert "#" not in body_text(parsed)


def test_related_posts_titles_become_references_without_author_names():
    parsed = parse_corpus("002")
    assert len(parsed.references) == 3
    assert parsed.references[0].startswith("Kapolda Metro Jaya Tinjau Dapur")
    assert parsed.references[1].startswith("Survei Sebut Mayoritas")
    assert parsed.references[2].startswith("Pimpin Wisuda Prajurit Taruna")
    assert all("Khoirul Amin" not in title for title in parsed.references)
    text = body_text(parsed)
    for chrome in ("Related posts", "Khoirul Amin", "Leave a Comment", "SPPG"):
        assert chrome not in text
    assert text.endswith("nasional.") or text.endswith("pemerintahan.")


def test_numbered_section_titles_are_kept_as_headings():
    parsed = parse_corpus("003")
    assert parsed.title == "Kolaborasi Polda Banyuasin dengan Instansi Lain"
    assert parsed.body_html.count("<h2>") == 10
    assert "<h2>1. Bekerjasama dengan Pemerintah Daerah</h2>" in parsed.body_html
    assert "<h2>10. Kesadaran Masyarakat" in parsed.body_html
    assert parsed.dateline == "" and parsed.event_date is None and parsed.byline == ""


def test_outlet_before_dateline_becomes_the_source():
    parsed = parse_corpus("004")
    assert parsed.title.startswith("Karutan Palembang Lakukan Audiensi")
    assert parsed.dateline == "PALEMBANG"
    assert parsed.source_name == "pelitaekspres.com"
    assert parsed.source_url == "https://pelitaekspres.com/"
    assert body_text(parsed).startswith("Dalam upaya memperkuat")


def test_weekday_alone_is_kept_unresolved_with_a_note():
    parsed = parse_corpus("004")
    assert parsed.event_date is None
    assert parsed.event_weekday == 2  # Rabu
    assert any("Rabu" in str(note) for note in parsed.notes)


def test_lowercase_initials_after_a_full_stop_and_reply_chrome():
    parsed = parse_corpus("004")
    assert parsed.byline == "dkd"
    text = body_text(parsed)
    assert "(dkd)" not in text and "Tinggalkan Balasan" not in text
    assert text.endswith("Harryo.")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_lead_is_the_opening_of_the_first_paragraph(prefix):
    parsed = parse_corpus(prefix)
    assert 40 < len(parsed.lead) <= 300
    assert body_text(parsed).startswith(parsed.lead[:40])


# ---------------------------------------------------------------------------
# Invented inputs: encodings and forms the corpus does not show
# ---------------------------------------------------------------------------
RELEASE = (
    "Polsek Cibeureum Gelar Bakti Sosial di Kampung Nelayan\n"
    "\n"
    "KOTA CONTOH – Anggota polsek membagikan paket sembako kepada warga pada Jumat "
    "(3/10/2025). Kegiatan diawali apel di halaman kantor.\n"
    "\n"
    "“Kami ingin hadir di tengah warga,” kata Kapolsek, Iptu André Saputra.\n"
    "\n"
    "#baktisosial #polsekcibeureum\n"
    "(rin)\n"
)


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: text.encode("utf-8-sig"),
        lambda text: text.encode("cp1252"),
        lambda text: text.replace("“", '"').replace("”", '"').replace("–", "-").encode("latin-1"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: text.replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "latin1", "utf8-crlf", "cp1252-crlf"],
)
def test_encodings_and_line_ends_give_the_same_release(encode):
    parsed = parse_release(decode_text(encode(RELEASE)))
    assert parsed.title == "Polsek Cibeureum Gelar Bakti Sosial di Kampung Nelayan"
    assert parsed.dateline == "KOTA CONTOH"
    assert parsed.event_date == datetime.date(2025, 10, 3)
    assert parsed.tags == ["baktisosial", "polsekcibeureum"]
    assert parsed.byline == "rin"
    assert "Andr\u00e9 Saputra" in body_text(parsed)
    assert "\r" not in parsed.body_html and "\ufeff" not in parsed.body_html


def test_hard_wrapped_lines_are_joined_into_one_paragraph():
    parsed = parse_release(
        "Judul Rilis Uji Coba\n\nBANDUNG - Baris pertama yang terpotong\noleh editor teks lama "
        "dan berlanjut di sini.\nParagraf kedua berdiri sendiri.\n"
    )
    assert parsed.body_html.count("<p>") == 2
    assert "terpotong oleh editor" in parsed.body_html


@pytest.mark.parametrize(
    ("line", "city", "outlet"),
    [
        ("TASIKMALAYA — Isi berita.", "TASIKMALAYA", ""),
        ("PANGKALPINANG - Isi berita.", "PANGKALPINANG", ""),
        ("(pelitaekspres.com) –PALEMBANG- Isi berita.", "PALEMBANG", "pelitaekspres.com"),
        ("JAKARTA (Antara) - Isi berita.", "JAKARTA", "Antara"),
        ("KOTA BANDUNG, Senin (1/9/2025) – Isi berita.", "KOTA BANDUNG", ""),
    ],
)
def test_dateline_forms(line, city, outlet):
    parsed = parse_release(f"Judul Uji Coba Dateline\n{line}\n")
    assert parsed.dateline == city
    assert parsed.source_name == outlet
    assert body_text(parsed).startswith("Isi berita")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pada Selasa (15/7/2025) pagi", datetime.date(2025, 7, 15)),
        ("digelar (10/03/2020) di", datetime.date(2020, 3, 10)),
        ("berlangsung 15 Juli 2025 di", datetime.date(2025, 7, 15)),
        ("Kamis, 3 Agustus 2023,", datetime.date(2023, 8, 3)),
        ("Sabtu (9/8/25)", datetime.date(2025, 8, 9)),
        ("tanggal 31/02/2024 atau 1 Des 2024", datetime.date(2024, 12, 1)),
    ],
)
def test_indonesian_dates(text, expected):
    assert find_event_date(text).date == expected


def test_weekday_alone_and_week_word():
    assert find_event_date("rapat pada Rabu ini").date is None
    assert find_event_date("rapat pada Rabu ini").weekday == 2
    # "minggu lalu" is "last week", not Sunday.
    assert find_event_date("sejak minggu lalu warga berjaga") is None


def test_weekday_that_contradicts_the_date_is_noted():
    parsed = parse_release("Judul Uji Coba Tanggal\nBOGOR - Acara pada Senin (15/7/2025) ramai.\n")
    assert parsed.event_date == datetime.date(2025, 7, 15)
    assert parsed.notes


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Berita Polisi\n\nLeave a Comment\n"])
def test_empty_release_fails_clearly(text):
    with pytest.raises(ImportFailure):
        parse_release(text)


# ---------------------------------------------------------------------------
# The command: saving, idempotence, failures, references
# ---------------------------------------------------------------------------
@pytest.fixture
def unit(db):
    return UnitFactory(slug="polres-contoh")


@pytest.fixture
def releases(tmp_path):
    """A writable copy of the corpus in a folder with a subfolder."""
    folder = tmp_path / "rilis"
    (folder / "arsip").mkdir(parents=True)
    for path in sorted(CORPUS.glob("*.txt")):
        target = folder / ("arsip" if path.name.startswith("003") else "") / path.name
        shutil.copy(path, target)
    return folder


def import_releases(*args):
    out = io.StringIO()
    call_command("import_releases", *map(str, args), "--unit", "polres-contoh", stdout=out)
    return out.getvalue()


def imported(prefix):
    return Article.objects.get(import_key__startswith="text:", import_key__contains=f"{prefix}_")


def test_corpus_imports_as_drafts_with_every_field(unit, releases):
    output = import_releases(releases)
    assert "5 diimpor, 0 diperbarui, 0 tidak berubah, 0 gagal" in output
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 5
    first = imported("000")
    assert first.dateline == "TASIKMALAYA" and first.byline == "LS"
    assert first.event_date == datetime.date(2025, 7, 15)
    assert first.unit == unit and first.publish_at is None
    assert "<h2>Simbol Komitmen:" in first.body
    second = imported("001")
    assert second.photographer == "Adinda Chandralela"
    assert second.event_date == datetime.date(2020, 3, 10)
    assert set(imported("002").tags.names()) == {"kapoldametrojaya"}
    assert imported("002").related_references.count() == 3
    assert imported("003").import_key == f"text:{unit.pk}:arsip/{corpus_file('003').name}"
    assert imported("004").source_name == "pelitaekspres.com"
    for article in Article.objects.all():
        assert article.revisions.exists()
        assert AuditEntry.objects.filter(article=article, action=AuditEntry.Action.IMPORT).exists()


def test_second_identical_run_creates_nothing(unit, releases):
    import_releases(releases)
    before = (Article.objects.count(), Revision.objects.count(), RelatedReference.objects.count())
    output = import_releases(releases)
    assert "0 diimpor, 0 diperbarui, 5 tidak berubah" in output
    after = (Article.objects.count(), Revision.objects.count(), RelatedReference.objects.count())
    assert after == before


def test_changed_file_updates_its_story_as_a_new_revision(unit, releases):
    import_releases(releases)
    path = next(releases.glob("004_*.txt"))
    article = imported("004")
    version, revisions, slug = article.version, article.revisions.count(), article.slug
    path.write_text(path.read_text(encoding="utf-8") + "\nParagraf tambahan dari redaksi.\n")
    output = import_releases(releases)
    assert "0 diimpor, 1 diperbarui, 4 tidak berubah" in output
    article.refresh_from_db()
    assert "Paragraf tambahan dari redaksi." in article.body
    assert article.version > version and article.revisions.count() > revisions
    assert article.slug == slug
    assert Article.objects.count() == 5


def test_one_bad_file_is_reported_and_skipped(unit, releases):
    (releases / "kosong.txt").write_bytes(b"\n\n")
    (releases / "biner.txt").write_bytes(b"\x00" * 10)
    output = import_releases(releases)
    assert "5 diimpor, 0 diperbarui, 0 tidak berubah, 2 gagal" in output
    assert "GAGAL" in output and "kosong.txt" in output and "Berkas kosong" in output
    assert Article.objects.count() == 5


def test_dry_run_reports_without_saving(unit, releases):
    output = import_releases(releases, "--dry-run")
    assert "UJI COBA" in output and "5 diimpor" in output
    assert Article.objects.count() == 0 and Revision.objects.count() == 0


def test_status_published_keeps_the_release_date(unit, releases):
    call_command(
        "import_releases",
        str(releases),
        "--unit",
        "polres-contoh",
        "--status",
        "published",
        "--category",
        CategoryFactory(slug="kemitraan").slug,
        stdout=io.StringIO(),
    )
    article = imported("001")
    assert article.status == Article.Status.PUBLISHED
    local = article.local_publish_at
    assert local.date() == datetime.date(2020, 3, 10)
    assert article.category.slug == "kemitraan"
    assert Article.objects.published().count() == 5


def test_reference_links_when_the_story_exists_or_arrives_later(unit, releases, tmp_path):
    """References are titles read from the corpus itself; the linked stories are invented."""
    target = ArticleFactory(title=parse_corpus("002").references[1])
    import_releases(releases)
    source = imported("002")
    assert RelatedArticle.objects.filter(article=source, target=target, is_manual=True).exists()
    assert source.related_references.filter(resolved=target).exists()
    baca = imported("000").related_references.get()
    assert baca.resolved is None
    later = tmp_path / "nanti"
    later.mkdir()
    # The same headline in capitals still matches.
    headline = parse_corpus("000").references[0].upper()
    (later / "kompolnas.txt").write_text(
        f"{headline}\n\nTASIKMALAYA – Isi berita rekaan untuk pengujian tautan.\n",
        encoding="utf-8",
    )
    import_releases(later)
    baca.refresh_from_db()
    assert baca.resolved is not None
    assert baca.resolved.import_key == f"text:{unit.pk}:kompolnas.txt"
    assert RelatedArticle.objects.filter(article=imported("000"), target=baca.resolved).exists()


def test_unknown_unit_or_missing_path_is_a_clear_error(unit, tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        import_releases(tmp_path / "tidak-ada")
    with pytest.raises(CommandError, match="Satuan"):
        call_command("import_releases", str(tmp_path), "--unit", "salah", stdout=io.StringIO())


def test_an_interrupted_import_keeps_finished_files_and_resumes(unit, releases, monkeypatch):
    from articles.importers import runner

    real = runner.import_release
    calls = []

    def interrupt_on_third(*args, **kwargs):
        calls.append(kwargs["name"])
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(runner, "import_release", interrupt_on_third)
    with pytest.raises(CommandError, match="jalankan lagi"):
        import_releases(releases)
    assert Article.objects.count() == 2
    monkeypatch.setattr(runner, "import_release", real)
    output = import_releases(releases)
    assert "3 diimpor, 0 diperbarui, 2 tidak berubah, 0 gagal" in output
    assert Article.objects.count() == 5


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_a_bar_on_a_terminal_and_lines_otherwise():
    from django.core.management.base import OutputWrapper

    from articles.importers.runner import ConsoleProgress

    terminal = FakeTerminal()
    bar = ConsoleProgress(OutputWrapper(terminal))
    for done in range(1, 5):
        bar(done, 4, f"berkas-{done}.txt")
    assert "\r[" in terminal.getvalue() and "4/4" in terminal.getvalue()

    log = io.StringIO()
    lines = ConsoleProgress(OutputWrapper(log), every=2)
    for done in range(1, 6):
        lines(done, 5, f"berkas-{done}.txt")
    assert "\r" not in log.getvalue()
    assert [line.split()[0] for line in log.getvalue().splitlines()] == ["2/5", "4/5", "5/5"]


# ---------------------------------------------------------------------------
# Identity: the unit and the file name; published stories are never rewritten
# ---------------------------------------------------------------------------
PATROL_RELEASE = (
    "Polsek Gelar Patroli Sore\n\nBOGOR - Polsek Contoh menggelar patroli sore {extra}.\n"
)


def release(name, extra="di pasar", *, unit, user=None, status="draft"):
    source = TextSource(name=name, data=PATROL_RELEASE.format(extra=extra).encode())
    return run_text_import([source], unit=unit, user=user, status=status).items[0]


def test_a_file_of_the_same_name_from_another_unit_is_a_new_story_of_that_unit(unit):
    first = release("rilis.txt", unit=unit)
    other_unit = UnitFactory(slug="polres-lain")
    head = UserFactory(role="kepala", unit=other_unit)
    second = release("rilis.txt", "di terminal", unit=other_unit, user=head)
    assert (first.outcome, second.outcome) == ("imported", "imported")
    assert second.reason == ""
    assert Article.objects.get(pk=first.article_id).unit == unit
    assert "di pasar" in Article.objects.get(pk=first.article_id).body
    assert Article.objects.get(pk=second.article_id).unit == other_unit


def test_a_changed_file_never_rewrites_a_published_story(unit):
    """The public story stays as it is; the file is reported as needing review."""
    first = release("rilis.txt", unit=unit, status="published")
    story = Article.objects.get(pk=first.article_id)
    assert story.status == Article.Status.PUBLISHED
    revisions = story.revisions.count()
    result = release("rilis.txt", "di terminal", unit=unit, status="published")
    assert result.outcome == "failed"
    assert result.reason.startswith("Perlu ditinjau: berkas ini berbeda dari berita")
    assert "sudah terbit" in result.reason
    story.refresh_from_db()
    assert "di pasar" in story.body and "di terminal" not in story.body
    assert story.revisions.count() == revisions
    assert Article.objects.count() == 1
    # The unchanged file is still just "unchanged".
    assert release("rilis.txt", unit=unit).outcome == "unchanged"


def test_stories_stored_under_the_old_key_are_found_in_their_own_unit(unit):
    """Keys of the form "text:<name>" keep working for re-imports into the same unit."""
    first = release("rilis.txt", unit=unit)
    Article.objects.filter(pk=first.article_id).update(import_key="text:rilis.txt")
    assert release("rilis.txt", unit=unit).outcome == "unchanged"
    changed = release("rilis.txt", "di terminal", unit=unit)
    assert changed.outcome == "updated" and changed.article_id == first.article_id
    assert "di terminal" in Article.objects.get(pk=first.article_id).body
    other = release("rilis.txt", unit=UnitFactory(slug="polres-lain"))
    assert other.outcome == "imported" and other.article_id != first.article_id
    assert Article.objects.count() == 2


# ---------------------------------------------------------------------------
# BACA JUGA targets: what the public or the story's own desk can see
# ---------------------------------------------------------------------------
READING = (
    "Polsek Gelar Patroli Pagi\n\nBOGOR - Polsek Contoh menggelar patroli pagi.\n\n"
    "Baca juga: Kapolres Resmikan Pos Ronda Baru\n"
)


def reference_of(result):
    return Article.objects.get(pk=result.article_id).related_references.get()


def test_baca_juga_never_links_to_another_units_draft(unit):
    draft = ArticleFactory(
        title="Kapolres Resmikan Pos Ronda Baru",
        unit=UnitFactory(slug="polres-lain"),
        status=Article.Status.DRAFT,
        publish_at=None,
    )
    source = TextSource(name="pagi.txt", data=READING.encode())
    result = run_text_import([source], unit=unit).items[0]
    assert reference_of(result).resolved is None
    assert not RelatedArticle.objects.filter(target=draft).exists()


def test_baca_juga_links_to_a_draft_of_the_same_unit_tree(unit):
    branch = UnitFactory(slug="polsek-cabang", parent=unit)
    draft = ArticleFactory(
        title="Kapolres Resmikan Pos Ronda Baru",
        unit=branch,
        status=Article.Status.DRAFT,
        publish_at=None,
    )
    source = TextSource(name="pagi.txt", data=READING.encode())
    result = run_text_import([source], unit=unit).items[0]
    assert reference_of(result).resolved == draft


def test_a_long_related_list_keeps_at_most_fifty_references():
    related = "\n".join(
        f"Polsek Contoh Gelar Kegiatan Nomor {n} Bersama Warga" for n in range(3000)
    )
    text = (
        "Polsek Gelar Patroli Siang\n\nBOGOR - Polsek Contoh menggelar patroli siang.\n\n"
        f"Berita terkait\n{related}\n"
    )
    parsed = parse_release(text)
    assert len(parsed.references) == 50
    assert parsed.references[0] == "Polsek Contoh Gelar Kegiatan Nomor 0 Bersama Warga"
    assert "Hanya 50 rujukan berita terkait pertama yang disimpan." in map(str, parsed.notes)
    assert "Nomor 60" not in parsed.body_html
