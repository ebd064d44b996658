"""Photo files in storage: deleted with their row once it commits, and orphans found later.

A photo is its original plus the renditions named in ``Photo.renditions``. When a row goes
(photo library, gallery inline, bulk delete, or its story's cascade) the ``post_delete``
receiver here schedules its files for deletion on commit, so a rolled-back delete never loses
a file. A storage failure is logged, never raised: the editor's delete has already happened,
and ``prune_media`` finds whatever was left behind (or left by a crash, or by an upload whose
transaction rolled back).

Only the storage API is used (``delete``, ``listdir``, ``size``, ``get_modified_time``), so it
works the same on the local file system and on S3.
"""

import datetime
import logging
import posixpath
from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from .models.media import PHOTO_DIR

logger = logging.getLogger(__name__)


def stored_names(photo):
    """Return every name ``photo`` keeps in storage: its original first, then its renditions."""
    names = [photo.file.name] if photo.file else []
    names += [name for name in (photo.renditions or {}).values() if name]
    return list(dict.fromkeys(names))


def delete_files(storage, names):
    """Delete ``names`` from ``storage``; log each failure, go on with the rest, return them.

    Any exception counts (S3 raises botocore errors, not ``OSError``): a file left behind is
    for ``prune_media``, an error here would turn a finished delete into a server error.
    Returns ``{name: exception}`` for the files that could not be deleted.
    """
    failed = {}
    for name in names:
        try:
            storage.delete(name)
        except Exception as error:
            logger.exception("Could not delete stored photo file %s", name)
            failed[name] = error
    return failed


def delete_files_on_commit(storage, names, using=None):
    """Delete ``names`` once the current transaction commits (never if it rolls back)."""
    names = list(names)
    if names:
        transaction.on_commit(lambda: delete_files(storage, names), using=using)


@receiver(post_delete, sender="articles.Photo", dispatch_uid="articles.photo_files.deleted")
def delete_photo_files(sender, instance, using, **kwargs):
    """Take a deleted photo's original and renditions out of storage after the commit.

    ``post_delete`` and not ``Photo.delete()``: querysets and cascades never call the latter.
    """
    names = stored_names(instance)
    storage = instance.file.storage

    def delete_unreferenced():
        # A row still naming the original (a copied row, a restored backup) keeps its files.
        try:
            shared = sender._base_manager.using(using).filter(file=names[0]).exists()
        except Exception:
            logger.exception("Could not check whether photo file %s is shared; kept", names[0])
            return
        if shared:
            logger.warning("Photo file %s is still used by another photo; kept", names[0])
            return
        delete_files(storage, names)

    if names:
        transaction.on_commit(delete_unreferenced, using=using)


# ---------------------------------------------------------------------------
# Orphans: files under the photos folder that no row names
# ---------------------------------------------------------------------------
@dataclass
class StoredFile:
    name: str
    size: int
    modified: datetime.datetime | None


@dataclass
class OrphanReport:
    orphans: list  # StoredFile, old enough to delete
    recent: list  # StoredFile, no row names them but within the grace period (maybe in flight)
    referenced: int  # files a row names


def walk(storage, top=PHOTO_DIR):
    """Yield the name of every file under ``top`` in ``storage``."""
    try:
        folders, files = storage.listdir(top)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(top, name)
    for folder in sorted(folders):
        yield from walk(storage, posixpath.join(top, folder))


def referenced_names(photos):
    """Return the set of every stored name the ``photos`` rows point at."""
    names = set()
    for file, renditions in photos.values_list("file", "renditions").iterator(chunk_size=2000):
        if file:
            names.add(file)
        names.update(name for name in (renditions or {}).values() if name)
    return names


def _describe(storage, name):
    try:
        modified = storage.get_modified_time(name)
    except NotImplementedError:
        modified = None
    return StoredFile(name=name, size=storage.size(name), modified=modified)


def find_orphans(storage, photos, *, older_than):
    """Return the files under the photos folder that no row of ``photos`` names.

    A file is an orphan only if modified more than ``older_than`` (a timedelta) ago: an upload
    in flight is stored before its row commits. A file whose age is unknown is never one.
    """
    # Listed before the rows are read: a row committed meanwhile still protects its files.
    names = list(walk(storage))
    referenced = referenced_names(photos)
    cutoff = timezone.now() - older_than
    report = OrphanReport(orphans=[], recent=[], referenced=0)
    for name in names:
        if name in referenced:
            report.referenced += 1
            continue
        try:
            stored = _describe(storage, name)
        except FileNotFoundError:
            continue  # deleted since it was listed
        if stored.modified is not None and stored.modified < cutoff:
            report.orphans.append(stored)
        else:
            report.recent.append(stored)
    return report
