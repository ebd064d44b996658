"""The production configuration: media on S3-compatible storage, the gunicorn settings."""

import runpy
from pathlib import Path

from django.core.files.storage import storages
from storages.backends.s3 import S3Storage

ROOT = Path(__file__).resolve().parents[2]


def test_media_go_to_an_s3_compatible_bucket_by_settings_alone(settings):
    """MEDIA_STORAGE plus the bucket settings is all it takes; photo URLs are plain and public."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }
    settings.AWS_STORAGE_BUCKET_NAME = "humas-media"
    settings.AWS_S3_ENDPOINT_URL = "https://s3.contoh.id"
    settings.AWS_S3_CUSTOM_DOMAIN = "media.humas.contoh.id"
    storages._storages = {}
    try:
        storage = storages["default"]
        assert isinstance(storage, S3Storage)
        assert storage.bucket_name == "humas-media"
        assert storage.url("photos/2026/11/abc.jpg") == (
            "https://media.humas.contoh.id/photos/2026/11/abc.jpg"
        )
        assert storage.file_overwrite is False
    finally:
        storages._storages = {}


def test_the_gunicorn_config_reads_its_environment(monkeypatch):
    """Bind address, workers and threads come from the environment, with threaded workers."""
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9123")
    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    config = runpy.run_path(str(ROOT / "newsroom" / "gunicorn.conf.py"))
    assert config["bind"] == ["127.0.0.1:9123"]
    assert config["workers"] == 5
    assert config["worker_class"] == "gthread"
    assert config["wsgi_app"] == "newsroom.wsgi:application"
    # A burst of cached pages (thousands a second) must not recycle workers every few seconds.
    assert config["max_requests"] >= 1_000_000
    assert config["max_requests_jitter"] > 0
