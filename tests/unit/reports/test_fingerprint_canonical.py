"""The canonical serialisation behind the fingerprint: pinned by a golden value, order-free."""

from __future__ import annotations

import re
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from wrac_desktop.domain.bin import make_bin
from wrac_desktop.persistence import guards
from wrac_desktop.persistence.models import Assessment, ControlMeasure, Hazard, TeamMember
from wrac_desktop.register import create_register, open_register
from wrac_desktop.reports.fingerprint import canonical_bytes, canonical_value
from wrac_desktop.services import assessments, matrices, organisation, translations
from wrac_desktop.services.fingerprints import canonical_content
from wrac_desktop.vocabulary import UnitKind

# Changing these values breaks every approved register: never update them, add a new format.
V2 = "wrac-fingerprint-2"
GOLDEN = "8199a03da5281f06ef4db5fe4231d640f9ded6100997e403eead3700eca36c4a"
MATRIX = {"name": "golden", "size": [5, 5], "weights": [1, 2.0, 0.5], "labels": {"kk": "Қауіп"}}
V3 = "wrac-fingerprint-3"
GOLDEN_3 = "74e9638c8a1b3a6e9e8dbc221893363d2f1f6171f68f91f3eb57a90ed029294a"
HAZARDS = [
    ("00000000-0000-4000-8000-000000000001", "Шу", 4, 4.0, 16, "high"),
    ("00000000-0000-4000-8000-000000000002", "Діріл", 2.0, 3, 6.0, "medium"),
    ("00000000-0000-4000-8000-000000000003", "Құлау", 1, 5, 5, "medium"),
]


V4 = "wrac-fingerprint-4"
GOLDEN_4 = "89dca84e962402f7b0304ec81c65b7bab4d74a5ae92c40f2bf46786e31566292"
# (text, its language, kk, ru, en): a translated hazard and a measure still untranslated
TRANSLATED = [
    ("Шу", "kk", "Шу", "Шум", "Noise"),
    ("Шу: қорғау", "kk", "Шу: қорғау", "", ""),
]


V5 = "wrac-fingerprint-5"
GOLDEN_5 = "feec2a07f841ace1e05c9fff341d15f2a97aadea009978879c85888d9bbf1ad7"
NAME = "Ахметов С.Б."


def build(
    path: Path, order: list[int], version: str = V2, translated: bool = False, named: bool = False
) -> str:
    """A register with fixed UUIDs and values, hazards inserted in ``order``; its canonical JSON."""
    with create_register(path) as register, register.uow.transaction() as session:
        org = organisation.create_organisation(
            session, "ТОО «Үлгі»", make_bin("05094001234"), region="Шығыс Қазақстан",
            address="Өскемен, Абай к-сі 1", industry="Тау-кен", oked="07290", kato="631010000",
            commission_order="12-Ө", commission_order_on=date(2026, 2, 10),
        )  # fmt: skip
        org.uuid = uuid.UUID("00000000-0000-4000-8000-0000000000a1")
        site = organisation.add_unit(session, org, "Кеніш")
        site.uuid = uuid.UUID("00000000-0000-4000-8000-0000000000a2")
        shop = organisation.add_unit(session, org, "Учаске №2", parent=site, kind=UnitKind.DIVISION)
        shop.uuid = uuid.UUID("00000000-0000-4000-8000-0000000000a3")
        organisation.add_unit(session, org, "Басылмайтын")  # no hazards there: not covered
        workplace = organisation.add_workplace(
            session, shop, "Үңгілеуші", headcount=12, job_titles="Үңгілеуші\nКөмекші",
            shift_pattern="2×12", location_notes="−120 м горизонт",
        )  # fmt: skip
        workplace.uuid = uuid.UUID("00000000-0000-4000-8000-0000000000aa")
        matrix = matrices.add_preset(session, "wrac_5x5")
        matrix.definition = MATRIX
        matrix.name = "Үлгі матрица"
        assessment = assessments.create_assessment(
            session, org, matrix, "Бағалау", assessed_on=date(2026, 3, 16)
        )
        assessment.uuid = uuid.UUID("00000000-0000-4000-8000-0000000000bb")
        session.add(
            TeamMember(
                assessment=assessment, name="Әйгерім", position="Инженер", role="member",
                uuid=uuid.UUID("00000000-0000-4000-8000-0000000000cc"), sort_order=1,
            )
        )  # fmt: skip
        for index in order:
            session.add(_hazard(assessment, workplace.id, *HAZARDS[index], sort_order=index))
        session.flush()
        for measure in session.scalars(select(ControlMeasure)) if named else ():
            measure.responsible, measure.responsible_name = "Бас механик", NAME
        session.flush()
        for source, lang, kk, ru, en in TRANSLATED if translated else ():
            translations.remember(session, assessment, source, {"kk": kk, "ru": ru, "en": en}, lang)
        session.refresh(assessment)
        content = canonical_content(session, assessment, version=version)
        return canonical_bytes(content).decode("utf-8")


def _hazard(
    assessment: Assessment, workplace_id: int, key: str, text: str, likelihood: float,
    severity: float, score: float, band: str, sort_order: int,
) -> Hazard:  # fmt: skip
    hazard = Hazard(
        uuid=uuid.UUID(key), assessment=assessment, workplace_id=workplace_id, description=text,
        initial_likelihood=likelihood, initial_severity=severity, initial_score=score,
        initial_band=band, sort_order=sort_order,
    )  # fmt: skip
    hazard.measures = [
        ControlMeasure(
            uuid=uuid.UUID(key[:-2] + "f" + key[-1]), level="engineering",
            description=f"{text}: қорғау", cost=Decimal("1500.50"), due_date=date(2026, 12, 31),
            sort_order=2,
        )
    ]  # fmt: skip
    return hazard


def test_canonical_form_is_pinned_by_a_golden_hash(tmp_path: Path) -> None:
    import hashlib

    text = build(tmp_path / "a.wrac", [0, 1, 2])
    assert '"format":"wrac-fingerprint-2"' in text
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == GOLDEN, text


def test_format_3_is_pinned_by_its_own_golden_hash(tmp_path: Path) -> None:
    """v3 covers the organisation, the units above the workplaces used (not the others), the
    workplaces' printed fields, the matrix name and every row's sort order."""
    import hashlib
    import json

    text = build(tmp_path / "a.wrac", [0, 1, 2], version=V3)
    content = json.loads(text)
    assert content["format"] == V3
    assert content["organisation"]["address"] == "Өскемен, Абай к-сі 1"
    assert content["organisation"]["oked"] == "07290" and content["organisation"]["kato"]
    assert content["organisation"]["commission_order"] == "12-Ө"
    assert content["organisation"]["commission_order_on"] == "2026-02-10"
    assert [u["name"] for u in content["units"]] == ["Кеніш", "Учаске №2"]
    assert content["units"][1]["parent"] == content["units"][0]["uuid"]
    assert content["workplaces"][0]["headcount"] == "12"
    assert content["matrix"]["name"] and content["team"][0]["sort_order"] == "1"
    assert [h["sort_order"] for h in content["hazards"]] == ["0", "1", "2"]
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == GOLDEN_3, text
    assert build(tmp_path / "b.wrac", [2, 0, 1], version=V3) == text


def test_format_4_covers_every_language_and_is_pinned_by_its_own_golden_hash(
    tmp_path: Path,
) -> None:
    """v4 is v3 plus the revision's translation rows, ordered by uuid (each uuid derived from
    the revision's uuid and the text)."""
    import hashlib
    import json

    text = build(tmp_path / "a.wrac", [0, 1, 2], version=V4, translated=True)
    content = json.loads(text)
    assert content["format"] == V4
    assert sorted((t["source"], t["lang"], t["kk"], t["ru"], t["en"]) for t in
                  content["translations"]) == sorted(TRANSLATED)  # fmt: skip
    assert [t["uuid"] for t in content["translations"]] == sorted(
        t["uuid"] for t in content["translations"]
    )
    without = json.loads(build(tmp_path / "b.wrac", [0, 1, 2], version=V4))
    v3 = json.loads(build(tmp_path / "c.wrac", [0, 1, 2], version=V3))
    assert without.pop("translations") == [] and without | {"format": V3} == v3
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == GOLDEN_4, text
    assert build(tmp_path / "d.wrac", [2, 0, 1], version=V4, translated=True) == text


def test_format_5_covers_the_responsible_name_and_is_pinned_by_its_own_golden_hash(
    tmp_path: Path,
) -> None:
    """v5 is v4 plus each measure's ``responsible_name``."""
    import hashlib
    import json

    text = build(tmp_path / "a.wrac", [0, 1, 2], version=V5, translated=True, named=True)
    content = json.loads(text)
    assert content["format"] == V5
    assert [m["responsible_name"] for h in content["hazards"] for m in h["measures"]] == [NAME] * 3
    v4 = json.loads(build(tmp_path / "b.wrac", [0, 1, 2], version=V4, translated=True, named=True))
    for hazard in content["hazards"]:
        for measure in hazard["measures"]:
            del measure["responsible_name"]
    assert content | {"format": V4} == v4
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == GOLDEN_5, text
    assert build(tmp_path / "d.wrac", [2, 0, 1], version=V5, translated=True, named=True) == text


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


def stored_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the ORM save a control character, as registers written before the program refused
    them hold (issue 23 item 15): their approvals must keep fingerprinting them."""
    monkeypatch.setattr(guards, "_CONTROL", re.compile(r"(?!)"))  # matches nothing


def test_the_fingerprint_hashes_exactly_the_canonical_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fingerprint() writes the canonical JSON its own, faster way: the same bytes, on awkward
    texts and values too (decomposed letters, escapes, empty and missing values)."""
    import hashlib

    stored_as_before(monkeypatch)

    from wrac_desktop.services.fingerprints import canonical_chunks, fingerprint

    build(tmp_path / "a.wrac", [0, 1, 2])
    with open_register(tmp_path / "a.wrac") as register, register.uow.transaction() as session:
        assessment = assessments.current_assessment(session)
        assert assessment is not None
        assert fingerprint(session, assessment, version=V2) == GOLDEN
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
        for version in (V2, None):
            reference = canonical_bytes(canonical_content(session, assessment, version=version))
            chunks = canonical_chunks(session, assessment, version=version)
            assert "".join(chunks).encode("utf-8") == reference
            digest = hashlib.sha256(reference).hexdigest()
            assert fingerprint(session, assessment, version=version) == digest
