"""The documented production environment passes ``check --deploy`` without a single issue."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

# Keep in step with the README's Deployment/Security table.
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "Zq8v-5gR_y2M7kLp0WnXc3Tb6HsJd9Fe1Ua4Vi8Oo2Kr7Ym5Qw3Ez0Lt6Nb9Cx1Ga",
    "REQUIRE_SECRET_KEY": "1",
    "ALLOWED_HOSTS": "humas.contoh.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://humas.contoh.go.id",
    "SITE_URL": "https://humas.contoh.go.id",
    "BEHIND_TLS_PROXY": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_COOKIES": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "NEWSROOM_REQUIRE_2FA": "1",
}


def run_deploy_check(extra_env):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and not key.startswith(("DJANGO_", "SECURE_"))
    }
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_environment_passes_check_deploy():
    result = run_deploy_check(PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_development_defaults_are_reported_by_check_deploy():
    """The check is not vacuous: without the production values it complains."""
    result = run_deploy_check({"DEBUG": "1"})
    assert result.returncode == 1
    for code in ["security.W004", "security.W008", "security.W012", "security.W018"]:
        assert code in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_deploy_check(env)
    assert result.returncode == 1
    assert "SECRET_KEY must be set in production." in result.stderr


def test_media_on_object_storage_is_the_only_extra_image_origin():
    env = {
        **PRODUCTION_ENV,
        "MEDIA_URL": "https://media.contoh.go.id/",
        "AWS_S3_CUSTOM_DOMAIN": "cdn.contoh.go.id",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "d = settings.CONTENT_SECURITY_POLICY['DIRECTIVES']; "
        "print(' '.join(d['img-src'])); print(' '.join(d['script-src']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    img_src, script_src = result.stdout.splitlines()
    assert img_src == "'self' data: https://media.contoh.go.id https://cdn.contoh.go.id"
    assert script_src == "'self'"
