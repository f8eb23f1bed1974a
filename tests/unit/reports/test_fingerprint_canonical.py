"""The canonical serialisation behind the fingerprint: pinned by a golden value, order-free."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

from wrac_desktop.domain.bin import make_bin
from wrac_desktop.persistence.models import Assessment, ControlMeasure, Hazard, TeamMember
from wrac_desktop.register import create_register, open_register
from wrac_desktop.reports.fingerprint import canonical_bytes, canonical_content, canonical_value
from wrac_desktop.services import assessments, matrices, organisation

# Changing this value breaks every approved register: never update it, add a new FORMAT.
GOLDEN = "8199a03da5281f06ef4db5fe4231d640f9ded6100997e403eead3700eca36c4a"
MATRIX = {"name": "golden", "size": [5, 5], "weights": [1, 2.0, 0.5], "labels": {"kk": "Қауіп"}}
HAZARDS = [
    ("00000000-0000-4000-8000-000000000001", "Шу", 4, 4.0, 16, "high"),
    ("00000000-0000-4000-8000-000000000002", "Діріл", 2.0, 3, 6.0, "medium"),
    ("00000000-0000-4000-8000-000000000003", "Құлау", 1, 5, 5, "medium"),
]


def build(path: Path, order: list[int]) -> str:
    """A register with fixed UUIDs and values, hazards inserted in ``order``; its canonical JSON."""
    with create_register(path) as register, register.uow.transaction() as session:
        org = organisation.create_organisation(session, "ТОО «Үлгі»", make_bin("05094001234"))
        site = organisation.add_unit(session, org, "Кеніш")
        workplace = organisation.add_workplace(session, site, "Үңгілеуші")
        workplace.uuid = uuid.UUID("00000000-0000-4000-8000-0000000000aa")
        matrix = matrices.add_preset(session, "wrac_5x5")
        matrix.definition = MATRIX
        assessment = assessments.create_assessment(
            session, org, matrix, "Бағалау", assessed_on=date(2026, 3, 16)
        )
        assessment.uuid = uuid.UUID("00000000-0000-4000-8000-0000000000bb")
        session.add(
            TeamMember(
                assessment=assessment, name="Әйгерім", position="Инженер", role="member",
                uuid=uuid.UUID("00000000-0000-4000-8000-0000000000cc"),
            )
        )  # fmt: skip
        for index in order:
            session.add(_hazard(assessment, workplace.id, *HAZARDS[index]))
        session.flush()
        session.refresh(assessment)
        return canonical_bytes(canonical_content(session, assessment)).decode("utf-8")


def _hazard(
    assessment: Assessment, workplace_id: int, key: str, text: str, likelihood: float,
    severity: float, score: float, band: str,
) -> Hazard:  # fmt: skip
    hazard = Hazard(
        uuid=uuid.UUID(key), assessment=assessment, workplace_id=workplace_id, description=text,
        initial_likelihood=likelihood, initial_severity=severity, initial_score=score,
        initial_band=band,
    )  # fmt: skip
    hazard.measures = [
        ControlMeasure(
            uuid=uuid.UUID(key[:-2] + "f" + key[-1]), level="engineering",
            description=f"{text}: қорғау", cost=Decimal("1500.50"), due_date=date(2026, 12, 31),
        )
    ]  # fmt: skip
    return hazard


def test_canonical_form_is_pinned_by_a_golden_hash(tmp_path: Path) -> None:
    import hashlib

    text = build(tmp_path / "a.wrac", [0, 1, 2])
    assert '"format":"wrac-fingerprint-2"' in text
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == GOLDEN, text


def test_insert_order_does_not_change_the_canonical_form(tmp_path: Path) -> None:
    assert build(tmp_path / "a.wrac", [0, 1, 2]) == build(tmp_path / "b.wrac", [2, 0, 1])


def test_values_are_written_one_way_whatever_the_database_returns() -> None:
    assert canonical_value(21.0) == canonical_value(21) == canonical_value(Decimal("21")) == "21"
    assert canonical_value(Decimal("1500.50")) == canonical_value(1500.5) == "1500.5"
    assert canonical_value("e\u0301") == canonical_value("\u00e9")  # NFC, whoever typed it
    assert canonical_value("И\u0306") == "Й"
    assert canonical_value(date(2026, 3, 16)) == "2026-03-16"
    assert canonical_value({"b": [1.0, None]}) == {"b": ["1", None]}


AWKWARD_TEXTS = [
    "И\u0306 and e\u0301 typed decomposed",  # NFC turns these into Й and é
    "\u0301 a combining mark first",
    'quotes " and \\ backslash',
    "control \x01 tab \t newline \n",
    "line separator \u2028 and \u2029",
    "emoji 🙂 ; Greek question mark \u037e",
    "",
    "   leading and trailing spaces   ",
]


def test_the_fingerprint_hashes_exactly_the_canonical_bytes(tmp_path: Path) -> None:
    """fingerprint() writes the canonical JSON its own, faster way: the same bytes, on awkward
    texts and values too (decomposed letters, escapes, empty and missing values)."""
    import hashlib

    from wrac_desktop.reports.fingerprint import canonical_chunks, fingerprint

    build(tmp_path / "a.wrac", [0, 1, 2])
    with open_register(tmp_path / "a.wrac") as register, register.uow.transaction() as session:
        assessment = assessments.current_assessment(session)
        assert assessment is not None
        assert fingerprint(session, assessment) == GOLDEN
        hazards = list(assessment.hazards)
        for index, text in enumerate(AWKWARD_TEXTS):
            hazard = hazards[index % len(hazards)]
            setattr(hazard, ["description", "causes", "notes", "consequence"][index % 4], text)
            hazard.priority = index % 2 == 0
            hazard.residual_likelihood = [None, 0.5, 3, 2.0, 1e-7][index % 5]
            measure = hazard.measures[0]
            measure.responsible = text
            measure.cost = [None, Decimal("0"), Decimal("-0"), Decimal("12.3400")][index % 4]
            measure.completed_on = date(2026, 1, 1 + index)
        hazards[0].measures.append(
            ControlMeasure(
                uuid=uuid.UUID("00000000-0000-4000-8000-0000000000dd"),
                level="ppe",
                description=AWKWARD_TEXTS[0],
            )
        )
        session.flush()
        session.refresh(assessment)
        reference = canonical_bytes(canonical_content(session, assessment))
        assert "".join(canonical_chunks(session, assessment)).encode("utf-8") == reference
        assert fingerprint(session, assessment) == hashlib.sha256(reference).hexdigest()
