"""What ``wrac check`` lists as worth a look without calling it a problem (exit code stays 0).

A due date that names no exact deadline ("начало 2026 года", "31.02.2026") is kept as written
with no deadline, so the plan cannot tell when the measure is overdue: the officer should
write it as a date.

A control character stored in a text (issue 23 item 15) is named too, each with its table,
record, field and code. A warning, not a problem: the program refuses one at save since, so a
stored one was saved by the release before (the audit log agrees with it: nothing is damaged
or forged, and in an approved revision it cannot be corrected, so a problem would fail every
check of that register for good) or written behind the app's back, which the audit-state check
already names as a problem (exit 1). Excel reports show it as its picture (␁) with a note. A
direction override (U+202E…), refused at save as well, is named the same way.
"""

from __future__ import annotations

from wrac_desktop.domain.due_dates import is_unreadable_due
from wrac_desktop.i18n import _
from wrac_desktop.persistence.integrity import (
    StoredControl,
    TextPieces,
    pictured,
    stored_control_characters,
)
from wrac_desktop.persistence.plan_queries import undated_due_texts
from wrac_desktop.register import Register
from wrac_desktop.text import DIRECTION_OVERRIDES


def check_warnings(register: Register) -> list[str]:
    """Readable lines naming each measure whose due date could not be read as a deadline."""
    with register.uow.reading() as session:
        rows = undated_due_texts(session)
    return [
        _(
            "measure “{measure}” ({uuid}) at “{workplace}”: due date “{due}” names no exact "
            "deadline; it is kept as written and the measure is never shown as overdue"
        ).format(
            measure=row.description[:60],
            uuid=row.uuid,
            workplace=row.workplace,
            due=row.due_text[:100],
        )
        for row in rows
        if is_unreadable_due(row.due_text)
    ]


def control_character_warnings(register: Register, pieces: TextPieces | None = None) -> list[str]:
    """A line for each text field holding a control character; none for a file too damaged
    to read (its damage is the problem named). ``pieces``: ``checks.text_pieces`` of the
    register, if read already."""
    with register.engine.connect() as connection:
        found = stored_control_characters(connection, pieces)
    return [line for stored in found for line in _hidden_character_lines(stored)]


def _hidden_character_lines(stored: StoredControl) -> list[str]:
    overrides = [code for code in stored.codes if DIRECTION_OVERRIDES.match(chr(code))]
    controls = [code for code in stored.codes if code not in overrides]
    where = {"entity": stored.table, "uuid": stored.record, "field": stored.column}
    lines = []
    if controls:
        lines.append(
            _(
                "{entity} {uuid}: {field} holds the control character(s) {codes}, which the "
                "program no longer saves; Excel reports show {pictures} — correct the text"
            ).format(
                **where,
                codes=_codes(controls),
                pictures=" ".join(pictured(chr(code)) for code in controls),
            )
        )
    if overrides:
        lines.append(
            _(
                "{entity} {uuid}: {field} holds the direction override(s) {codes}, which make "
                "the text show in another order than it is stored; the program no longer saves "
                "them — correct the text"
            ).format(**where, codes=_codes(overrides))
        )
    return lines


def _codes(codes: list[int]) -> str:
    return ", ".join(f"U+{code:04X}" for code in codes)
