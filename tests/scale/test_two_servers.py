"""Two app servers share one database and one cache: a change made through one shows on both.

On the PostgreSQL + Redis leg the servers use the test database and Redis, as in production.
On the SQLite leg they share one SQLite file and each keeps its own local-memory cache; the
generation stamp beside the database file is what keeps them in step.
"""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.gunicorn_support import gunicorn_bind, listening_socket

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "kata-sandi-uji-dua-server"
STARTUP_SECONDS = 60

SETUP = f"""
import json
from django.contrib.auth import get_user_model
from tests.factories import ArticleFactory, CommentFactory, UnitFactory
unit = UnitFactory(name="Polres Dua Server")
get_user_model().objects.create_superuser(
    "kepala-uji", "kepala@humas.test", "{PASSWORD}", unit=unit
)
story = ArticleFactory(title="Patroli Gabungan Malam Minggu", unit=unit)
comment = CommentFactory(
    article=story, body="Terima kasih, lingkungan kami jadi aman.", status="pending"
)
print(json.dumps({{"url": story.get_absolute_url(), "story": story.pk, "comment": comment.pk}}))
"""

# A third process (an import job, a worker) changing the story the way an editorial action does.
RETITLE = """
from django.db import transaction
from articles.models import Article
from articles.signals import article_changed
story = Article.objects.get(pk={pk})
with transaction.atomic():
    story.title = "Patroli Gabungan Diperluas ke Seluruh Kecamatan"
    story.save()
    transaction.on_commit(lambda: article_changed.send(
        sender=Article, article=story, old_urls=[], public_changed=True))
"""


def strict():
    return os.environ.get("NEWSROOM_STRICT_TESTS") == "1" or os.environ.get("CI") == "true"


def database_url(tmp_path):
    """Return the DATABASE_URL of a database this test and both servers can all reach."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = urllib.parse.quote(db["USER"] or "")
        if db.get("PASSWORD"):
            auth += ":" + urllib.parse.quote(db["PASSWORD"])
        return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return f"sqlite:///{tmp_path / 'shared.sqlite3'}"


@pytest.fixture
def server_env(tmp_path):
    if connection.vendor == "postgresql" and not settings.REDIS_URL and strict():
        pytest.fail("The two-server test needs Redis (REDIS_URL) beside PostgreSQL.")
    env = {
        **os.environ,
        "DATABASE_URL": database_url(tmp_path),
        "DEBUG": "0",
        "SECRET_KEY": "two-servers-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "NEWSROOM_PAGE_CACHE": "1",
        "NEWSROOM_REQUIRE_2FA": "0",
        "CACHE_KEY_PREFIX": f"two-servers-{uuid.uuid4().hex[:8]}",
        "LOG_LEVEL": "ERROR",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
    }
    if settings.REDIS_URL:
        env["REDIS_URL"] = settings.REDIS_URL
    else:
        env.pop("REDIS_URL", None)
    if connection.vendor == "sqlite":
        manage(env, "migrate", "--noinput")
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


class Server:
    """A production gunicorn on a free loopback port."""

    def __init__(self, env, run_dir):
        listener = listening_socket()
        self.port = listener.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        # gunicorn's control socket goes in $XDG_RUNTIME_DIR, else at one path for every
        # gunicorn of the user ($HOME/.gunicorn/gunicorn.ctl), which another test run may hold.
        run_dir.mkdir()
        with listener:  # gunicorn holds its own copy; the port is its alone from here
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "newsroom/gunicorn.conf.py"],
                cwd=ROOT,
                env={
                    **env,
                    "GUNICORN_BIND": gunicorn_bind(listener),
                    "XDG_RUNTIME_DIR": str(run_dir),
                },
                pass_fds=[listener.fileno()],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )

    def wait_until_listening(self):
        """Wait for gunicorn's first answer (the socket accepts before the workers are up)."""
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/robots.txt", timeout=5).close()
                return
            except urllib.error.HTTPError:
                return  # an answer all the same
            except OSError:
                try:
                    self.process.wait(timeout=0.1)  # doubles as the pause between tries
                except subprocess.TimeoutExpired:
                    continue
                raise AssertionError(self.process.stderr.read().decode()) from None
        raise AssertionError(f"gunicorn did not answer on {self.port} in {STARTUP_SECONDS}s")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def read(self, path):
        """GET ``path`` as an anonymous reader; return (body, X-Page-Cache)."""
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return response.read().decode(), response.headers.get("X-Page-Cache")


class Editor:
    """A logged-in desk member driving the admin of one server."""

    def __init__(self, server):
        self.server = server
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def _open(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        with self.opener.open(self.server.base + path, data=body, timeout=30) as response:
            return response.geturl(), response.read().decode()

    def _token(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def log_in(self):
        _url, html = self._open("/admin/login/?next=/admin/")
        fields = {"username": "kepala-uji", "password": PASSWORD, "next": "/admin/"}
        url, _html = self._open(
            "/admin/login/?next=/admin/", {**fields, "csrfmiddlewaretoken": self._token(html)}
        )
        assert "/login/" not in url, "the editor could not log in"

    def approve_comment(self, pk):
        _url, html = self._open("/admin/articles/comment/")
        data = {
            "action": "approve",
            "_selected_action": pk,
            "index": 0,
            "csrfmiddlewaretoken": self._token(html),
        }
        self._open("/admin/articles/comment/", data)


@pytest.fixture
def servers(server_env, tmp_path):
    pair = [Server(server_env, tmp_path / "a"), Server(server_env, tmp_path / "b")]
    try:
        for server in pair:
            server.wait_until_listening()
        yield pair
    finally:
        for server in pair:
            server.stop()


@pytest.mark.django_db(transaction=True)
def test_a_change_through_one_server_shows_on_the_other(server_env, servers):
    """Approve a comment through A's admin and edit through a third process: B shows both."""
    made = json.loads(manage(server_env, "shell", "-c", SETUP).strip().splitlines()[-1])
    a, b = servers
    for server in (a, b):
        server.read(made["url"])
        body, state = server.read(made["url"])
        assert state == "hit", "the second anonymous read should come from the cache"
        assert "lingkungan kami jadi aman" not in body

    editor = Editor(a)
    editor.log_in()
    editor.approve_comment(made["comment"])
    for server in (b, a):
        body, _state = server.read(made["url"])
        assert "lingkungan kami jadi aman" in body, server.base

    for server in (a, b):
        server.read(made["url"])
        server.read("/")
    manage(server_env, "shell", "-c", RETITLE.format(pk=made["story"]))
    for server in (b, a):
        for path in (made["url"], "/"):
            body, _state = server.read(path)
            assert "Diperluas ke Seluruh Kecamatan" in body, (server.base, path)
