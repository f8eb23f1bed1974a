"""Tamper campaign: single-field edits behind the app's back, each of which `wrac check` must name.

The register is made through the program as an officer makes one: a demo (rows written in
bulk), revision 1 approved, revision 2 started (a bulk copy), a worksheet imported into it
(an audit entry a row) and the organisation edited. Each edit then changes one field of one
row with plain SQL, as the sqlite3 tool or psql would, runs `wrac check` (exit 1 expected), and
puts the field back (exit 0 expected again before the next edit).

Edit classes are every column of every audited table, of the audit log and of issue 17's logs
with their own hash chains (progress, attachments, the attached files), but the ids
(an id changed is a row deleted and another inserted, not a field edit) and the bookkeeping
nothing prints or audits (``created_at``, ``modified_at``, ``row_version``). A new value is
plausible for its column: a number one more, a date a day later, a text with a letter added,
a flag flipped, another UUID, a reference to another existing parent; with ``junk`` on SQLite
it is text in any column. An edit the database itself refuses (a unique key, a type
PostgreSQL enforces, a foreign key) is counted as refused, not as caught. Each of those tables
also has a delete class: one row deleted, then inserted back whole.

The unit suite edits every class once on SQLite and on PostgreSQL
(``tests/unit/cli/test_tamper_campaign.py``); ``make soak`` makes 200 random edits on each
(draws the database refuses are drawn again):
``python -m tests.tamper_campaign --edits 200 [--engine postgres]``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    Numeric,
    TypeDecorator,
    Uuid,
    create_engine,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError

from wrac_desktop.cli.main import main
from wrac_desktop.hazards import load_builtin_library
from wrac_desktop.persistence.audit_digest import audited_tables
from wrac_desktop.persistence.models import (
    Assessment,
    Attachment,
    AttachmentBlob,
    AuditEntry,
    Base,
    Hazard,
    ProgressEvent,
)
from wrac_desktop.persistence.types import JsonText
from wrac_desktop.register import open_location
from wrac_desktop.services import library, translations

NOT_EDITED = frozenset({"id", "created_at", "modified_at", "row_version"})
WORKSHEET = "Workplace,Hazard,Existing controls,Likelihood,Severity\nCrusher,Noise,Ear muffs,3,3\n"


def wrac(*argv: str) -> tuple[int, str]:
    """``wrac ARGV`` in this process, in English; (exit code, what it printed)."""
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        code = main(["--lang", "en", *argv])
    return code, sink.getvalue()


def build(location: str, folder: Path) -> None:
    """The register every campaign edits, made by each kind of writer the program has: the
    demo, a translation and an own library entry, approval, a revision's copy, an import."""
    (folder / "more.csv").write_text(WORKSHEET, encoding="utf-8")
    _wrac_ok("demo", location, "--workplaces", "2", "--seed", "5", "--force")
    with open_location(location) as register, register.uow.transaction() as session:
        draft = session.scalars(select(Assessment)).one()
        hazard = session.scalars(select(Hazard).order_by(Hazard.id)).first()
        assert hazard is not None
        values = {"kk": "Жарық жеткіліксіз", "ru": "Недостаточное освещение"}
        translations.remember(session, draft, hazard.description, values, "en")
        library.save_entry(session, load_builtin_library().active[0])
    _wrac_ok("approve", location, "--by", "Сәтбаев Е.", "--position", "Директор", "--yes")
    _wrac_ok("revise", location)
    _wrac_ok("import", location, str(folder / "more.csv"))
    _wrac_ok("organisation", location, "--address", "Өскемен, Тәуелсіздік к-сі 1")
    # Issue 17's logs beside the revisions, with their own hash chains: progress and a photo.
    photo = folder / "evidence.png"
    Image.new("RGB", (8, 8), (200, 30, 30)).save(photo)
    _wrac_ok("progress", location, "1", "--status", "started", "--by", "Иванов",
             "--note", "басталды", "--attach", str(photo))  # fmt: skip
    _wrac_ok("progress", location, "1", "--status", "done", "--date", "2026-05-04")
    # Issue 18's events and yearly figures: every field given, one event withdrawn.
    with open_location(location) as register, register.uow.reading() as session:
        hazard = session.scalars(select(Hazard).order_by(Hazard.id.desc())).first()
        assert hazard is not None
        workplace, hazard_uuid = str(hazard.workplace.uuid), str(hazard.uuid)
    for kind in ("near-miss", "lost-time"):
        _wrac_ok("event", "add", location, "--kind", kind, "--date", "2026-03-12T14:30",
                 "--workplace", workplace, "--hazard", hazard_uuid, "--person", "Қасымов Н.",
                 "--position", "Машинист", "--personnel-no", "417", "--consent", "келісім бар",
                 "--description", "Сырғып құлады", "--cause", "Майлы еден", "--days-lost", "3",
                 "--reported-on", "2026-03-13", "--reference", "№ 12")  # fmt: skip
    with open_location(location) as register, register.uow.reading() as session:
        withdrawn = session.scalar(text("SELECT uuid FROM event ORDER BY id LIMIT 1"))
    _wrac_ok("event", "withdraw", location, str(uuid.UUID(str(withdrawn))),
             "--reason", "қате енгізілген")  # fmt: skip
    # A first medical visit with no event: reconcile stores it as a suspected hidden injury
    # (indicator 42), every field given; exit 1 says something was unmatched.
    visits = folder / "visits.csv"
    journal = "Дата обращения;ФИО;Табельный номер;Диагноз\n14.03.2026;Өмірзақова Ғалия;0051;Ушиб"
    visits.write_text(journal + " колена\n", encoding="utf-8")
    code, out = wrac("reconcile", location, str(visits))
    assert code == 1 and "Өмірзақова" in out, out
    _wrac_ok("figures", location, "--year", "2026", "--headcount", "120", "--hours", "230000",
             "--insurance-policy", "П-77", "--insurer", "Сақтандыру АҚ", "--insured-until",
             "2027-01-01", "--insured-workers", "118", "--safety-service", "yes",
             "--safety-officers", "2", "--officers-tested", "2")  # fmt: skip


def _wrac_ok(*argv: str) -> None:
    code, out = wrac(*argv)
    assert code == 0, (argv, out)


EVIDENCE = (ProgressEvent.__table__, Attachment.__table__, AttachmentBlob.__table__)
DELETE = "(delete)"  # the class of an edit that deletes a row, in the place of a column


def edit_classes() -> list[tuple[str, str]]:
    """(table, column) of every field an edit may change, and (table, DELETE) of every table
    a row may be deleted from."""
    tables = [*audited_tables(), AuditEntry.__table__, *EVIDENCE]
    fields = [
        (table.name, column.name)
        for table in tables
        for column in table.c
        if column.name not in NOT_EDITED
    ]
    return fields + [(table.name, DELETE) for table in tables]


@dataclass
class Edit:
    table: str
    column: str
    row_id: Any  # the id, or an attached file's digest
    old: Any
    new: Any

    def __str__(self) -> str:
        return f"{self.table}.{self.column} of row {self.row_id}: {self.old!r} → {self.new!r}"


@dataclass
class Tally:
    caught: list[Edit] = field(default_factory=list)
    missed: list[tuple[Edit, str]] = field(default_factory=list)
    refused: list[Edit] = field(default_factory=list)  # by the database: no edit took place
    unreachable: list[tuple[str, str]] = field(default_factory=list)  # no row, no other value

    def line(self) -> str:
        made = len(self.caught) + len(self.missed)
        return (
            f"edits {made}: caught by check {len(self.caught)}, missed {len(self.missed)}; "
            f"refused by the database {len(self.refused)}; classes without a row to edit "
            f"{len(self.unreachable)}"
        )


def campaign(
    location: str,
    plan: Iterator[tuple[str, str]],
    rng: random.Random,
    *,
    junk: float = 0.0,
    recheck: bool = True,
    enough: int | None = None,
) -> Tally:
    """Make each edit of ``plan`` (table, column) on a random row, check, and put it back
    (with ``recheck``, check again that the register is then clean); stop once ``enough``
    edits were made, if given (a draw the database refuses or finds no row for is no edit)."""
    tally = Tally()
    engine = create_engine(location if "://" in location else f"sqlite:///{location}")
    sqlite = engine.dialect.name == "sqlite"
    try:
        for table, column in plan:
            if enough is not None and len(tally.caught) + len(tally.missed) >= enough:
                break
            edit = _edit(engine, table, column, rng, junk=sqlite and rng.random() < junk)
            if edit is None:
                tally.unreachable.append((table, column))
                continue
            if not _set(engine, edit, edit.new):
                tally.refused.append(edit)
                continue
            code, out = wrac("check", location)
            if code == 1:
                tally.caught.append(edit)
            else:
                tally.missed.append((edit, out.strip().splitlines()[-1] if out.strip() else ""))
            assert _set(engine, edit, edit.old), f"could not put back {edit}"
            if recheck:
                code, out = wrac("check", location)
                assert code == 0, f"after putting back {edit}: {out}"
    finally:
        engine.dispose()
    return tally


def _edit(engine: Engine, table: str, name: str, rng: random.Random, *, junk: bool) -> Edit | None:
    if name == DELETE:
        return _deletion(engine, table, rng)
    column = Base.metadata.tables[table].c[name]
    key = _key(table)
    with engine.connect() as connection:
        rows = connection.execute(
            text(f'SELECT {key}, "{name}" FROM {table} ORDER BY {key}')  # noqa: S608
        ).all()
        if not rows:
            return None
        row_id, old = rows[rng.randrange(len(rows))]
        if junk:
            return Edit(table, name, row_id, old, "x" if old != "x" else "y")
        new = _plausible(connection, column, old, rng)
    return None if new is None or new == old else Edit(table, name, row_id, old, new)


def _plausible(connection: Any, column: Column[Any], old: Any, rng: random.Random) -> Any:
    kind = column.type
    if isinstance(kind, JsonText):
        value = json.loads(old) if old else {}
        return json.dumps({**value, "tampered": 1} if isinstance(value, dict) else [value, 1])
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if column.foreign_keys:
        (key,) = column.foreign_keys
        parent = key.column.table.name
        referred = key.column.name
        ids = [i for (i,) in connection.execute(text(f"SELECT {referred} FROM {parent}"))]  # noqa: S608
        others = [i for i in ids if i != old]
        if others:
            return rng.choice(others)  # moved
        return max(ids) + 1 if isinstance(old, int) else "0" * len(str(old))  # left dangling
    if isinstance(kind, Boolean):
        return not old
    if isinstance(old, bytes | memoryview):  # an attached file's content
        return bytes(old) + b"x"
    if isinstance(kind, Integer | Numeric | Float):
        return (old or 0) + 1
    if isinstance(kind, DateTime):
        if old is None:  # a moment not set yet (a flag not cleared): set, as the app stores one
            moment = datetime(2026, 5, 5, 10, 0)
            return moment if connection.dialect.name == "postgresql" else str(moment)
        if isinstance(old, datetime):
            return old + timedelta(seconds=1)
        return str(datetime.fromisoformat(str(old)) + timedelta(seconds=1))
    typed = not isinstance(old, str)  # PostgreSQL hands typed values back, and wants them
    if isinstance(kind, Date):
        day = date.fromisoformat(str(old)) + timedelta(days=1) if old else date(2026, 1, 1)
        return day if typed and old is not None else day.isoformat()
    if isinstance(kind, Uuid):
        fresh = uuid.uuid4()
        return fresh.hex if isinstance(old, str) and len(old) == 32 else fresh
    return (old or "") + "x"


def _key(table: str) -> str:
    return "sha256" if table == "attachment_blob" else "id"  # a file is named by its digest


def _deletion(engine: Engine, table: str, rng: random.Random) -> Edit | None:
    """A row to delete (its key, the row whole as ``old`` to put it back), chosen among rows
    nothing refers to; on SQLite, where the sqlite3 tool does not enforce foreign keys, any
    row if every one is referred to (check then names the dangling children too)."""
    model = Base.metadata.tables[table]
    key = _key(table)
    with engine.connect() as connection:
        rows = connection.execute(model.select().order_by(model.c[key])).mappings().all()
        referred = {
            value
            for child in Base.metadata.tables.values()
            for foreign in child.foreign_keys
            if foreign.column.table is model
            for (value,) in connection.execute(select(foreign.parent).distinct())
        }
    free = [dict(row) for row in rows if row[key] not in referred]
    if not free and engine.dialect.name == "sqlite":  # no cascade: the children dangle
        free = [dict(row) for row in rows]
    if not free:
        return None  # PostgreSQL would cascade, and the children could not be put back
    row = free[rng.randrange(len(free))]
    return Edit(table, DELETE, row[key], row, None)


def _set(engine: Engine, edit: Edit, value: Any) -> bool:
    if edit.column == DELETE:
        return _delete_or_restore(engine, edit, value)
    key = _key(edit.table)
    statement = text(f'UPDATE {edit.table} SET "{edit.column}" = :value WHERE {key} = :id')  # noqa: S608
    try:
        with engine.begin() as connection:
            # a file's digest edited is its key: it is put back where the edit moved it
            at = edit.new if edit.column == key and value == edit.old else edit.row_id
            connection.execute(statement, {"value": value, "id": at})
    except DBAPIError:
        return False
    return True


def _delete_or_restore(engine: Engine, edit: Edit, row: dict[str, Any] | None) -> bool:
    """Delete the row (``row`` None) or insert it back whole."""
    model = Base.metadata.tables[edit.table]
    key = model.c[_key(edit.table)]
    try:
        with engine.begin() as connection:
            if row is None:
                connection.execute(model.delete().where(key == edit.row_id))
            else:
                connection.execute(model.insert().values(row))
    except DBAPIError:
        return False
    return True


def every_class() -> Iterator[tuple[str, str]]:
    yield from edit_classes()


def random_classes(count: int, rng: random.Random) -> Iterator[tuple[str, str]]:
    classes = edit_classes()
    for _ in range(count):
        yield rng.choice(classes)


def report(tally: Tally) -> str:
    lines = [tally.line()]
    by_class = Counter(f"{edit.table}.{edit.column}" for edit, _out in tally.missed)
    lines += [f"  missed {name}: {count}" for name, count in by_class.most_common()]
    lines += [f"  e.g. {edit} — check said: {out}" for edit, out in tally.missed[:5]]
    return "\n".join(lines)


def _main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--edits", type=int, default=200,
        help="edits to make; draws the database refuses are drawn again, up to twice as many",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--junk", type=float, default=0.2, help="share of text-in-any-column edits")
    options = parser.parse_args()
    import tempfile

    from tests import pg_server

    with tempfile.TemporaryDirectory() as folder:
        server = pg_server.start_server() if options.engine == "postgres" else None
        try:
            location = server.take_database() if server else str(Path(folder) / "tamper.wrac")
            build(location, Path(folder))
            rng = random.Random(options.seed)
            draws = random_classes(2 * options.edits, rng)
            tally = campaign(location, draws, rng, junk=options.junk, enough=options.edits)
        finally:
            if server is not None:
                pg_server.remove(server)
    print(f"tamper campaign ({options.engine}, seed {options.seed}): {report(tally)}")
    return 1 if tally.missed else 0


if __name__ == "__main__":
    sys.exit(_main())
