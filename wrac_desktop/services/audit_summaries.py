"""An audit entry's kind and summary in the reader's language.

The chain stores each summary as it was written, in English (a demo's «demo register written:
40 workplaces»), and the stored text is what its hash covers: it cannot be rewritten. The trail
shows it in the language asked instead, made from the entry's kind and the counts and names its
summary was written from, read back by the pattern the program wrote it with. A summary of a
kind not known here, or not written by that pattern (an older program's, a merge's tag), is
shown as it is stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import NamedTuple

from wrac_desktop.domain.field_titles import record_title
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import N_, translated
from wrac_desktop.vocabulary import ProgressStatus


class _Summary(NamedTuple):
    actions: tuple[str, ...]
    written: re.Pattern[str]  # the stored English text, its values named
    shown: str  # the same in the language asked (a message id)


_SUMMARIES = (
    _Summary(("created",), re.compile("register created"), N_("register created")),
    _Summary(
        ("demo",),
        re.compile(r"demo register written: (?P<workplaces>\d+) workplaces"),
        N_("demo register written: {workplaces} workplaces"),
    ),
    _Summary(
        ("revision",),
        re.compile(r"revision (?P<new>\d+) started as a copy of revision (?P<old>\d+)"),
        N_("revision {new} started as a copy of revision {old}"),
    ),
    _Summary(
        ("import",),
        re.compile(r"imported (?P<file>.+): (?P<hazards>\d+) hazards, (?P<measures>\d+) measures"),
        N_("imported {file}: {hazards} hazards, {measures} measures"),
    ),
    _Summary(
        ("import",),
        re.compile(r"translations imported from (?P<file>.+): (?P<texts>\d+) texts changed"),
        N_("translations imported from {file}: {texts} texts changed"),
    ),
    _Summary(  # each translation that import changed
        ("insert", "update"),
        re.compile(r"translations imported from (?P<file>.+)"),
        N_("translations imported from {file}"),
    ),
    _Summary(
        ("attach",),
        re.compile(r"(?P<files>\d+) file\(s\) attached to (?P<record>\w+) (?P<uuid>[-0-9a-f]+)"),
        N_("{files} file(s) attached to {record} {uuid}"),
    ),
    _Summary(
        ("progress",),
        re.compile(r"measure (?P<uuid>[-0-9a-f]+): (?P<step>\w+) on (?P<on>\d{4}-\d\d-\d\d)"),
        N_("measure {uuid}: {step} on {on}"),
    ),
)
# The names a summary holds, as the reader reads them; the others (counts, files) as written.
_SHOWN_VALUES: Mapping[str, Callable[[str], str]] = {
    "record": record_title,
    "step": lambda step: ProgressStatus(step).label(),
    "on": lambda day: format_date(date.fromisoformat(day)),
}


# An entry's kind as the trail names it; a kind not known here as it is stored.
_ACTIONS = {
    "insert": N_("added"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "created": N_("register created"),
    "demo": N_("demo register"),
    "revision": N_("new revision"),
    "import": N_("import"),
    "attach": N_("files attached"),
    "progress": N_("progress step"),
    "merge": N_("merge"),
    "library_refresh": N_("refresh from the library"),
}


def shown_action(action: str) -> str:
    """An entry's kind (``insert``, ``demo``, …) in the current language."""
    return translated(_ACTIONS[action]) if action in _ACTIONS else action


def shown_summary(action: str, summary: str) -> str:
    """``summary``, stored with an entry of ``action``, in the current language."""
    for known in _SUMMARIES:
        found = known.written.fullmatch(summary) if action in known.actions else None
        if found is not None:
            try:
                values = {
                    name: _SHOWN_VALUES.get(name, str)(value)
                    for name, value in found.groupdict().items()
                }
            except ValueError:  # a status or a date no program wrote
                return summary
            return translated(known.shown).format(**values)
    return summary
