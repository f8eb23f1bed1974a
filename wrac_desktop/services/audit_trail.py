"""The audit trail as a user reads it: filtered rows, and an XLSX or CSV copy of them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import IO, Any, NamedTuple

from sqlalchemy.orm import Session

from wrac_desktop.domain.field_titles import record_title
from wrac_desktop.errors import UserError
from wrac_desktop.files import atomic_output, check_output_path
from wrac_desktop.i18n import _
from wrac_desktop.persistence.audit_changes import NotCanonical, is_pairs, shown_pieces
from wrac_desktop.persistence.models import AuditEntry
from wrac_desktop.persistence.trail_queries import TrailEntry, audit_entries_apart, changes_pieces
from wrac_desktop.register import Register
from wrac_desktop.services.audit_summaries import shown_action, shown_summary


class AuditRow(NamedTuple):
    """One audit entry as shown and exported: every value but the number as text."""

    id: int
    at: str  # UTC, "YYYY-MM-DD HH:MM:SS"
    user_name: str
    os_user: str
    action: str
    entity: str
    entity_uuid: str
    changes: str  # "field: old → new; …"
    summary: str
    hash: str


COLUMNS = AuditRow._fields


def column_titles() -> list[str]:
    return [
        _("No."), _("When (UTC)"), _("User"), _("OS user"), _("Action"), _("Record"),
        _("Record UUID"), _("Changes (old → new)"), _("Summary"), _("Hash"),
    ]  # fmt: skip


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show; empty fields match everything."""

    user: str = ""
    entity: str = ""
    action: str = ""
    text: str = ""
    since: date | None = None
    until: date | None = None

    def keeps(self, row: AuditRow, long: LongChanges | None = None) -> bool:
        """The filters SQL cannot do alike everywhere: dates, and text in any language (in
        the row, or in its ``long`` changes)."""
        day = row.at[:10]
        if self.since is not None and day < self.since.isoformat():
            return False
        if self.until is not None and day > self.until.isoformat():
            return False
        needle = self.text.casefold()
        if not needle or any(needle in str(value).casefold() for value in row):
            return True
        return long is not None and long.contains(needle)


class LongChanges:
    """A long entry's changes as the trail shows them, made a piece at a time from the stored
    text each time they are asked for (``persistence.audit_changes``), never held whole."""

    def __init__(self, stored: Callable[[], Iterator[str]]) -> None:
        self._stored = stored

    def pieces(self) -> Iterator[str]:
        return shown_pieces(self._stored())

    def head(self, size: int) -> str:
        """The first ``size`` characters (about: a piece's worth more are made and dropped)."""
        return "".join(_until(self.pieces(), size))[:size]

    def contains(self, folded: str) -> bool:
        """Whether the text, case-folded, contains ``folded`` (itself case-folded)."""
        keep = len(folded) - 1  # characters of a piece's end that a match may start in
        tail = ""
        for piece in self.pieces():
            text = tail + piece.casefold()
            if folded in text:
                return True
            tail = text[len(text) - keep :] if keep else ""
        return False


def _until(pieces: Iterable[str], size: int) -> Iterator[str]:
    """``pieces`` up to the one that makes ``size`` characters."""
    made = 0
    for piece in pieces:
        yield piece
        made += len(piece)
        if made >= size:
            return


def audit_rows(session: Session, wanted: AuditFilter | None = None) -> list[AuditRow]:
    """The entries as display rows (text values), oldest first. A long entry's changes are
    cut to their first ``SHOWN_CHANGES`` characters, made a piece at a time: the view parsed a
    bulk entry's 7.5 MB of JSON whole at 100,000 hazards, to show a cell (issue 22); the
    export writes them whole."""
    wanted = wanted or AuditFilter()
    return [
        row if long is None else row._replace(changes=_cut(long))
        for row, long in _export_rows(session, wanted)
    ]


# Characters of a long entry's changes the view shows (a few screens of the pane below).
SHOWN_CHANGES = 4000


def _cut(long: LongChanges) -> str:
    return long.head(SHOWN_CHANGES) + " " + _("… (cut here; export the trail to read it whole)")


def _row(entry: AuditEntry, changes: str | None = None) -> AuditRow:
    """The entry as a row; its changes as given (else its own, shown)."""
    return AuditRow(
        id=entry.id,
        at=entry.at.strftime("%Y-%m-%d %H:%M:%S") if entry.at else "",
        user_name=entry.user_name,
        os_user=entry.os_user,
        action=shown_action(entry.action),
        entity=record_title(entry.entity) if entry.entity else "",
        entity_uuid=str(entry.entity_uuid or ""),
        changes=_changes_text(entry.changes) if changes is None else changes,
        summary=shown_summary(entry.action, entry.summary),
        hash=entry.hash,
    )


# A row to export: its long changes apart (the row's ``changes`` then empty).
ExportRow = tuple[AuditRow, LongChanges | None]


def _export_rows(session: Session, wanted: AuditFilter) -> Iterator[ExportRow]:
    """``_rows`` with long changes left in the register until they are written."""
    found = audit_entries_apart(
        session, user=wanted.user, entity=wanted.entity, action=wanted.action
    )
    for item in found:
        changes = _changes_cell(session, item)
        if isinstance(changes, LongChanges):
            row, long = _row(item.entry, ""), changes
        else:
            row, long = _row(item.entry, changes), None
        if wanted.keeps(row, long):
            yield row, long


def _changes_cell(session: Session, item: TrailEntry) -> str | LongChanges:
    """An entry's changes as text, or, where they are long and stored as ``JsonText`` writes
    them, to be shown a piece at a time; an edit's pairs ("field: old → new") and anything
    stored otherwise are parsed whole, as the view shows them."""
    if not item.long:
        return _changes_text(item.changes)
    stored = partial(changes_pieces, session, item.entry.id)
    try:
        if not is_pairs(stored()):
            return LongChanges(stored)
    except NotCanonical:
        pass
    return _changes_text(json.loads("".join(stored())))


def _changes_text(changes: Any) -> str:
    if not changes:
        return ""
    if isinstance(changes, dict) and all(
        isinstance(v, list) and len(v) == 2 for v in changes.values()
    ):
        return "; ".join(f"{key}: {old!r} → {new!r}" for key, (old, new) in changes.items())
    return json.dumps(changes, ensure_ascii=False, sort_keys=True)


def export_audit(
    register: Register, output: Path, wanted: AuditFilter | None = None, *, force: bool = False
) -> int:
    """Write the (filtered) trail to ``output`` (.xlsx or .csv) atomically; returns the count."""
    output = check_output_path(Path(output), registers=[register.location], force=force)
    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(_("write the audit trail as .xlsx or .csv, not {name}").format(name=output))
    if not output.parent.is_dir():
        raise UserError(_("folder {path} does not exist").format(path=output.parent))
    write = _write_xlsx if suffix == ".xlsx" else _write_csv
    # written as the entries are read: a bulk change's entry is 7.5 MB at 100,000 hazards
    with register.uow.reading() as session, atomic_output(output) as stream:
        return write(_export_rows(session, wanted or AuditFilter()), stream)


_CHANGES = COLUMNS.index("changes")
# Excel's limit of a cell's characters: openpyxl cuts a longer text there.
XLSX_CELL_CHARACTERS = 32_767


def _write_csv(rows: Iterable[ExportRow], stream: IO[bytes]) -> int:
    """The rows as CSV in UTF-8 with a BOM (Excel opens it as UTF-8); how many."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        text.write("\ufeff")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(column_titles())
        count = 0
        for row, long in rows:
            if long is None:
                writer.writerow(row)
            else:
                _write_long_csv_row(text, row, long)
            count += 1
        text.flush()
    finally:
        text.detach()  # the stream is atomic_output's to close
    return count


def _write_long_csv_row(text: IO[str], row: AuditRow, long: LongChanges) -> None:
    """The row as ``csv.writer`` writes it, its long changes quoted a piece at a time: a long
    JSON text holds a quote or a comma (a string, or a container of more than one value), so
    the writer would quote it; each field is quoted on its own, so the fields around it are
    written as the writer writes them."""
    text.write(_csv_fields(row[:_CHANGES]) + ',"')
    for piece in long.pieces():
        text.write(piece.replace('"', '""'))
    text.write('",' + _csv_fields(row[_CHANGES + 1 :]) + "\r\n")


def _csv_fields(values: Iterable[Any]) -> str:
    """Values as ``csv.writer`` writes them in a row (of more than one field), no line end."""
    line = io.StringIO()
    csv.writer(line, lineterminator="").writerow(values)
    return line.getvalue()


def _write_xlsx(rows: Iterable[ExportRow], stream: IO[bytes]) -> int:
    """The rows as a workbook written row by row (openpyxl's write-only mode); how many."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Audit trail")[:31])
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJ", (7, 20, 18, 14, 10, 16, 38, 70, 40, 66), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(column_titles())
    count = 0
    for row, long in rows:
        if long is not None:  # only as much as the cell keeps
            row = row._replace(changes=long.head(XLSX_CELL_CHARACTERS))
        sheet.append(list(row))
        count += 1
    book.save(stream)
    return count
