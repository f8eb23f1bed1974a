"""The fingerprint streamed from an ordered cursor is the whole-in-memory one, byte for byte, in
every format version (issue 22): on random registers, a few hazards per round trip; and the
stored approval JSON is written and read back in pieces, never whole."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.unit.reports.test_fingerprint_canonical import AWKWARD_TEXTS, stored_as_before
from wrac_desktop.domain.records import OrderedHazards, OutOfOrder
from wrac_desktop.i18n import _
from wrac_desktop.persistence import record_queries, report_queries
from wrac_desktop.persistence.models import StoredApprovalText
from wrac_desktop.register import open_register
from wrac_desktop.reports import canonical
from wrac_desktop.reports import fingerprint as fingerprints
from wrac_desktop.reports.fingerprint_formats import FORMATS
from wrac_desktop.services import approval, assessments, demo
from wrac_desktop.services.fingerprints import approval_text, fingerprint, stored_format


def _randomise(path: Path, seed: int) -> None:
    """Awkward texts and values scattered over the demo's hazards and measures."""
    rng = random.Random(seed)
    with open_register(path) as register, register.uow.transaction() as session:
        assessment = assessments.current_assessment(session)
        assert assessment is not None
        for hazard in assessment.hazards:
            if rng.random() < 0.5:
                field = rng.choice(["description", "causes", "notes", "consequence"])
                setattr(hazard, field, rng.choice(AWKWARD_TEXTS))
            hazard.residual_likelihood = rng.choice([None, 0.5, 3, 2.0, 1e-7, 10])
            hazard.priority = rng.random() < 0.3
            for measure in hazard.measures:
                measure.cost = rng.choice([None, Decimal("0"), Decimal("12.3400"), Decimal("-1")])
                measure.responsible = rng.choice([*AWKWARD_TEXTS, "Әйгерім"])
                measure.completed_on = rng.choice([None, date(2026, 1, rng.randint(1, 28))])
            if rng.random() < 0.1:
                hazard.measures.clear()  # a hazard without measures


@pytest.mark.parametrize("seed", [3, 11])
def test_streamed_hazards_write_the_in_memory_document_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    path = tmp_path / "random.wrac"
    demo.write_demo(path, workplaces=6, seed=seed, lang="kk")
    stored_as_before(monkeypatch)
    _randomise(path, seed)
    monkeypatch.setattr(report_queries, "STREAM_CHUNK", 7)  # many round trips, a short last one
    monkeypatch.setattr(canonical, "REMEMBERED", 5)  # texts forgotten and written again
    with open_register(path) as register, register.uow.reading() as session:
        assessment = assessments.current_assessment(session)
        assert assessment is not None
        streamed = report_queries.revision_content(session, assessment.id)
        assert isinstance(streamed.hazards, OrderedHazards)
        hazards = report_queries.hazard_rows(session, assessment.id)
        whole = report_queries.revision_content(session, assessment.id, hazards)
        assert len(FORMATS) >= 3
        for version in FORMATS:
            reference = fingerprints.canonical_bytes(fingerprints.canonical_content(whole, version))
            written = "".join(fingerprints.canonical_chunks(streamed, version)).encode("utf-8")
            assert written == reference, version
            assert fingerprints.canonical_content(streamed, version) == (
                fingerprints.canonical_content(whole, version)
            )
            digest = hashlib.sha256(reference).hexdigest()
            assert fingerprint(session, assessment, version=version) == digest
            assert fingerprint(session, assessment, hazards, version=version) == digest
            with approval_text(session, assessment, version=version) as text:
                assert (text.fingerprint, text.size) == (digest, len(reference))
                assert b"".join(text.pieces()) == reference


def test_the_cursor_reads_every_hazard_once_in_uuid_order(tmp_path: Path) -> None:
    path = tmp_path / "demo.wrac"
    demo.write_demo(path, workplaces=3, seed=5)
    with open_register(path) as register, register.uow.reading() as session:
        assessment = assessments.current_assessment(session)
        assert assessment is not None
        whole = report_queries.hazard_rows(session, assessment.id)
        stream = report_queries.ordered_hazards(session, assessment.id, chunk=4)
        assert list(stream) == sorted(whole, key=lambda h: h.uuid)
        assert list(stream) == list(stream)  # read again from the start
        assert stream.workplace_ids == {h.workplace_id for h in whole}
    assert len(whole) == 30


def _capitalise_one_uuid(path: Path) -> None:
    """The greatest UUID in capitals: SQLite then orders it before every lowercase letter."""
    with sqlite3.connect(path) as connection:
        connection.execute(
            "UPDATE hazard SET uuid = upper(uuid) WHERE uuid = (SELECT max(uuid) FROM hazard)"
        )


def test_a_uuid_stored_in_capitals_is_read_whole_and_hashed_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite orders capitals before digits: such a register (not written by this program) is
    sorted in memory, and if the cursor is trusted anyway the stream refuses to go on out of
    order and the fingerprint is taken from the sorted list. Either way: the same hash."""
    path = tmp_path / "demo.wrac"
    demo.write_demo(path, workplaces=2, seed=4)
    with open_register(path) as register, register.uow.reading() as session:
        assessment = assessments.current_assessment(session)
        assert assessment is not None
        expected = fingerprint(session, assessment)
    _capitalise_one_uuid(path)
    with open_register(path) as register, register.uow.reading() as session:
        assessment = assessments.current_assessment(session)
        assert assessment is not None
        content = report_queries.revision_content(session, assessment.id)
        assert isinstance(content.hazards, list)
        assert fingerprint(session, assessment) == expected
        monkeypatch.setattr(report_queries, "_sorted_as_text", lambda *_: True)
        trusted = report_queries.revision_content(session, assessment.id)
        with pytest.raises(OutOfOrder):
            list(trusted.hazards)
        assert fingerprint(session, assessment) == expected
        with approval_text(session, assessment) as text:
            assert text.fingerprint == expected
            assert hashlib.sha256(b"".join(text.pieces())).hexdigest() == expected


def _approved(path: Path, workplaces: int) -> None:
    demo.write_demo(path, workplaces=workplaces, seed=7, lang="kk")
    with open_register(path) as register, register.uow.transaction() as session:
        assessment = assessments.current_assessment(session)
        assert assessment is not None
        approval.approve(session, assessment, by="Әйгерім", position="Инженер", on=date.today())


@pytest.mark.parametrize("blob", [True, False], ids=["blob-handle", "substr"])
def test_the_stored_approval_is_written_and_read_back_in_pieces_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blob: bool
) -> None:
    """Pieces of seven bytes cut through the Kazakh letters (two bytes in UTF-8): the bytes
    are still whole, written and read, through SQLite's blob handle and by substr."""
    monkeypatch.setattr(record_queries, "_WRITTEN_PIECE", 7)
    path = tmp_path / "approved.wrac"
    _approved(path, workplaces=2)
    monkeypatch.setattr(record_queries, "_STORED_PIECE", 7)
    if not blob:
        monkeypatch.setattr(record_queries, "_stored_as_utf8", lambda *_: False)
    with open_register(path) as register, register.uow.reading() as session:
        assessment = assessments.current_assessment(session)
        assert assessment is not None
        pieces = list(record_queries.approved_content_pieces(session, assessment.id))
        assert approval.revision_problems(session, assessment) == []
        stored = session.scalar(
            select(StoredApprovalText.content).where(
                StoredApprovalText.assessment_id == assessment.id
            )
        ).encode("utf-8")
        version = stored_format(session, assessment)
        expected = fingerprints.canonical_bytes(
            fingerprints.canonical_content(
                report_queries.revision_content(session, assessment.id), version
            )
        )
    assert len(pieces) > 1000
    assert b"".join(pieces) == stored == expected
    with sqlite3.connect(path) as connection:
        # its UTF-8 bytes, as a blob: SQLite builds room for a text whole (issue 22)
        assert connection.execute("SELECT typeof(content) FROM approval_text").fetchall() == [
            ("blob",)
        ]


def test_a_stored_approval_changed_by_one_letter_is_found(tmp_path: Path) -> None:
    path = tmp_path / "approved.wrac"
    _approved(path, workplaces=1)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "UPDATE approval_text SET content = replace(content, 'Әйгерім', 'Айгерим')"
        )
    with open_register(path) as register, register.uow.reading() as session:
        assessment = assessments.current_assessment(session)
        assert assessment is not None
        problems = approval.revision_problems(session, assessment)
    where = _("revision {n}").format(n=1)
    assert problems == [_("{where}: the stored approval record was altered").format(where=where)]


def test_an_approval_writes_its_text_from_the_register_once_and_stores_those_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The approval text is spooled as it is hashed and stored from the spool: writing it
    again from the register was a third of approve's time at 100,000 hazards (issue 22)."""
    path = tmp_path / "approved.wrac"
    writings: list[str] = []
    write = fingerprints.canonical_chunks

    def counted(content: object, version: str | None = None) -> object:
        writings.append(str(version))
        return write(content, version)  # type: ignore[arg-type]

    monkeypatch.setattr(fingerprints, "canonical_chunks", counted)
    _approved(path, workplaces=2)
    assert len(writings) == 1
    with open_register(path) as register, register.uow.reading() as session:
        assessment = assessments.current_assessment(session)
        assert assessment is not None
        stored = b"".join(record_queries.approved_content_pieces(session, assessment.id))
        assert hashlib.sha256(stored).hexdigest() == assessment.fingerprint
        assert approval.revision_problems(session, assessment) == []


def test_a_writer_remembers_a_bounded_number_of_texts_and_no_uuid(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its memory stays flat whatever the register's size (a remembered UUID a record was
    90 MB at 100,000 hazards); what it writes is json.dumps' text all the same."""
    monkeypatch.setattr(canonical, "REMEMBERED", 3)
    writer = canonical.Writer()
    texts = [*AWKWARD_TEXTS, *(f"Қауіп {number}" for number in range(10))] * 2
    for text in texts:
        expected = canonical.canonical_json(canonical.canonical_value(text))
        assert writer.text(text) == expected
        assert writer.unique(text) == expected
        assert len(writer._texts) <= 3
    for number in range(10):
        assert writer.value(number + 0.5) == canonical.canonical_json(repr(number + 0.5))
        assert len(writer._others) <= 3
    uuid = "0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    assert writer.unique(uuid) == f'"{uuid}"' and uuid not in writer._texts
