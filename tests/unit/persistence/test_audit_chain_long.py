"""Issue 22: an audit entry with long changes (a bulk write's digests, 7.5 MB of JSON at
100,000 hazards) is hashed for the chain's check a piece at a time, from its stored text, not
parsed whole: each held beside the next took 37 MB of verify. The hash is the same as before,
an edit of the text still breaks the chain, and a text not written as the program writes it
is hashed as before (parsed whole)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wrac_desktop.persistence import audit_chain
from wrac_desktop.register import open_register
from wrac_desktop.services.demo import write_demo

CHANGED = "audit log: entry 1 was changed after it was written"


def chain(path: Path) -> list[str]:
    with open_register(path) as register, register.uow.reading() as session:
        return list(audit_chain.chain_problems(session))


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A demo whose first entry (its digests of every row) counts as long."""
    path = tmp_path / "d.wrac"
    write_demo(path, workplaces=2, seed=4, lang="kk")
    monkeypatch.setattr(audit_chain, "LONG_CHANGES", 200)
    with sqlite3.connect(path) as connection:
        (length,) = connection.execute(
            "SELECT length(changes) FROM audit_log WHERE id = 1"
        ).fetchone()
    assert length > 200 * 4
    return path


def _edit_first_entry(path: Path, old: str, new: str) -> None:
    with sqlite3.connect(path) as connection:
        changed = connection.execute(
            "UPDATE audit_log SET changes = replace(changes, ?, ?) WHERE id = 1", (old, new)
        )
        assert changed.rowcount == 1


def test_a_long_entry_hashed_in_pieces_keeps_the_chain_intact(demo: Path) -> None:
    streamed: list[int] = []
    hashed = audit_chain._stored_hash

    def spy(session: object, entry: dict[str, object]) -> str:
        if entry["long"]:
            streamed.append(int(entry["id"]))  # type: ignore[call-overload]
        return hashed(session, entry)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(audit_chain, "_stored_hash", spy)
        assert chain(demo) == []
    assert streamed == [1]


def test_an_edit_of_a_long_entry_breaks_the_chain(demo: Path) -> None:
    _edit_first_entry(demo, '"format":1', '"format":2')
    assert chain(demo) == [CHANGED]


def test_a_long_entry_not_written_as_the_program_writes_it_is_hashed_as_parsed(
    demo: Path,
) -> None:
    """Spaces after its colons: the same value, so the same hash as ever (the chain covers
    the value; ``wrac check`` names text changed so, as it did)."""
    _edit_first_entry(demo, '"format":1', '"format": 1')
    assert chain(demo) == []
    _edit_first_entry(demo, '"format": 1', '"format": 3')
    assert chain(demo) == [CHANGED]
