"""`wrac progress / plan / attach / attachments`: the plan moves after approval, the signed
revision does not; evidence is stored once, checked by content, and tampering is found."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from PIL import Image

from tests.unit.cli.test_cli import run
from tests.unit.reports.test_reports import pdf_text


@pytest.fixture
def approved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "3")[0] == 0
    code, _out, err = run(
        capsys, "approve", str(path), "--by", "Серікбаев Қ.", "--position", "Бас инженер",
        "--date", "2026-03-20", "--yes",
    )  # fmt: skip
    assert code == 0, err
    return path


def _photo(path: Path, size: tuple[int, int], orientation: int | None = None) -> Path:
    image = Image.new("RGB", size, (180, 90, 40))
    exif = image.getexif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(path, exif=exif, quality=90)
    return path


def _plan(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, list]:
    code, out, err = run(capsys, "plan", str(path), "--json", *extra)
    assert code in (0, 1), err
    return code, json.loads(out)


def _summary(capsys: pytest.CaptureFixture[str], path: Path, tmp: Path, *extra: str) -> dict:
    out = tmp / "summary.json"
    code, _o, err = run(capsys, "export", str(path), "--report", "summary", "--format", "json",
                        "-o", str(out), "--force", *extra)  # fmt: skip
    assert code == 0, err
    return dict(json.loads(out.read_text("utf-8"))["entities"][0])


def test_five_done_two_with_photos_one_verified(
    approved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before_pdf = tmp_path / "before.pdf"
    assert run(capsys, "export", str(approved), "--report", "plan", "--format", "pdf",
               "-o", str(before_pdf))[0] == 0  # fmt: skip
    done_before = _summary(capsys, approved, tmp_path)["measures_done"]
    _code, plan = _plan(capsys, approved)
    open_numbers = [row["number"] for row in plan if row["status"] in ("planned", "in_progress")]
    chosen = open_numbers[:5]
    photo = _photo(tmp_path / "site.jpg", (3000, 2000), orientation=6)
    for index, number in enumerate(chosen):
        extra = ["--attach", str(photo)] if index < 2 else []
        code, out, err = run(capsys, "progress", str(approved), str(number), "--status", "done",
                             "--date", "2026-11-02", *extra)  # fmt: skip
        assert code == 0, err
    code, _out, err = run(capsys, "progress", str(approved), str(chosen[0]), "--status",
                          "verified", "--by", "Инспектор Ә.", "--date", "2026-11-03")  # fmt: skip
    assert code == 0, err

    code, out, _err = run(capsys, "verify", str(approved), str(before_pdf))
    assert code == 0, out
    _code, plan = _plan(capsys, approved)
    by_number = {row["number"]: row for row in plan}
    assert by_number[chosen[0]]["status"] == "verified"
    assert all(by_number[n]["status"] == "done" for n in chosen[1:])
    assert all(by_number[n]["completed_on"] == "2026-11-02" for n in chosen)
    assert _summary(capsys, approved, tmp_path)["measures_done"] == done_before + 5
    # --as-of reproduces the day before: none of the five done yet.
    assert _summary(capsys, approved, tmp_path, "--as-of", "2026-11-01")["measures_done"] == (
        done_before
    )
    # the same photo twice is one blob; scaled on import and upright
    with sqlite3.connect(approved) as db:
        assert db.execute("SELECT count(*) FROM attachment").fetchone()[0] == 2
        ((blobs, size),) = db.execute("SELECT count(*), max(size) FROM attachment_blob")
        # the audit trail names every step and every attached file by its hash
        actions = [a for (a,) in db.execute("SELECT action FROM audit_log ORDER BY id")]
        assert actions.count("progress") == 6 and actions.count("attach") == 2
        ((sha256,),) = db.execute("SELECT sha256 FROM attachment_blob")
        attached = db.execute("SELECT changes FROM audit_log WHERE action = 'attach'").fetchall()
        assert all(sha256 in changes for (changes,) in attached)
    assert blobs == 1 and size < photo.stat().st_size
    code, out, _err = run(capsys, "attachments", str(approved), "--extract", str(tmp_path / "x"))
    assert code == 0
    extracted = sorted((tmp_path / "x").iterdir())
    assert len(extracted) == 2
    with Image.open(extracted[0]) as image:
        assert image.size == (1707, 2560)  # turned by its EXIF orientation, then scaled
    assert run(capsys, "check", str(approved))[0] == 0


def test_overdue_plan_exits_1_and_lists_only_overdue_rows(
    approved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, overdue = _plan(capsys, approved, "--overdue")
    assert code == 1 and overdue
    assert all(row["overdue"] and row["status"] in ("planned", "in_progress") for row in overdue)
    assert {"uuid", "number", "status", "deadline", "overdue"} <= set(overdue[0])
    for row in overdue:  # mark them all done: nothing is overdue any more
        assert run(capsys, "progress", str(approved), row["uuid"], "--status", "done")[0] == 0
    code, overdue = _plan(capsys, approved, "--overdue")
    assert (code, overdue) == (0, [])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["99999", "--status", "done"], "no measure 99999"),
        (["²", "--status", "done"], "no measure ²"),
        (["1", "--status", "done", "--date", "2999-01-01"], "in the future"),
        (["1", "--status", "verified"], "before it is done"),
        (["1", "--status", "postponed", "--note", "ремонт"], "new deadline"),
        (["1", "--status", "cancelled"], "--note"),
    ],
)
def test_refused_steps_exit_2_and_store_nothing(
    approved: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _out, err = run(capsys, "progress", str(approved), *args)
    assert code == 2 and message in err
    with sqlite3.connect(approved) as db:
        assert db.execute("SELECT count(*) FROM progress_event").fetchone()[0] == 0


def test_postponed_measure_takes_its_new_deadline(
    approved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, overdue = _plan(capsys, approved, "--overdue")
    first = overdue[0]
    assert run(capsys, "progress", str(approved), first["uuid"], "--status", "postponed",
               "--deadline", "2099-12-31", "--note", "поставка")[0] == 0  # fmt: skip
    _code, plan = _plan(capsys, approved)
    row = next(r for r in plan if r["uuid"] == first["uuid"])
    assert (row["status"], row["deadline"], row["overdue"]) == ("postponed", "2099-12-31", False)


def test_files_are_checked_by_content_and_size(
    approved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(approved) as db:
        (hazard,) = db.execute("SELECT uuid FROM hazard LIMIT 1").fetchone()
    hazard = str(__import__("uuid").UUID(hazard))
    fake = tmp_path / "act.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf")
    code, _out, err = run(capsys, "attach", str(approved), "--hazard", hazard, str(fake))
    assert code == 2 and "act.pdf is not a JPEG or PNG photo or a PDF" in err
    big = tmp_path / "big.pdf"
    with big.open("wb") as file:
        file.write(b"%PDF-1.7\n")
        file.truncate(25 * 1024 * 1024 + 1)
    code, _out, err = run(capsys, "attach", str(approved), "--hazard", hazard, str(big))
    assert code == 2 and "25 MB at most" in err
    act = tmp_path / "act-real.pdf"
    act.write_bytes(b"%PDF-1.4\n%%EOF\n")
    code, out, err = run(capsys, "attach", str(approved), "--hazard", hazard, str(act))
    assert code == 0, err
    code, _out, err = run(capsys, "attach", str(approved), "--hazard", "nonsense", str(act))
    assert code == 2 and "no hazard nonsense" in err


@pytest.mark.parametrize(
    ("sql", "found"),
    [
        ("UPDATE progress_event SET note = 'x' WHERE id = 1", "progress log: entry 1 was changed"),
        ("DELETE FROM progress_event WHERE id = 1", "progress log: entries 1–1 are missing"),
        ("DELETE FROM attachment WHERE id = 1", "attachments: entries 1–1 are missing"),
        ("UPDATE attachment SET owner_kind = 'hazard'", "attachments: entry 1 was changed"),
        ("UPDATE attachment_blob SET data = X'00'", "was changed outside the app"),
    ],
)
def test_tampering_with_progress_or_attachments_is_found(
    approved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], sql: str, found: str
) -> None:
    photo = _photo(tmp_path / "p.jpg", (200, 100))
    for status in ("started", "done"):
        assert run(capsys, "progress", str(approved), "1", "--status", status,
                   "--attach", str(photo))[0] == 0  # fmt: skip
    assert run(capsys, "check", str(approved))[0] == 0
    with sqlite3.connect(approved) as db:
        db.execute(sql)
    code, out, _err = run(capsys, "check", str(approved))
    assert code == 1 and found in out


def test_new_revision_starts_from_current_status(
    approved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _code, plan = _plan(capsys, approved)
    target, later, untouched = [r for r in plan if r["status"] == "planned"][:3]
    assert run(capsys, "progress", str(approved), target["uuid"], "--status", "done",
               "--date", "2026-10-01")[0] == 0  # fmt: skip
    assert run(capsys, "progress", str(approved), later["uuid"], "--status", "postponed",
               "--deadline", "2099-12-31", "--note", "поставка")[0] == 0  # fmt: skip
    assert run(capsys, "revise", str(approved))[0] == 0
    _code, plan = _plan(capsys, approved)

    def copy_of(row: dict) -> dict:
        return next(r for r in plan if r["measure"] == row["measure"]
                    and r["workplace"] == row["workplace"])  # fmt: skip

    assert (copy_of(target)["status"], copy_of(target)["completed_on"]) == ("done", "2026-10-01")
    assert (copy_of(later)["status"], copy_of(later)["deadline"]) == ("postponed", "2099-12-31")
    assert copy_of(untouched)["uuid"] != untouched["uuid"]
    assert {k: v for k, v in copy_of(untouched).items() if k != "uuid"} == {
        k: v for k, v in untouched.items() if k != "uuid"
    }
    assert run(capsys, "check", str(approved))[0] == 0


def test_the_register_pdf_appends_the_photos_per_hazard(
    approved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    upright = _photo(tmp_path / "pump.jpg", (3000, 2000), orientation=6)
    assert run(capsys, "progress", str(approved), "1", "--status", "done",
               "--attach", str(upright))[0] == 0  # fmt: skip
    plain, photos = tmp_path / "plain.pdf", tmp_path / "photos.pdf"
    base = ["export", str(approved), "--report", "register", "--format", "pdf", "--lang", "ru"]
    base.append("-o")
    assert run(capsys, *base, str(plain))[0] == 0
    assert run(capsys, *base, str(photos), "--with-photos")[0] == 0
    with_pages, without_pages = PdfReader(photos).pages, PdfReader(plain).pages
    assert len(with_pages) == len(without_pages) + 1
    last = with_pages[-1]
    text = last.extract_text()
    assert text.startswith("Приложение: фото") and "pump.jpg" in text  # the report's language
    (image,) = last.images
    assert image.image is not None and image.image.height > image.image.width  # turned upright
    assert run(capsys, "verify", str(approved), str(photos))[0] == 0  # the signed content
    code, _out, err = run(capsys, "export", str(approved), "--report", "plan", "--format", "pdf",
                          "-o", str(tmp_path / "p.pdf"), "--with-photos")  # fmt: skip
    assert code == 2 and "register as PDF only" in err


def test_as_of_reproduces_an_earlier_day_and_the_plan_prints_which_day(
    approved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 5: the plan names the day whose progress it shows, and ``--as-of`` goes back."""
    _code, plan = _plan(capsys, approved)
    number = next(row["number"] for row in plan if row["status"] == "planned")
    assert run(capsys, "progress", str(approved), str(number), "--status", "done",
               "--date", "2026-11-02")[0] == 0  # fmt: skip

    def status_on(*extra: str) -> str:
        return next(row for row in _plan(capsys, approved, *extra)[1] if row["number"] == number)[
            "status"
        ]

    assert (status_on(), status_on("--as-of", "2026-11-01")) == ("done", "planned")
    assert status_on("--as-of", "2026-11-02") == "done"
    code, _out, err = run(capsys, "plan", str(approved), "--as-of", "2.11.2026")
    assert code == 2 and "2.11.2026" in err

    for lang, words in [
        ("kk", "Іс-шаралардың орындалу жай-күйі 01.11.2026"),
        ("ru", "Состояние выполнения мероприятий на 01.11.2026"),
        ("en", "Status of the measures as of 1 Nov 2026"),
    ]:
        pdf = tmp_path / f"plan-{lang}.pdf"
        xlsx = tmp_path / f"plan-{lang}.xlsx"
        for out in (pdf, xlsx):
            assert run(capsys, "export", str(approved), "--report", "plan", "--lang", lang,
                       "--format", out.suffix[1:], "--as-of", "2026-11-01",
                       "-o", str(out))[0] == 0  # fmt: skip
        assert words in " ".join(pdf_text(pdf).split())
        sheet = openpyxl.load_workbook(xlsx).worksheets[0]
        assert sheet.oddHeader.left.text == words + (" бойынша" if lang == "kk" else "")
    pair = tmp_path / "plan-kk-ru.xlsx"
    assert run(capsys, "export", str(approved), "--report", "plan", "--lang", "kk+ru",
               "--format", "xlsx", "--as-of", "2026-11-01", "-o", str(pair))[0] == 0  # fmt: skip
    header = openpyxl.load_workbook(pair).worksheets[0].oddHeader.left.text
    assert header == (
        "Іс-шаралардың орындалу жай-күйі 01.11.2026 бойынша / "
        "Состояние выполнения мероприятий на 01.11.2026"
    )
