"""What every command of this app shares: help texts that follow the active language."""

from django.core.management.base import BaseCommand


class TranslatedCommand(BaseCommand):
    """A command whose ``help`` may be a lazy translation (``gettext_lazy``).

    argparse wraps the description with a regular expression, which needs a real ``str``: the
    lazy text is turned into one, in the language active now, when the parser is made.
    """

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)
