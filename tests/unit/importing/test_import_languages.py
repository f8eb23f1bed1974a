"""An imported worksheet's texts in their languages (issue 16 item 5): each cell stored in the
language its letters show, or the one ``--lang`` names; a library text in any language gets
the library's other languages, and a hazard named as a library entry remembers the entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Sample
from tests.unit.cli.test_cli import run
from tests.unit.importing.worksheets import write_xlsx
from wrac_desktop.hazards import load_builtin_library
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import Register, open_register
from wrac_desktop.services import translations
from wrac_desktop.services.importing import import_worksheet

HEADER = ("Рабочее место", "Опасность", "Опасное событие", "Мероприятие")
LIBRARY = load_builtin_library()
ARC = LIBRARY.get("arc_flash")
DUST = LIBRARY.get("dust_silica")


def texts_of(register: Register, ids: Sample, source: str) -> tuple[str | None, dict[str, str]]:
    with register.uow.reading() as session:
        found = translations.translations_of(session, ids.assessment_id).of(source)
    return found.lang, {lang: found.value(lang) for lang in ("kk", "ru", "en")}


def test_library_texts_in_any_language_get_the_other_languages_and_the_entry(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    register, ids = sample_register
    rows = [
        HEADER,
        ("Электромонтёр", ARC.name["ru"], ARC.unwanted_events[0]["ru"], ARC.controls[0].text["ru"]),
        ("Бұрғылаушы", DUST.name["kk"], DUST.unwanted_events[0]["en"], "Өз мәтініміз"),
    ]
    sheet = write_xlsx(tmp_path / "mixed.xlsx", rows)
    plan = import_worksheet(register, sheet)
    summary = plan.summary()
    assert summary["texts_from_library"] == 5
    assert texts_of(register, ids, ARC.name["ru"]) == ("ru", dict(ARC.name))
    assert texts_of(register, ids, ARC.controls[0].text["ru"]) == ("ru", dict(ARC.controls[0].text))
    assert texts_of(register, ids, DUST.name["kk"]) == ("kk", dict(DUST.name))
    assert texts_of(register, ids, DUST.unwanted_events[0]["en"]) == (
        "en", dict(DUST.unwanted_events[0]),
    )  # fmt: skip
    own = texts_of(register, ids, "Өз мәтініміз")
    assert own == ("kk", {"kk": "Өз мәтініміз", "ru": "", "en": ""})  # detected, none invented
    assert texts_of(register, ids, "Электромонтёр")[0] == "ru"
    with register.uow.reading() as session:
        picked = dict(session.execute(select(Hazard.description, Hazard.library_id)).all())
    assert picked[ARC.name["ru"]] == "arc_flash" and picked[DUST.name["kk"]] == "dust_silica"


def test_lang_names_a_kazakh_text_without_kazakh_letters_and_is_counted(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    register, ids = sample_register
    sheet = write_xlsx(tmp_path / "kk.xlsx", [HEADER, ("Слесарь", "Улы заттар", "Улану", "")])
    plan = import_worksheet(register, sheet, text_lang="kk")
    summary = plan.summary()
    assert (summary["texts_kk"], summary["texts_ru"], summary["texts_from_library"]) == (3, 0, 0)
    assert texts_of(register, ids, "Улы заттар")[0] == "kk"
    detected = write_xlsx(tmp_path / "ru.xlsx", [HEADER, ("Слесарь", "Ядовитые вещества", "", "")])
    assert import_worksheet(register, detected).summary()["texts_ru"] == 1


def test_a_text_the_register_already_translated_keeps_its_translation(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        from wrac_desktop.persistence.models import Assessment

        assessment = session.get_one(Assessment, ids.assessment_id)
        translations.translate(session, assessment, ARC.name["ru"], "kk", "Біздің аударма")
    sheet = write_xlsx(tmp_path / "again.xlsx", [HEADER, ("Электромонтёр", ARC.name["ru"], "", "")])
    import_worksheet(register, sheet)
    assert texts_of(register, ids, ARC.name["ru"])[1]["kk"] == "Біздің аударма"


def test_the_cli_prints_the_languages_and_takes_lang(
    sample_register: tuple[Register, Sample], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register, _ids = sample_register
    register.close()
    sheet = write_xlsx(tmp_path / "t.xlsx", [HEADER, ("Электромонтёр", ARC.name["en"], "", "")])
    code, out, err = run(capsys, "import", register.location, str(sheet), "--lang", "ru")
    assert (code, err) == (0, "")
    assert (
        "new texts in Kazakh 0, Russian 1, English 1; 1 of them found in the hazard library" in out
    )
    with open_register(Path(register.location)) as reopened, reopened.uow.reading() as session:
        assert session.scalars(select(Hazard.library_id).where(
            Hazard.description == ARC.name["en"])).one() == "arc_flash"  # fmt: skip


def test_texts_python_hashes_alike_are_counted_apart(
    sample_register: tuple[Register, Sample], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The texts counted were remembered by Python's 64-bit ``hash``: two texts hashing alike
    were counted once, and the second got no translation row. They are remembered by the
    128-bit digests the rows are (``importing.seen``); here every text hashes alike."""
    from wrac_desktop.importing import rows
    from wrac_desktop.services import importing

    monkeypatch.setattr(importing, "hash", lambda _value: 0, raising=False)
    monkeypatch.setattr(rows, "CHUNK_HAZARDS", 1)  # a chunk a hazard: the texts meet later
    register, ids = sample_register
    lines = [("Слесарь", f"Улы заттар {n}", f"Улану {n}", "") for n in range(3)]
    sheet = write_xlsx(tmp_path / "kk.xlsx", [HEADER, *lines])
    summary = import_worksheet(register, sheet, text_lang="kk").summary()
    assert summary["texts_kk"] == 7  # the workplace, and each hazard's two texts
    assert all(texts_of(register, ids, f"Улану {n}")[0] == "kk" for n in range(3))
