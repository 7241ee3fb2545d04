"""argparse with a Dutch frame: usage, section titles, -h and every error a user meets, and an error that is one
line (exit 2) instead of argparse's usage block. Messages argparse has that are not translated stay as it says them.
"""

from __future__ import annotations

import argparse
import re


class ArgumentFout(Exception):
    """A bad command line: printed as one line, exit code 2 (argparse would print the usage too)."""


# argparse's messages in Dutch (the ones a user meets); anything else stays as argparse says it.
_ARGPARSE_NL = (
    (r"the following arguments are required: (.*)", r"verplicht, maar niet gegeven: \1"),
    (r"unrecognized arguments: (.*)", r"onbekende argumenten: \1"),
    (r"argument (.*?): expected one argument", r"argument \1: verwacht een waarde"),
    (
        r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)",
        r"argument \1: \2 bestaat niet, verwacht een van: \3",
    ),
    (r"argument (.*?): invalid \w+ value: (.*)", r"argument \1: \2 is geen geldige waarde"),
    (r"ambiguous option: (.*?) could match (.*)", r"optie \1 is niet eenduidig, bedoel je: \2"),
    (r"argument (.*?): ignored explicit argument (.*)", r"argument \1 neemt geen waarde, gegeven: \2"),
    (r"argument (.*?): not allowed with argument (.*)", r"argument \1 kan niet samen met \2"),
    (r"argument (.*?): expected at most one argument", r"argument \1: verwacht hoogstens één waarde"),
    (r"argument (.*?): expected at least one argument", r"argument \1: verwacht minstens één waarde"),
    (r"one of the arguments (.*) is required", r"verplicht, maar niet gegeven: een van \1"),
)


class Opmaak(argparse.HelpFormatter):
    """argparse's help in Dutch: 'gebruik:' for 'usage:' (the section titles are set per parser)."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="gebruik: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose frame is Dutch: usage, section titles, -h and every error a user meets."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", Opmaak)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str):
        for patroon, nl in _ARGPARSE_NL:
            message = re.sub(f"^{patroon}$", nl, message)
        raise ArgumentFout(f"{self.prog}: {message}")
