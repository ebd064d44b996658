"""Every command of the app prints its --help, in Indonesian by default and in English."""

import pytest
from django.core.management import get_commands, load_command_class
from django.utils import translation

COMMANDS = sorted(name for name, app in get_commands().items() if app == "articles")


def help_text(name):
    command = load_command_class("articles", name)
    return command.create_parser("manage.py", name).format_help()


def test_the_app_has_its_commands():
    assert {"backup", "restore", "seed_bulk", "import_wxr"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_is_printed_in_either_language(name):
    indonesian = help_text(name)
    with translation.override("en"):
        english = help_text(name)
    assert f"manage.py {name}" in indonesian and f"manage.py {name}" in english
    assert indonesian != english  # the description and options are translated


def test_help_texts_read_as_written():
    assert "Cadangkan basis data" in help_text("backup")
    assert "Lewati folder media." in help_text("backup")
    with translation.override("en"):
        assert "Back up the database" in help_text("backup")
        assert "Skip the media folder." in help_text("backup")
        assert "Only photos that have no renditions yet." in help_text("rebuild_renditions")
