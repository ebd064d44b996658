"""Shared fixtures: a clean cache and media folder per test, time as data."""

import datetime

import pytest
from django.core.cache import cache
from django.db.models.signals import post_migrate
from django.utils import timezone, translation


def _restore_staff_groups(sender, using="default", **kwargs):
    """Re-create the staff groups after a transactional test's flush.

    They come from a data migration, so the flush that ends a live-server or other transactional
    test would leave every later test without them. The flush emits post_migrate (permissions
    come back that way); this puts the groups back too.
    """
    from django.contrib.auth.models import Group, Permission

    from articles.roles import GROUP_PERMISSIONS

    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(Permission.objects.using(using).filter(codename__in=codenames))


post_migrate.connect(_restore_staff_groups, dispatch_uid="tests.restore_staff_groups")


@pytest.fixture(autouse=True)
def _isolated_cache_and_media(settings, tmp_path):
    """Give every test an empty cache and its own media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # The page cache is tested in tests/scale/, which turns it back on.
    settings.NEWSROOM_PAGE_CACHE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """A request to an English page (``/en/…``) leaves English active in this thread; later
    tests (commands run with call_command, text written with gettext) expect the default."""
    yield
    translation.deactivate()


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def clock(now):
    """``clock.yesterday``, ``clock.tomorrow`` … relative to one fixed instant."""

    class Clock:
        def __init__(self, instant):
            self.now = instant
            self.yesterday = instant - datetime.timedelta(days=1)
            self.tomorrow = instant + datetime.timedelta(days=1)
            self.hour_ago = instant - datetime.timedelta(hours=1)
            self.in_an_hour = instant + datetime.timedelta(hours=1)

    return Clock(now)
