"""The English translation: complete, compiled, and what readers and staff actually see.

The msgids are Indonesian (the default language); ``locale/en/LC_MESSAGES/django.po`` holds the
English. ``make messages`` refreshes and compiles it; the .mo is committed so a clean checkout
needs no gettext tools.
"""

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

# %(name)s, %s, %d …, {name} and HTML tags must survive translation unchanged.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdifr]|\{\w*\}|<[^>]+>")


def read_po(path):
    """Return the catalogue's entries: ``{"flags", "msgid", "msgid_plural", "msgstr": [...]}``.

    Enough of the format for what makemessages writes: comments, flags, msgctxt, msgid,
    msgid_plural, msgstr and msgstr[n], each a run of quoted strings.
    """
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry = {"flags": set(), "msgctxt": None, "msgid_plural": None, "msgstr": {}}
        field = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                value = ast.literal_eval(line)
                if isinstance(field, int):
                    entry["msgstr"][field] += value
                else:
                    entry[field] += value
            else:
                keyword, _, literal = line.partition(" ")
                value = ast.literal_eval(literal)
                index = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
                if keyword == "msgstr" or index:
                    field = int(index.group(1)) if index else 0
                    entry["msgstr"][field] = value
                else:
                    field = keyword
                    entry[field] = value
        entries.append(entry)
    return [entry for entry in entries if entry.get("msgid")]  # drop the header


@pytest.fixture(scope="module")
def catalogue():
    return read_po(PO_FILE)


def test_every_entry_is_translated(catalogue):
    """Django ignores an empty msgstr, so an untranslated string stays Indonesian."""
    untranslated = [e["msgid"] for e in catalogue if not all(e["msgstr"].values())]
    assert len(catalogue) > 500
    assert untranslated == []


def test_no_entry_is_fuzzy(catalogue):
    """Django's compiled catalogue skips fuzzy entries: each must be reviewed and unflagged."""
    assert [e["msgid"] for e in catalogue if "fuzzy" in e["flags"]] == []


def test_plural_entries_have_both_forms(catalogue):
    plural = [e for e in catalogue if e["msgid_plural"] is not None]
    assert plural
    assert [e["msgid"] for e in plural if sorted(e["msgstr"]) != [0, 1]] == []


def test_placeholders_and_markup_match_the_source(catalogue):
    """A lost or renamed %(name)s raises KeyError at run time, in English only."""
    mismatched = []
    for entry in catalogue:
        sources = [entry["msgid"], entry["msgid_plural"] or entry["msgid"]]
        for index, translation in entry["msgstr"].items():
            source = sources[min(index, 1)]
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
                mismatched.append((source, translation))
    assert mismatched == []


def test_msgfmt_accepts_the_catalogue():
    """GNU msgfmt agrees: every message translated, none fuzzy, format strings consistent."""
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    statistics = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ translated messages?\.", statistics), statistics


def test_compiled_catalogue_matches_the_po_file(catalogue):
    """The committed .mo holds exactly the .po's translations: nobody forgot to compile.

    Compared by content, not by date: a fresh clone gives both files the checkout time.
    """
    with MO_FILE.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for entry in catalogue:
        context = entry["msgctxt"]  # e.g. pgettext_lazy("plural", …) for verbose_name_plural
        if entry["msgid_plural"] is None:
            if context is None:
                got = compiled.gettext(entry["msgid"])
            else:
                got = compiled.pgettext(context, entry["msgid"])
            if got != entry["msgstr"][0]:
                stale.append(entry["msgid"])
        else:
            for n, index in ((1, 0), (2, 1)):
                if context is None:
                    got = compiled.ngettext(entry["msgid"], entry["msgid_plural"], n)
                else:
                    got = compiled.npgettext(context, entry["msgid"], entry["msgid_plural"], n)
                if got != entry["msgstr"][index]:
                    stale.append(entry["msgid"])
    assert stale == []
    # …and nothing dropped from the .po lingers in the .mo.
    assert len(compiled._catalog) - 1 == sum(len(e["msgstr"]) for e in catalogue)


@pytest.mark.django_db
def test_public_home_page_in_english_under_en_prefix(client):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    for english in ("Skip to content", "Latest news", "Search news", "Archive"):
        assert english in html
    for indonesian in ("Langsung ke isi", "Berita terbaru", "Cari berita", ">Arsip<"):
        assert indonesian not in html


@pytest.mark.django_db
def test_public_home_page_stays_indonesian_without_prefix(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="id">' in html
    assert "Langsung ke isi" in html
    assert "Skip to content" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["cookie", "accept-language"])
def test_admin_login_follows_the_chosen_language(client, how):
    if how == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get("/admin/login/")
    else:
        response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert "Log in" in html
    assert "Masuk" not in html


@pytest.mark.django_db
def test_admin_login_is_indonesian_by_default(client):
    html = client.get("/admin/login/").content.decode()
    assert '<html lang="id"' in html
    assert "Masuk" in html


@pytest.mark.django_db
def test_desk_dashboard_in_english_for_an_english_speaking_editor(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(role="redaktur"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/admin/").content.decode()
    assert "Editorial desk" in html
    assert "Awaiting review" in html
    assert "Meja redaksi" not in html
    assert "Menunggu tinjauan" not in html
