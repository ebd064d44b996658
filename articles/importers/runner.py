"""Run an import over many inputs: sources, per-item transactions, dry runs, the report.

Shared by the management commands and the admin upload so both behave the same.
"""

import logging
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _, ngettext

from .common import FAILED, ImportFailure, ImportReport, ItemResult, decode_text, resolve_references
from .text import import_release
from .wxr import WxrImporter, parse_wxr

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text"}
MAX_TEXT_FILE = getattr(settings, "NEWSROOM_IMPORT_MAX_FILE", 2 * 1024 * 1024)
MAX_ZIP_TOTAL = getattr(settings, "NEWSROOM_IMPORT_MAX_UNZIPPED", 50 * 1024 * 1024)
MAX_ZIP_MEMBERS = getattr(settings, "NEWSROOM_IMPORT_MAX_FILES", 2000)


@dataclass
class TextSource:
    """One release to import: its name in reports, its identity across runs, its bytes."""

    name: str
    data: bytes | None = None
    path: Path | None = None

    @property
    def key(self):
        """Return the key stories imported before keys named the unit were stored under."""
        return f"text:{self.name}"[:255]

    def key_for(self, unit):
        """Return this release's identity in ``unit``: the same name elsewhere is another story."""
        return f"text:{unit.pk}:{self.name}"[:255]

    def read(self):
        """Return the release's bytes; refuse more than one release can hold, uploaded or not."""
        size = len(self.data) if self.data is not None else self.path.stat().st_size
        if size > MAX_TEXT_FILE:
            raise ImportFailure(
                _("Berkas terlalu besar untuk sebuah siaran pers (maks. %(mb)s MB).")
                % {"mb": f"{MAX_TEXT_FILE / (1024 * 1024):g}"}
            )
        return self.data if self.data is not None else self.path.read_bytes()


def collect_text_files(paths):
    """Return ``TextSource``s for files and folders (searched recursively), sorted by name.

    A file inside a folder is named relative to that folder, so importing the folder again,
    or a zip of it, finds the same stories.
    """
    sources, missing = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.is_file() and file.suffix.lower() in TEXT_SUFFIXES:
                    sources.append(TextSource(name=file.relative_to(path).as_posix(), path=file))
        elif path.is_file():
            sources.append(TextSource(name=path.name, path=path))
        else:
            missing.append(str(raw))
    return sources, missing


def zip_sources(fileobj):
    """Return ``TextSource``s for the text files in a zip, refusing unsafe or oversized ones.

    Members are read into memory and never written to disk, and a name that climbs out of
    the archive ("../x.txt", "/etc/x.txt") is refused: no zip-slip.
    """
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError) as err:
        raise ImportFailure(_("Berkas zip rusak atau bukan zip.")) from err
    sources, total = [], 0
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > MAX_ZIP_MEMBERS:
            raise ImportFailure(
                ngettext(
                    "Zip berisi lebih dari %(count)d berkas.",
                    "Zip berisi lebih dari %(count)d berkas.",
                    MAX_ZIP_MEMBERS,
                )
                % {"count": MAX_ZIP_MEMBERS}
            )
        for info in members:
            name = info.filename.replace("\\", "/")
            parts = PurePosixPath(name).parts
            if name.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
                raise ImportFailure(
                    _("Zip ditolak: nama berkas tidak aman (%(name)s).") % {"name": name}
                )
            if parts and (parts[0] == "__MACOSX" or parts[-1].startswith(".")):
                continue
            if PurePosixPath(name).suffix.lower() not in TEXT_SUFFIXES:
                continue
            if info.file_size > MAX_TEXT_FILE:
                raise ImportFailure(
                    _("Zip ditolak: %(name)s terlalu besar untuk sebuah siaran pers.")
                    % {"name": name}
                )
            total += info.file_size
            if total > MAX_ZIP_TOTAL:
                raise ImportFailure(_("Zip ditolak: isi terlalu besar setelah dibuka."))
            try:
                with archive.open(info) as member:
                    # Read one byte past the limit: the header's size may lie (zip bomb).
                    data = member.read(MAX_TEXT_FILE + 1)
            except (
                zipfile.BadZipFile,
                zlib.error,
                RuntimeError,
                NotImplementedError,
                EOFError,
            ) as err:
                # A damaged member (zlib.error, a bad CRC) or an encrypted one (RuntimeError).
                raise ImportFailure(_("Berkas zip rusak atau terenkripsi.")) from err
            if len(data) > MAX_TEXT_FILE:
                raise ImportFailure(
                    _("Zip ditolak: %(name)s terlalu besar untuk sebuah siaran pers.")
                    % {"name": name}
                )
            sources.append(TextSource(name=name, data=data))
    if not sources:
        raise ImportFailure(_("Zip tidak berisi berkas teks (.txt)."))
    return sorted(sources, key=lambda source: source.name)


def _failed(name, err):
    if isinstance(err, ImportFailure | PermissionDenied):
        reason = str(err) or str(_("Anda tidak berhak mengubah berita ini."))
    else:
        # Not a message for the editor: name the error for whoever reads the logs.
        reason = _("Kesalahan tak terduga (%(error)s); berkas ini dilewati.") % {
            "error": type(err).__name__
        }
    return ItemResult(name=name, outcome=FAILED, reason=reason)


def _run_one(function, dry_run):
    """Run ``function`` in its own transaction; in a dry run, roll it back afterwards."""
    if not dry_run:
        return function()
    with transaction.atomic():
        result = function()
        transaction.set_rollback(True)
    return result


def run_text_import(
    sources, *, unit, category=None, status="draft", user=None, dry_run=False, progress=None
):
    """Import ``sources``, each in its own transaction; return the ``ImportReport``."""
    report = ImportReport(dry_run=dry_run)
    total = len(sources)
    for done, source in enumerate(sources, start=1):
        try:
            text = decode_text(source.read())
            result = _run_one(
                lambda text=text, source=source: import_release(
                    text,
                    key=source.key_for(unit),
                    legacy_key=source.key,
                    name=source.name,
                    unit=unit,
                    category=category,
                    status=status,
                    user=user,
                ),
                dry_run,
            )
        except Exception as err:  # one bad file is reported and skipped; the rest import
            logger.info("Import of %s failed", source.name, exc_info=True)
            result = _failed(source.name, err)
        report.add(result)
        if progress:
            progress(done, total, source.name)
    if not dry_run:
        _link_references(report)
    return report


def _link_references(report):
    """Turn BACA JUGA references between imported stories into links, in one transaction."""
    with transaction.atomic():
        linked = resolve_references()
    if linked:
        report.notes.append(
            ngettext(
                "%(count)d rujukan BACA JUGA ditautkan.",
                "%(count)d rujukan BACA JUGA ditautkan.",
                linked,
            )
            % {"count": linked}
        )


def run_wxr_import(data, *, unit, media_dir=None, user=None, dry_run=False, progress=None):
    """Import a WordPress export; raise ``ImportFailure`` before saving anything if it is bad."""
    site = parse_wxr(data)
    importer = WxrImporter(site, unit=unit, media_dir=media_dir, user=user, dry_run=dry_run)
    report = ImportReport(dry_run=dry_run)
    total = len(site.items)
    for done, item in enumerate(site.items, start=1):
        reason = importer.skip_reason(item)
        if reason:
            report.skipped_counts[reason] = report.skipped_counts.get(reason, 0) + 1
        else:
            try:
                result = _run_one(lambda item=item: importer.import_post(item), dry_run)
            except Exception as err:  # one bad post is reported and skipped
                logger.info("Import of post %s failed", item.post_id, exc_info=True)
                result = _failed(f"#{item.post_id} {item.title}", err)
            report.add(result)
        if progress:
            progress(done, total, item.title)
    if not dry_run:
        _link_references(report)
    return report


class ConsoleProgress:
    """Show progress: a bar redrawn in place on a terminal, a line every so often otherwise."""

    def __init__(self, stream, *, verbosity=1, every=25, width=30):
        self.stream = stream
        self.verbosity = verbosity
        self.every = every
        self.width = width
        isatty = getattr(getattr(stream, "_out", stream), "isatty", None)
        self.tty = bool(isatty and isatty())

    def __call__(self, done, total, name):
        if self.verbosity < 1 or not total:
            return
        if self.tty:
            filled = int(self.width * done / total)
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r[{bar}] {done}/{total}", ending="")
            if done == total:
                self.stream.write("")
            self.stream.flush()
        elif done % self.every == 0 or done == total or self.verbosity > 1:
            self.stream.write(
                str(_("%(done)d/%(total)d diproses (%(name)s)"))
                % {"done": done, "total": total, "name": str(name)[:60]}
            )


def write_report(stdout, style, report, verbosity=1):
    """Write the per-item report and the totals of ``report`` to a command's stdout."""
    styles = {
        "imported": style.SUCCESS,
        "updated": style.SUCCESS,
        "unchanged": str,
        "failed": style.ERROR,
        "skipped": style.WARNING,
    }
    for item in report.items:
        if verbosity >= 1 or item.outcome == FAILED:
            line = f"{item.outcome_label.upper():<14} {item.name}"
            if item.reason:
                line += f" — {item.reason}"
            stdout.write(styles[item.outcome](line))
        if verbosity >= 2 or (verbosity >= 1 and item.outcome != "unchanged"):
            for note in item.notes:
                stdout.write(f"    · {note}")
    for reason, count in sorted(report.skipped_counts.items()):
        stdout.write(
            style.WARNING(str(_("Dilewati: %(count)d %(what)s")) % {"count": count, "what": reason})
        )
    for note in report.notes:
        stdout.write(str(note))
    totals = report.totals
    summary = (
        str(
            _(
                "%(imported)d diimpor, %(updated)d diperbarui, %(unchanged)d tidak berubah, "
                "%(failed)d gagal."
            )
        )
        % totals
    )
    if report.dry_run:
        summary = str(_("UJI COBA (tidak ada yang disimpan): ")) + summary
    stdout.write(style.ERROR(summary) if totals["failed"] else style.SUCCESS(summary))
