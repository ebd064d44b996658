"""Consistent snapshots of the database and media, and bringing them back.

SQLite goes through its online backup API (a consistent copy while the site keeps writing);
PostgreSQL through ``pg_dump``/``pg_restore`` in the custom format. Media files are written once
under random names, so a tarball taken after the database snapshot holds every file it names.
"""

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
COUNTED_MODELS = ["articles.Article", "articles.Revision", "articles.Comment", "articles.Photo"]


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, translated."""


def engine_kind(alias="default"):
    engine = connections[alias].settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(_("Mesin basis data %(engine)s tidak didukung.") % {"engine": engine})


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def postgres_env_and_args(alias):
    """Return the environment and connection arguments for pg_dump/pg_restore."""
    conf = connections[alias].settings_dict
    env = {**os.environ}
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = conf["PASSWORD"]
    args = ["--dbname", conf["NAME"]]
    if conf.get("USER"):
        args += ["--username", conf["USER"]]
    if conf.get("HOST"):
        args += ["--host", conf["HOST"]]
    if conf.get("PORT"):
        args += ["--port", str(conf["PORT"])]
    return env, args


def require_tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _("%(tool)s tidak ditemukan di PATH: pasang klien PostgreSQL yang sesuai versi server.")
            % {"tool": name}
        )
    return path


def run_tool(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s gagal: %(error)s")
            % {"tool": Path(command[0]).name, "error": result.stderr.strip()}
        )


def require_media_on_disk():
    """Refuse to back up or restore photos that do not live under MEDIA_ROOT (S3 and the like).

    Archiving MEDIA_ROOT there would write an empty archive and report success.
    """
    if not isinstance(default_storage, FileSystemStorage):
        raise BackupError(
            _(
                "Foto disimpan di %(storage)s, bukan di MEDIA_ROOT: cadangkan bucket-nya dengan "
                "alat penyimpanan itu sendiri dan jalankan perintah ini dengan --no-media."
            )
            % {"storage": type(default_storage._wrapped).__name__}
        )


def create_backup(target_dir=None, include_media=True, alias="default"):
    """Write a snapshot folder and return its path."""
    kind = engine_kind(alias)
    if include_media:
        require_media_on_disk()
    target_dir = Path(target_dir or settings.NEWSROOM_BACKUP_DIR)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = target_dir / f"newsroom-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    connection = connections[alias]
    if kind == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(folder / SQLITE_FILE)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        database_file = SQLITE_FILE
    else:
        env, args = postgres_env_and_args(alias)
        dump = require_tool("pg_dump")
        run_tool(
            [
                dump,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                *args,
                "--file",
                str(folder / POSTGRES_FILE),
            ],
            env,
        )
        database_file = POSTGRES_FILE
    files = [database_file]
    media_root = Path(settings.MEDIA_ROOT)
    if include_media:
        with tarfile.open(folder / MEDIA_FILE, "w:gz") as archive:
            if media_root.is_dir():
                archive.add(media_root, arcname="media")
        files.append(MEDIA_FILE)
    manifest = {
        "format": 1,
        "created_at": timezone.now().isoformat(),
        "engine": kind,
        "django": django.get_version(),
        "migrations": sorted(
            f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
        ),
        "counts": {
            label: apps.get_model(label).objects.using(alias).count() for label in COUNTED_MODELS
        },
        "files": {name: sha256(folder / name) for name in files},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return folder


def read_manifest(folder):
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as err:
        raise BackupError(
            _("%(folder)s bukan folder cadangan yang sah: %(error)s")
            % {"folder": folder, "error": err}
        ) from err
    for name, digest in manifest.get("files", {}).items():
        if not (folder / name).is_file() or sha256(folder / name) != digest:
            raise BackupError(
                _("Berkas %(name)s hilang atau rusak (checksum tidak cocok).") % {"name": name}
            )
    return manifest


def restore_backup(folder, include_media=True, alias="default"):
    """Replace the database (and media) with the snapshot in ``folder``; return its manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    kind = engine_kind(alias)
    if manifest["engine"] != kind:
        raise BackupError(
            _("Cadangan ini dari %(backup)s, basis data sekarang %(current)s.")
            % {"backup": manifest["engine"], "current": kind}
        )
    restore_media_too = include_media and MEDIA_FILE in manifest["files"]
    if restore_media_too:
        require_media_on_disk()
    connection = connections[alias]
    if kind == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(folder / SQLITE_FILE)
        try:
            # One write transaction on the live database: it fails whole or not at all.
            source.backup(connection.connection)
        except sqlite3.Error as err:
            raise BackupError(
                _("Basis data cadangan tidak dapat dipulihkan: %(error)s") % {"error": err}
            ) from err
        finally:
            source.close()
    else:
        connection.close()
        restore_postgres(folder / POSTGRES_FILE, alias)
    if restore_media_too:
        restore_media(folder / MEDIA_FILE)
    return manifest


def restore_postgres(dump, alias):
    """Replace the database with ``dump`` in ONE transaction: a failure leaves it as it was.

    pg_restore turns the dump into SQL, which psql runs after emptying the schema (so tables
    added after the snapshot do not linger), all between one BEGIN and COMMIT. The SQL is
    streamed through this process, which closes psql's input (so it commits) only once
    pg_restore has succeeded; otherwise psql is killed and the server rolls back.
    """
    env, args = postgres_env_and_args(alias)
    restore, psql = require_tool("pg_restore"), require_tool("psql")
    with tempfile.TemporaryFile() as restore_errors, tempfile.TemporaryFile() as psql_errors:
        consumer = subprocess.Popen(
            [psql, "-X", "-q", "--set", "ON_ERROR_STOP=1", "--single-transaction",
             "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", "-f", "-", *args],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=psql_errors, env=env,
        )  # fmt: skip
        producer = subprocess.Popen(
            [restore, "--no-owner", "--no-privileges", "--file=-", str(dump)],
            stdout=subprocess.PIPE, stderr=restore_errors, env=env,
        )  # fmt: skip
        psql_stopped = False
        try:
            shutil.copyfileobj(producer.stdout, consumer.stdin, 1024 * 1024)
        except BrokenPipeError:
            psql_stopped = True  # at an error, rolled back; its message says which
        finally:
            producer.stdout.close()  # a pg_restore still writing stops too
        restore_failed = producer.wait() != 0
        if restore_failed and not psql_stopped:
            consumer.kill()  # before it could commit a half-read dump
        with contextlib.suppress(BrokenPipeError):
            consumer.stdin.close()  # the end of the input: psql commits, unless killed above
        psql_failed = consumer.wait() != 0
        if psql_stopped or (psql_failed and not restore_failed):
            raise BackupError(_tool_failure("psql", psql_errors))
        if restore_failed:
            raise BackupError(_tool_failure("pg_restore", restore_errors))


def _tool_failure(tool, errors):
    errors.seek(0)
    message = errors.read().decode("utf-8", "replace").strip()
    return _("%(tool)s gagal: %(error)s") % {"tool": tool, "error": message}


def restore_media(archive_path):
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        for member in archive.getmembers():
            if member.name != "media" and not member.name.startswith("media/"):
                raise BackupError(
                    _("Berkas asing di arsip media: %(name)s") % {"name": member.name}
                )
            member.name = member.name[len("media/") :] if member.name != "media" else "."
        # The "data" filter refuses absolute paths, links out of the folder and device files.
        archive.extractall(media_root, filter="data")
