"""argparse's own words (usage, errors, help headings) through our catalogues.

argparse looks its messages up with gettext at the moment it shows them, through the names
``_`` and ``ngettext`` of its module; pointing those at ours puts "usage:" and "the following
arguments are required" in the user's language. The messages are listed here so that
`make catalogues` extracts them (``N_`` marks a message without translating it).
"""

from __future__ import annotations

import argparse

from wrac_desktop import i18n


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue; argparse translates it when it is shown."""
    return message


# Only what a user of `wrac` can meet; argparse's errors about a badly built parser stay English.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _plural(singular: str, plural: str, count: int) -> str:
    # Kazakh does not inflect after a number and the Russian wording avoids it, so choosing
    # between two catalogue entries is enough.
    return i18n._(singular if count == 1 else plural)  # both are listed above


def translate_argparse() -> None:
    """Make argparse show its messages in the current language from now on."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = _plural  # type: ignore[attr-defined]
