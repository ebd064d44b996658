"""A database outage under load: readable 503s, recovery by itself, no acknowledged comment lost.

The test makes its own PostgreSQL cluster (initdb + pg_ctl on a spare port in a temporary
folder) and serves the app with gunicorn against it; the machine's shared server is never touched.
"""

import contextlib
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.gunicorn_support import gunicorn_bind, listening_socket

BASE_DIR = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
STRICT = os.environ.get("NEWSROOM_STRICT_TESTS") == "1"
OUTAGE_TEXT = "Layanan sedang terganggu"


def spare_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A throwaway PostgreSQL cluster run as the postgres user when we are root."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="newsroom-outage-"))
        self.data = self.root / "data"
        self.port = spare_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            # initdb refuses to run as root; the folder must belong to the server's user.
            shutil.chown(self.root, "postgres", "postgres")

    def run(self, *command):
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        return subprocess.run(
            [*prefix, *command], check=True, capture_output=True, text=True, timeout=120
        )

    def init(self):
        self.run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        )

    def start(self):
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self):
        self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/newsroom"

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Reader:
    """One reader's browser: cookies, no automatic redirects, every answer recorded."""

    def __init__(self, base, log):
        self.base = base
        self.log = log
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=15) as response:
                status, headers, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as err:
            status, headers, content = err.code, err.headers, err.read()
        text = content.decode("utf-8", "replace")
        self.log.append((path, status, text))
        return status, headers, text


def server_env(cluster, media_root):
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DATABASE_URL=cluster.url,
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        MEDIA_ROOT=str(media_root),
        STATIC_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        NEWSROOM_COMMENT_MIN_SECONDS="0",
        NEWSROOM_COMMENT_RATE_LIMIT="1000000",
        PYTHONUNBUFFERED="1",
    )
    return env


SEED = """
from django.utils import timezone
from articles.models import Article, Unit
unit = Unit.objects.create(name="Polres Uji Gangguan", slug="polres-uji", kind="polres")
Article.objects.create(title="Berita Uji Gangguan", slug="berita-uji-gangguan", unit=unit,
    body="<p>Isi.</p>", status="published", publish_at=timezone.now())
"""


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def cluster():
    if not (PG_BIN / "initdb").exists() or (os.geteuid() == 0 and not shutil.which("runuser")):
        if STRICT:
            pytest.fail("PostgreSQL 15 server binaries (initdb, pg_ctl) are required in CI.")
        pytest.skip("PostgreSQL 15 server binaries are not installed")
    cluster = Cluster()
    try:
        cluster.init()
        cluster.start()
        cluster.run(
            str(PG_BIN / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(cluster.port),
            "-U",
            "postgres",
            "-c",
            "CREATE DATABASE newsroom",
        )
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def server(cluster, tmp_path):
    env = server_env(cluster, tmp_path / "media")
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    subprocess.run(
        [*manage, "migrate", "--noinput", "-v0"], cwd=BASE_DIR, env=env, check=True, timeout=300
    )
    subprocess.run([*manage, "shell", "-c", SEED], cwd=BASE_DIR, env=env, check=True, timeout=120)
    listener = listening_socket()
    port = listener.getsockname()[1]
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "newsroom.wsgi",
            "-b",
            gunicorn_bind(listener),
            "--workers",
            "2",
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
        ],
        cwd=BASE_DIR,
        # Its own control socket, not the one path every gunicorn of the user shares by default.
        env={**env, "XDG_RUNTIME_DIR": str(tmp_path)},
        pass_fds=[listener.fileno()],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    listener.close()  # gunicorn holds its own copy
    base = f"http://127.0.0.1:{port}"
    probe = Reader(base, [])
    try:
        wait_for(lambda: _status(probe, "/berita/berita-uji-gangguan/") == 200, 60, "gunicorn")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _status(reader, path):
    try:
        return reader.request(path)[0]
    except OSError:
        return None


def post_comments(base, article_pk, stop, acknowledged, log, worker):
    """Post comments until told to stop; remember (pk, body) for every acknowledged one."""
    reader = Reader(base, log)
    n = 0
    while not stop.is_set():
        n += 1
        body = f"Komentar beban {worker}-{n}: lalu lintas lancar."
        try:
            status, _headers, text = reader.request("/komentar/token/")
            if status != 200:
                continue
            token = json.loads(text)
            status, headers, _text = reader.request(
                f"/komentar/{article_pk}/kirim/",
                {
                    "csrfmiddlewaretoken": token["csrfToken"],
                    "stamp": token["stamp"],
                    "name": f"Pembaca {worker}",
                    "email": f"pembaca{worker}-{n}@contoh.test",
                    "body": body,
                    "consent": "on",
                    "situs": "",
                },
            )
        except OSError:
            continue  # no answer is no acknowledgement
        if status == 302:
            match = re.search(r"#komentar-(\d+)$", headers["Location"])
            assert match, headers["Location"]
            acknowledged.append((int(match.group(1)), body))


def stored_comments(cluster):
    import psycopg

    with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as conn:
        return dict(conn.execute("SELECT id, body FROM articles_comment").fetchall())


def article_pk(cluster):
    import psycopg

    with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as conn:
        return conn.execute("SELECT id FROM articles_article").fetchone()[0]


def test_database_outage_answers_503_and_recovers_without_losing_comments(cluster, server):
    pk = article_pk(cluster)
    log, acknowledged, stop = [], [], threading.Event()
    workers = [
        threading.Thread(target=post_comments, args=(server, pk, stop, acknowledged, log, i))
        for i in range(3)
    ]
    for worker in workers:
        worker.start()
    probe = Reader(server, log)
    try:
        wait_for(lambda: len(acknowledged) >= 10, 60, "comments before the outage")

        cluster.stop()
        outage_started = len(log)
        n = iter(range(10**6))
        wait_for(lambda: probe.request(f"/berita/tidak-ada-{next(n)}/")[0] == 503, 30, "a 503 page")
        wait_for(
            lambda: any(
                status == 503 and "/kirim/" in path for path, status, _t in log[outage_started:]
            ),
            30,
            "a comment refused with 503",
        )
        during = len(acknowledged)

        cluster.start()
        # Both workers reconnect by themselves: ten story pages in a row come back whole.
        wait_for(
            lambda: all(probe.request("/berita/berita-uji-gangguan/")[0] == 200 for _ in range(10)),
            60,
            "recovery",
        )
        wait_for(lambda: len(acknowledged) >= during + 10, 60, "comments after recovery")
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=60)

    outage_pages = [text for _p, status, text in log if status == 503]
    assert outage_pages
    for text in outage_pages:
        assert OUTAGE_TEXT in text
        assert "Traceback" not in text and "OperationalError" not in text
    assert not [(p, s) for p, s, _t in log if s >= 500 and s != 503]

    stored = stored_comments(cluster)
    lost = [(pk, body) for pk, body in acknowledged if stored.get(pk) != body]
    assert lost == []
    assert len(acknowledged) >= 20
