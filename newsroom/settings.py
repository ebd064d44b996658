"""Humas Newsroom settings: one module, every deploy-time value from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and env_bool("REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    # Development and tests only; production sets SECRET_KEY (see README, Deployment).
    SECRET_KEY = "dev-insecure-secret-key-change-me-" + "x" * 20
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_NAME = env("SITE_NAME", "Humas Newsroom")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # django.contrib.admin with the newsroom's site: the admin index is the desk's dashboard.
    "articles.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_prose_editor",
    # Security: login throttling, TOTP two-factor, Content-Security-Policy.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "articles",
]

MIDDLEWARE = [
    # First: a hit is answered with the headers every middleware below gave the stored page
    # (they depend only on the address; pages holding a CSP nonce are never stored).
    "articles.cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.RequestSanityMiddleware",
    "csp.middleware.CSPMiddleware",
    "newsroom.middleware.SecurityHeadersMiddleware",
    # Outside the page cache, so cache hits are framed out too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "newsroom.middleware.StaffLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsroom.middleware.StaffSessionMiddleware",
    # Old WordPress addresses → 301 to the story (only where nothing else answers).
    "articles.legacy.LegacyRedirectMiddleware",
    # Last, so it sees the login view's outcome (see django-axes docs).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
AUTH_USER_MODEL = "articles.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "articles.context_processors.site",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database: SQLite file by default, PostgreSQL through DATABASE_URL
# ---------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while an editor saves; a busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------
# Cache: local memory on one machine, Redis when REDIS_URL is set
# ---------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
CACHE_KEY_PREFIX = env("CACHE_KEY_PREFIX", "newsroom")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# ---------------------------------------------------------------------------
# Auth
# ---------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# ---------------------------------------------------------------------------
# Language and time
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------------------
# Static and media files
# ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
# Hashed, compressed names in production; plain storage where collectstatic has not run.
STATIC_STORAGE = env(
    "STATIC_STORAGE",
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if not DEBUG
    else "django.contrib.staticfiles.storage.StaticFilesStorage",
)
STORAGES = {
    # S3-compatible storage is a settings change: MEDIA_STORAGE=storages.backends.s3.S3Storage
    "default": {"BACKEND": env("MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": STATIC_STORAGE},
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# ---------------------------------------------------------------------------
# Security (see README, Deployment/Security). Production sets, at least:
#   DEBUG=0 SECRET_KEY=<50+ random chars> REQUIRE_SECRET_KEY=1 ALLOWED_HOSTS=<host>
#   CSRF_TRUSTED_ORIGINS=https://<host> BEHIND_TLS_PROXY=1 SECURE_SSL_REDIRECT=1
#   SECURE_COOKIES=1 SECURE_HSTS_SECONDS=31536000 NEWSROOM_REQUIRE_2FA=1
# ---------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if env_bool("BEHIND_TLS_PROXY", False):
    # Only behind a proxy that overwrites X-Forwarded-Proto; otherwise clients could spoof it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# Scripts never need the CSRF cookie: forms carry the token.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent by newsroom.middleware.SecurityHeadersMiddleware on every response.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Request size: form fields are read into memory, files beyond the limit spill to disk, and
# RequestSanityMiddleware refuses any body larger than NEWSROOM_MAX_REQUEST_BYTES with 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 2000)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 50)
NEWSROOM_MAX_REQUEST_BYTES = env_int("NEWSROOM_MAX_REQUEST_BYTES", 64 * 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o644

# Media: served by Django only through newsroom.media.serve_media (images only, nosniff).
# Set SERVE_MEDIA=0 when the web server or object storage serves MEDIA_URL itself.
NEWSROOM_SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
NEWSROOM_MEDIA_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "avif": "image/avif",
}

# ---------------------------------------------------------------------------
# Content-Security-Policy (django-csp 4). Public pages: no inline script or style, no
# third-party origin. The admin's looser rules are added for /admin/ only, by
# SecurityHeadersMiddleware (see newsroom/middleware.py).
# ---------------------------------------------------------------------------
# Media on object storage (MEDIA_URL=https://bucket.example/…) is the one other image origin.
_CSP_MEDIA_ORIGINS = (
    ["/".join(MEDIA_URL.split("/")[:3])] if MEDIA_URL.startswith("https://") else []
)
if env("AWS_S3_CUSTOM_DOMAIN"):
    _CSP_MEDIA_ORIGINS.append(f"https://{env('AWS_S3_CUSTOM_DOMAIN')}")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_CSP_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
NEWSROOM_ADMIN_CSP_PREFIX = "/admin/"

# ---------------------------------------------------------------------------
# Staff accounts: login throttling (django-axes), idle expiry, two-factor (django-otp)
# ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # Must come first: refuses locked-out credentials before any password check.
    "newsroom.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
# Each list is counted separately: five failures lock the account AND, separately, the address.
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ADMIN = False
# Number of reverse proxies in front of Django; their X-Forwarded-For decides the client IP.
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Staff sessions end after this many idle seconds; readers have no session worth keeping.
NEWSROOM_STAFF_IDLE_SECONDS = env_int("NEWSROOM_STAFF_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 60 * 60)

# Two-factor: any staff member may enrol; with NEWSROOM_REQUIRE_2FA on, Kepala Humas and
# superusers must enrol and verify before any staff page.
NEWSROOM_REQUIRE_2FA = env_bool("NEWSROOM_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1

# ---------------------------------------------------------------------------
# Backups: `manage.py backup` writes timestamped folders here (see README, Backups)
# ---------------------------------------------------------------------------
NEWSROOM_BACKUP_DIR = Path(env("NEWSROOM_BACKUP_DIR", BASE_DIR / "backups"))

# ---------------------------------------------------------------------------
# Email (console in development)
# ---------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "humas@localhost")
NEWSROOM_NOTIFY_EMAILS = env_list("NEWSROOM_NOTIFY_EMAILS")

# ---------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# ---------------------------------------------------------------------------
# Newsroom
# ---------------------------------------------------------------------------
TAGGIT_CASE_INSENSITIVE = True
NEWSROOM_PAGE_SIZE = env_int("NEWSROOM_PAGE_SIZE", 20)
# Where the staff pages live (they follow the browser's language; the public site its prefix).
NEWSROOM_STAFF_PATH = "admin/"
# How long a signed preview link of an unpublished story works.
NEWSROOM_PREVIEW_SECONDS = env_int("NEWSROOM_PREVIEW_SECONDS", 2 * 24 * 60 * 60)

# ---------------------------------------------------------------------------
# Photos (pipeline in articles/images.py)
# ---------------------------------------------------------------------------
NEWSROOM_IMAGE_MAX_BYTES = env_int("NEWSROOM_IMAGE_MAX_BYTES", 20 * 1024 * 1024)
# Decoded size limit (decompression bombs); 50 MP covers every phone camera in use.
NEWSROOM_IMAGE_MAX_PIXELS = env_int("NEWSROOM_IMAGE_MAX_PIXELS", 50_000_000)
NEWSROOM_IMAGE_WIDTHS = [
    int(w) for w in env_list("NEWSROOM_IMAGE_WIDTHS", "480,800,1200,1600") if w.isdigit()
]
NEWSROOM_IMAGE_THUMB_SIZE = env_int("NEWSROOM_IMAGE_THUMB_SIZE", 400)

# ---------------------------------------------------------------------------
# Comments (rules in articles/comments.py)
# ---------------------------------------------------------------------------
NEWSROOM_COMMENT_MAX_LENGTH = env_int("NEWSROOM_COMMENT_MAX_LENGTH", 3000)
NEWSROOM_COMMENT_MAX_LINKS = env_int("NEWSROOM_COMMENT_MAX_LINKS", 2)  # more links: held
NEWSROOM_COMMENT_MAX_DEPTH = env_int("NEWSROOM_COMMENT_MAX_DEPTH", 3)
NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = env_int("NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS", 30)  # 0: never
# Approve a commenter automatically once an earlier comment of theirs was approved.
NEWSROOM_COMMENT_AUTO_APPROVE_KNOWN = env_bool("NEWSROOM_COMMENT_AUTO_APPROVE_KNOWN", False)
NEWSROOM_COMMENT_MIN_SECONDS = env_int("NEWSROOM_COMMENT_MIN_SECONDS", 3)
# Comments per period from one email address, and from one client address: many phones share
# one carrier address (CGNAT), so the per-address limit is much higher. The per-address limit
# is never below the per-email one (before it had its own setting, one value set both).
NEWSROOM_COMMENT_RATE_LIMIT = env_int("NEWSROOM_COMMENT_RATE_LIMIT", 5)  # per email
NEWSROOM_COMMENT_IP_RATE_LIMIT = env_int(
    "NEWSROOM_COMMENT_IP_RATE_LIMIT", max(30, NEWSROOM_COMMENT_RATE_LIMIT)
)
NEWSROOM_COMMENT_RATE_PERIOD = env_int("NEWSROOM_COMMENT_RATE_PERIOD", 600)  # seconds, both
NEWSROOM_COMMENT_DATA_RETENTION_DAYS = env_int("NEWSROOM_COMMENT_DATA_RETENTION_DAYS", 90)
NEWSROOM_PENDING_COMMENT_COOKIE = env("NEWSROOM_PENDING_COMMENT_COOKIE", "nr_pending")
# A request header set by the trusted proxy to the client's address, e.g. HTTP_X_REAL_IP. Unset
# behind the TLS proxy, the last X-Forwarded-For entry (the one our proxy appended) is used:
# REMOTE_ADDR is then the proxy's own address, the same for every reader.
NEWSROOM_COMMENT_IP_HEADER = env("NEWSROOM_COMMENT_IP_HEADER", "")
NEWSROOM_COMMENT_BEHIND_PROXY = env_bool("BEHIND_TLS_PROXY", False)

# ---------------------------------------------------------------------------
# Media on S3-compatible object storage (django-storages), with
# MEDIA_STORAGE=storages.backends.s3.S3Storage, SERVE_MEDIA=0 and MEDIA_URL=https://<public host>/.
# Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3 itself.
# ---------------------------------------------------------------------------
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL") or None  # any S3-compatible service
AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME") or None
AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN") or None  # the public host of MEDIA_URL
AWS_DEFAULT_ACL = None  # the bucket's policy decides who reads
AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)  # public photos: plain URLs
AWS_S3_FILE_OVERWRITE = False
# Stored names are random and never reused, so browsers may keep them for a year.
AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}

# ---------------------------------------------------------------------------
# Page cache (articles/cache.py): anonymous GET/HEAD of public pages, exact invalidation
# ---------------------------------------------------------------------------
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)
# Only bounds memory: a change invalidates at once, whatever this says.
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 900)
# One render holds a cold page this long at most; others wait up to WAIT_MS for its copy.
NEWSROOM_PAGE_CACHE_LOCK_SECONDS = env_int("NEWSROOM_PAGE_CACHE_LOCK_SECONDS", 10)
NEWSROOM_PAGE_CACHE_WAIT_MS = env_int("NEWSROOM_PAGE_CACHE_WAIT_MS", 3000)
# Path prefixes (without the language prefix) never cached.
NEWSROOM_PAGE_CACHE_EXCLUDE = env_list(
    "NEWSROOM_PAGE_CACHE_EXCLUDE", "/admin/,/i18n/,/komentar/,/media/,/static/"
)
# LocMem only: the file whose size is the generation, shared by the workers of one machine
# (default: beside the SQLite database). With REDIS_URL the counter lives in Redis.
NEWSROOM_PAGE_CACHE_STAMP = env("NEWSROOM_PAGE_CACHE_STAMP", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
